//! The few browser services the shell uses beyond the DOM Leptos draws: the wall clock, User
//! Timing marks, a file download, the service worker's waiting update, and the one place where
//! a JS callback is kept alive for an observer ([`observe`]).
//!
//! Window events go through Leptos's `window_event_listener` (released with `on_cleanup`);
//! observers (`ResizeObserver`, `MutationObserver`) have no Leptos helper, so [`observe`] owns
//! their callback and disconnects and releases it when its owner is cleaned up. No callback in
//! the app is leaked with `Closure::forget`.
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The current time for a save's `saved_at` (the domain and the session have no clock).
pub fn now() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::Date::new_0().to_iso_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// A User Timing mark (`performance.mark`): the browser benchmark reads the `hes:load` measure,
/// the time to read and replay a save (README, "Performance").
pub fn timing(name: &str, measure_from: Option<&str>) {
    #[cfg(target_arch = "wasm32")]
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
        if let Some(start) = measure_from {
            let _ = perf.measure_with_start_mark(name.trim_end_matches(":end"), start);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, measure_from);
}

/// Marks that the browser was asked to keep the site's data (so it is asked once).
pub const PERSIST_KEY: &str = "hes.persist-asked";

/// Asks the browser to keep the site's data (`navigator.storage.persist()`), at the first save
/// the user makes, once (decision 125); Settings says whether it was granted
/// (`navigator.storage.persisted()`).
pub fn ask_to_keep_data() {
    #[cfg(target_arch = "wasm32")]
    {
        thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
        let Some(window) = web_sys::window() else { return };
        let Some(local) = window.local_storage().ok().flatten() else { return };
        if ASKED.with(|a| a.replace(true)) || local.get_item(PERSIST_KEY).ok().flatten().is_some() {
            return;
        }
        let _ = local.set_item(PERSIST_KEY, "1");
        let storage = js_sys::Reflect::get(&window.navigator(), &"storage".into()).unwrap_or_default();
        if let Ok(persist) = js_sys::Reflect::get(&storage, &"persist".into()).and_then(|f| f.dyn_into::<js_sys::Function>().map_err(Into::into)) {
            let _ = persist.call0(&storage);
        }
    }
}

/// Offers `text` as a file download in the browser (`mime` its type).
pub fn download(filename: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Whether the service worker (`boot.js`) has a new version installed and waiting.
pub fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"hesUpdate".into()).ok())
        .is_some_and(|v| !v.is_undefined() && !v.is_null())
}

/// The user agreed: the waiting version takes over, and the page reloads once it has.
pub fn apply_update() {
    if !call_boot("hesUpdate", "apply") {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    }
}

/// *Install*: the browser's own install prompt, kept by `boot.js` from its
/// `beforeinstallprompt` (issue 20 item 16, decision 117); the button shows only while it is.
pub fn install() {
    call_boot("hesInstall", "prompt");
}

/// Calls `window[object][method]()`, a function `boot.js` set; whether there was one.
fn call_boot(object: &str, method: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    js_sys::Reflect::get(&window, &object.into())
        .and_then(|o| js_sys::Reflect::get(&o, &method.into()))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call0(&wasm_bindgen::JsValue::NULL).is_ok())
}

/// An observer started by [`observe`].
pub enum Observer {
    Resize(web_sys::ResizeObserver),
    Mutation(web_sys::MutationObserver),
}

/// Calls `callback` whenever the observer that `start` makes (with the callback's JS function)
/// sees a change, for as long as the current reactive owner lives: on its cleanup the observer
/// is disconnected and the callback released. Where `start` makes none, the callback is
/// released at once.
pub fn observe(callback: impl Fn() + 'static, start: impl FnOnce(&js_sys::Function) -> Option<Observer>) {
    let callback = Closure::<dyn Fn()>::new(callback);
    let Some(observer) = start(callback.as_ref().unchecked_ref()) else { return };
    // Both stay on this thread (the browser's only one); the cleanup asks for `Send`.
    let kept = send_wrapper::SendWrapper::new((observer, callback));
    on_cleanup(move || {
        let (observer, callback) = kept.take();
        match observer {
            Observer::Resize(o) => o.disconnect(),
            Observer::Mutation(o) => o.disconnect(),
        }
        drop(callback);
    });
}
