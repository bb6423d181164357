//! Embed mode, for an `<iframe>` in a documentation page (`/embed/guide/g4`,
//! `/embed/scenario/<name>`, or a section's or scenario's link with `?embed=1`): a demo customer
//! is logged in, the layout is compact, the run is saved under the embed's own key (never the
//! full app's, never another embed's), and the page tells its host what a host may want to
//! know: its content height (to size the frame), a section finished, a scenario ended. Those
//! messages are structured data built with `serde-wasm-bindgen`; nothing is ever read from the
//! parent page. It also works in `sandbox="allow-scripts allow-same-origin"`.
use super::ctx::{use_ctx, Ctx};
use super::embed_params::{EmbedParams, Theme};
use super::tour_target::OnPage;
use crate::domain::scenario::Start;
use crate::domain::{Action, NicHandle, Subsidiary};
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
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

/// The embed's parameters, read once from its address at start (`ui::start`).
static PARAMS: std::sync::OnceLock<EmbedParams> = std::sync::OnceLock::new();

/// Reads the embed's parameters from `query` once; every value not understood is written to
/// the console (`console.warn`) and its default used. Later calls return the first reading.
pub fn init(query: &str) -> &'static EmbedParams {
    PARAMS.get_or_init(|| {
        let (params, warnings) = super::embed_params::parse(query);
        for warning in warnings {
            web_sys::console::warn_1(&warning.into());
        }
        params
    })
}

/// The embed's parameters (the defaults outside an embed).
pub fn params() -> &'static EmbedParams {
    PARAMS.get_or_init(|| super::embed_params::parse("").0)
}

/// The theme and `controls=0` on `<html>` (`data-theme`, `data-controls`): the stylesheet does
/// the rest.
pub fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ = match theme.attr() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
    if !params().controls {
        let _ = root.set_attribute("data-controls", "0");
    }
}

/// Where the embed's messages go (decision 101). With the host API on, only to its allowed
/// origins, each exactly. Without it, to the origin of the page that framed it
/// (`location.ancestorOrigins`, else `document.referrer`'s); only when neither tells it, to
/// `"*"`, which is then harmless: those messages carry no figure of the simulation.
pub fn targets() -> Vec<String> {
    let params = params();
    if params.api() {
        return params.origins.clone();
    }
    let Some(window) = web_sys::window() else { return Vec::new() };
    // `location.ancestorOrigins` (Chromium, Safari; not in web-sys), read by reflection.
    let ancestor = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into())
        .ok()
        .and_then(|list| list.dyn_into::<web_sys::DomStringList>().ok())
        .and_then(|list| list.item(0))
        .filter(|origin| origin != "null");
    let referrer = || {
        let referrer = window.document()?.referrer();
        let origin = web_sys::Url::new(&referrer).ok()?.origin();
        (origin != "null" && !origin.is_empty()).then_some(origin)
    };
    vec![ancestor.or_else(referrer).unwrap_or_else(|| "*".to_string())]
}

/// Posts a value to the host page, to [`targets`] only.
pub fn post_value(value: &wasm_bindgen::JsValue) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    for target in targets() {
        let _ = parent.post_message(value, &target);
    }
}

/// Posts a message to the host page (without the host API, the embed reads nothing from it).
pub fn post(message: &EmbedMessage) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        post_value(&value);
    }
}

/// Logs the demo customer in if the run starts logged out, with the subsidiary of `sub=`, else
/// the language's (issue 19; issue 20: Italian is Italy).
pub fn log_in(ctx: Ctx) {
    if ctx.with_untracked(|s| s.customer.is_none()) {
        let subsidiary = params().subsidiary(ctx.lang.get_untracked());
        let _ = ctx.dispatch(log_in_action(subsidiary));
        ctx.flash.set(None);
    }
}

/// [`log_in`] before the embed's first frame, on its session ([`super::routes::open_embed`]).
pub fn log_in_session(session: &mut crate::session::Session, subsidiary: Subsidiary, now: &str) -> crate::session::Report {
    if session.sim().state.customer.is_some() {
        return Vec::new();
    }
    session.act(log_in_action(subsidiary), "", now).1
}

/// The embed's demo customer logs in on `subsidiary` (L1).
fn log_in_action(subsidiary: Subsidiary) -> Action {
    Action::LogIn { nic: NicHandle::parse("ab12345-ovh").expect("a valid NIC handle"), subsidiary }
}

