//! The journal (T4): every event, newest first, with its explanation — the rules that made it
//! happen, each with its guide section, and the *(assumption)* label where RULES.md marks one.
use crate::domain::*;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::RuleChips;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn JournalPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let shown = RwSignal::new(100usize);
    let events = ctx.memo(move |s| s.journal.iter().rev().take(shown.get()).cloned().collect::<Vec<_>>());
    let total = ctx.memo(|s| s.journal.len());
    view! {
        <h1>{t.journal_title}</h1>
        <p>{t.journal_intro}</p>
        <p class="hint">{t.assumption_note}</p>
        {move || {
            let events = events.get();
            if events.is_empty() {
                return view! { <p>{t.journal_empty}</p> }.into_any();
            }
            view! {
                <div class="table-wrap"><table class="stack">
                    <thead><tr>
                        <th scope="col">{t.col_date}</th>
                        <th scope="col">{t.col_event}</th>
                        <th scope="col">{t.col_rules}</th>
                    </tr></thead>
                    <tbody>
                        {events.into_iter().map(|event| view! { <EventRow event/> }).collect_view()}
                    </tbody>
                </table></div>
            }.into_any()
        }}
        {move || (total.get() > shown.get()).then(|| view! {
            <button type="button" on:click=move |_| shown.update(|n| *n += 200)>{t.show_more}</button>
        })}
    }
}

#[component]
fn EventRow(event: Event) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let kind = event.kind.clone();
    let rules = event.rules.clone();
    let why = rules.clone();
    // An invoice's event leads to the invoice, where its settlement is spelled out.
    let invoice = match &kind {
        EventKind::InvoiceIssued { reference, .. } => ctx.with_untracked(|s| s.invoice_id(reference))
            .map(|id| (id, reference.clone())),
        _ => None,
    };
    view! {
        <tr>
            <td data-label=t.col_date>{i18n::date(lang, event.date)}</td>
            <td data-label=t.col_event>
                {i18n::event_text(lang, &kind)}
                {invoice.map(|(id, reference)| view! {
                    " " <A href=crate::ui::nav::app_href(&format!("/billing/invoices/{}", id.0))>{fill(t.inbox_open_invoice, &[&reference])}</A>
                })}
                <details>
                    <summary>{t.journal_rules_detail}</summary>
                    <ul>
                        {why.into_iter().map(|rule| view! {
                            <li>
                                <strong>{rule.code()}</strong>
                                {rule.is_assumption().then(|| format!(" {}", t.assumption))}
                                " — " {i18n::rule_text(lang, rule)} " "
                                <em>{fill(t.guide_section, &[i18n::section_name(lang, rule.guide_section())])}</em>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            </td>
            <td data-label=t.col_rules><RuleChips rules/></td>
        </tr>
    }
}
