//! The walkthrough of the guide's sections (G1–G8) and the invoice-time scenarios, inside the
//! working control panel: a panel beside the page (a drawer on wide screens, a bottom sheet on
//! narrow ones) that says what to do next, highlights the control to use, and moves on when the
//! user does it. The steps and what completes them are the domain's (`domain::guide`); their
//! words are `public/guide/<lang>.json`, fetched when a walkthrough first needs them.
pub(crate) mod player;
pub(crate) mod scenario;
mod file;
mod settlement;

pub use settlement::{SettlementLines, SettlementPreview};

use super::ctx::{use_ctx, RunKind};
use crate::domain::guide::{self, Tour, TourTarget};
use crate::domain::scenario::{ScenarioId, Start};
use crate::domain::GuideSection;
use crate::i18n::{self, fill, GuideTexts};
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

/// The guide texts of the current language, once fetched (`None` while loading, or if they
/// could not be loaded: `failed` is then set). One for the whole app (see `ui::App`), so a
/// fetch that ends after the page that asked for it has gone still lands somewhere.
#[derive(Clone, Copy)]
pub struct GuideTextsSignal {
    pub texts: RwSignal<Option<&'static GuideTexts>>,
    pub failed: RwSignal<bool>,
}

impl GuideTextsSignal {
    pub fn new() -> Self {
        GuideTextsSignal { texts: RwSignal::new(None), failed: RwSignal::new(false) }
    }
}

/// The current language's guide texts, fetched the first time a screen needs them.
pub fn use_guide_texts() -> GuideTextsSignal {
    let ctx = use_ctx();
    let signal = expect_context::<GuideTextsSignal>();
    let lang = ctx.lang.get_untracked();
    match lang.guide() {
        Some(texts) => {
            if signal.texts.get_untracked().map(|t| t as *const GuideTexts) != Some(texts as *const GuideTexts) {
                signal.texts.set(Some(texts));
            }
        }
        None => {
            #[cfg(target_arch = "wasm32")]
            leptos::task::spawn_local(async move {
                match i18n::load::ensure_guide(lang).await {
                    Ok(()) => signal.texts.set(lang.guide()),
                    Err(_) => signal.failed.set(true),
                }
            });
        }
    }
    signal
}

/// `/guide/g4`: opens that section of the walkthrough in its own run (the user's own
/// simulation is kept) at the state where its steps make sense, on the user's subsidiary
/// ([`Ctx::guide_subsidiary`](super::ctx::Ctx::guide_subsidiary)), then goes where it starts.
#[component]
pub fn GuideStart() -> impl IntoView {
    let ctx = use_ctx();
    let params = use_params_map();
    let section = params.with_untracked(|p| p.get("id").and_then(|id| GuideSection::from_slug(&id)));
    match section {
        Some(section) => view! { <OpenRun start=Start::Section(section, ctx.guide_subsidiary()) route=guide::start_route(section)/> }.into_any(),
        None => view! { <super::widgets::NotFound/> }.into_any(),
    }
}

/// `/scenario/<name>`: opens that scenario in its own run, on the OVH account page.
#[component]
pub fn ScenarioStart() -> impl IntoView {
    let ctx = use_ctx();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("name").and_then(|n| ScenarioId::from_slug(&n)));
    match id {
        Some(id) => view! { <OpenRun start=Start::Scenario(id, ctx.guide_subsidiary()) route=scenario::START_ROUTE/> }.into_any(),
        None => view! { <super::widgets::NotFound/> }.into_any(),
    }
}

/// `/scenario#f=…`: a whole scenario file in the link (compressed like a share link), checked
/// by the same gate as an imported one; it opens in its own run on the OVH account page, or the
/// page says where and why it was refused (nothing changed).
#[component]
pub fn ScenarioFileStart() -> impl IntoView {
    let (t, lang) = use_ctx().texts();
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let opened = crate::storage::scenario_file::decode_scenario_link(&hash)
        .and_then(|loaded| crate::storage::scenario_file::file_start(&loaded));
    match opened {
        Ok(start) => view! { <OpenRun start route=scenario::START_ROUTE/> }.into_any(),
        Err(error) => view! {
            <h1>{t.sf_refused_title}</h1>
            <p class="alert" role="alert">{i18n::scenario_file::file_error(lang, &error)}</p>
            <A href=crate::ui::nav::app_href("/")>{t.back_to_own}</A>
        }.into_any(),
    }
}

/// Switches to the run once this page is on screen (not while the router is still drawing it:
/// the whole panel depends on the run), then goes to where the run starts.
#[component]
fn OpenRun(start: Start, route: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let navigate = use_navigate();
    Effect::new(move |done: Option<()>| {
        if done.is_none() {
            ctx.open_guided(start.clone(), false);
            navigate(route, NavigateOptions { replace: true, ..Default::default() });
        }
    });
    view! { <h1>{t.tour_loading}</h1> }
}

