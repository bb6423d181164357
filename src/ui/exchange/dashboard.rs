//! Exchange platform dashboard: the accounts with their mode, expiry and status, *Export (PST)*
//! (R5), *Résilier* and its cancellation with the guide's PST alert (R6), *Add an account* (R2,
//! not while a termination is scheduled: R8). What *Résilier* would do is the engine's plan.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill, plural_args};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::TextField;
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let platforms = ctx.memo(|s| s.platforms.iter().map(|p| p.id).collect::<Vec<_>>());
    view! {
        <h1>{t.ex_title}</h1>
        {move || platforms.get().into_iter().enumerate().map(|(i, id)| view! { <PlatformCard id first=i == 0/> }).collect_view()}
    }
}

/// The account's billing mode, with the change waiting for the next renewal (R3).
pub fn mode_text(lang: i18n::Lang, account: &ExchangeAccount) -> String {
    modes_text(lang, account.mode, account.pending_mode, account.expiry)
}

fn modes_text(lang: i18n::Lang, mode: BillingMode, pending: Option<BillingMode>, expiry: chrono::NaiveDate) -> String {
    let current = i18n::mode_name(lang, mode).to_string();
    match pending {
        Some(next) if next != mode => format!(
            "{current} — {}",
            fill(lang.t().pending_mode, &[i18n::mode_name(lang, next), &i18n::date(lang, expiry)])
        ),
        _ => current,
    }
}

#[component]
fn PlatformCard(id: PlatformId, first: bool) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let header = ctx.memo(move |s| s.platform(id).map(|p| (p.name.clone(), p.start, p.next_anniversary(s.today), p.is_active(), p.termination.is_some())));
    // One key per row, made of everything the row shows: a *Next event* that renews a few
    // accounts redraws those rows only, not the whole table (issue 21, decision 141).
    let rows = ctx.memo(move |s| {
        let Some(p) = s.platform(id) else { return Vec::new() };
        // The walkthrough's "Export (PST)" is the first account still to back up (so in G7 it
        // moves from contact@ to sales@ as the step's text says), or the first exportable one.
        let to_export = first
            .then(|| {
                p.accounts.iter().position(|a| a.can_export_pst() && a.pst_export.is_none()).or_else(|| p.accounts.iter().position(|a| a.can_export_pst()))
            })
            .flatten();
        p.accounts.iter().enumerate().map(|(index, a)| AccountRow {
            id: a.id,
            email: a.email.clone(),
            mode: a.mode,
            pending_mode: a.pending_mode,
            expiry: a.expiry,
            status: a.status,
            pst_export: a.pst_export,
            tour: to_export == Some(index),
        }).collect::<Vec<_>>()
    });
    move || header.get().map(|(name, start, anniversary, active, terminating)| {
        let title = format!("platform-{}", id.0);
        view! {
            <section class="card" aria-labelledby=title.clone()>
                <h2 id=title.clone()>{fill(t.ex_platform, &[&name])}</h2>
                <p>{if active {
                    fill(t.ex_started, &[&i18n::date(lang, start), &i18n::date(lang, anniversary)])
                } else {
                    fill(t.ex_started_only, &[&i18n::date(lang, start)])
                }}</p>
                <AccountsTable first rows/>
                <Termination id/>
                {(active && !terminating).then(|| view! { <AddAccount id/> })}
                {(active && terminating).then(|| view! { <p class="hint">{t.add_account_blocked}</p> })}
            </section>
        }
    })
}

/// What one row of the accounts table shows: its key in the keyed list.
#[derive(Clone, PartialEq, Eq, Hash)]
struct AccountRow {
    id: AccountId,
    email: String,
    mode: BillingMode,
    pending_mode: Option<BillingMode>,
    expiry: chrono::NaiveDate,
    status: AccountStatus,
    pst_export: Option<chrono::NaiveDate>,
    /// The walkthrough's "Export (PST)" target.
    tour: bool,
}

