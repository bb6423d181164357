//! Exchange platform dashboard: the accounts with their mode, expiry and status, *Export (PST)*
//! (R5), *Résilier* and its cancellation with the guide's PST alert (R6), *Add an account*.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::TextField;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let platforms = move || ctx.with(|s| s.platforms.iter().map(|p| p.id).collect::<Vec<_>>());
    view! {
        <h1>{t.ex_title}</h1>
        {move || platforms().into_iter().map(|id| view! { <PlatformCard id/> }).collect_view()}
    }
}

pub fn platform(state: &State, id: PlatformId) -> Option<&Platform> {
    state.platforms.iter().find(|p| p.id == id)
}

/// The account's billing mode, with the change waiting for the next renewal (R3).
pub fn mode_text(lang: i18n::Lang, account: &ExchangeAccount) -> String {
    let current = i18n::mode_name(lang, account.mode).to_string();
    match account.pending_mode {
        Some(next) if next != account.mode => format!(
            "{current} — {}",
            fill(lang.t().pending_mode, &[i18n::mode_name(lang, next), &i18n::date(lang, account.expiry)])
        ),
        _ => current,
    }
}

#[component]
fn PlatformCard(id: PlatformId) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let data = move || ctx.with(|s| platform(s, id).cloned().map(|p| (p.clone(), p.next_anniversary(s.today))));
    view! {
        {move || data().map(|(p, anniversary)| {
            let accounts = p.accounts.clone();
            view! {
                <section class="card" aria-labelledby=format!("platform-{}", id.0)>
                    <h2 id=format!("platform-{}", id.0)>{fill(t.ex_platform, &[&p.name])}</h2>
                    <p>{fill(t.ex_started, &[&i18n::date(lang, p.start), &i18n::date(lang, anniversary)])}</p>
                    <div class="table-wrap"><table>
                        <thead><tr>
                            <th scope="col">{t.col_account}</th>
                            <th scope="col">{t.col_mode}</th>
                            <th scope="col">{t.col_expiry}</th>
                            <th scope="col">{t.col_status}</th>
                            <th scope="col">{t.col_pst}</th>
                        </tr></thead>
                        <tbody>
                            {accounts.into_iter().map(|a| {
                                let can_export = a.can_export_pst();
                                let account_id = a.id;
                                let email = a.email.clone();
                                let status_class = match a.status {
                                    AccountStatus::Active => "badge ok",
                                    AccountStatus::SuspendedUnpaid | AccountStatus::SuspendedExpired => "badge err",
                                    AccountStatus::Terminated => "badge",
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{a.email.clone()}</th>
                                        <td>{mode_text(lang, &a)}</td>
                                        <td>{i18n::date(lang, a.expiry)}</td>
                                        <td><span class=status_class>{i18n::account_status(lang, a.status)}</span></td>
                                        <td>
                                            {a.pst_export.map(|day| view! { <span>{fill(t.exported_on, &[&i18n::date_short(lang, day)])}</span> " " })}
                                            {can_export.then(|| view! {
                                                <button type="button" aria-label=format!("{} — {}", t.export_pst, email)
                                                    on:click=move |_| { ctx.run(Action::ExportPst(account_id)); }>
                                                    {t.export_pst}
                                                </button>
                                            })}
                                            {(a.pst_export.is_none() && !can_export).then_some(t.not_exported)}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                    <Termination id/>
                    {matches!(p.status, PlatformStatus::Active).then(|| view! { <AddAccount id domain=domain_of(&p)/> })}
                </section>
            }
        })}
    }
}

fn domain_of(platform: &Platform) -> String {
    platform
        .accounts
        .first()
        .and_then(|a| a.email.split_once('@').map(|(_, d)| d.to_string()))
        .unwrap_or_else(|| format!("{}.example", platform.name))
}

/// *Résilier* (R6): the guide's alert, what will happen and until when it can be cancelled,
/// then a confirmation; or the scheduled termination and its cancellation.
#[component]
fn Termination(id: PlatformId) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let confirming = RwSignal::new(false);
    // What *Résilier* would schedule today, as the domain counts it (R6).
    let info = move || ctx.with(|s| platform(s, id).map(|p| {
        let would = Termination { requested_on: s.today, effective_on: p.next_anniversary(s.today) };
        (p.status.clone(), p.termination.clone(), would)
    }));
    view! {
        <div class="termination">
            {move || {
                match info() {
                    None => ().into_any(),
                    Some((PlatformStatus::Terminated { on }, _, _)) => view! {
                        <p class="alert">{fill(t.platform_terminated, &[&i18n::date(lang, on)])}</p>
                    }.into_any(),
                    Some((_, Some(term), _)) => view! {
                        <p class="notice">{fill(t.termination_scheduled, &[
                            &i18n::date(lang, term.effective_on), &i18n::date(lang, term.last_cancel_day())])}</p>
                        <button type="button" on:click=move |_| { ctx.run(Action::CancelTermination(id)); }>
                            {t.cancel_termination}
                        </button>
                    }.into_any(),
                    Some((_, None, would)) => if confirming.get() {
                        let (anniversary, last) = (would.effective_on, would.last_cancel_day());
                        view! {
                            <div class="card" role="group" aria-labelledby="terminate-title">
                                <h3 id="terminate-title">{t.terminate_title}</h3>
                                <p class="alert" role="alert">{t.pst_alert_all}</p>
                                <p>{fill(t.terminate_effect, &[&i18n::date(lang, anniversary), &i18n::date(lang, last)])}</p>
                                <div class="actions">
                                    <button type="button" class="danger" on:click=move |_| {
                                        if ctx.run(Action::Terminate(id)) { confirming.set(false); }
                                    }>{t.confirm}</button>
                                    <button type="button" on:click=move |_| confirming.set(false)>{t.cancel}</button>
                                </div>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="danger" on:click=move |_| confirming.set(true)>{t.terminate}</button>
                        }.into_any()
                    },
                }
            }}
        </div>
    }
}

/// *Add an account*: its first period is ordered and invoiced today.
#[component]
fn AddAccount(id: PlatformId, domain: String) -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let local = RwSignal::new(String::new());
    let mode = RwSignal::new(BillingMode::Monthly);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
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