/// Above the panel in a walkthrough or scenario: which one, and the way back to the user's
/// own simulation (kept as they left it).
#[component]
pub fn GuidedBar() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let navigate = use_navigate();
    // Issue 20: an address that names a tour (`?guide=g8&step=3`, kept by the walkthrough's
    // panel) reopens it at that step: on a reload, or coming back to it through the history.
    // The section's run is resumed when it is the one kept, else opened fresh.
    if !ctx.is_embed() {
        let location = leptos_router::hooks::use_location();
        Effect::new(move |_| {
            let Some(wanted) = Tour::from_query(&location.search.get()) else { return };
            let on_screen = untrack(|| ctx.tour());
            if on_screen.map(|t| t.section) != Some(wanted.section) {
                ctx.open_guided(Start::Section(wanted.section, ctx.guide_subsidiary()), false);
            }
            let resumed = untrack(|| ctx.tour()).is_some_and(|t| t.section == wanted.section);
            if resumed && untrack(|| ctx.step.get()) != wanted.step {
                ctx.set_step(wanted.step);
            }
        });
    }
    move || {
        (ctx.kind.get() == RunKind::Guided).then(|| {
            let name = match ctx.start_of_run() {
                Start::Section(s, _) => fill(t.guided_section, &[s.slug().to_uppercase().as_str(), i18n::section_name(lang, s)]),
                Start::Scenario(..) | Start::File(_) => t.guided_scenario.to_string(),
                Start::Demo | Start::Situation(_) => String::new(),
            };
            let navigate = navigate.clone();
            view! {
                <div class="guided-bar" role="region" aria-label=t.guided_label>
                    <span><strong>{name}</strong> " " <span class="hint">{t.guided_kept}</span></span>
                    <button type="button" class="primary" on:click=move |_| {
                        ctx.back_to_own();
                        navigate("/", NavigateOptions::default());
                    }>{t.back_to_own}</button>
                </div>
            }
        })
    }
}

/// The panel beside the page: the walkthrough's current step, or the scenario player.
#[component]
pub fn GuidePanel() -> impl IntoView {
    let ctx = use_ctx();
    move || match ctx.start_of_run() {
        _ if ctx.recording.get() => view! { <crate::ui::record::RecorderPanel/> }.into_any(),
        Start::Section(..) => view! { <TourPanel/> }.into_any(),
        Start::Scenario(..) | Start::File(_) => view! { <scenario::ScenarioPanel/> }.into_any(),
        Start::Demo | Start::Situation(_) => ().into_any(),
    }
}

/// Whether the panel is open (Esc hides it; a button brings it back). One for the whole app
/// (see `ui::App`): a signal made inside the panel would be disposed with the panel it belongs
/// to when another section replaces it, while its context still pointed at it.
#[derive(Clone, Copy)]
pub struct PanelOpen(pub RwSignal<bool>);

fn panel_open() -> RwSignal<bool> {
    expect_context::<PanelOpen>().0
}

/// Hides the panel; the keyboard focus goes to the button that brings it back.
fn hide(open: RwSignal<bool>) {
    open.set(false);
    focus_after_render(".show-panel");
}

/// The "show the guide again" button while the panel is hidden.
#[component]
pub fn ShowPanel(open: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <button type="button" class="primary show-panel" on:click=move |_| {
            open.set(true);
            focus_after_render(".guide-panel");
        }>{t.tour_show}</button>
    }
}

