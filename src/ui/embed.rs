//! Embed mode, for an `<iframe>` in a documentation page (`/embed/guide/g4`,
//! `/embed/scenario/<name>`, or a section's or scenario's link with `?embed=1`): a demo customer
//! is logged in, the layout is compact, the run is saved under the embed's own key (never the
//! full app's, never another embed's), and the page tells its host what a host may want to
//! know: its content height (to size the frame), a section finished, a scenario ended. Those
//! messages are structured data built with `serde-wasm-bindgen`; nothing is ever read from the
//! parent page. It also works in `sandbox="allow-scripts allow-same-origin"`.
use super::ctx::{use_ctx, Ctx};
use crate::domain::{Action, NicHandle};
use crate::storage::transfer;
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsCast;

/// What the embed posts to its host page.
#[derive(Serialize)]
#[serde(tag = "type")]
pub enum EmbedMessage<'a> {
    /// The content's height in CSS pixels: the host can resize the frame to it.
    #[serde(rename = "hes:height")]
    Height { embed: &'a str, height: u32 },
    /// The walkthrough section reached its end.
    #[serde(rename = "hes:section-finished")]
    SectionFinished { embed: &'a str, section: &'a str },
    /// The scenario played its last beat.
    #[serde(rename = "hes:scenario-ended")]
    ScenarioEnded { embed: &'a str, scenario: &'a str },
}

/// Posts a message to the host page (the embed reads nothing from it).
pub fn post(message: &EmbedMessage) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = parent.post_message(&value, "*");
    }
}

/// Sets the embed going: the demo customer, the height messages, the end messages.
pub fn start(ctx: Ctx) {
    let slot = ctx.embed.unwrap_or("");
    if ctx.with_untracked(|s| s.customer.is_none()) {
        let subsidiary = ctx.with_untracked(|s| s.subsidiary);
        if let Ok(nic) = NicHandle::parse("ab12345-ovh") {
            let _ = ctx.dispatch(Action::LogIn { nic, subsidiary });
        }
        ctx.flash.set(None);
    }
    watch_height(slot);
    // The end of the section or scenario, once per run.
    Effect::new(move |sent: Option<bool>| {
        let ended = match (ctx.tour(), ctx.scenario()) {
            (Some(tour), _) => tour.is_finished().then(|| EmbedMessage::SectionFinished { embed: slot, section: tour.section.slug() }),
            (_, Some(id)) => (ctx.step.get() >= id.script().len())
                .then(|| EmbedMessage::ScenarioEnded { embed: slot, scenario: id.slug() }),
            _ => None,
        };
        match ended {
            Some(message) if sent != Some(true) => {
                post(&message);
                true
            }
            Some(_) => true,
            None => false,
        }
    });
}

/// Posts the content's height now and whenever it changes.
fn watch_height(slot: &'static str) {
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    // The body's own height, not the document's: `documentElement.scrollHeight` is never less
    // than the frame's height, so a frame could grow but never shrink to its content.
    let send = move || {
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            post(&EmbedMessage::Height { embed: slot, height: body.scroll_height().max(0) as u32 });
        }
    };
    send();
    super::browser::observe(send, |callback| {
        let observer = web_sys::ResizeObserver::new(callback).ok()?;
        observer.observe(&body);
        Some(super::browser::Observer::Resize(observer))
    });
}

/// "Open in the full simulator": the full app, with this run in its share link (the full app
/// asks before replacing its own simulation), in a new tab. The link is made when it is
/// followed, so it carries the state of that moment. A frame sandboxed without
/// `allow-popups` cannot open a tab: the link is then shown, to copy.
#[component]
pub fn OpenFull() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let blocked = RwSignal::new(None::<String>);
    let href = move || {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        format!("{base}#{}", transfer::encode_link(&ctx.saved_run()))
    };
    let open = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        let url = href();
        if let Some(a) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
            a.set_href(&url);
        }
        let opened = web_sys::window().and_then(|w| w.open_with_url_and_target(&url, "_blank").ok().flatten());
        match opened {
            // The new tab gets no handle on this frame (as rel="noopener" would do).
            Some(tab) => {
                let _ = tab.set_opener(&wasm_bindgen::JsValue::NULL);
                blocked.set(None);
            }
            None => blocked.set(Some(url)),
        }
    };
    view! {
        <a class="open-full" target="_blank" rel="noopener" href=href() on:click=open>{t.embed_open_full}</a>
        {move || blocked.get().map(|url| view! {
            <div class="open-blocked" role="alert">
                <label for="open-full-link">{t.embed_open_blocked}</label>
                <input id="open-full-link" type="text" readonly value=url
                    on:focus=move |ev| {
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }/>
            </div>
        })}
    }
}
