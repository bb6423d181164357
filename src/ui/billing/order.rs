//! One purchase order, where the debtor e-mail's link leads (D1.2): its amount and status, and
//! the form that pays it.
use super::pay::{order_status, PayOrderForm};
use crate::domain::*;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrderPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let params = use_params_map();
    let order = move || {
        let id = params.with(|p| p.get("id").and_then(|v| v.parse::<u32>().ok()))?;
        ctx.with(|s| s.orders.iter().find(|o| o.id == OrderId(id)).cloned())
    };
    move || match order() {
        None => view! {
            <h1>{t.order_unknown_title}</h1>
            <p>{t.ref_unknown}</p>
        }.into_any(),
        Some(order) => {
            let open = matches!(order.status, OrderStatus::Open);
            view! {
                <h1>{fill(t.order_title, &[&order.reference])}</h1>
                <dl class="card">
                    <dt>{t.col_purpose}</dt>
                    <dd>{i18n::purpose_name(lang, order.purpose)}</dd>
                    <dt>{t.col_amount}</dt>
                    <dd data-testid="order-amount">{i18n::money(lang, order.amount)}</dd>
                    <dt>{t.col_status}</dt>
                    <dd>{order_status(lang, &order.status)}</dd>
                </dl>
                {open.then(|| view! { <div data-tour=TourTarget::OrderPay.attr()><PayOrderForm order=order.id reference=order.reference.clone()/></div> })}
                <p><A href=crate::ui::nav::app_href("/billing/ovh-account")>{t.nav_ovh_account}</A></p>
            }.into_any()
        }
    }
}
