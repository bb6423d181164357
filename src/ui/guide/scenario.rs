//! The scenario player: a scenario's story beat by beat (*Step*), or played with a pause
//! between beats long enough to read each (*Play*, which can be paused, at a speed: `player.rs`), with the settlement arithmetic before each
//! invoice and what actually happened after it.
use super::file;
use super::{focus_after_render, hide, panel_open, use_guide_texts, SettlementLines, SettlementPreview, ShowPanel};
use crate::domain::scenario::{ScenarioId, Start};
use crate::domain::scenario_file::FileStart;
use crate::domain::{Action, State, Subsidiary};
use std::sync::Arc;
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
    let (t, lang) = ctx.texts();
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

    let scenario = Memo::new(move |_| Story::of(&ctx.start_of_run()));
    move || {
        let Some(story) = scenario.get() else { return ().into_any() };
        if !open.get() {
            return view! { <ShowPanel open/> }.into_any();
        }
        // The frame is drawn once per scenario; the beats move in place, so the keyboard focus
        // stays on the button the user pressed.
        let count = story.len();
        let at = move || ctx.step.get().min(count);
        let finished = move || at() >= count;
        let text = {
            let story = story.clone();
            move |key: Key| match &story {
                Story::Builtin(id, subsidiary) => {
                    let key = match key {
                        Key::Title => format!("{}.title", id.slug()),
                        Key::Summary => format!("{}.summary", id.slug()),
                        // The captions that quote figures follow the run's subsidiary (issue 20).
                        Key::Beat(i) => id.caption_id(i, *subsidiary),
                    };
                    texts.texts.get().map(|g| g.get(&key)).unwrap_or(t.tour_loading).to_string()
                }
                Story::File(file) => file::text(file.scenario(), key, lang).to_string(),
            }
        };
        let title = { let text = text.clone(); move || text(Key::Title) };
        let summary = { let text = text.clone(); move || text(Key::Summary) };
        // A file's expectations, checked on a replay of the file (T3: what Play and Step do).
        let outcomes = story.file().map(|f| file::Outcomes::of(f.clone()));
        let start = story.start();
        let restart = {
            let navigate = navigate.clone();
            move |_| {
                playing.set(false);
                ctx.open_guided(start.clone(), true);
                navigate(START_ROUTE, NavigateOptions::default());
                focus_after_render(".guide-panel");
            }
        };
        view! {
            <aside class="guide-panel scenario" tabindex="-1" aria-labelledby="scenario-title"
                on:keydown=move |ev| if ev.key() == "Escape" { hide(open) }>
                <div class="guide-head">
                    <h2 id="scenario-title">{title}</h2>
                    <button type="button" class="link" aria-keyshortcuts="Escape" on:click=move |_| hide(open)>{t.tour_close}</button>
                </div>
                <p>{summary}</p>
                {outcomes.clone().map(|o| view! { <file::FellBack outcomes=o.clone()/> <file::Checks outcomes=o after=0 at=Signal::derive(at)/> })}
                <p class="guide-progress" role="status" aria-live="polite">
                    {move || if finished() { t.sc_finished.to_string() } else { fill(t.sc_beat, &[&(at() + 1).to_string(), &count.to_string()]) }}
                </p>
                <ol class="beats">
                    {(0..count).map(|i| {
                        let class = move || if i < at() { "done" } else if i == at() { "current" } else { "" };
                        let text = text.clone();
                        // A file's expectations at this beat, once it has been played.
                        let checks = outcomes.clone().map(|o| view! { <file::Checks outcomes=o after=i + 1 at=Signal::derive(at)/> });
                        view! { <li class=class aria-current=move || (i == at()).then_some("step")>{move || text(Key::Beat(i))}{checks}</li> }
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
                // A file's end: how many of its expectations held.
                {outcomes.clone().map(|o| move || finished().then(|| view! { <file::Summary outcomes=o.clone()/> }))}
            </aside>
        }.into_any()
    }
}

/// What the player plays: a built-in scenario (its script, its words in the guide's texts), or a
/// scenario file (its beats, its own words and its expectations).
#[derive(Clone, PartialEq)]
pub enum Story {
    Builtin(ScenarioId, Subsidiary),
    File(Arc<FileStart>),
}

/// A text of the story.
#[derive(Clone, Copy)]
pub enum Key {
    Title,
    Summary,
    Beat(usize),
}

impl Story {
    /// The story a run plays, if it is a scenario's.
    pub fn of(start: &Start) -> Option<Story> {
        match start {
            Start::Scenario(id, subsidiary) => Some(Story::Builtin(*id, *subsidiary)),
            Start::File(file) => Some(Story::File(file.clone())),
            _ => None,
        }
    }

    /// How many beats.
    pub fn len(&self) -> usize {
        match self {
            Story::Builtin(id, _) => id.script().len(),
            Story::File(file) => file.scenario().beats.len(),
        }
    }

    /// Beat `index` as the engine's action in `state`, like a click; `None` when what it names
    /// is not there (the reader did something else in between).
    pub fn action(&self, index: usize, state: &State) -> Option<Action> {
        match self {
            Story::Builtin(id, _) => id.script().get(index).and_then(|beat| beat.action(state)),
            Story::File(file) => file.scenario().beat_action(index, state).and_then(Result::ok),
        }
    }

    /// *Play* stops after beat `index`.
    pub fn pauses_after(&self, index: usize) -> bool {
        match self {
            Story::Builtin(..) => false,
            Story::File(file) => file.scenario().beats.get(index).is_some_and(|b| b.pause),
        }
    }

    /// Where *Restart* opens it again.
    pub fn start(&self) -> Start {
        match self {
            Story::Builtin(id, subsidiary) => Start::Scenario(*id, *subsidiary),
            Story::File(file) => Start::File(file.clone()),
        }
    }

    pub fn file(&self) -> Option<&Arc<FileStart>> {
        match self {
            Story::File(file) => Some(file),
            Story::Builtin(..) => None,
        }
    }
}