/// Once the page has been redrawn, puts the keyboard focus on `selector`, unless it is already
/// inside it: a control the user was on (Back, Next) stays focused when it is still there, and a
/// control that went (Next on a step to do) leaves the focus in the panel, not on the page.
fn focus_after_render(selector: &'static str) {
    request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(Some(el)) = doc.query_selector(selector) else { return };
        let inside = doc.active_element().is_some_and(|a| el.contains(Some(&a)) && a.is_connected());
        let usable = doc.active_element().is_some_and(|a| !a.has_attribute("disabled") && !a.has_attribute("hidden"));
        if !(inside && usable) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// The walkthrough panel. Its frame is drawn once per section: moving from step to step
/// changes its texts and buttons in place, so the keyboard focus stays where the user left it.
#[component]
fn TourPanel() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let texts = use_guide_texts();
    let open = panel_open();
    let navigate = use_navigate();
    let Elsewhere(elsewhere) = expect_context::<Elsewhere>();

    let section = Memo::new(move |_| ctx.tour().map(|t| t.section));
    // (index of the step, number of steps, the step: `None` once the section is finished)
    let at = Memo::new(move |_| ctx.tour().map(|t| (t.step, t.steps().len(), t.current())));
    let current = move || at.get().and_then(|(_, _, step)| step);
    let finished = move || at.get().is_some_and(|(_, _, step)| step.is_none());
    // *Next* is offered on a step to read (once its condition holds, for one that has one).
    let readable = move || ctx.tour().is_some_and(|tour| ctx.with(|s| tour.can_next(s)));
    let alert = move || current().is_some_and(|s| s.alert);

    let next = move || {
        if let Some(mut tour) = ctx.tour() {
            if ctx.with_untracked(|s| tour.next(s)) {
                ctx.set_step(tour.step);
                // A step reached by reading may already be done where the user is.
                ctx.on_route(&ctx.path.get_untracked());
            }
        }
        focus_after_render(".guide-panel");
    };
    let back = move || {
        if let Some(mut tour) = ctx.tour() {
            if tour.back() {
                ctx.set_step(tour.step);
            }
        }
        focus_after_render(".guide-panel");
    };
    // Issue 20: the address bar keeps an address that reopens this section at this step (the
    // screen's path, its query and `guide=g8&step=3`), on every history entry of the run.
    if !ctx.is_embed() {
        Effect::new(move |_| {
            let (Some(tour), _) = (ctx.tour(), ctx.path.get()) else { return };
            request_animation_frame(move || {
                let Some(window) = web_sys::window() else { return };
                let location = window.location();
                let search = location.search().unwrap_or_default();
                let wanted = tour.query(&search);
                if wanted != search {
                    let url = format!("{}{wanted}{}", location.pathname().unwrap_or_default(), location.hash().unwrap_or_default());
                    if let Ok(history) = window.history() {
                        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
                        let _ = history.replace_state_with_url(&state, "", Some(&url));
                    }
                }
            });
        });
    }
    let keys = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowRight" if readable() => next(),
        "ArrowLeft" => back(),
        "Escape" => hide(open),
        _ => {}
    };

    move || {
        let Some(section) = section.get() else { return ().into_any() };
        if !open.get() {
            return view! { <ShowPanel open/> }.into_any();
        }
        let restart = {
            let navigate = navigate.clone();
            move |_| {
                // Again from its start, on the same subsidiary.
                ctx.open_guided(ctx.start_of_run(), true);
                navigate(guide::start_route(section), NavigateOptions::default());
            }
        };
        let text = move || match current() {
            Some(step) => texts.texts.get().map(|g| g.get(step.text_id(ctx.with(|s| s.subsidiary)))).unwrap_or(if texts.failed.get() { t.tour_load_failed } else { t.tour_loading }),
            None => t.tour_finished,
        };
        let following = GuideSection::WALKTHROUGH.iter().skip_while(|s| **s != section).nth(1).copied();
        view! {
            <aside class="guide-panel" tabindex="-1" aria-labelledby="guide-title" on:keydown=keys>
                <div class="guide-head">
                    <h2 id="guide-title">{move || section_title(texts, section, lang)}</h2>
                    <button type="button" class="link" aria-keyshortcuts="Escape" on:click=move |_| hide(open)>{t.tour_close}</button>
                </div>
                {move || at.get().filter(|(_, _, step)| step.is_some()).map(|(index, count, _)| view! {
                    <p class="guide-progress">{fill(t.tour_step, &[&(index + 1).to_string(), &count.to_string()])}</p>
                })}
                <div id="guide-step-text" aria-live="polite"
                    class=move || if finished() { "guide-step done" } else if alert() { "guide-step alert" } else { "guide-step" }
                    role=move || if alert() { "alert" } else { "status" }>
                    <p>{text}</p>
                </div>
                <p class="hint" hidden=move || readable() || finished()>{t.tour_do}</p>
                // The step points at something that is not on this page: say so, and where.
                {move || elsewhere.get().then(|| current().and_then(|s| s.target).and_then(OnPage::page)).flatten().map(|href| view! {
                    <p class="hint elsewhere">{t.tour_elsewhere} " " <A href=crate::ui::nav::app_href(&href)>{t.tour_go_there}</A></p>
                })}
                <div class="actions">
                    <button type="button" disabled=move || at.get().is_none_or(|(index, _, _)| index == 0) on:click=move |_| back()>{t.tour_back}</button>
                    <button type="button" class="primary" hidden=move || !readable() on:click=move |_| next()>{t.tour_next}</button>
                    {move || (finished()).then_some(following).flatten().map(|s| view! {
                        <A href=crate::ui::nav::app_href(&format!("/guide/{}", s.slug())) attr:class="button primary">
                            {fill(t.tour_next_section, &[&section_title(texts, s, lang)])}
                        </A>
                    })}
                </div>
                <p class="hint keys-hint">{t.tour_keys}</p>
                <button type="button" class="link" on:click=restart>{t.tour_restart}</button>
            </aside>
        }.into_any()
    }
}

