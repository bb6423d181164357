//! Login (L1, L2): NIC handle, password and subsidiary. It is a simulation: the password lives
//! only in this form's DOM field and is never read into the state, stored, sent or logged.
use super::ctx::use_ctx;
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <h1>{move || ctx.t().login_title}</h1>
        <p class="notice" role="note">{move || ctx.t().login_notice}</p>
        <form class="card form" on:submit=|ev| ev.prevent_default()>
            <label>
                <span>{move || ctx.t().nic_label}</span>
                <input type="text" name="nic" autocomplete="username"/>
            </label>
            <label>
                <span>{move || ctx.t().password_label}</span>
                <input type="password" name="password" autocomplete="off"/>
            </label>
            <label>
                <span>{move || ctx.t().subsidiary_label}</span>
                <select name="subsidiary">
                    <option value="fr">{move || ctx.t().subsidiary_fr}</option>
                    <option value="it">{move || ctx.t().subsidiary_it}</option>
                </select>
            </label>
            <button type="submit" class="primary">{move || ctx.t().login_button}</button>
        </form>
    }
}
