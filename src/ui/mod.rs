//! The thin shell: Leptos components that read the state and dispatch actions. No rules here:
//! every decision is the domain's (`crate::domain`), every text is the catalogue's (`crate::i18n`).
//! One folder per screen of the simulated control panel, plus the home screen, the walkthrough,
//! the scenario player and the embed mode.
// Natively (tests) the app is compiled but never started: its browser-only parts are unused.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod billing;
mod clock;
pub mod ctx;
mod embed;
mod exchange;
mod guide;
mod home;
mod inbox;
mod journal;
mod layout;
mod login;
pub mod nav;
mod prefs;
mod settings;
mod share;
mod split;
mod tour_target;
mod widgets;

pub use ctx::Ctx;

use crate::domain::scenario::Start;
use crate::i18n::Lang;
use layout::{Layout, NotFound};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The path part of `<base href>` (Trunk fills it from `public_url`), without its trailing
/// slash, so the app also works under a sub-path.
fn document_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// The browser's location: (pathname, search).
fn location() -> (String, String) {
    web_sys::window()
        .map(|w| w.location())
        .map(|l| (l.pathname().unwrap_or_default(), l.search().unwrap_or_default()))
        .unwrap_or_default()
}

/// How the app was opened: the full simulator, or an embed (its router base, slot, start).
#[derive(Clone)]
enum Mode {
    Full,
    Embed { base: String, slot: &'static str, start: Start },
}

/// Reads the mode from the address; `?embed=1` links are rewritten to their `/embed/…` form
/// first, so that the embed's own navigation keeps it.
fn mode() -> Mode {
    let base = document_base();
    let (pathname, search) = location();
    let mut path = nav::app_path(&pathname, &base);
    if let Some(link) = nav::embed_query(&path, &search) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{base}{link}")));
        }
        path = link;
    }
    match nav::embed_link(&path) {
        Some((start, slot, prefix)) => Mode::Embed {
            base: format!("{base}{}", &path[..prefix]),
            slot: Box::leak(slot.into_boxed_str()),
            start,
        },
        None => Mode::Full,
    }
}

/// Starts the app in the browser: the current language's catalogue first (only that one is
/// fetched), then the UI, which replaces the static first screen of `index.html`. Panics print
/// to the console in debug builds only (release builds abort, see README "Size").
#[cfg(target_arch = "wasm32")]
pub fn start() {
    #[cfg(any(debug_assertions, hes_panic_hook))]
    console_error_panic_hook::set_once();
    ctx::timing("hes:start", None);
    let wanted = prefs::initial_lang();
    // Leptos's own executor starts with the mount: until then, wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        // The texts and the guide's texts at once: drawn without the guide's, the home
        // screen's cards would grow when they arrive (a layout shift). Only the catalogue is
        // required; the guide's texts are fetched again where they are needed if this failed.
        let (texts, _) = futures::future::join(
            crate::i18n::load::ensure(wanted),
            crate::i18n::load::ensure_guide(wanted),
        )
        .await;
        let lang = if texts.is_ok() {
            wanted
        } else if crate::i18n::load::ensure(Lang::En).await.is_ok() {
            Lang::En
        } else {
            boot_failed();
            return;
        };
        let mode = mode();
        // The saves, read before the first frame of the app (split out of the first load).
        let opened = ctx::Opened::open(match &mode {
            Mode::Full => None,
            Mode::Embed { slot, start, .. } => Some((*slot, start.clone())),
        })
        .await;
        // Mounting in a task of its own: reading the texts and the save, then drawing the app,
        // in one task made one long task that blocked input (Lighthouse's Total Blocking Time).
        next_task().await;
        if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
            boot.remove();
        }
        ctx::timing("hes:mount:start", None);
        leptos::mount::mount_to_body(move || view! { <App lang mode opened/> });
        ctx::timing("hes:mount:end", Some("hes:mount:start"));
    });
}

/// Resolves in a new task of the browser's event loop (`setTimeout(0)`), so that the work before
/// and after it are two tasks, each short enough not to block input for long.
#[cfg(target_arch = "wasm32")]
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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

/// A screen of the customer area: only once logged in (L1), else the login page, which comes
/// back here afterwards. `next` is the app's own path (no base: the router adds it).
#[component]
fn Guard(children: ChildrenFn) -> impl IntoView {
    let ctx = ctx::use_ctx();
    let location = use_location();
    let base = expect_context::<RouterBase>().0;
    let logged_in = ctx.memo(|s| s.customer.is_some());
    move || {
        if logged_in.get() {
            children().into_any()
        } else {
            let next = nav::app_path(&location.pathname.get_untracked(), &base);
            let target = match nav::safe_next(&next) {
                Some(next) => format!("/login?next={next}"),
                None => "/login".to_string(),
            };
            view! { <Redirect path=target/> }.into_any()
        }
    }
}

