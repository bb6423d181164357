//! The simulated control panel's frame, following the guide's paths: a top bar with the
//! *Billing* tab and the *Exchange* platform, a left menu inside each, the clock, the page, and
//! beside it the walkthrough or the scenario player when one is open.
use super::ctx::{use_ctx, Notice, RunKind};
use super::split::{self, Panel};
use super::widgets::{FlashMessage, Notices};
use crate::i18n::{fill, plural, Lang};
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let logged_in = ctx.memo(|s| s.customer.is_some());
    let unread = ctx.memo(|s| s.inbox.iter().filter(|e| !e.read).count());
    let embed = ctx.is_embed();
    let panel = Memo::new(move |_| ctx.kind.get() == RunKind::Guided);
    let incoming = expect_context::<super::share::IncomingSignal>().0;
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class=if embed { "topbar compact" } else { "topbar" }>
            {(!embed).then(|| view! { <A href=crate::ui::app_href("/") attr:class="brand">{t.app_title}</A> })}
            {move || logged_in.get().then(|| view! {
                <nav class="tabs" aria-label=t.nav_label>
                    <A href=crate::ui::app_href("/billing/ovh-account") attr:class="tab" attr:data-tour=TourTarget::TabBilling.attr()>{t.nav_billing}</A>
                    <A href=crate::ui::app_href("/exchange") attr:class="tab" attr:data-tour=TourTarget::TabExchange.attr()>{t.nav_exchange}</A>
                    <A href=crate::ui::app_href("/inbox") attr:class="tab" attr:data-tour=TourTarget::TabInbox.attr()>
                        {t.nav_inbox}
                        {move || (unread.get() > 0).then(|| view! {
                            <span class="badge">{plural(lang, unread.get() as u64, t.unread)}</span>
                        })}
                    </A>
                    {(!embed).then(|| view! {
                        <A href=crate::ui::app_href("/journal") attr:class="tab">{t.nav_journal}</A>
                        <A href=crate::ui::app_href("/settings") attr:class="tab">{t.nav_settings}</A>
                    })}
                </nav>
            })}
            {(!embed).then(|| view! { <LanguagePicker/> <UserArea/> })}
            {embed.then(|| split::part(Panel::OpenFull))}
        </header>
        <Notices/>
        {move || (!embed && panel.get()).then(|| split::part(Panel::GuidedBar))}
        {move || logged_in.get().then(|| split::part(Panel::ClockBar))}
        <div class=move || match (panel.get(), embed) {
            (true, true) => "frame embed with-panel",
            (true, false) => "frame with-panel",
            (false, true) => "frame embed",
            (false, false) => "frame",
        }>
            <SideMenu/>
            <main id="main" tabindex="-1">
                {move || incoming.with(Option::is_some).then(|| split::part(Panel::IncomingDialog))}
                <FlashMessage/>
                {children()}
            </main>
            {move || panel.get().then(|| split::part(Panel::GuidePanel))}
        </div>
        {(!embed).then(|| view! { <footer class="disclaimer">{t.app_disclaimer}</footer> })}
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
    move || match section() {
        1 => view! {
            <nav class="sidemenu" aria-label=t.nav_billing>
                <A href=crate::ui::app_href("/billing/payment-methods") attr:data-tour=TourTarget::MenuPaymentMethods.attr()>{t.nav_payment_methods}</A>
                <A href=crate::ui::app_href("/billing/ovh-account") attr:data-tour=TourTarget::MenuOvhAccount.attr()>{t.nav_ovh_account}</A>
            </nav>
        }.into_any(),
        2 => view! {
            <nav class="sidemenu" aria-label=t.nav_exchange>
                <A href=crate::ui::app_href("/exchange") exact=true attr:data-tour=TourTarget::MenuDashboard.attr()>{t.nav_dashboard}</A>
                <A href=crate::ui::app_href("/exchange/billing-mode") attr:data-tour=TourTarget::MenuBillingMode.attr()>{t.nav_billing_mode}</A>
            </nav>
        }.into_any(),
        _ => ().into_any(),
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

/// Who is logged in, and *Log out* (through `/logout`, so no page asks to come back to itself).
#[component]
fn UserArea() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let customer = ctx.memo(|s| s.customer.as_ref().map(|c| (c.nic.as_str().to_string(), c.subsidiary)));
    move || customer.get().map(|(nic, subsidiary)| view! {
        <span class="user">
            <span>{fill(t.logged_in_as, &[&nic, crate::i18n::subsidiary_name(lang, subsidiary)])}</span>
            <A href=crate::ui::app_href("/logout") attr:class="link">{t.log_out}</A>
        </span>
    })
}

#[component]
pub fn NotFound() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <A href=crate::ui::app_href("/")>{t.back_home}</A>
    }
}

/// The service worker (`boot.js`) tells the page when a new version is installed and waiting:
/// the app says so, and reloads only when the user agrees ([`apply_update`]).
pub fn listen_updates(ctx: super::Ctx) {
    let Some(window) = web_sys::window() else { return };
    let ready = js_sys::Reflect::get(&window, &"hesUpdate".into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .is_some();
    if ready {
        ctx.notice(Notice::UpdateReady);
    }
    let on_ready = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || ctx.notice(Notice::UpdateReady));
    let _ = window.add_event_listener_with_callback("hes-update-ready", on_ready.as_ref().unchecked_ref());
    on_ready.forget();
}

/// The user agreed: the waiting version takes over, and the page reloads once it has.
pub fn apply_update() {
    let Some(window) = web_sys::window() else { return };
    let apply = js_sys::Reflect::get(&window, &"hesUpdate".into())
        .and_then(|update| js_sys::Reflect::get(&update, &"apply".into()))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match apply {
        Some(f) => {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
        None => {
            let _ = window.location().reload();
        }
    }
}
