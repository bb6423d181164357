//! The walkthrough of the guide's sections (G1–G8) and the invoice-time scenarios, inside the
//! working control panel: a panel beside the page (a drawer on wide screens, a bottom sheet on
//! narrow ones) that says what to do next, highlights the control to use, and moves on when the
//! user does it. The steps and what completes them are the domain's (`domain::guide`); their
//! words are `public/guide/<lang>.json`, fetched when a walkthrough first needs them.
mod scenario;
mod settlement;

pub use settlement::{declined_on, SettlementLines, SettlementPreview};

use super::ctx::{use_ctx, RunKind};
use crate::domain::guide::{self, Done, Tour};
use crate::domain::scenario::{ScenarioId, Start};
use crate::domain::GuideSection;
use crate::i18n::{self, fill, GuideTexts};
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
/// simulation is kept) at the state where its steps make sense, then goes where it starts.
#[component]
pub fn GuideStart() -> impl IntoView {
    let params = use_params_map();
    let section = params.with_untracked(|p| p.get("id").and_then(|id| GuideSection::from_slug(&id)));
    match section {
        Some(section) => view! { <OpenRun start=Start::Section(section) route=guide::start_route(section)/> }.into_any(),
        None => view! { <super::layout::NotFound/> }.into_any(),
    }
}

/// `/scenario/<name>`: opens that scenario in its own run, on the OVH account page.
#[component]
pub fn ScenarioStart() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("name").and_then(|n| ScenarioId::from_slug(&n)));
    match id {
        Some(id) => view! { <OpenRun start=Start::Scenario(id) route=scenario::START_ROUTE/> }.into_any(),
        None => view! { <super::layout::NotFound/> }.into_any(),
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
            ctx.open_guided(start, false);
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
    move || {
        (ctx.kind.get() == RunKind::Guided).then(|| {
            let name = match ctx.start_of_run() {
                Start::Section(s) => fill(t.guided_section, &[s.slug().to_uppercase().as_str(), i18n::section_name(lang, s)]),
                Start::Scenario(_) => t.guided_scenario.to_string(),
                Start::Demo => String::new(),
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
        Start::Section(_) => view! { <TourPanel/> }.into_any(),
        Start::Scenario(_) => view! { <scenario::ScenarioPanel/> }.into_any(),
        Start::Demo => ().into_any(),
    }
}

/// Whether the panel is open (Esc hides it; a button brings it back). Shared with the
/// scenario player.
#[derive(Clone, Copy)]
pub struct PanelOpen(pub RwSignal<bool>);

fn panel_open() -> RwSignal<bool> {
    match use_context::<PanelOpen>() {
        Some(PanelOpen(open)) => open,
        None => {
            let open = RwSignal::new(true);
            provide_context(PanelOpen(open));
            open
        }
    }
}

/// The "show the guide again" button while the panel is hidden.
#[component]
pub fn ShowPanel(open: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <button type="button" class="primary show-panel" on:click=move |_| open.set(true)>{t.tour_show}</button>
    }
}

#[component]
fn TourPanel() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let texts = use_guide_texts();
    let open = panel_open();
    let tour = move || ctx.tour();
    let navigate = use_navigate();
    highlight(ctx);

    let next = move || {
        if let Some(mut tour) = ctx.tour() {
            if tour.next() {
                ctx.set_step(tour.step);
                // A step reached by reading may already be done where the user is.
                ctx.on_route(&ctx.path.get_untracked());
            }
        }
    };
    let back = move || {
        if let Some(mut tour) = ctx.tour() {
            if tour.back() {
                ctx.set_step(tour.step);
            }
        }
    };
    let keys = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowRight" => next(),
        "ArrowLeft" => back(),
        "Escape" => open.set(false),
        _ => {}
    };

    move || {
        let Some(tour) = tour() else { return ().into_any() };
        if !open.get() {
            return view! { <ShowPanel open/> }.into_any();
        }
        let section = tour.section;
        let steps = tour.steps();
        let current = tour.current();
        let title = section_title(texts, section, lang);
        let restart = {
            let navigate = navigate.clone();
            move |_| {
                ctx.open_guided(Start::Section(section), true);
                navigate(guide::start_route(section), NavigateOptions::default());
            }
        };
        let body = match current {
            Some(step) => {
                let text = move || texts.texts.get().map(|g| g.get(step.id)).unwrap_or(if texts.failed.get() { t.tour_load_failed } else { t.tour_loading });
                let readable = step.done == Done::Read;
                view! {
                    <p class="guide-progress">{fill(t.tour_step, &[&(tour.step + 1).to_string(), &steps.len().to_string()])}</p>
                    <div id="guide-step-text" class=if step.alert { "guide-step alert" } else { "guide-step" }
                        role=if step.alert { "alert" } else { "status" } aria-live="polite">
                        <p>{text}</p>
                    </div>
                    {(!readable).then(|| view! { <p class="hint">{t.tour_do}</p> })}
                    <div class="actions">
                        <button type="button" disabled=tour.step == 0 on:click=move |_| back()>{t.tour_back}</button>
                        {readable.then(|| view! {
                            <button type="button" class="primary" on:click=move |_| next()>{t.tour_next}</button>
                        })}
                    </div>
                }.into_any()
            }
            None => {
                let following = GuideSection::WALKTHROUGH.iter().skip_while(|s| **s != section).nth(1).copied();
                view! {
                    <div class="guide-step done" role="status" aria-live="polite"><p>{t.tour_finished}</p></div>
                    <div class="actions">
                        <button type="button" on:click=move |_| back()>{t.tour_back}</button>
                        {following.map(|s| view! {
                            <A href=format!("/guide/{}", s.slug()) attr:class="button primary">
                                {fill(t.tour_next_section, &[&section_title(texts, s, lang)])}
                            </A>
                        })}
                    </div>
                }.into_any()
            }
        };
        view! {
            <aside class="guide-panel" aria-labelledby="guide-title" on:keydown=keys>
                <div class="guide-head">
                    <h2 id="guide-title">{title}</h2>
                    <button type="button" class="link" aria-keyshortcuts="Escape" on:click=move |_| open.set(false)>{t.tour_close}</button>
                </div>
                {body}
                <p class="hint">{t.tour_keys}</p>
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

/// Marks the control the current step points at: a visible outline, scrolled into view (above
/// the bottom sheet on a phone). The step's text, which names the control, is announced by the
/// panel's live region.
fn highlight(ctx: super::Ctx) {
    Effect::new(move |previous: Option<(Option<&'static str>, String)>| {
        let target = ctx.tour().and_then(|t: Tour| t.current()).and_then(|s| s.target);
        let path = ctx.path.get();
        ctx.sim.track();
        let moved = previous.as_ref().is_none_or(|(t, p)| *t != target || *p != path);
        request_animation_frame(move || mark(target, moved));
        (target, path)
    });
    on_cleanup(|| mark(None, false));
}

fn mark(target: Option<&'static str>, scroll: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(old) = doc.query_selector_all(".tour-target") {
        for i in 0..old.length() {
            if let Some(el) = old.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) {
                let _ = el.class_list().remove_1("tour-target");
            }
        }
    }
    let Some(target) = target else { return };
    if let Ok(Some(el)) = doc.query_selector(&format!("[data-tour=\"{target}\"]")) {
        let _ = el.class_list().add_1("tour-target");
        if scroll {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}