/// A screen of the control panel (split out of the first load), once logged in (`Guard`).
macro_rules! guarded {
    ($part:ident) => {
        || view! { <Guard>{|| split::part(split::Panel::$part)}</Guard> }
    };
}

/// The router's base (the path of `<base href>`, or an embed's own prefix), without a
/// trailing slash.
#[derive(Clone)]
pub struct RouterBase(pub String);

/// The `href` of a link to the app's own `path` ("/inbox"): the router's base in front.
/// leptos_router 0.8's `<A>` leaves an absolute path as it is, and its click handler lets the
/// browser load any path outside the base: without the base, a link in a sub-path deployment
/// or in an embed would leave the app.
pub fn app_href(path: &str) -> String {
    let base = use_context::<RouterBase>().map(|b| b.0).unwrap_or_default();
    format!("{base}{path}")
}

/// *Log out* leads here: the customer area's pages are left first, so none of them asks to
/// come back to itself after the next login; then the customer logs out (L1) and lands on the
/// login page.
#[component]
fn LogOutPage() -> impl IntoView {
    let ctx = ctx::use_ctx();
    if ctx.with_untracked(|s| s.customer.is_some()) {
        ctx.run(crate::domain::Action::LogOut);
    }
    view! { <Redirect path="/login"/> }
}

/// Keeps the context's path in step with the router, and the walkthrough with the routes the
/// user reaches.
#[component]
fn RouteWatcher(base: String) -> impl IntoView {
    let ctx = ctx::use_ctx();
    let location = use_location();
    Effect::new(move |_| {
        let path = nav::app_path(&location.pathname.get(), &base);
        ctx.on_route(&path);
    });
}

#[component]
fn App(lang: Lang, mode: Mode, opened: ctx::Opened) -> impl IntoView {
    let ctx = Ctx::start(lang, opened);
    let base = match mode {
        Mode::Full => document_base(),
        Mode::Embed { base, .. } => base,
    };
    provide_context(ctx);
    provide_context(RouterBase(base.clone()));
    provide_context(guide::GuideTextsSignal::new());
    provide_context(guide::PanelOpen(RwSignal::new(true)));
    // A share link in the address waits for the user's answer (it never replaces silently).
    let incoming = share::IncomingSignal(RwSignal::new_local(None));
    provide_context(incoming);
    share::listen_storage(ctx);
    if !ctx.is_embed() {
        share::read_link(incoming);
        share::listen_hash(incoming);
    }
    guide::install_highlighter(ctx);
    layout::listen_updates(ctx);
    if ctx.is_embed() {
        embed::start(ctx);
    }

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

    let router_base = base.clone();
    view! {
        <Router base=router_base>
            <RouteWatcher base=base/>
            // A language switch re-renders the panel once; inside it, texts are plain strings.
            {move || {
                ctx.lang.track();
                view! {
                    <Layout>
                        <Routes fallback=|| view! { <NotFound/> }>
                            <Route path=path!("/") view=home::HomePage/>
                            <Route path=path!("/login") view=|| split::show(split::login())/>
                            <Route path=path!("/logout") view=LogOutPage/>
                            <Route path=path!("/guide/:id") view=|| split::part(split::Panel::SectionStart)/>
                            <Route path=path!("/scenario/:name") view=|| split::part(split::Panel::ScenarioStart)/>
                            <Route path=path!("/billing") view=|| view! { <Redirect path="/billing/ovh-account"/> }/>
                            <Route path=path!("/billing/payment-methods") view=guarded!(PaymentMethods)/>
                            <Route path=path!("/billing/payment-methods/add") view=guarded!(PaymentMethods)/>
                            <Route path=path!("/billing/ovh-account") view=guarded!(OvhAccount)/>
                            <Route path=path!("/billing/ovh-account/credit") view=guarded!(OvhAccount)/>
                            <Route path=path!("/billing/orders/:id") view=guarded!(Order)/>
                            <Route path=path!("/billing/invoices/:id") view=guarded!(Invoice)/>
                            <Route path=path!("/exchange") view=guarded!(Dashboard)/>
                            <Route path=path!("/exchange/billing-mode") view=guarded!(BillingMode)/>
                            <Route path=path!("/inbox") view=guarded!(Inbox)/>
                            <Route path=path!("/journal") view=guarded!(Journal)/>
                            <Route path=path!("/settings") view=guarded!(Settings)/>
                        </Routes>
                    </Layout>
                }
            }}
        </Router>
    }
}
