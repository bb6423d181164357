//! What happens to the balance at invoice time, as arithmetic with the real numbers and the
//! rule on each line: the total incl. VAT (M2), what the balance covers (S2), what is charged
//! to the payment method (S4), what becomes debt (S5). Before an invoice the figures are the
//! engine's own preview of the next event day; after it, the invoice's record.
use crate::domain::{Invoice, SettlementLine};
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::RuleChips;
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// The settlement lines of one invoice, as the domain spells them out (`Invoice::settlement`),
/// each with its rules; `declined` names the method that declined the charge that day (P6), if
/// one did (`State::declined_on`, `Preview::declined`).
#[component]
pub fn SettlementLines(invoice: Invoice, #[prop(default = None)] declined: Option<String>) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let m = |d: Decimal| i18n::money(lang, d);
    let rate = (invoice.vat_rate * Decimal::ONE_HUNDRED).normalize().to_string();
    let text = |line: &SettlementLine| match line {
        SettlementLine::Total => fill(t.ar_total, &[&m(invoice.excl_vat), &m(invoice.vat), &rate, &m(invoice.total)]),
        SettlementLine::Covered(covered) => fill(t.ar_covered, &[&m(*covered)]),
        SettlementLine::PaidByBalance => t.ar_paid_by_balance.to_string(),
        SettlementLine::Charged { label, amount } => fill(t.ar_charged, &[label, &m(*amount)]),
        SettlementLine::MethodPaid => t.ar_card_paid.to_string(),
        SettlementLine::NotCharged { rest } => fill(t.ar_not_charged, &[&m(*rest)]),
        SettlementLine::Declined { label } => fill(t.ar_declined, &[label]),
        SettlementLine::Debt(debt) => fill(t.ar_debt, &[&m(*debt)]),
    };
    let lines: Vec<_> = invoice.settlement(declined.as_deref()).lines().iter().map(|line| (text(line), line.rules().to_vec())).collect();
    view! {
        <ol class="arithmetic">
            {lines.into_iter().map(|(text, rules)| view! {
                <li>{text} " " <RuleChips rules/></li>
            }).collect_view()}
        </ol>
    }
}

/// The next event day's invoices, settled in advance by the engine on a copy of what the rules
/// read: nothing changes until the clock gets there. `id` names its heading (the page and the
/// scenario player each have their own).
#[component]
pub fn SettlementPreview(id: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let preview = Memo::new(move |_| {
        ctx.preview().get().map(|p| {
            let declined = p.declined();
            (p.date, p.invoices, declined)
        })
    });
    move || {
        preview.get().filter(|(_, invoices, _)| !invoices.is_empty()).map(|(date, invoices, declined)| view! {
            <section class="card settlement" aria-labelledby=id data-tour=TourTarget::Settlement.attr()>
                <h2 id=id>{fill(t.ar_next_title, &[&i18n::date(lang, date)])}</h2>
                {invoices.into_iter().map(|invoice| {
                    let declined = declined.clone();
                    view! {
                        <h3>{invoice.reference.clone()}</h3>
                        <SettlementLines invoice declined/>
                    }
                }).collect_view()}
            </section>
        })
    }
}
