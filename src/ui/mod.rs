//! The thin shell: Leptos components that read the state and dispatch actions. No rules here:
//! every decision is the domain's (`crate::domain`), every text is the catalogue's (`crate::i18n`).
//! One folder per screen of the simulated control panel, plus the home screen, the walkthrough,
//! the scenario player and the embed mode.
// Natively (tests) the app is compiled but never started: its browser-only parts are unused.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod ahead;
mod billing;
mod browser;
mod clock;
mod compare;
pub mod ctx;
mod drafts;
mod embed;
mod embed_host;
mod embed_params;
mod exchange;
mod guide;
mod home;
mod inbox;
mod journal;
mod layout;
mod login;
pub mod nav;
mod prefs;
mod record;
mod routes;
mod settings;
mod share;
mod situation;
mod tour_target;
mod widgets;

pub use ctx::Ctx;

use crate::domain::scenario::Start;
use crate::i18n::Lang;
use crate::session::{Notice, Report, Session};
use layout::Layout;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use nav::RouterBase;

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
    /// `share`: a share link's embed (`/embed/#s=…`), whose start is the link's.
    Embed { base: String, slot: &'static str, start: Start, share: bool },
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
    if nav::share_embed(&path) {
        // `/embed/#s=…` is `/embed/share` from now on (its link is read before, `ui::start`):
        // the router's paths go under it, and a reload of any of them reads the embed's slot.
        if !path.starts_with("/embed/share") {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{base}/embed/share{}", location().1)));
            }
        }
        return Mode::Embed { base: format!("{base}/embed/share"), slot: "share", start: Start::Demo, share: true };
    }
    match nav::embed_link(&path) {
        Some((start, slot, prefix)) => Mode::Embed {
            base: format!("{base}{}", &path[..prefix]),
            slot: Box::leak(slot.into_boxed_str()),
            start,
            share: false,
        },
        None => Mode::Full,
    }
}

/// Starts the app in the browser: the current language's first-screen texts first (only that
/// language's core files are fetched: catalogue split, see `crate::i18n`), then the UI, which
/// replaces the static first screen of `index.html`. Panics print to the console in debug
/// builds only (release builds abort, see README "Size").
#[cfg(target_arch = "wasm32")]
pub fn start() {
    #[cfg(any(debug_assertions, hes_panic_hook))]
    console_error_panic_hook::set_once();
    browser::timing("hes:start", None);
    let search = location().1;
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let mode = mode();
    // An embed's parameters, read once (issue 19): its `lang` beats the browser's.
    let embed_lang = match &mode {
        Mode::Embed { .. } => {
            let params = embed::init(&search);
            embed::apply_theme(params.theme);
            params.lang
        }
        Mode::Full => None,
    };
    let wanted = embed_lang.unwrap_or_else(prefs::initial_lang);
    // Leptos's own executor starts with the mount: until then, wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        // The texts and the guide's texts at once, each only its core file (the home screen's;
        // every other screen fetches the rest first, `routes::show`): drawn without the guide's,
        // the home screen's cards would grow when they arrive (a layout shift). Only the
        // catalogue is required; the guide's texts are fetched again where they are needed if
        // this failed.
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
        // The saves, read before the first frame of the app (split out of the first load).
        // An embed's section or scenario runs on `sub=`, else the language's (issue 19, L2);
        // its customer logs in on it.
        let subsidiary = embed::params().subsidiary(lang);
        let (mut session, mut report) = Session::in_browser(match &mode {
            Mode::Full => None,
            Mode::Embed { slot, start, .. } => Some((*slot, start.clone().on(subsidiary))),
        });
        if let Mode::Embed { share, .. } = &mode {
            let read;
            (session, read) = routes::open_embed(session, share.then_some(hash), subsidiary).await;
            report.extend(read);
        } else if session.has_save() {
            let read;
            (session, read) = routes::read_saved(session).await;
            report.extend(read);
        }
        // Mounting in a task of its own: reading the texts and the save, then drawing the app,
        // in one task made one long task that blocked input (Lighthouse's Total Blocking Time).
        next_task().await;
        if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
            boot.remove();
        }
        browser::timing("hes:mount:start", None);
        leptos::mount::mount_to_body(move || view! { <App lang mode session report/> });
        browser::timing("hes:mount:end", Some("hes:mount:start"));
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

