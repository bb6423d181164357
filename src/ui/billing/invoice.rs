//! One invoice (S1–S5, M2): its lines and periods, excl. VAT, VAT and total, and how it was
//! settled, as arithmetic: what the balance covered, what was charged to the payment method,
//! what became debt. Reached from the invoice list, the journal and the invoice e-mail.
use crate::domain::*;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::guide::SettlementLines;
use crate::ui::widgets::{Cell, DataTable};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvoicePage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let params = use_params_map();
    let invoice = move || {
        let id = params.with(|p| p.get("id").and_then(|v| v.parse::<u32>().ok()))?;
        ctx.with(|s| s.invoices.iter().find(|i| i.id == InvoiceId(id)).cloned().map(|i| {
            let declined = s.declined_on(i.date);
            (i, declined)
        }))
    };
    move || match invoice() {
        None => view! {
            <h1>{t.invoice_unknown_title}</h1>
            <p>{t.ref_unknown}</p>
        }.into_any(),
        Some((invoice, declined)) => {
            let status = match invoice.status {
                InvoiceStatus::Paid { on } => fill(t.invoice_paid, &[&i18n::date(lang, on)]),
                InvoiceStatus::Unpaid => t.invoice_unpaid.to_string(),
            };
            let rate = (invoice.vat_rate * rust_decimal::Decimal::ONE_HUNDRED).normalize().to_string();
            let lines = invoice.lines.clone();
            let rows = move || lines.iter().map(|l| (String::new(), vec![
                Cell::text(l.email.clone()),
                Cell::text(i18n::mode_name(lang, l.mode)),
                Cell::text(fill(t.inv_period, &[&i18n::date(lang, l.from), &i18n::date(lang, l.to)])),
                Cell::num(i18n::money(lang, l.price)),
            ])).collect();
            view! {
                <h1>{fill(t.inv_title, &[&invoice.reference])}</h1>
                <dl class="card">
                    <dt>{t.col_date}</dt><dd>{i18n::date(lang, invoice.date)}</dd>
                    <dt>{t.col_status}</dt><dd>{status}</dd>
                    <dt>{t.inv_excl}</dt><dd class="num">{i18n::money(lang, invoice.excl_vat)}</dd>
                    <dt>{fill(t.inv_vat, &[&rate])}</dt><dd class="num">{i18n::money(lang, invoice.vat)}</dd>
                    <dt>{t.inv_total}</dt><dd class="num" data-testid="invoice-total">{i18n::money(lang, invoice.total)}</dd>
                </dl>
                <DataTable id="lines-title" title=t.inv_lines empty=t.inv_no_lines
                    columns=vec![t.col_account, t.col_mode, t.inv_period_col, t.col_amount]
                    rows=Box::new(rows)/>
                <section class="card" aria-labelledby="inv-settlement">
                    <h2 id="inv-settlement">{t.inv_settlement}</h2>
                    <SettlementLines invoice declined/>
                </section>
                <p><A href=crate::ui::nav::app_href("/billing/ovh-account")>{t.nav_ovh_account}</A></p>
            }.into_any()
        }
    }
}
