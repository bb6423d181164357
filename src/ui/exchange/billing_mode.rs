//! Exchange platform → *Billing mode* tab (guide: Voir/Modifier votre mode de facturation,
//! Arrêter le renouvellement; R2–R5): tick one or several accounts, choose Monthly / Yearly /
//! None, *Validate*, check what changes and from which renewal, then confirm. Choosing None
//! shows the guide's PST alert. The review is the engine's own plan (`plan_mode_change`).
use super::dashboard::mode_text;
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill, plural};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::RuleChips;
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn BillingModePage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let selected = RwSignal::new(BTreeSet::<AccountId>::new());
    let mode = RwSignal::new(None::<BillingMode>);
    let review = RwSignal::new(None::<Vec<PlannedModeChange>>);
    let refusal = RwSignal::new(None::<String>);
    let mode_missing = RwSignal::new(false);

    let accounts = ctx.memo(|s| {
        s.platforms.iter()
            .filter(|p| p.is_active())
            .flat_map(|p| p.accounts.iter().cloned())
            .collect::<Vec<_>>()
    });
    let ids = move || selected.get_untracked().into_iter().collect::<Vec<_>>();
    let validate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = mode.get_untracked() else {
            // The choice is missing: said at the choice itself, and cleared by choosing.
            mode_missing.set(true);
            review.set(None);
            return;
        };
        match ctx.with_untracked(|s| s.plan_mode_change(&ids(), chosen)) {
            Err(r) => { refusal.set(Some(i18n::refusal_text(lang, &r))); review.set(None); }
            Ok(plan) => { refusal.set(None); review.set(Some(plan)); }
        }
    };
    let confirm = move |_| {
        let Some(chosen) = mode.get_untracked() else { return };
        match ctx.dispatch(Action::SetMode { accounts: ids(), mode: chosen }) {
            Ok(_) => { review.set(None); selected.set(BTreeSet::new()); mode.set(None); }
            Err(r) => { refusal.set(Some(i18n::refusal_text(lang, &r))); review.set(None); }
        }
    };
    let all_ids = move || accounts.get().into_iter().filter(|a| a.can_change_mode()).map(|a| a.id).collect::<BTreeSet<_>>();

    view! {
        <h1>{t.nav_billing_mode}</h1>
        <p>{t.bm_intro}</p>
        <form on:submit=validate novalidate data-tour=TourTarget::ModeForm.attr()>
            <div class="table-wrap" data-tour=TourTarget::ModeTable.attr()><table class="stack">
                <thead><tr>
                    <th scope="col">
                        <input type="checkbox" aria-label=t.bm_select_all
                            prop:checked=move || { let all = all_ids(); !all.is_empty() && selected.get() == all }
                            on:change=move |ev| selected.set(if event_target_checked(&ev) { all_ids() } else { BTreeSet::new() })/>
                    </th>
                    <th scope="col">{t.col_account}</th>
                    <th scope="col">{t.col_mode}</th>
                    <th scope="col">{t.col_expiry}</th>
                    <th scope="col">{t.col_status}</th>
                </tr></thead>
                <tbody>
                    {move || accounts.get().into_iter().map(|a| {
                        let id = a.id;
                        let active = a.can_change_mode();
                        view! {
                            <tr>
                                <td data-label=t.bm_select_col><input type="checkbox" disabled=!active
                                    aria-label=fill(t.bm_select_row, &[&a.email])
                                    prop:checked=move || selected.with(|s| s.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                        review.set(None);
                                    }/></td>
                                <th scope="row" data-label=t.col_account>{a.email.clone()}</th>
                                <td data-label=t.col_mode>{mode_text(lang, &a)}</td>
                                <td data-label=t.col_expiry>{i18n::date(lang, a.expiry)}</td>
                                <td data-label=t.col_status>{i18n::account_status(lang, a.status)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
            <p>{move || plural(lang, selected.with(|s| s.len()) as u64, t.bm_selected)}</p>
            <fieldset class="card" aria-describedby="mode-error" aria-invalid=move || mode_missing.get().to_string()>
                <legend>{t.bm_choose}</legend>
                {[BillingMode::Monthly, BillingMode::Yearly, BillingMode::None].into_iter().map(|m| view! {
                    <label class="check">
                        <input type="radio" name="mode" prop:checked=move || mode.get() == Some(m)
                            on:change=move |_| { mode.set(Some(m)); mode_missing.set(false); review.set(None); }/>
                        <span>{i18n::mode_name(lang, m)}</span>
                    </label>
                }).collect_view()}
                <p class="error" id="mode-error" role="alert">{move || mode_missing.get().then_some(t.bm_choose_missing)}</p>
            </fieldset>
            // R5: choosing None shows the guide's alert before anything is confirmed.
            {move || (mode.get() == Some(BillingMode::None)).then(|| view! {
                <p class="alert" role="alert">{t.pst_alert_one}</p>
            })}
            <p class="error" role="alert">{move || refusal.get()}</p>
            <button type="submit" class="primary">{t.bm_validate}</button>
        </form>
        {move || review.get().map(|plan| {
            view! {
                <section class="card" aria-labelledby="review-title">
                    <h2 id="review-title">{t.bm_review_title}</h2>
                    <ul>
                        {plan.clone().into_iter().map(|change| view! {
                            <li>
                                {fill(t.bm_review_line, &[&change.email, i18n::mode_name(lang, change.before),
                                    i18n::mode_name(lang, change.after), &i18n::date(lang, change.from)])}
                                " " <RuleChips rules=change.rules().to_vec()/>
                            </li>
                        }).collect_view()}
                    </ul>
                    // R5: each account set to None that was never exported, by name.
                    {plan.iter().filter(|c| c.never_exported).map(|c| view! {
                        <p class="alert" role="alert">{fill(t.bm_never_exported, &[&c.email, &i18n::date(lang, c.from)])}</p>
                    }).collect_view()}
                    <p>{t.bm_no_order}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=confirm>{t.bm_confirm}</button>
                        <button type="button" on:click=move |_| review.set(None)>{t.cancel}</button>
                    </div>
                </section>
            }
        })}
    }
}
