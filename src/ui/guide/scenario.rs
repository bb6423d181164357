//! The scenario player: a scenario's story beat by beat (*Step*), or played with a pause
//! between beats long enough to read each (*Play*, which can be paused, at a speed: `player.rs`), with the settlement arithmetic before each
//! invoice and what actually happened after it.
use super::{focus_after_render, hide, panel_open, use_guide_texts, SettlementLines, SettlementPreview, ShowPanel};
use crate::domain::scenario::Start;
use crate::i18n::fill;
use crate::ui::ctx::use_ctx;
use crate::ui::prefs::Speed;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Where a scenario is played: the OVH account, where balance, invoices and movements show.
pub const START_ROUTE: &str = "/billing/ovh-account";

#[component]
pub fn ScenarioPanel() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let texts = use_guide_texts();
    let open = panel_open();
    // The app's one player (`player.rs`): its speed is remembered, the host API drives it too.
    let player = super::player::use_player();
    let playing = player.playing;
    let navigate = use_navigate();
    let step = move || player.step(ctx);
    let play = move || player.play(ctx);

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
        let at = move || ctx.step.get().min(script.len());
        let finished = move || at() >= script.len();
        let text = move |key: String| texts.texts.get().map(|g| g.get(&key)).unwrap_or(t.tour_loading);
        let restart = {
            let navigate = navigate.clone();
            move |_| {
                playing.set(false);
                ctx.open_guided(Start::Scenario(id), true);
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
                        view! { <li class=class aria-current=move || (i == at()).then_some("step")>{move || text(format!("{slug}.{i}"))}</li> }
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
                    // Issue 20 item 10: how fast *Play* goes (remembered).
                    <label class="speed">{t.sc_speed} " "
                        <select on:change=move |ev| {
                            if let Some(speed) = Speed::from_code(&event_target_value(&ev)) {
                                player.choose_speed(speed);
                            }
                        }>
                            {[(Speed::Slow, t.sc_speed_slow), (Speed::Normal, t.sc_speed_normal), (Speed::Fast, t.sc_speed_fast)].map(|(speed, name)| view! {
                                <option value=speed.code() selected=move || player.speed.get() == speed>{name}</option>
                            }).collect_view()}
                        </select>
                    </label>
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
