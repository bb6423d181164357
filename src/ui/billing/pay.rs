//! Paying a purchase order (A2, D1): with a usable payment method or by bank transfer.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n;
use crate::ui::ctx::use_ctx;
use leptos::prelude::*;

/// The payer picker and *Pay* button for one open order.
#[component]
pub fn PayOrderForm(order: OrderId, reference: String) -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let methods = move || ctx.with(|s| s.methods.iter().map(|m| (m.id, m.label.clone(), m.is_default)).collect::<Vec<_>>());
    // The default method first, else the bank transfer.
    let initial = ctx.with_untracked(|s| s.methods.iter().find(|m| m.is_default).map(|m| m.id.0.to_string()))
        .unwrap_or_else(|| "transfer".into());
    let payer = RwSignal::new(initial);
    let select_id = format!("payer-{}", order.0);
    let pay = move |_| {
        let choice = payer.get_untracked();
        let payer = match choice.parse::<u32>() {
            Ok(id) => Payer::Method(MethodId(id)),
            Err(_) => Payer::BankTransfer,
        };
        ctx.run(Action::PayOrder(order, payer));
    };
    let reference_a = reference.clone();
    // Offered only where the engine would accept it (the debt's order cannot be cancelled).
    let cancellable = ctx.try_on_copy(Action::CancelOrder(order)).is_ok();
    view! {
        <div class="actions">
            <label for=select_id.clone()>{t.pay_with}</label>
            <select id=select_id on:change=move |ev| payer.set(event_target_value(&ev))>
                {move || methods().into_iter().map(|(id, label, _)| {
                    let value = id.0.to_string();
                    let selected = payer.get() == value;
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
                <option value="transfer" selected=move || payer.get() == "transfer">{t.bank_transfer}</option>
            </select>
            <button type="button" class="primary"
                aria-label=format!("{} {}", t.pay, reference_a)
                on:click=pay>{t.pay}</button>
            {cancellable.then(|| view! {
                <button type="button"
                    aria-label=format!("{} {}", t.cancel_order, reference)
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
        OrderStatus::Paid { on, .. } => i18n::fill(lang.t().order_paid, &[&i18n::date(lang, *on)]),
        OrderStatus::Cancelled { .. } => lang.t().order_cancelled.to_string(),
    }
}
