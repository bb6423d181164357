//! Billing → *My OVH account* (guide: Méthode 2, Créditer le compte OVH; A1–A3, C1–C2, D1–D4):
//! the balance and the debtor countdown, the *Credit* wizard, purchase orders, invoices,
//! movements with CSV export, the alert threshold (N2) and the balance chart.
use super::chart::BalanceChart;
use super::csv;
use super::pay::{order_status, PayOrderForm};
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::{days_left_text, DataTable, TextField};
use leptos::prelude::*;

#[component]
pub fn OvhAccountPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <h1>{t.acc_title}</h1>
        <BalanceCard/>
        <CreditWizard/>
        <OrdersTable/>
        <BalanceChart/>
        <InvoicesTable/>
        <MovementsTable/>
        <AlertThreshold/>
    }
}

#[component]
fn BalanceCard() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let balance = move || ctx.with(|s| s.account.balance);
    let debtor = move || {
        ctx.with(|s| s.account.deadline().map(|deadline| (s.account.debt(), deadline, s.today)))
    };
    view! {
        <section class="card" aria-labelledby="balance-title">
            <h2 id="balance-title">{t.acc_balance}</h2>
            <p class=move || if balance().is_sign_negative() && !balance().is_zero() { "balance negative" } else { "balance" }
               data-testid="balance">
                {move || i18n::money(lang, balance())}
            </p>
            {move || debtor().map(|(debt, deadline, today)| {
                let left = (deadline - today).num_days();
                view! {
                    <div class="alert" role="alert">
                        <p>{fill(t.acc_debtor, &[&i18n::money(lang, debt), &i18n::date(lang, deadline)])}</p>
                        <p>{days_left_text(t, left)}</p>
                    </div>
                }
            })}
        </section>
    }
}