/// The platform's accounts: the markup of `widgets::DataTable` (a row header, each cell
/// labelled for the stacked phone layout), drawn by a keyed list so that only the rows that
/// changed are drawn again.
#[component]
fn AccountsTable(first: bool, rows: Memo<Vec<AccountRow>>) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let id = if first { "accounts-title" } else { "accounts-title-2" };
    let tour = if first { TourTarget::Accounts } else { TourTarget::OtherAccounts }.attr();
    let any = Memo::new(move |_| rows.with(|r| !r.is_empty()));
    let row = move |a: AccountRow| {
        let account_id = a.id;
        let status_class = match a.status {
            AccountStatus::Active => "badge ok",
            AccountStatus::SuspendedUnpaid | AccountStatus::SuspendedExpired => "badge err",
            AccountStatus::Terminated => "badge",
        };
        let can_export = a.status == AccountStatus::Active;
        view! {
            <tr>
                <th scope="row" data-label=t.col_account>{a.email.clone()}</th>
                <td data-label=t.col_mode>{modes_text(lang, a.mode, a.pending_mode, a.expiry)}</td>
                <td data-label=t.col_expiry>{i18n::date(lang, a.expiry)}</td>
                <td data-label=t.col_status><span class=status_class>{i18n::account_status(lang, a.status)}</span></td>
                <td data-label=t.col_pst>
                    {a.pst_export.map(|day| view! { <span>{fill(t.exported_on, &[&i18n::date(lang, day)])}</span> " " })}
                    {can_export.then(|| view! {
                        <button type="button" data-tour=a.tour.then_some(TourTarget::ExportPst.attr()) aria-label=fill(t.export_pst_named, &[&a.email])
                            on:click=move |_| { ctx.run(Action::ExportPst(account_id)); }>
                            {t.export_pst}
                        </button>
                    })}
                    {(a.pst_export.is_none() && !can_export).then_some(t.not_exported)}
                </td>
            </tr>
        }
    };
    view! {
        <section aria-labelledby=id data-tour=tour>
            <h2 id=id>{t.ex_accounts}</h2>
            {move || if any.get() {
                view! {
                    <div class="table-wrap"><table class="stack">
                        <thead><tr>
                            {[t.col_account, t.col_mode, t.col_expiry, t.col_status, t.col_pst].map(|name| view! { <th scope="col">{name}</th> })}
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|a| a.clone() children=row/>
                        </tbody>
                    </table></div>
                }.into_any()
            } else {
                view! { <p>{t.ex_no_accounts}</p> }.into_any()
            }}
        </section>
    }
}

