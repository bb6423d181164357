//! The thin shell: Leptos components that read the state and dispatch actions. No rules here —
//! every decision is the domain's (`crate::domain`), every text is the catalogue's (`crate::i18n`).
//! One folder per screen of the simulated control panel.

mod billing;
mod clock;
mod ctx;
mod exchange;
mod inbox;
mod journal;
mod layout;
mod login;
mod prefs;
mod settings;
mod widgets;

pub use ctx::Ctx;

use crate::i18n::Lang;
use layout::{Layout, NotFound};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The router's base: the path part of `<base href>`, which Trunk fills from `public_url`, so the
/// app also works under a sub-path.
fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// A screen of the customer area: only once logged in (L1), else the login page, which comes
/// back here afterwards.
#[component]
fn Guard(children: ChildrenFn) -> impl IntoView {
    let ctx = ctx::use_ctx();
    let location = use_location();
    let logged_in = move || ctx.with(|s| s.customer.is_some());
    view! {
        <Show when=logged_in fallback=move || {
            let next = location.pathname.get_untracked();
            view! { <Redirect path=format!("/login?next={next}")/> }
        }>
            {children()}
        </Show>
    }
}

macro_rules! guarded {
    ($page:path) => {
        || view! { <Guard>{|| view! { <$page/> }}</Guard> }
    };
}

/// Starts the app in the browser: the current language's catalogue first (only that one is
/// fetched), then the UI. Panics print to the console in debug builds only (release builds
/// abort, see README "Size").
#[cfg(target_arch = "wasm32")]
pub fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let wanted = prefs::initial_lang();
    leptos::task::spawn_local(async move {
        let lang = if crate::i18n::load::ensure(wanted).await.is_ok() {
            wanted
        } else if crate::i18n::load::ensure(Lang::En).await.is_ok() {
            Lang::En
        } else {
            boot_failed();
            return;
        };
        leptos::mount::mount_to_body(move || view! { <App lang/> });
    });
}

/// The texts could not be fetched (offline on a first visit): say so on the static first screen.
#[cfg(target_arch = "wasm32")]
fn boot_failed() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-status"))
    {
        el.set_text_content(Some(
            "The simulator could not load its texts. Check your connection and reload. \
             Le simulateur n'a pas pu charger ses textes : vérifiez la connexion et rechargez. \
             Il simulatore non ha potuto caricare i testi: controlla la connessione e ricarica.",
        ));
    }
}

#[component]
pub fn App(lang: Lang) -> impl IntoView {
    let ctx = Ctx::start(lang);
    provide_context(ctx);

    // The document follows the interface language (L2): <html lang> and the window title.
    Effect::new(move |_| {
        let lang: Lang = ctx.lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            doc.set_title(lang.t().app_title);
        }
    });

    view! {
        <Router base=router_base()>
            // A language switch re-renders the panel once; inside it, texts are plain strings.
            {move || {
                ctx.lang.track();
                view! {
                    <Layout>
                        <Routes fallback=|| view! { <NotFound/> }>
                            <Route path=path!("/") view=|| view! { <Redirect path="/exchange"/> }/>
                            <Route path=path!("/login") view=login::LoginPage/>
                            <Route path=path!("/billing") view=|| view! { <Redirect path="/billing/ovh-account"/> }/>
                            <Route path=path!("/billing/payment-methods") view=guarded!(billing::PaymentMethodsPage)/>
                            <Route path=path!("/billing/ovh-account") view=guarded!(billing::OvhAccountPage)/>
                            <Route path=path!("/billing/orders/:id") view=guarded!(billing::OrderPage)/>
                            <Route path=path!("/exchange") view=guarded!(exchange::DashboardPage)/>
                            <Route path=path!("/exchange/billing-mode") view=guarded!(exchange::BillingModePage)/>
                            <Route path=path!("/inbox") view=guarded!(inbox::InboxPage)/>
                            <Route path=path!("/journal") view=guarded!(journal::JournalPage)/>
                            <Route path=path!("/settings") view=guarded!(settings::SettingsPage)/>
                        </Routes>
                    </Layout>
                }
            }}
        </Router>
    }
}
