//! Paying a purchase order (A2, D1): with a payment method that can pay (a valid one: P3, P6,
//! P7), or by bank transfer. Only what the engine would accept is offered.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use leptos::prelude::*;

/// The payer picker and *Pay* button for one open order.
#[component]
pub fn PayOrderForm(order: OrderId, reference: String) -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let payers = ctx.with_untracked(|s| s.order_payers().into_iter().map(|m| (m.id, m.label.clone())).collect::<Vec<_>>());
    // The default method first (`order_payers` puts it first), else the bank transfer.
    let initial = payers.first().map_or(Payer::BankTransfer, |(id, _)| Payer::Method(*id));
    let payer = RwSignal::new(initial);
    let select_id = format!("payer-{}", order.0);
    let pay = move |_| {
        ctx.run(Action::PayOrder(order, payer.get_untracked()));
    };
    // D1.2: the debt's order cannot be cancelled, so it offers no *Cancel*.
    let cancellable = ctx.with_untracked(|s| s.can_cancel_order(order));
    let none_usable = payers.is_empty() && ctx.with_untracked(|s| !s.methods.is_empty());
    view! {
        <div class="actions pay">
            <label for=select_id.clone()>{t.pay_with}</label>
            <select id=select_id on:change=move |ev| if let Some(chosen) = Payer::from_code(&event_target_value(&ev)) { payer.set(chosen) }>
                {payers.into_iter().map(|(id, label)| (Payer::Method(id), label))
                    .chain([(Payer::BankTransfer, t.bank_transfer.to_string())])
                    .map(|(p, label)| view! { <option value=p.code() selected=payer.get_untracked() == p>{label}</option> })
                    .collect_view()}
            </select>
            {none_usable.then(|| view! { <span class="hint">{t.pay_no_usable_method}</span> })}
            <button type="button" class="primary" aria-label=fill(t.pay_named, &[&reference]) on:click=pay>{t.pay}</button>
            {cancellable.then(|| view! {
                <button type="button" aria-label=fill(t.cancel_order_named, &[&reference])
                    on:click=move |_| { ctx.run(Action::CancelOrder(order)); }>
                    {t.cancel_order}
                </button>
            })}
        </div>
    }
}

/// Status of an order in words.
pub fn order_status(lang: i18n::Lang, status: &OrderStatus) -> String {
    match status {
        OrderStatus::Open => lang.t().order_open.to_string(),
        OrderStatus::Paid { on, .. } => fill(lang.t().order_paid, &[&i18n::date(lang, *on)]),
        OrderStatus::Cancelled { .. } => lang.t().order_cancelled.to_string(),
    }
}