/// Sets the embed going: the demo customer, the height messages, the end messages.
pub fn start(ctx: Ctx) {
    let slot = ctx.embed.unwrap_or("");
    watch_height(slot);
    // The end of the section or scenario, once per run.
    Effect::new(move |sent: Option<bool>| {
        // A built-in scenario or a file (its name "file"): the file's beats, not a script's.
        let story = ctx.start.with(|start| match start {
            Start::Scenario(id, _) => Some((id.script().len(), id.slug())),
            Start::File(file) => Some((file.scenario().beats.len(), "file")),
            _ => None,
        });
        let ended = match (ctx.tour(), story) {
            (Some(tour), _) => tour.is_finished().then(|| EmbedMessage::SectionFinished { embed: slot, section: tour.section.slug() }),
            (_, Some((beats, scenario))) => (ctx.step.get() >= beats).then(|| EmbedMessage::ScenarioEnded { embed: slot, scenario }),
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

/// Posts the content's height whenever it really changes (issue 19: a steady frame). Rules:
/// never 0 (nothing is posted before the content has a height); at most one message per
/// animation frame (the observer's calls are gathered into one `requestAnimationFrame`); only a
/// new value is posted; and what is measured is the body's content box, whose height the
/// frame's own height never feeds (the embed's CSS has no `vh` heights and no sheet), so a
/// host that sizes the frame to it does not make it swing.
fn watch_height(slot: &'static str) {
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    let last = StoredValue::new(0u32);
    let pending = StoredValue::new(false);
    let measure = move || {
        pending.set_value(false);
        let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
        let height = content_height(body.get_bounding_client_rect().height());
        if height > 0 && height != last.get_value() {
            last.set_value(height);
            post(&EmbedMessage::Height { embed: slot, height });
        }
    };
    let schedule = move || {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(measure);
        }
    };
    schedule();
    super::browser::observe(schedule, |callback| {
        let observer = web_sys::ResizeObserver::new(callback).ok()?;
        observer.observe(&body);
        Some(super::browser::Observer::Resize(observer))
    });
}

/// A measured height in whole CSS pixels, rounded up (a frame a fraction too short scrolls).
fn content_height(measured: f64) -> u32 {
    if measured.is_finite() && measured > 0.0 {
        measured.ceil().min(u32::MAX as f64) as u32
    } else {
        0
    }
}

/// The page where an embed's run starts (issue 19): a section's first page, or the OVH
/// account for a scenario.
pub fn start_route(start: &Start) -> &'static str {
    match start {
        // G2 starts on the login page, but an embed logs its customer in (`log_in`): the login
        // page would send it home, and the embed's home back to the login page, for ever.
        Start::Section(section, _) => match crate::domain::guide::start_route(*section) {
            "/login" => "/exchange",
            route => route,
        },
        _ => super::guide::scenario::START_ROUTE,
    }
}

/// An embed's `/` (issue 19): the home screen is never drawn in a frame; it goes straight to
/// the page where the run starts.
#[component]
pub fn EmbedStart() -> impl IntoView {
    let ctx = use_ctx();
    let navigate = use_navigate();
    let route = start_route(&ctx.start_of_run());
    Effect::new(move |done: Option<()>| {
        if done.is_none() {
            navigate(route, NavigateOptions { replace: true, ..Default::default() });
        }
    });
}

/// Issue 19: in an embed, a step whose control is on another page moves the frame to that page
/// by itself (the full app says so and offers a link instead, as the guide's panel does).
#[component]
fn FollowStep() -> impl IntoView {
    let ctx = use_ctx();
    let navigate = use_navigate();
    let elsewhere = use_context::<super::guide::Elsewhere>().map(|e| e.0);
    Effect::new(move |_| {
        let Some(elsewhere) = elsewhere else { return };
        if !elsewhere.get() {
            return;
        }
        let page = untrack(|| ctx.tour().and_then(|t| t.current()).and_then(|s| s.target).and_then(OnPage::page));
        if let Some(page) = page {
            navigate(page, NavigateOptions { replace: true, ..Default::default() });
        }
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
        <FollowStep/>
        <super::embed_host::Host/>
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19: a height is whole pixels rounded up, and nothing measurable is 0 (never posted).
    #[test]
    fn heights_round_up_and_nothing_is_zero() {
        assert_eq!(content_height(412.2), 413);
        assert_eq!(content_height(412.0), 412);
        assert_eq!(content_height(0.0), 0);
        assert_eq!(content_height(-3.0), 0);
        assert_eq!(content_height(f64::NAN), 0);
    }
}
