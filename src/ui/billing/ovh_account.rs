//! Billing → *My OVH account* (guide: Méthode 2, Créditer le compte OVH; A1–A3, C1–C3, D1–D5):
//! the balance and the debtor countdown, the next invoice's settlement in advance, the *Credit*
//! wizard (its own address, `/billing/ovh-account/credit`), purchase orders, invoices, movements
//! with CSV export, the balance chart and the alert threshold (N2).
use super::chart::BalanceChart;
use super::csv;
use super::pay::{order_status, PayOrderForm};
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::guide::SettlementPreview;
use crate::ui::widgets::{countdown_text, Cell, DataTable, TextField};
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

#[component]
pub fn OvhAccountPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <h1>{t.acc_title}</h1>
        <BalanceCard/>
        // While a scenario is open its player shows the settlement: not twice on one screen.
        {move || crate::ui::guide::scenario::Story::of(&ctx.start_of_run()).is_none().then(|| view! { <SettlementPreview id="settlement-title"/> })}
        <CreditWizard/>
        <OrdersTable/>
        <InvoicesTable/>
        <MovementsTable/>
        <BalanceChart/>
        <AlertThreshold/>
    }
}

#[component]
fn BalanceCard() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let balance = ctx.memo(|s| s.account.balance);
    let debtor = ctx.memo(|s| s.account.is_debtor());
    let debt = ctx.memo(|s| Some((s.account.debt(), s.account.deadline()?, s.account.countdown(s.today)?)));
    view! {
        <section class="card balance-card" aria-labelledby="balance-title" data-tour=TourTarget::Balance.attr()>
            <h2 id="balance-title">{t.acc_balance}</h2>
            <p class=move || if debtor.get() { "balance negative" } else { "balance" } data-testid="balance">
                {move || i18n::money(lang, balance.get())}
            </p>
            {move || debt.get().map(|(debt, deadline, countdown)| view! {
                <div class="alert" role="alert">
                    <p>{fill(t.acc_debtor, &[&i18n::money(lang, debt), &i18n::date(lang, deadline)])}</p>
                    <p>{countdown_text(t, lang, countdown)}</p>
                </div>
            })}
        </section>
    }
}