/// What the app says when its texts could not be fetched, in its three languages (it has no
/// texts to say it in).
#[cfg(target_arch = "wasm32")]
const TEXTS_FAILED: &str = "The simulator could not load its texts. Check your connection and reload. \
    Le simulateur n'a pas pu charger ses textes : vérifiez la connexion et rechargez. \
    Il simulatore non ha potuto caricare i testi: controlla la connessione e ricarica.";

/// The texts could not be fetched (offline on a first visit): say so on the static first screen.
#[cfg(target_arch = "wasm32")]
fn boot_failed() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-status"))
    {
        el.set_text_content(Some(TEXTS_FAILED));
    }
}

/// Keeps the context's path in step with the router, and the walkthrough with the routes the
/// user reaches.
#[component]
fn RouteWatcher(base: String) -> impl IntoView {
    let ctx = ctx::use_ctx();
    let location = use_location();
    Effect::new(move |_| {
        let path = nav::app_path(&location.pathname.get(), &base);
        ctx.path.set(path.clone());
        // Only a walkthrough waits for routes: its move, and the save, are split out.
        if ctx.session(|s| s.tour().is_some()) {
            leptos::task::spawn_local(routes::reach(ctx, path));
        }
    });
}

/// The app's listeners on the window, for its whole life: another tab's save (the `storage`
/// event), a share link opened in this tab (`hashchange`: no page load), and a new version of
/// the app (`boot.js` tells it with `hes-update-ready`).
fn listen(ctx: Ctx, incoming: share::IncomingSignal) {
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        // Reading the newer save is split out of the first load, like every read of a save.
        if ev.key().is_some_and(|key| ctx.session(|s| s.is_newer_elsewhere(&key))) {
            leptos::task::spawn_local(routes::reload(ctx));
        }
    });
    let hash = (!ctx.is_embed()).then(|| window_event_listener(leptos::ev::hashchange, move |_| read_link(incoming)));
    if browser::update_waiting() {
        ctx.notice(Notice::UpdateReady);
    }
    let update = window_event_listener_untyped("hes-update-ready", move |_| ctx.notice(Notice::UpdateReady));
    on_cleanup(move || {
        storage.remove();
        update.remove();
        if let Some(hash) = hash {
            hash.remove();
        }
    });
}

/// Reads a share link in the address, if there is one, into `incoming` (the dialog asks the
/// user). Its decoding is split out of the first load, like the dialog.
fn read_link(incoming: share::IncomingSignal) {
    if let Some(hash) = share::link_in_address() {
        leptos::task::spawn_local(async move {
            incoming.0.set(Some(routes::decode_link(hash).await));
        });
    }
}

#[component]
fn App(lang: Lang, mode: Mode, session: Session, report: Report) -> impl IntoView {
    let (base, embed) = match mode {
        Mode::Full => (document_base(), None),
        Mode::Embed { base, slot, .. } => (base, Some(slot)),
    };
    let ctx = Ctx::new(lang, session, report, embed, routes::on_stale);
    provide_context(ctx);
    provide_context(RouterBase(base.clone()));
    provide_context(guide::GuideTextsSignal::new());
    provide_context(guide::PanelOpen(RwSignal::new(true)));
    provide_context(guide::player::Player::new());
    // A share link in the address waits for the user's answer (it never replaces silently).
    let incoming = share::IncomingSignal(RwSignal::new_local(None));
    provide_context(incoming);
    listen(ctx, incoming);
    if !ctx.is_embed() {
        read_link(incoming);
    }
    guide::install_highlighter(ctx);
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
            // A language switch re-renders the panel once; inside it, texts are plain strings,
            // and what the user typed comes back from the context's drafts (`Ctx::draft`).
            {move || {
                ctx.lang.track();
                view! { <Layout parts=routes::PARTS><routes::Pages/></Layout> }
            }}
        </Router>
    }
}
