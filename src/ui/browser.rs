//! The few browser services the shell uses beyond the DOM Leptos draws: the wall clock, User
//! Timing marks, a file download, the service worker's waiting update.
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