/// *Créditer*: amount (proposed by C2) → summary → purchase order (A2). Opened at
/// `/billing/ovh-account/credit`, so that it is a step the walkthrough can see.
#[component]
fn CreditWizard() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let location = use_location();
    let navigate = use_navigate();
    let open = move || location.pathname.get().ends_with("/credit");
    let confirming = RwSignal::new(None::<Amount>);
    // The amount typed survives a language switch (`Ctx::draft`), and so does knowing that
    // this opening of the wizard has already proposed one.
    let amount_text = ctx.draft("credit-amount", String::new);
    let proposed = ctx.draft("credit-proposed", || false);
    let error = RwSignal::new(None::<String>);
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
    // Each time the wizard opens, the form proposes the smallest accepted credit (C1, C2), in
    // the user's own decimal notation.
    Effect::new(move |_| {
        if !open() {
            proposed.set(false);
        } else if !proposed.get_untracked() {
            let amount = ctx.with_untracked(|s| s.proposed_credit());
            amount_text.set(i18n::format::decimal_input(lang, amount));
            proposed.set(true);
            error.set(None);
            confirming.set(None);
        }
    });
    let close = {
        let navigate = navigate.clone();
        move || navigate("/billing/ovh-account", Default::default())
    };
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Amount::parse(&amount_text.get_untracked()) {
            Err(e) => error.set(Some(i18n::amount_error(lang, &e))),
            // C1/C2/C3 are the domain's.
            Ok(amount) => match ctx.with_untracked(|s| s.check_credit(amount)) {
                Err(refusal) => error.set(Some(i18n::refusal_text(lang, &refusal))),
                Ok(()) => {
                    error.set(None);
                    confirming.set(Some(amount));
                }
            },
        }
    };
    let confirm = {
        let close = close.clone();
        move |_| {
            let Some(amount) = confirming.get_untracked() else { return };
            match ctx.dispatch(Action::Credit(amount)) {
                Ok(_) => close(),
                Err(refusal) => {
                    error.set(Some(i18n::refusal_text(lang, &refusal)));
                    confirming.set(None);
                }
            }
        }
    };
    let minimum = move || i18n::money(lang, ctx.with(|s| s.minimum_credit()));

    view! {
        <section class="card" aria-labelledby="credit-title" data-tour=TourTarget::CreditForm.attr()>
            <h2 id="credit-title">{t.credit_title}</h2>
            {move || if !open() {
                view! { <A href=crate::ui::nav::app_href("/billing/ovh-account/credit") attr:class="button primary" attr:data-tour=TourTarget::Credit.attr()>{t.acc_credit}</A> }.into_any()
            } else if let Some(amount) = confirming.get() {
                let close = close.clone();
                let confirm = confirm.clone();
                view! {
                    <p>{fill(t.credit_summary, &[&i18n::money(lang, amount.value())])}</p>
                    <div class="actions">
                        <button type="button" class="primary" node_ref=confirm_ref on:click=confirm>{t.credit_confirm}</button>
                        <button type="button" on:click=move |_| confirming.set(None)>{t.back}</button>
                        <button type="button" on:click=move |_| close()>{t.cancel}</button>
                    </div>
                }.into_any()
            } else {
                let close = close.clone();
                view! {
                    <form class="form" on:submit=check novalidate>
                        <TextField id="credit-amount" label=t.credit_amount_label value=amount_text error=error decimal=true
                            node_ref=amount_ref hint=fill(t.credit_min_hint, &[&minimum()])/>
                        <div class="actions">
                            <button type="submit" class="primary">{t.credit_continue}</button>
                            <button type="button" on:click=move |_| close()>{t.cancel}</button>
                        </div>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn OrdersTable() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    // The orders, and who can pay them (a new method changes the choice of payers).
    // The newest FIRST_ROWS, and every open one (its *Pay* form), then more on demand.
    let shown = RwSignal::new(FIRST_ROWS);
    let total = ctx.memo(|s| s.orders.len());
    let data = ctx.memo(move |s| {
        let payers: Vec<(MethodId, String)> = s.order_payers().into_iter().map(|m| (m.id, m.label.clone())).collect();
        let n = shown.get();
        let orders = s.orders.iter().rev().enumerate()
            .filter(|(i, o)| *i < n || matches!(o.status, OrderStatus::Open))
            .map(|(_, o)| o.clone())
            .collect::<Vec<_>>();
        (orders, payers)
    });
    let rows = move || {
        data.get().0.into_iter().map(|order| {
            let open = matches!(order.status, OrderStatus::Open);
            let status = view! {
                <span>{order_status(lang, &order.status)}</span>
                {open.then(|| view! { <PayOrderForm order=order.id reference=order.reference.clone()/> })}
            };
            (format!("order-{}", order.id.0), vec![
                Cell::text(order.reference.clone()),
                Cell::text(i18n::date(lang, order.created)),
                Cell::text(i18n::purpose_name(lang, order.purpose)),
                Cell::num(i18n::money(lang, order.amount)),
                Cell::view(status),
            ])
        }).collect()
    };
    view! {
        <DataTable id="orders-title" title=t.orders_title empty=t.orders_empty tour=TourTarget::Orders.attr()
            columns=vec![t.col_reference, t.col_date, t.col_purpose, t.col_amount, t.col_status]
            rows=Box::new(rows)/>
        <ShowMore shown total of="orders-title"/>
    }
}

#[component]
fn InvoicesTable() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    // The newest FIRST_ROWS, then more on demand: a decade of monthly renewals stays light.
    let shown = RwSignal::new(FIRST_ROWS);
    let total = ctx.memo(|s| s.invoices.len());
    let invoices = ctx.memo(move |s| {
        s.invoices.iter().rev().take(shown.get()).map(|i| (i.id, i.reference.clone(), i.date, i.total, i.status.clone())).collect::<Vec<_>>()
    });
    let rows = move || {
        invoices.get().into_iter().map(|(id, reference, date, total, status)| {
            let status = match status {
                InvoiceStatus::Paid { on } => fill(t.invoice_paid, &[&i18n::date(lang, on)]),
                InvoiceStatus::Unpaid => t.invoice_unpaid.to_string(),
            };
            let link = view! { <A href=crate::ui::nav::app_href(&format!("/billing/invoices/{}", id.0))>{reference}</A> };
            (String::new(), vec![
                Cell::view(link),
                Cell::text(i18n::date(lang, date)),
                Cell::num(i18n::money(lang, total)),
                Cell::text(status),
            ])
        }).collect()
    };
    view! {
        <DataTable id="invoices-title" title=t.invoices_title empty=t.invoices_empty tour=TourTarget::Invoices.attr()
            columns=vec![t.col_reference, t.col_date, t.col_total, t.col_status]
            rows=Box::new(rows)/>
        <ShowMore shown total of="invoices-title"/>
    }
}

#[component]
fn MovementsTable() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let shown = RwSignal::new(FIRST_ROWS);
    let total = ctx.memo(|s| s.account.movements.len());
    let export = move |_| {
        let (text, today) = ctx.with_untracked(|s| (csv::movements_csv(lang, &s.account.movements), s.today));
        super::download(&format!("ovh-account-movements-{today}.csv"), &text, "text/csv;charset=utf-8");
    };
    let amount = move |value: rust_decimal::Decimal| {
        if value.is_zero() { String::new() } else { i18n::money(lang, value) }
    };
    let movements = ctx.memo(move |s| s.account.movements.iter().rev().take(shown.get()).cloned().collect::<Vec<_>>());
    let rows = move || {
        movements.get()
            .into_iter()
            .map(|mv| (String::new(), vec![
                Cell::text(i18n::date(lang, mv.date)),
                Cell::text(mv.reference.clone()),
                Cell::text(i18n::movement_kind(lang, mv.kind)),
                Cell::text(mv.method.clone().unwrap_or_default()),
                Cell::num(amount(mv.debit)),
                Cell::num(amount(mv.credit)),
                Cell::num(i18n::money(lang, mv.balance_after)),
            ]))
            .collect()
    };
    view! {
        <DataTable id="movements-title" title=t.movements_title empty=t.movements_empty tour=TourTarget::Movements.attr()
            columns=vec![t.col_date, t.col_reference, t.col_type, t.col_method, t.col_debit, t.col_credit, t.col_balance_after]
            rows=Box::new(rows)>
            <div class="actions"><button type="button" on:click=export>{t.export_csv}</button></div>
        </DataTable>
        <ShowMore shown total of="movements-title"/>
    }
}

/// How many rows each listing of the page draws first (issue 21, decision 141): opening the
/// page stays within a frame whatever the length of the history.
const FIRST_ROWS: usize = 20;

/// *Show more* under a listing that draws the newest `shown` of its `total` rows (`of`: the
/// listing's heading, which tells the buttons apart).
#[component]
fn ShowMore(shown: RwSignal<usize>, total: Memo<usize>, of: &'static str) -> impl IntoView {
    let (t, _) = use_ctx().texts();
    move || (total.get() > shown.get()).then(|| view! {
        <button type="button" class="show-more" aria-describedby=of on:click=move |_| shown.update(|n| *n += 100)>{t.show_more}</button>
    })
}

/// N2: the balance alert threshold.
#[component]
fn AlertThreshold() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let text = ctx.draft("alert-amount", String::new);
    let error = RwSignal::new(None::<String>);
    let current = ctx.memo(|s| s.account.alert_threshold);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Amount::parse(&text.get_untracked()) {
            Err(e) => error.set(Some(i18n::amount_error(lang, &e))),
            Ok(amount) => match ctx.dispatch(Action::SetAlertThreshold(Some(amount))) {
                Ok(_) => { error.set(None); text.set(String::new()); }
                Err(r) => error.set(Some(i18n::refusal_text(lang, &r))),
            },
        }
    };
    view! {
        <section class="card" aria-labelledby="alert-title">
            <h2 id="alert-title">{t.alert_title}</h2>
            <p>{move || match current.get() {
                Some(value) => fill(t.alert_current, &[&i18n::money(lang, value)]),
                None => t.alert_none.to_string(),
            }}</p>
            <form class="form" on:submit=save novalidate>
                <TextField id="alert-amount" label=t.alert_label value=text error=error decimal=true/>
                <div class="actions">
                    <button type="submit" class="primary">{t.save}</button>
                    {move || current.get().is_some().then(|| view! {
                        <button type="button" on:click=move |_| { ctx.run(Action::SetAlertThreshold(None)); }>
                            {t.alert_off}
                        </button>
                    })}
                </div>
            </form>
        </section>
    }
}
