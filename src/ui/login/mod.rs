//! Login (L1, L2): NIC handle, password and subsidiary. It is a simulation: the password field is
//! only checked for being non-empty; its value never reaches the state, the save, or any log.
use super::ctx::use_ctx;
use super::widgets::{FieldError, TextField};
use crate::domain::{Action, NicHandle, Subsidiary};
use crate::i18n;
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let navigate = use_navigate();
    let navigate_own = navigate.clone();
    let query = use_query_map();
    // Kept across a language switch (the password is not: it never leaves its field).
    let nic = ctx.draft("login-nic", String::new);
    // The subsidiary chosen before in this run, else the interface language's (issue 20: an
    // Italian user is offered Italy, not France).
    let subsidiary = ctx.draft("login-subsidiary", move || {
        ctx.sim
            .with_untracked(|sim| sim.chosen_subsidiary().or(sim.start.subsidiary()))
            .unwrap_or_else(|| i18n::default_subsidiary(lang))
    });
    let password_ref = NodeRef::<leptos::html::Input>::new();
    let nic_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        let parsed = NicHandle::parse(&nic.get_untracked());
        nic_error.set(parsed.as_ref().err().map(|e| i18n::nic_error(lang, e).to_string()));
        // Only emptiness is looked at; the value stays in the DOM field and nowhere else.
        let password_given = password_ref
            .get_untracked()
            .map(|input| !input.value().is_empty())
            .unwrap_or(false);
        password_error.set((!password_given).then(|| lang.t().err_password_empty.to_string()));
        let (Ok(nic), true) = (parsed, password_given) else { return };
        if ctx.dispatch(Action::LogIn { nic, subsidiary: subsidiary.get_untracked() }).is_ok() {
            // Only a path inside the app: never off-site (an open redirect), whatever the link.
            let next = query.with_untracked(|q| q.get("next")).and_then(|p| super::nav::safe_next(&p));
            navigate(&next.unwrap_or_else(|| "/".into()), Default::default());
        }
    };

    // Already logged in when the page opens: nothing to do here. (Checked once: the login
    // itself then goes to `next`, and no second redirect races it.)
    let already = ctx.with_untracked(|s| s.customer.is_some());
    // Issue 20: a page of the customer area asked for (typed, or a link) while a guided run that
    // is not logged in is on screen: say why it is the login, and offer the page in the user's
    // own simulation.
    let asked = query.with_untracked(|q| q.get("next")).and_then(|p| super::nav::safe_next(&p));
    let guided = asked.filter(|_| ctx.kind.get_untracked() == super::ctx::RunKind::Guided && !ctx.is_embed());
    let go_own = move |next: String| {
        ctx.back_to_own();
        navigate_own(&next, Default::default());
    };
    view! {
        {already.then(|| view! { <Redirect path="/"/> })}
        <h1>{t.login_title}</h1>
        {guided.map(|next| view! {
            <div class="notice guided-why" role="status">
                <p>{t.login_guided_why}</p>
                <button type="button" on:click=move |_| go_own(next.clone())>{t.login_guided_back}</button>
            </div>
        })}
        <p class="notice" role="note">{t.login_notice}</p>
        <form class="card form" on:submit=submit novalidate data-tour=TourTarget::LoginForm.attr()>
            <TextField id="nic" label=t.nic_label value=nic error=nic_error autocomplete="username"
                hint=t.nic_hint/>
            <div class="field">
                <label for="password">{t.password_label}</label>
                <input id="password" type="password" name="password" autocomplete="off"
                    aria-describedby="password-error"
                    aria-invalid=move || password_error.get().is_some().to_string()
                    node_ref=password_ref/>
                <FieldError id="password-error" message=password_error.into()/>
            </div>
            <div class="field">
                <label for="subsidiary">{t.subsidiary_label}</label>
                <select id="subsidiary" name="subsidiary" on:change=move |ev| {
                    if let Some(chosen) = Subsidiary::from_code(&event_target_value(&ev)) { subsidiary.set(chosen) }
                }>
                    {Subsidiary::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=move || subsidiary.get() == s>
                            {i18n::subsidiary_name(lang, s)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="primary">{t.login_button}</button>
        </form>
    }
}