/// *Résilier* (R6): the guide's alert, what will happen (the engine's plan: the date, the last
/// day to cancel, and the renewals that still come before), then a confirmation; or the
/// scheduled termination and its cancellation.
#[component]
fn Termination(id: PlatformId) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let confirming = RwSignal::new(false);
    // The keyboard focus follows the question: onto "Confirm" when it replaces "Terminate",
    // back onto "Terminate" when the user cancels.
    let (terminate_button, confirm_button) = (NodeRef::<leptos::html::Button>::new(), NodeRef::<leptos::html::Button>::new());
    let ask = move |asking: bool| {
        confirming.set(asking);
        request_animation_frame(move || {
            if let Some(button) = if asking { confirm_button } else { terminate_button }.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let info = ctx.memo(move |s| s.platform(id).map(|p| (p.status.clone(), p.termination.clone(), s.account.is_debtor())));
    move || match info.get().map(|(status, termination, _)| (status, termination)) {
        None => ().into_any(),
        Some((PlatformStatus::Terminated { on }, _)) => view! {
            <p class="alert">{fill(t.platform_terminated, &[&i18n::date(lang, on)])}</p>
        }.into_any(),
        Some((_, Some(term))) => {
            let renewals = ctx.with_untracked(|s| s.renewals_before(id, term.effective_on));
            view! {
                <div data-tour=TourTarget::Termination.attr()>
                    <p class="notice">{fill(t.termination_scheduled, &[
                        &i18n::date(lang, term.effective_on), &i18n::date(lang, term.last_cancel_day())])}</p>
                    <p>{renewals_text(lang, &renewals)}</p>
                    <button type="button" on:click=move |_| { ctx.run(Action::CancelTermination(id)); }>
                        {t.cancel_termination}
                    </button>
                </div>
            }.into_any()
        }
        Some((_, None)) if confirming.get() => match ctx.with_untracked(|s| s.plan_termination(id)) {
            Err(refusal) => view! {
                <p class="alert" role="alert">{i18n::refusal_text(lang, &refusal)}</p>
                <button type="button" on:click=move |_| ask(false)>{t.cancel}</button>
            }.into_any(),
            Ok(plan) => {
                let (anniversary, last) = (plan.termination.effective_on, plan.termination.last_cancel_day());
                view! {
                    <div class="card" role="group" aria-labelledby="terminate-title">
                        <h3 id="terminate-title">{t.terminate_title}</h3>
                        <p class="alert" role="alert">{t.pst_alert_all}</p>
                        <p>{fill(t.terminate_effect, &[&i18n::date(lang, anniversary), &i18n::date(lang, last)])}</p>
                        <p>{renewals_text(lang, &plan.renewals)}</p>
                        <div class="actions">
                            // The walkthrough's "terminate" step goes on to this confirmation.
                            <button type="button" class="danger" data-tour=TourTarget::Terminate.attr() node_ref=confirm_button on:click=move |_| {
                                if ctx.run(Action::Terminate(id)) { confirming.set(false); }
                            }>{t.terminate_confirm}</button>
                            <button type="button" on:click=move |_| ask(false)>{t.cancel}</button>
                        </div>
                    </div>
                }.into_any()
            }
        },
        Some(_) => view! {
            <button type="button" class="danger" data-tour=TourTarget::Terminate.attr() node_ref=terminate_button on:click=move |_| ask(true)>{t.terminate}</button>
        }.into_any(),
    }
}

/// R6: the renewals still invoiced before a termination, in one sentence.
fn renewals_text(lang: i18n::Lang, renewals: &[PlannedRenewal]) -> String {
    let t = lang.t();
    match renewals.last() {
        None => t.terminate_no_renewal.to_string(),
        Some(last) => plural_args(lang, renewals.len() as u64, t.terminate_renewals, &[&i18n::date(lang, last.date)]),
    }
}

/// *Add an account*: its first period is ordered and invoiced today.
#[component]
fn AddAccount(id: PlatformId) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let domain = ctx.with_untracked(|s| s.platform(id).map(|p| p.domain.clone()).unwrap_or_default());
    // Kept across a language switch (`Ctx::draft`), one per platform.
    let local = ctx.draft(format!("account-local-{}", id.0), String::new);
    let mode = ctx.draft(format!("account-mode-{}", id.0), || BillingMode::Monthly);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match LocalPart::parse(&local.get_untracked()) {
            Err(e) => error.set(Some(i18n::local_part_error(lang, &e).to_string())),
            Ok(part) => match ctx.dispatch(Action::AddAccount { platform: id, email_local_part: part, mode: mode.get_untracked() }) {
                Ok(_) => { error.set(None); local.set(String::new()); }
                Err(r) => error.set(Some(i18n::refusal_text(lang, &r))),
            },
        }
    };
    let input_id = format!("new-account-{}", id.0);
    let mode_id = format!("new-account-mode-{}", id.0);
    view! {
        <form class="form" on:submit=submit novalidate>
            <h3>{t.add_account}</h3>
            <TextField id=input_id label=t.add_account_label value=local error=error
                hint=fill(t.add_account_domain, &[&domain])/>
            <div class="field">
                <label for=mode_id.clone()>{t.add_account_mode}</label>
                <select id=mode_id on:change=move |ev| mode.set(if event_target_value(&ev) == "yearly" { BillingMode::Yearly } else { BillingMode::Monthly })>
                    <option value="monthly">{t.mode_monthly}</option>
                    <option value="yearly">{t.mode_yearly}</option>
                </select>
            </div>
            <p class="hint">{t.add_account_notice}</p>
            <button type="submit" class="primary">{t.add_account_submit}</button>
        </form>
    }
}