/// *Créditer*: amount (proposed by C2) → summary → purchase order (A2).
#[component]
fn CreditWizard() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let step = RwSignal::new(0u8);
    let amount_text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let parsed = RwSignal::new(None::<Amount>);
    // Keyboard users land on the step they just opened: the amount field, then the confirmation.
    let amount_ref = NodeRef::<leptos::html::Input>::new();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(input) = amount_ref.get() {
            let _ = input.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });

    let open = move |_| {
        let proposed = ctx.with_untracked(|s| s.proposed_credit());
        let text = format!("{proposed:.2}");
        // The field shows the user's decimal separator; the parser takes both (C1).
        amount_text.set(if ctx.lang.get_untracked() == i18n::Lang::En { text } else { text.replace('.', ",") });
        error.set(None);
        step.set(1);
    };
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        match Amount::parse(&amount_text.get_untracked()) {
            Err(e) => error.set(Some(i18n::amount_error(lang, &e).to_string())),
            // C1/C2 are the domain's: try the credit on a copy before showing the summary.
            Ok(amount) => match ctx.try_on_copy(Action::Credit(amount)) {
                Err(refusal) => error.set(Some(i18n::refusal_text(lang, &refusal))),
                Ok(_) => {
                    error.set(None);
                    parsed.set(Some(amount));
                    step.set(2);
                }
            },
        }
    };
    let confirm = move |_| {
        let Some(amount) = parsed.get_untracked() else { return };
        match ctx.dispatch(Action::Credit(amount)) {
            Ok(_) => step.set(0),
            Err(refusal) => {
                error.set(Some(i18n::refusal_text(ctx.lang.get_untracked(), &refusal)));
                step.set(1);
            }
        }
    };
    let minimum = move || i18n::money(lang, ctx.with(|s| s.minimum_credit()));

    view! {
        <section class="card" aria-labelledby="credit-title">
            <h2 id="credit-title">{t.credit_title}</h2>
            {move || match step.get() {
                0 => view! {
                    <button type="button" class="primary" on:click=open>{t.acc_credit}</button>
                }.into_any(),
                1 => view! {
                    <form class="form" on:submit=check novalidate>
                        <TextField id="credit-amount" label=t.credit_amount_label value=amount_text error=error decimal=true
                            node_ref=amount_ref hint=Signal::derive(move || fill(t.credit_min_hint, &[&minimum()]))/>
                        <div class="actions">
                            <button type="submit" class="primary">{t.credit_continue}</button>
                            <button type="button" on:click=move |_| step.set(0)>{t.cancel}</button>
                        </div>
                    </form>
                }.into_any(),
                _ => view! {
                    <p>{move || fill(t.credit_summary, &[
                        &parsed.get().map(|a| i18n::money(lang, a.value())).unwrap_or_default()])}</p>
                    <div class="actions">
                        <button type="button" class="primary" node_ref=confirm_ref on:click=confirm>{t.credit_confirm}</button>
                        <button type="button" on:click=move |_| step.set(1)>{t.back}</button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn OrdersTable() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let rows = move || {
        ctx.with(|s| s.orders.iter().rev().cloned().collect::<Vec<_>>()).into_iter().map(|order| {
            let open = matches!(order.status, OrderStatus::Open);
            view! {
                <tr id=format!("order-{}", order.id.0)>
                    <th scope="row">{order.reference.clone()}</th>
                    <td>{i18n::date_short(lang, order.created)}</td>
                    <td>{i18n::purpose_name(lang, order.purpose)}</td>
                    <td class="num">{i18n::money(lang, order.amount)}</td>
                    <td>
                        {order_status(lang, &order.status)}
                        {open.then(|| view! { <PayOrderForm order=order.id reference=order.reference.clone()/> })}
                    </td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <DataTable id="orders-title" title=t.orders_title empty=t.orders_empty
            columns=vec![(t.col_reference, false), (t.col_date, false), (t.col_purpose, false), (t.col_amount, true), (t.col_status, false)]
            is_empty=Signal::derive(move || ctx.with(|s| s.orders.is_empty()))
            rows=rows/>
    }
}

#[component]
fn InvoicesTable() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    // The newest 50: a decade of monthly renewals stays light to draw.
    let rows = move || {
        ctx.with(|s| s.invoices.iter().rev().take(50).cloned().collect::<Vec<_>>()).into_iter().map(|invoice| {
            let status = match invoice.status {
                InvoiceStatus::Paid { on } => fill(t.invoice_paid, &[&i18n::date_short(lang, on)]),
                InvoiceStatus::Unpaid => t.invoice_unpaid.to_string(),
            };
            view! {
                <tr>
                    <th scope="row">{invoice.reference.clone()}</th>
                    <td>{i18n::date_short(lang, invoice.date)}</td>
                    <td class="num">{i18n::money(lang, invoice.total)}</td>
                    <td>{status}</td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <DataTable id="invoices-title" title=t.invoices_title empty=t.invoices_empty
            columns=vec![(t.col_reference, false), (t.col_date, false), (t.col_total, true), (t.col_status, false)]
            is_empty=Signal::derive(move || ctx.with(|s| s.invoices.is_empty()))
            rows=rows/>
    }
}

#[component]
fn MovementsTable() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let shown = RwSignal::new(50usize);
    let total = move || ctx.with(|s| s.account.movements.len());
    let export = move |_| {
        let (text, today) = ctx.with_untracked(|s| (csv::movements_csv(lang, &s.account.movements), s.today));
        csv::download(&format!("ovh-account-movements-{today}.csv"), &text);
    };
    let amount = move |value: rust_decimal::Decimal| {
        if value.is_zero() { String::new() } else { i18n::money(lang, value) }
    };
    let rows = move || {
        ctx.with(|s| s.account.movements.iter().rev().take(shown.get()).cloned().collect::<Vec<_>>())
            .into_iter()
            .map(|mv| view! {
                <tr>
                    <td>{i18n::date_short(lang, mv.date)}</td>
                    <td>{mv.reference.clone()}</td>
                    <td>{i18n::movement_kind(lang, mv.kind)}</td>
                    <td>{mv.method.clone().unwrap_or_default()}</td>
                    <td class="num">{amount(mv.debit)}</td>
                    <td class="num">{amount(mv.credit)}</td>
                    <td class="num">{i18n::money(lang, mv.balance_after)}</td>
                </tr>
            })
            .collect_view()
    };
    view! {
        <DataTable id="movements-title" title=t.movements_title empty=t.movements_empty
            columns=vec![(t.col_date, false), (t.col_reference, false), (t.col_type, false), (t.col_method, false),
                (t.col_debit, true), (t.col_credit, true), (t.col_balance_after, true)]
            is_empty=Signal::derive(move || total() == 0)
            rows=rows>
            <div class="actions"><button type="button" on:click=export>{t.export_csv}</button></div>
        </DataTable>
        {move || (total() > shown.get()).then(|| view! {
            <button type="button" on:click=move |_| shown.update(|n| *n += 200)>{t.show_more}</button>
        })}
    }
}

/// N2: the balance alert threshold.
#[component]
fn AlertThreshold() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let current = move || ctx.with(|s| s.account.alert_threshold);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        match Amount::parse(&text.get_untracked()) {
            Err(e) => error.set(Some(i18n::amount_error(lang, &e).to_string())),
            Ok(amount) => match ctx.dispatch(Action::SetAlertThreshold(Some(amount))) {
                Ok(_) => { error.set(None); text.set(String::new()); }
                Err(r) => error.set(Some(i18n::refusal_text(lang, &r))),
            },
        }
    };
    view! {
        <section class="card" aria-labelledby="alert-title">
            <h2 id="alert-title">{t.alert_title}</h2>
            <p>{move || match current() {
                Some(value) => fill(t.alert_current, &[&i18n::money(lang, value)]),
                None => t.alert_none.to_string(),
            }}</p>
            <form class="form" on:submit=save novalidate>
                <TextField id="alert-amount" label=t.alert_label value=text error=error decimal=true/>
                <div class="actions">
                    <button type="submit" class="primary">{t.save}</button>
                    {move || current().is_some().then(|| view! {
                        <button type="button" on:click=move |_| { ctx.run(Action::SetAlertThreshold(None)); }>
                            {t.alert_off}
                        </button>
                    })}
                </div>
            </form>
        </section>
    }
}
