//! The scenario player: a scenario's story beat by beat (*Step*), or played with a short pause
//! between beats (*Play*, which can be paused), with the settlement arithmetic before each
//! invoice and what actually happened after it.
use super::{focus_after_render, hide, panel_open, use_guide_texts, SettlementLines, SettlementPreview, ShowPanel};
use crate::domain::scenario::Start;
use crate::i18n::fill;
use crate::ui::ctx::{use_ctx, Flash};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::time::Duration;

/// Where a scenario is played: the OVH account, where balance, invoices and movements show.
pub const START_ROUTE: &str = "/billing/ovh-account";

/// The pause between two beats while playing.
const BEAT_PAUSE: Duration = Duration::from_millis(1200);

#[component]
pub fn ScenarioPanel() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let texts = use_guide_texts();
    let open = panel_open();
    let playing = RwSignal::new(false);
    let generation = RwSignal::new(0u32);
    let navigate = use_navigate();

    // One beat: its action in the current state, handed to the engine like a click would be.
    let step = move || -> bool {
        let Some(id) = ctx.scenario() else { return false };
        let index = ctx.step.get_untracked();
        let Some(beat) = id.script().get(index) else { return false };
        let Some(action) = ctx.with_untracked(|s| beat.action(s)) else {
            ctx.flash.set(None);
            return false;
        };
        match ctx.dispatch(action) {
            Ok(_) => {
                ctx.set_step(index + 1);
                index + 1 < id.script().len()
            }
            Err(refusal) => {
                ctx.flash.set(Some(Flash::Refused(refusal)));
                false
            }
        }
    };
    let play = move || {
        playing.set(true);
        // The player may be gone when the pause ends (another page, another run): the
        // timer then stops quietly. `generation` tells a stale timer (a Pause then Play within
        // one pause) from the current one, so a second chain never plays at double speed.
        fn tick(playing: RwSignal<bool>, generation: RwSignal<u32>, current: u32, step: impl Fn() -> bool + Copy + 'static) {
            set_timeout(
                move || {
                    if playing.try_get_untracked() == Some(true) && generation.try_get_untracked() == Some(current) {
                        if step() {
                            tick(playing, generation, current, step);
                        } else {
                            let _ = playing.try_set(false);
                        }
                    }
                },
                BEAT_PAUSE,
            );
        }
        generation.update(|g| *g += 1);
        let current = generation.get_untracked();
        if step() {
            tick(playing, generation, current, step);
        } else {
            playing.set(false);
        }
    };

    // The last invoice of the story, with the method that declined it if one did.
    let last_invoice = Memo::new(move |_| {
        ctx.sim.with(|sim| {
            (!sim.log.is_empty())
                .then(|| sim.state.invoices.iter().rev().find(|i| !i.is_seeded()).cloned())
                .flatten()
                .map(|invoice| {
                    let declined = sim.state.declined_on(invoice.date);
                    (invoice, declined)
                })
        })
    });

    let scenario = Memo::new(move |_| ctx.scenario());
    move || {
        let Some(id) = scenario.get() else { return ().into_any() };
        if !open.get() {
            return view! { <ShowPanel open/> }.into_any();
        }
        // The frame is drawn once per scenario; the beats move in place, so the keyboard focus
        // stays on the button the user pressed.
        let slug = id.slug();
        let script = id.script();
        // The captions that quote figures follow the run's subsidiary (issue 20).
        let subsidiary = ctx.start_of_run().subsidiary().unwrap_or(crate::domain::Subsidiary::Fr);
        let at = move || ctx.step.get().min(script.len());
        let finished = move || at() >= script.len();
        let text = move |key: String| texts.texts.get().map(|g| g.get(&key)).unwrap_or(t.tour_loading);
        let restart = {
            let navigate = navigate.clone();
            move |_| {
                playing.set(false);
                ctx.open_guided(Start::Scenario(id, subsidiary), true);
                navigate(START_ROUTE, NavigateOptions::default());
                focus_after_render(".guide-panel");
            }
        };
        view! {
            <aside class="guide-panel scenario" tabindex="-1" aria-labelledby="scenario-title"
                on:keydown=move |ev| if ev.key() == "Escape" { hide(open) }>
                <div class="guide-head">
                    <h2 id="scenario-title">{move || text(format!("{slug}.title"))}</h2>
                    <button type="button" class="link" aria-keyshortcuts="Escape" on:click=move |_| hide(open)>{t.tour_close}</button>
                </div>
                <p>{move || text(format!("{slug}.summary"))}</p>
                <p class="guide-progress" role="status" aria-live="polite">
                    {move || if finished() { t.sc_finished.to_string() } else { fill(t.sc_beat, &[&(at() + 1).to_string(), &script.len().to_string()]) }}
                </p>
                <ol class="beats">
                    {(0..script.len()).map(|i| {
                        let class = move || if i < at() { "done" } else if i == at() { "current" } else { "" };
                        view! { <li class=class aria-current=move || (i == at()).then_some("step")>{move || text(id.caption_id(i, subsidiary))}</li> }
                    }).collect_view()}
                </ol>
                <div class="actions">
                    // One button that plays and pauses: the focus stays on it.
                    <button type="button" class=move || if playing.get() { "" } else { "primary" }
                        disabled=move || finished() && !playing.get()
                        on:click=move |_| {
                            if playing.get_untracked() { playing.set(false) } else { play() }
                            focus_after_render(".guide-panel");
                        }>
                        {move || if playing.get() { t.sc_pause } else { t.sc_play }}
                    </button>
                    <button type="button" disabled=move || finished() || playing.get() on:click=move |_| {
                        step();
                        focus_after_render(".guide-panel");
                    }>{t.sc_step}</button>
                    <button type="button" on:click=restart>{t.sc_restart}</button>
                </div>
                {move || last_invoice.get().map(|(invoice, declined)| view! {
                    <section class="card" aria-labelledby="happened-title">
                        <h2 id="happened-title">{fill(t.ar_happened, &[&invoice.reference])}</h2>
                        <SettlementLines invoice declined/>
                    </section>
                })}
                // Before each invoice of the story, how it will be settled (not after its end).
                {move || (!finished()).then(|| view! { <SettlementPreview id="player-settlement-title"/> })}
            </aside>
        }.into_any()
    }
}
