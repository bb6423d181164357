//! The simulated control panel's frame, following the guide's paths: a top bar with the
//! *Billing* tab and the *Exchange* platform, a left menu inside each, the clock, the page, and
//! beside it the walkthrough or the scenario player when one is open.
use super::ctx::{use_ctx, RunKind};
use super::widgets::{FlashMessage, LanguageSelect, Notices};
use crate::i18n::{fill, plural};
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The parts of the frame that the root loads when first needed (`ui::routes`), handed down as
/// views: the layout only says where each goes.
#[derive(Clone, Copy)]
pub struct Parts {
    pub clock_bar: fn() -> AnyView,
    /// The bar with "Back to my simulation".
    pub guided_bar: fn() -> AnyView,
    /// The walkthrough's panel, or the scenario player, beside the page.
    pub guide_panel: fn() -> AnyView,
    /// The dialog of a shared link or an imported file.
    pub incoming: fn() -> AnyView,
    /// An embed's "Open in the full simulator".
    pub open_full: fn() -> AnyView,
    /// What the last action did.
    pub flash: fn() -> AnyView,
    /// The lasting notices.
    pub notices: fn() -> AnyView,
}

#[component]
pub fn Layout(parts: Parts, children: Children) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let logged_in = ctx.memo(|s| s.customer.is_some());
    let unread = ctx.memo(|s| s.inbox.iter().filter(|e| !e.read).count());
    let embed = ctx.is_embed();
    let guided = Memo::new(move |_| ctx.kind.get() == RunKind::Guided);
    // The panel beside the page: a walkthrough's, a scenario's, or the recorder's.
    let panel = Memo::new(move |_| guided.get() || ctx.recording.get());
    // Issue 20: an address that names a section (`?guide=g8&step=3`) draws the guided bar, which
    // reopens that section, even while the user's own simulation is on screen.
    let location = leptos_router::hooks::use_location();
    let names_guide = Memo::new(move |_| location.search.with(|s| s.contains("guide=")));
    let incoming = expect_context::<super::share::IncomingSignal>().0;
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class=if embed { "topbar compact" } else { "topbar" }>
            {(!embed).then(|| view! { <A href=crate::ui::nav::app_href("/") attr:class="brand">{t.app_title}</A> })}
            {move || logged_in.get().then(|| view! {
                <nav class="tabs" aria-label=t.nav_label>
                    <A href=crate::ui::nav::app_href("/billing/ovh-account") attr:class="tab" attr:data-tour=TourTarget::TabBilling.attr()>{t.nav_billing}</A>
                    <A href=crate::ui::nav::app_href("/exchange") attr:class="tab" attr:data-tour=TourTarget::TabExchange.attr()>{t.nav_exchange}</A>
                    <A href=crate::ui::nav::app_href("/inbox") attr:class="tab" attr:data-tour=TourTarget::TabInbox.attr()>
                        {t.nav_inbox}
                        {move || (unread.get() > 0).then(|| view! {
                            <span class="badge">{plural(lang, unread.get() as u64, t.unread)}</span>
                        })}
                    </A>
                    {(!embed).then(|| view! {
                        <A href=crate::ui::nav::app_href("/journal") attr:class="tab">{t.nav_journal}</A>
                        <A href=crate::ui::nav::app_href("/settings") attr:class="tab">{t.nav_settings}</A>
                    })}
                </nav>
            })}
            // Shown by the stylesheet while the browser is offline (`boot.js`, decision 117).
            <span class="offline-badge" role="status">{t.net_offline}</span>
            {(!embed).then(|| view! { <LanguagePicker/> <UserArea/> })}
            {embed.then(parts.open_full)}
        </header>
        <Notices list=parts.notices/>
        {move || (!embed && (guided.get() || names_guide.get())).then(parts.guided_bar)}
        {move || logged_in.get().then(parts.clock_bar)}
        <div class=move || match (panel.get(), embed) {
            (true, true) => "frame embed with-panel",
            (true, false) => "frame with-panel",
            (false, true) => "frame embed",
            (false, false) => "frame",
        }>
            <SideMenu/>
            <main id="main" tabindex="-1">
                {move || incoming.with(Option::is_some).then(parts.incoming)}
                <FlashMessage body=parts.flash/>
                {children()}
            </main>
            {move || panel.get().then(parts.guide_panel)}
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
                <A href=crate::ui::nav::app_href("/billing/payment-methods") attr:data-tour=TourTarget::MenuPaymentMethods.attr()>{t.nav_payment_methods}</A>
                <A href=crate::ui::nav::app_href("/billing/ovh-account") attr:data-tour=TourTarget::MenuOvhAccount.attr()>{t.nav_ovh_account}</A>
            </nav>
        }.into_any(),
        2 => view! {
            <nav class="sidemenu" aria-label=t.nav_exchange>
                <A href=crate::ui::nav::app_href("/exchange") exact=true attr:data-tour=TourTarget::MenuDashboard.attr()>{t.nav_dashboard}</A>
                <A href=crate::ui::nav::app_href("/exchange/billing-mode") attr:data-tour=TourTarget::MenuBillingMode.attr()>{t.nav_billing_mode}</A>
                <A href=crate::ui::nav::app_href("/exchange/ahead")>{t.nav_ahead}</A>
                <A href=crate::ui::nav::app_href("/exchange/compare")>{t.nav_compare}</A>
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

/// Who is logged in, and *Log out* (through `/logout`, so no page asks to come back to itself).
#[component]
fn UserArea() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let customer = ctx.memo(|s| s.customer.as_ref().map(|c| (c.nic.as_str().to_string(), c.subsidiary)));
    move || customer.get().map(|(nic, subsidiary)| view! {
        <span class="user">
            <span>{fill(t.logged_in_as, &[&nic, crate::i18n::subsidiary_name(lang, subsidiary)])}</span>
            <A href=crate::ui::nav::app_href("/logout") attr:class="link">{t.log_out}</A>
        </span>
    })
}
