//! The player (issue 20 item 10, issue 19): *Play*, *Pause* and *Step* of a scenario's beats, or
//! of a section's steps (an embed's `autoplay` and its host's commands), at a speed the user
//! chooses and the app remembers. One for the whole app (`ui::App` provides it), so the host API
//! and the scenario panel drive the same one and a timer outlives the panel that started it.
use crate::domain::guide::{self, StepMove};
use crate::ui::ctx::{Ctx, Flash};
use crate::ui::prefs::{self, Speed};
use leptos::prelude::*;
use std::time::Duration;

/// How long *Play* waits on a beat (or a step) whose text is `chars` characters long before the
/// next one (issue 20 item 10): at the normal speed, the time to read it (about 60 ms a
/// character, some 200 words a minute), at least 2.5 s; slow, half as fast again, at least 4 s;
/// fast, 1.2 s whatever the text (the old pace). Never more than 20 s.
pub fn beat_pause(speed: Speed, chars: usize) -> Duration {
    let chars = chars as u64;
    let ms = match speed {
        Speed::Fast => 1200,
        Speed::Normal => (chars * 60).max(2500),
        Speed::Slow => (chars * 90).max(4000),
    };
    Duration::from_millis(ms.min(20_000))
}

#[derive(Clone, Copy)]
pub struct Player {
    pub playing: RwSignal<bool>,
    /// Tells a stale timer (a Pause then Play within one pause) from the current one, so that a
    /// second chain never plays at double speed.
    generation: RwSignal<u32>,
    pub speed: RwSignal<Speed>,
}

impl Default for Player {
    fn default() -> Self {
        Self::new()
    }
}

impl Player {
    pub fn new() -> Self {
        Player { playing: RwSignal::new(false), generation: RwSignal::new(0), speed: RwSignal::new(prefs::initial_speed()) }
    }

    /// The speed chosen by the user: remembered.
    pub fn choose_speed(self, speed: Speed) {
        self.speed.set(speed);
        prefs::remember_speed(speed);
    }

    /// One move, handed to the engine like a click would be: the scenario's next beat, or the
    /// section's current step done (its own action, `domain::guide::step_move`). Returns
    /// whether there is more to play.
    pub fn step(self, ctx: Ctx) -> bool {
        // Called from clicks, timers and the host API: nothing here subscribes.
        untrack(|| self.step_untracked(ctx))
    }

    fn step_untracked(self, ctx: Ctx) -> bool {
        // A scenario's beat, a built-in's or a file's (issue 18).
        if let Some(story) = super::scenario::Story::of(&ctx.start.get_untracked()) {
            let index = ctx.step.get_untracked();
            if index >= story.len() {
                return false;
            }
            let Some(action) = ctx.with_untracked(|s| story.action(index, s)) else {
                ctx.flash.set(None);
                return false;
            };
            return match ctx.dispatch(action) {
                Ok(_) => {
                    ctx.set_step(index + 1);
                    // A file's beat may ask Play to stop after it (`"pause": true`).
                    index + 1 < story.len() && !story.pauses_after(index)
                }
                Err(refusal) => {
                    ctx.flash.set(Some(Flash::Refused(refusal)));
                    false
                }
            };
        }
        // A section: act until the step moves on (a step may wait several events).
        for _ in 0..20 {
            let Some(tour) = ctx.tour() else { return false };
            match ctx.with_untracked(|s| guide::step_move(&tour, s)) {
                StepMove::Stop => return false,
                StepMove::Skip => {
                    ctx.set_step(tour.step + 1);
                    ctx.on_route(&ctx.path.get_untracked());
                }
                StepMove::Act(action) => {
                    if let Err(refusal) = ctx.dispatch(action) {
                        ctx.flash.set(Some(Flash::Refused(refusal)));
                        return false;
                    }
                }
            }
            if ctx.tour().is_some_and(|t| t.step != tour.step) {
                return ctx.tour().is_some_and(|t| !t.is_finished());
            }
        }
        false
    }

    /// Moves on at once until `n` moves are done (an embed's `step=`/`beat=`, `hes:go`).
    pub fn forward(self, ctx: Ctx, n: usize) {
        for _ in 0..200 {
            if ctx.step.get_untracked() >= n || !self.step(ctx) {
                break;
            }
        }
    }

    pub fn pause(self) {
        self.playing.set(false);
    }

    /// *Play*: a move now, then one after each pause ([`beat_pause`] of the text now shown).
    /// The player may be gone when a pause ends (another run): the timer then stops quietly.
    pub fn play(self, ctx: Ctx) {
        fn tick(player: Player, ctx: Ctx, current: u32) {
            let pause = beat_pause(player.speed.get_untracked(), text_len(ctx));
            set_timeout(
                move || {
                    if player.playing.try_get_untracked() == Some(true) && player.generation.try_get_untracked() == Some(current) {
                        if player.step(ctx) {
                            tick(player, ctx, current);
                        } else {
                            let _ = player.playing.try_set(false);
                        }
                    }
                },
                pause,
            );
        }
        self.playing.set(true);
        self.generation.update(|g| *g += 1);
        let current = self.generation.get_untracked();
        if self.step(ctx) {
            tick(self, ctx, current);
        } else {
            self.playing.set(false);
        }
    }
}

/// The length of the text the reader has in front of them: the current beat's or step's.
fn text_len(ctx: Ctx) -> usize {
    untrack(|| text_len_untracked(ctx))
}

fn text_len_untracked(ctx: Ctx) -> usize {
    let lang = ctx.lang.get_untracked();
    if let Some(super::scenario::Story::File(file)) = super::scenario::Story::of(&ctx.start.get_untracked()) {
        let key = super::scenario::Key::Beat(ctx.step.get_untracked());
        return super::file::text(file.scenario(), key, lang).chars().count();
    }
    let Some(texts) = lang.guide() else { return 0 };
    let key = if let Some(id) = ctx.scenario() {
        format!("{}.{}", id.slug(), ctx.step.get_untracked())
    } else if let Some(step) = ctx.tour().and_then(|t| t.current()) {
        step.text_id(ctx.with_untracked(|s| s.subsidiary)).to_string()
    } else {
        return 0;
    };
    texts.get(&key).chars().count()
}

pub fn use_player() -> Player {
    expect_context::<Player>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 20 item 10: at the normal speed a beat waits for its text to be read, at least 2.5 s.
    #[test]
    fn issue20_a_beat_waits_for_its_text_to_be_read() {
        assert_eq!(beat_pause(Speed::Normal, 0), Duration::from_millis(2500));
        assert_eq!(beat_pause(Speed::Normal, 20), Duration::from_millis(2500));
        assert_eq!(beat_pause(Speed::Normal, 100), Duration::from_millis(6000));
        assert!(beat_pause(Speed::Slow, 100) > beat_pause(Speed::Normal, 100));
        assert!(beat_pause(Speed::Slow, 0) >= Duration::from_millis(4000));
        assert_eq!(beat_pause(Speed::Fast, 300), Duration::from_millis(1200));
        assert_eq!(beat_pause(Speed::Normal, 10_000), Duration::from_secs(20));
    }
}