/// "G4 · Créditer le compte OVH", from the guide texts once they are here.
fn section_title(texts: GuideTextsSignal, section: GuideSection, lang: i18n::Lang) -> String {
    let name = texts
        .texts
        .get()
        .map(|g| g.get(&format!("{}.title", section.slug())))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| i18n::section_name(lang, section));
    format!("{} · {name}", section.slug().to_uppercase())
}

/// Whether the current step's control is missing from the page (set by the highlighter).
#[derive(Clone, Copy)]
pub struct Elsewhere(pub RwSignal<bool>);

/// Marks the control the current step points at: a visible outline, scrolled into view (above
/// the bottom sheet on a phone). The step's text, which names the control, is announced by the
/// panel's live region. Installed once for the app (see `ui::App`): it follows the step and
/// the page, and also any redrawing of the page (a confirmation that replaces a button, a row
/// that appears), watched by a `MutationObserver`.
pub fn install_highlighter(ctx: super::ctx::Ctx) {
    let elsewhere = RwSignal::new(false);
    provide_context(Elsewhere(elsewhere));
    let target = move || untrack(|| ctx.tour().and_then(|t: Tour| t.current()).and_then(|s| s.target));
    // A scroll waits until both the control and the open panel are on the page: the page and
    // the panel may be drawn a moment apart (their code is loaded on first use, `ui::routes`),
    // and the control must end up above the bottom sheet, not where it was before it opened.
    let pending = StoredValue::new(false);
    let panel_open = use_context::<PanelOpen>().map(|p| p.0);
    let refresh = move |scroll: bool| {
        let target = target();
        let wait = scroll || pending.get_value();
        let ready = wait && panel_ready(panel_open.is_some_and(|open| open.get_untracked()));
        let found = mark(target, wait && ready);
        pending.set_value(wait && !(found && ready));
        if elsewhere.get_untracked() != (target.is_some() && !found) {
            elsewhere.set(target.is_some() && !found);
        }
    };
    Effect::new(move |previous: Option<(Option<TourTarget>, String)>| {
        let target = ctx.tour().and_then(|t: Tour| t.current()).and_then(|s| s.target);
        let path = ctx.path.get();
        ctx.sim.track();
        let moved = previous.as_ref().is_none_or(|(t, p)| *t != target || *p != path);
        request_animation_frame(move || refresh(moved));
        (target, path)
    });
    // Redrawn parts of the page: re-marked when the marked element is no longer the step's.
    let on_change = move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let wanted = target().and_then(|t| doc.query_selector(&t.selector()).ok().flatten());
        let marked = doc.query_selector(".tour-target").ok().flatten();
        if wanted != marked || pending.get_value() {
            refresh(false);
        }
    };
    // It watches for the app's whole life (the app's owner is never cleaned up).
    super::browser::observe(on_change, |callback| {
        let observer = web_sys::MutationObserver::new(callback).ok()?;
        let body = web_sys::window()?.document()?.body()?;
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        observer.observe_with_options(&body, &options).ok()?;
        Some(super::browser::Observer::Mutation(observer))
    });
}

/// Whether the walkthrough's panel is drawn, when it is meant to be open.
fn panel_ready(open: bool) -> bool {
    !open
        || web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".guide-panel").ok().flatten())
            .is_some()
}

/// Outlines `target` (and nothing else); whether it is on the page.
fn mark(target: Option<TourTarget>, scroll: bool) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return false };
    if let Ok(old) = doc.query_selector_all(".tour-target") {
        for i in 0..old.length() {
            if let Some(el) = old.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) {
                let _ = el.class_list().remove_1("tour-target");
            }
        }
    }
    let Some(target) = target else { return false };
    let Ok(Some(el)) = doc.query_selector(&target.selector()) else { return false };
    let _ = el.class_list().add_1("tour-target");
    if scroll {
        // Centred when it fits above the panel (a bottom sheet on a phone); its top first when
        // it is taller, so its beginning is never cut off.
        let height = el.get_bounding_client_rect().height();
        let room = doc
            .query_selector(".guide-panel")
            .ok()
            .flatten()
            .map(|panel| panel.get_bounding_client_rect().top())
            .filter(|top| *top > 0.0)
            .or_else(|| web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()))
            .unwrap_or(0.0);
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(if height + 32.0 > room { web_sys::ScrollLogicalPosition::Start } else { web_sys::ScrollLogicalPosition::Center });
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
    true
}
