//! What happens to the balance at invoice time, as arithmetic with the real numbers and the
//! rule on each line: the total incl. VAT (M2), what the balance covers (S2), what is charged
//! to the payment method (S4), what becomes debt (S5). Before an invoice the figures are the
//! engine's own preview of the next event day; after it, the invoice's record.
use crate::domain::{Invoice, RuleId};
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::RuleChips;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// The settlement lines of one invoice.
#[component]
pub fn SettlementLines(invoice: Invoice) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let m = |d: Decimal| i18n::money(lang, d);
    let rate = (invoice.vat_rate * Decimal::ONE_HUNDRED).normalize().to_string();
    let charged = invoice.charged.clone();
    let rest = invoice.total - invoice.covered_by_balance;
    let mut lines: Vec<(String, Vec<RuleId>)> = vec![(
        fill(t.ar_total, &[&m(invoice.excl_vat), &m(invoice.vat), &rate, &m(invoice.total)]),
        vec![RuleId::M2],
    )];
    lines.push((fill(t.ar_covered, &[&m(invoice.covered_by_balance)]), vec![RuleId::S2]));
    if rest.is_zero() {
        lines.push((t.ar_paid_by_balance.to_string(), vec![RuleId::S3]));
    } else {
        match &charged {
            Some((_, label, amount)) => lines.push((fill(t.ar_charged, &[label, &m(*amount)]), vec![RuleId::S4])),
            None => lines.push((fill(t.ar_not_charged, &[&m(rest)]), vec![RuleId::S4])),
        }
        lines.push((fill(t.ar_debt, &[&m(invoice.debited_to_account)]), vec![RuleId::S5]));
    }
    view! {
        <ol class="arithmetic">
            {lines.into_iter().map(|(text, rules)| view! {
                <li>{text} " " <RuleChips rules/></li>
            }).collect_view()}
        </ol>
    }
}

/// The next event day's invoices, settled in advance by the engine on a copy of what the rules
/// read: nothing changes until the clock gets there.
#[component]
pub fn SettlementPreview() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let preview = Memo::new(move |_| ctx.preview.get().map(|p| (p.date, p.invoices)));
    move || {
        preview.get().filter(|(_, invoices)| !invoices.is_empty()).map(|(date, invoices)| view! {
            <section class="card settlement" aria-labelledby="settlement-title" data-tour="settlement">
                <h2 id="settlement-title">{fill(t.ar_next_title, &[&i18n::date(lang, date)])}</h2>
                {invoices.into_iter().map(|invoice| view! {
                    <h3>{invoice.reference.clone()}</h3>
                    <SettlementLines invoice/>
                }).collect_view()}
            </section>
        })
    }
}
