//! Exchange platform → *Billing mode* tab (guide: Voir/Modifier votre mode de facturation,
//! Arrêter le renouvellement; R2–R5): tick one or several accounts, choose Monthly / Yearly /
//! None, *Validate*, check what changes and from which renewal, then confirm. Choosing None
//! shows the guide's PST alert. The review is the domain's own answer, tried on a copy.
use super::dashboard::mode_text;
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::RuleChips;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn BillingModePage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let selected = RwSignal::new(BTreeSet::<AccountId>::new());
    let mode = RwSignal::new(None::<BillingMode>);
    // Some(lines) while the change is being reviewed: (account, old mode, new mode, from, rules).
    let review = RwSignal::new(None::<Vec<(String, BillingMode, BillingMode, chrono::NaiveDate, Vec<RuleId>)>>);
    let refusal = RwSignal::new(None::<String>);

    let accounts = move || {
        ctx.with(|s| {
            s.platforms.iter()
                .filter(|p| matches!(p.status, PlatformStatus::Active))
                .flat_map(|p| p.accounts.iter().map(move |a| (p.name.clone(), a.clone())))
                .collect::<Vec<_>>()
        })
    };
    let action = move || Action::SetMode {
        accounts: selected.get_untracked().into_iter().collect(),
        mode: mode.get_untracked().unwrap_or(BillingMode::Monthly),
    };
    let validate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        if mode.get_untracked().is_none() {
            refusal.set(Some(lang.t().bm_choose.to_string()));
            return;
        }
        match ctx.try_on_copy(action()) {
            Err(r) => { refusal.set(Some(i18n::refusal_text(lang, &r))); review.set(None); }
            Ok(events) => {
                refusal.set(None);
                let old = ctx.with_untracked(|s| {
                    s.platforms.iter().flat_map(|p| p.accounts.iter())
                        .map(|a| (a.email.clone(), a.next_mode()))
                        .collect::<Vec<_>>()
                });
                let lines = events.into_iter().filter_map(|e| match e.kind {
                    EventKind::ModeChangeScheduled { account, mode, from } => {
                        let before = old.iter().find(|(email, _)| *email == account).map(|(_, m)| *m).unwrap_or(mode);
                        Some((account, before, mode, from, e.rules))
                    }
                    _ => None,
                }).collect();
                review.set(Some(lines));
            }
        }
    };
    let confirm = move |_| match ctx.dispatch(action()) {
        Ok(_) => { review.set(None); selected.set(BTreeSet::new()); mode.set(None); }
        Err(r) => { refusal.set(Some(i18n::refusal_text(ctx.lang.get_untracked(), &r))); review.set(None); }
    };
    let all_ids = move || accounts().into_iter().filter(|(_, a)| a.can_change_mode()).map(|(_, a)| a.id).collect::<BTreeSet<_>>();

    view! {
        <h1>{t.nav_billing_mode}</h1>
        <p>{t.bm_intro}</p>
        <form on:submit=validate novalidate>
            <div class="table-wrap"><table>
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
                    {move || accounts().into_iter().map(|(_, a)| {
                        let id = a.id;
                        let email = a.email.clone();
                        let active = a.can_change_mode();
                        let (expiry, status, email_cell) = (a.expiry, a.status, a.email.clone());
                        view! {
                            <tr>
                                <td><input type="checkbox" disabled=!active
                                    aria-label=fill(t.bm_select_row, &[&email])
                                    prop:checked=move || selected.with(|s| s.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                        review.set(None);
                                    }/></td>
                                <th scope="row">{email_cell}</th>
                                <td>{mode_text(lang, &a)}</td>
                                <td>{i18n::date(lang, expiry)}</td>
                                <td>{i18n::account_status(lang, status)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
            <p>{move || fill(t.bm_selected, &[&selected.with(|s| s.len()).to_string()])}</p>
            <fieldset class="card">
                <legend>{t.bm_choose}</legend>
                {[BillingMode::Monthly, BillingMode::Yearly, BillingMode::None].into_iter().map(|m| view! {
                    <label class="check">
                        <input type="radio" name="mode" prop:checked=move || mode.get() == Some(m)
                            on:change=move |_| { mode.set(Some(m)); review.set(None); }/>
                        {i18n::mode_name(lang, m)}
                    </label>
                }).collect_view()}
            </fieldset>
            // R5: choosing None shows the guide's alert before anything is confirmed.
            {move || (mode.get() == Some(BillingMode::None)).then(|| view! {
                <p class="alert" role="alert">{t.pst_alert_one}</p>
            })}
            <p class="error" role="alert">{move || refusal.get()}</p>
            <button type="submit" class="primary">{t.bm_validate}</button>
        </form>
        {move || review.get().map(|lines| view! {
            <section class="card" aria-labelledby="review-title">
                <h2 id="review-title">{t.bm_review_title}</h2>
                <ul>
                    {lines.into_iter().map(|(account, before, after, from, rules)| view! {
                        <li>
                            {fill(t.bm_review_line, &[&account, i18n::mode_name(lang, before),
                                i18n::mode_name(lang, after), &i18n::date(lang, from)])}
                            " " <RuleChips rules=rules.clone()/>
                        </li>
                    }).collect_view()}
                </ul>
                <p>{t.bm_no_order}</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=confirm>{t.confirm}</button>
                    <button type="button" on:click=move |_| review.set(None)>{t.cancel}</button>
                </div>
            </section>
        })}
    }
}
