//! The simulated control panel's frame, following the guide's paths: a top bar with the
//! *Billing* tab and the *Exchange* platform, a left menu inside each, the clock, and the page.
use super::clock::ClockBar;
use super::ctx::use_ctx;
use super::widgets::{FlashMessage, SaveBanner};
use crate::domain::Action;
use crate::i18n::{fill, Lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let logged_in = move || ctx.with(|s| s.customer.is_some());
    let unread = move || ctx.with(|s| s.inbox.iter().filter(|e| !e.read).count());
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class="topbar">
            <span class="brand">{t.app_title}</span>
            <Show when=logged_in>
                <nav class="tabs" aria-label=t.nav_label>
                    <A href="/billing/ovh-account" attr:class="tab">{t.nav_billing}</A>
                    <A href="/exchange" attr:class="tab">{t.nav_exchange}</A>
                    <A href="/inbox" attr:class="tab">
                        {t.nav_inbox}
                        {move || (unread() > 0).then(|| view! {
                            <span class="badge">{fill(t.unread, &[&unread().to_string()])}</span>
                        })}
                    </A>
                    <A href="/journal" attr:class="tab">{t.nav_journal}</A>
                    <A href="/settings" attr:class="tab">{t.nav_settings}</A>
                </nav>
            </Show>
            <LanguagePicker/>
            <UserArea/>
        </header>
        <SaveBanner/>
        <Show when=logged_in><ClockBar/></Show>
        <div class="frame">
            <SideMenu/>
            <main id="main" tabindex="-1">
                <FlashMessage/>
                {children()}
            </main>
        </div>
        <footer class="disclaimer">{t.app_disclaimer}</footer>
    }
}

/// The left menu of the current tab, as in the guide ("Dans le menu de gauche…").
#[component]
fn SideMenu() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let location = use_location();
    let section = move || {
        // Exchange first: its "Billing mode" tab lives at /exchange/billing-mode.
        let path = location.pathname.get();
        if path.contains("/exchange") {
            2
        } else if path.contains("/billing") {
            1
        } else {
            0
        }
    };
    view! {
        <Show when=move || section() != 0>
            <nav class="sidemenu" aria-label=move || {
                if section() == 1 { t.nav_billing } else { t.nav_exchange }
            }>
                {move || if section() == 1 {
                    view! {
                        <A href="/billing/payment-methods">{t.nav_payment_methods}</A>
                        <A href="/billing/ovh-account">{t.nav_ovh_account}</A>
                    }.into_any()
                } else {
                    view! {
                        <A href="/exchange" exact=true>{t.nav_dashboard}</A>
                        <A href="/exchange/billing-mode">{t.nav_billing_mode}</A>
                    }.into_any()
                }}
            </nav>
        </Show>
    }
}

#[component]
fn LanguagePicker() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <span class="lang">
            <label for="top-language">{t.language_label}</label>
            <LanguageSelect id="top-language"/>
        </span>
    }
}

/// The interface language (L2), remembered; used in the top bar and in the settings.
#[component]
pub fn LanguageSelect(id: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <select id=id on:change=move |ev| {
            if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                ctx.set_lang(lang);
            }
        }>
            {Lang::ALL.into_iter().map(|lang| view! {
                <option value=lang.code() selected=ctx.lang.get_untracked() == lang>
                    {lang.native_name()}
                </option>
            }).collect_view()}
        </select>
    }
}

/// Who is logged in, and *Log out*.
#[component]
fn UserArea() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let navigate = use_navigate();
    let customer = move || ctx.with(|s| s.customer.as_ref().map(|c| (c.nic.as_str().to_string(), c.subsidiary)));
    view! {
        {move || customer().map(|(nic, subsidiary)| {
            let navigate = navigate.clone();
            view! {
                <span class="user">
                    <span>{fill(t.logged_in_as, &[&nic, crate::i18n::subsidiary_name(lang, subsidiary)])}</span>
                    <button type="button" class="link" on:click=move |_| {
                        if ctx.run(Action::LogOut) { navigate("/login", Default::default()); }
                    }>{t.log_out}</button>
                </span>
            }
        })}
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <A href="/exchange">{t.back_home}</A>
    }
}
