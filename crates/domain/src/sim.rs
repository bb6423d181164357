//! A run of the simulation: where it started, the actions taken since, and the user's snapshots
//! (T2: going back in time means restoring one). What the browser saves is the run's log
//! ([`SavedRun`]), replayed from its start on load (T3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::action::{Action, Refusal};
use super::engine::Clock;
use super::bounds::{
    BoundsError, Log, MAX_ACTIONS, MAX_SNAPSHOTS, MAX_SNAPSHOT_ACTIONS, MAX_SNAPSHOT_HISTORY,
};
use super::journal::Event;
use super::scenario::{Start, RULES_VERSION};
use super::input::Subsidiary;
use super::state::State;

/// The state plus the user's saved snapshots (T2), and the log of the actions that made it.
///
/// What the browser keeps is only that log ([`SavedRun`]): the same start and the same actions
/// always give the same state (T3), so loading replays the log from the start. A save stays
/// small, and the wasm never needs to parse a whole `State` back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulator {
    pub start: Start,
    pub state: State,
    pub snapshots: Vec<Snapshot>,
    /// Every accepted action since the start state, in order.
    pub log: Vec<Action>,
}

/// A saved state, named by the user, taken at a simulated date (T2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub name: String,
    /// Where its log starts (a snapshot kept from another run keeps its own start).
    pub start: Start,
    pub taken_at: NaiveDate,
    pub state: State,
    /// The actions that lead from the start state to `state`.
    pub log: Vec<Action>,
}

/// What is persisted: the start, the rules it was played under, and the actions of the run and
/// of each snapshot (T3). `step` is the run's progress in its walkthrough section or scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedRun {
    pub start: Start,
    /// [`RULES_VERSION`] when it was saved.
    pub rules: u32,
    pub actions: Vec<Action>,
    #[serde(default)]
    pub snapshots: Vec<SavedSnapshot>,
    #[serde(default)]
    pub step: usize,
}

impl SavedRun {
    /// The subsidiary the user chose in this run, as [`Simulator::chosen_subsidiary`] says it
    /// once replayed, read from the log alone (no replay): the last login or change of
    /// subsidiary, else the one its start is logged in on (L2). Opening a section or a scenario
    /// runs it on this one (issue 20).
    pub fn chosen_subsidiary(&self) -> Option<Subsidiary> {
        self.actions
            .iter()
            .rev()
            .find_map(|a| match a {
                Action::LogIn { subsidiary, .. } | Action::SetSubsidiary(subsidiary) => Some(*subsidiary),
                _ => None,
            })
            .or_else(|| self.start.logged_in_subsidiary())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSnapshot {
    pub name: String,
    /// The snapshot's own start when it is not the run's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Start>,
    pub actions: Vec<Action>,
}

/// Why a saved run cannot be rebuilt as it was. The caller keeps the save aside and tells the
/// user, rather than replaying it into a silently different state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayError {
    /// It was saved under other rules or other starts ([`RULES_VERSION`]).
    OtherRules { found: u32 },
    /// It is over a bound (B1–B6): found before anything was replayed.
    Bounds(BoundsError),
    /// Its `index`-th action (from 0) is now refused: in the run's own log, or in a
    /// snapshot's (`log`).
    Refused {
        index: usize,
        refusal: Refusal,
        log: Log,
    },
}

impl From<BoundsError> for ReplayError {
    fn from(e: BoundsError) -> ReplayError {
        ReplayError::Bounds(e)
    }
}

impl Simulator {
    /// The demo's run with nothing done yet: [`Simulator::new`]`(Start::Demo)`, built without
    /// the other starts (which replay actions through the engine), so a first visit, which
    /// shows the demo, does not need the engine's code (README, "Size").
    pub fn demo() -> Self {
        Simulator {
            state: crate::scenario::demo(),
            start: Start::Demo,
            snapshots: Vec::new(),
            log: Vec::new(),
        }
    }

    /// A run from `start` with nothing done yet.
    pub fn new(start: Start) -> Self {
        Simulator {
            state: start.state(),
            start,
            snapshots: Vec::new(),
            log: Vec::new(),
        }
    }

    /// The subsidiary the user chose in this run (L1: at the login, or changed since), or `None`
    /// when nothing was chosen yet (a fresh demo or G2, logged out): the login then offers the
    /// interface language's default (issue 20).
    pub fn chosen_subsidiary(&self) -> Option<Subsidiary> {
        let chosen = self.log.iter().any(|a| matches!(a, Action::LogIn { .. } | Action::SetSubsidiary(_)));
        (chosen || self.state.customer.is_some()).then_some(self.state.subsidiary)
    }

    /// Applies an action to the current state (atomic, see [`State::apply`]); an accepted action
    /// is added to the log. B1: a log holds at most [`MAX_ACTIONS`] actions.
    pub fn apply(&mut self, a: Action) -> Result<Vec<Event>, Refusal> {
        if self.log.len() >= MAX_ACTIONS {
            return Err(Refusal::TooManyActions { max: MAX_ACTIONS });
        }
        let events = self.state.apply(a.clone())?;
        self.log.push(a);
        Ok(events)
    }

    /// Whether the current state can be saved as one more snapshot (B4: at most
    /// [`MAX_SNAPSHOTS`]; B1, B7: the snapshots' logs and histories together stay within
    /// [`MAX_SNAPSHOT_ACTIONS`] and [`MAX_SNAPSHOT_HISTORY`]).
    pub fn can_snapshot(&self) -> Result<(), Refusal> {
        self.can_keep(&self.snapshots, 1, self.log.len(), self.state.history_size())
    }

    /// Whether these snapshots, `more` snapshots more, logs of `actions` actions and
    /// histories of `history` entries more, stay within B4, B1 and B7.
    fn can_keep(&self, kept: &[Snapshot], more: usize, actions: usize, history: usize) -> Result<(), Refusal> {
        if kept.len() + more > MAX_SNAPSHOTS {
            return Err(Refusal::TooManySnapshots { max: MAX_SNAPSHOTS });
        }
        if kept.iter().map(|s| s.log.len()).sum::<usize>() + actions > MAX_SNAPSHOT_ACTIONS {
            return Err(Refusal::SnapshotActionsFull { max: MAX_SNAPSHOT_ACTIONS });
        }
        if kept.iter().map(|s| s.state.history_size()).sum::<usize>() + history > MAX_SNAPSHOT_HISTORY {
            return Err(Refusal::SnapshotHistoryFull { max: MAX_SNAPSHOT_HISTORY });
        }
        Ok(())
    }

    /// Saves the current state under `name`, when [`Simulator::can_snapshot`] allows it.
    pub fn snapshot(&mut self, name: String) -> Result<(), Refusal> {
        self.can_snapshot()?;
        let taken_at = self.state.today;
        self.snapshots.push(Snapshot {
            name,
            start: self.start.clone(),
            taken_at,
            state: self.state.clone(),
            log: self.log.clone(),
        });
        Ok(())
    }

    /// Keeps this run as a snapshot of `other` (a shared link or imported file replacing it):
    /// its own snapshots go along. Refused, and nothing kept, when `other` would then be over
    /// B4, B1 or B7 (see [`Simulator::can_snapshot`]).
    pub fn keep_in(self, other: &mut Simulator, name: String) -> Result<(), Refusal> {
        let actions = self.log.len() + self.snapshots.iter().map(|s| s.log.len()).sum::<usize>();
        let history = self.state.history_size()
            + self.snapshots.iter().map(|s| s.state.history_size()).sum::<usize>();
        other.can_keep(&other.snapshots, self.snapshots.len() + 1, actions, history)?;
        other.snapshots.extend(self.snapshots);
        other.snapshots.push(Snapshot {
            name,
            start: self.start,
            taken_at: self.state.today,
            state: self.state,
            log: self.log,
        });
        Ok(())
    }

    /// T2: goes back to a saved state (the snapshot is kept).
    pub fn restore(&mut self, index: usize) -> Result<(), Refusal> {
        let snap = self.snapshots.get(index).ok_or(Refusal::UnknownSnapshot)?;
        self.start = snap.start.clone();
        self.state = snap.state.clone();
        self.log = snap.log.clone();
        Ok(())
    }

    /// Deletes a snapshot; an unknown index does nothing.
    pub fn delete_snapshot(&mut self, index: usize) {
        if index < self.snapshots.len() {
            self.snapshots.remove(index);
        }
    }

    /// Starts the run again from its start, keeping the snapshots.
    pub fn reset(&mut self) {
        self.state = self.start.state();
        self.log.clear();
    }

    /// What to persist: the start, the rules version and the logs.
    pub fn saved(&self, step: usize) -> SavedRun {
        SavedRun {
            start: self.start.clone(),
            rules: RULES_VERSION,
            actions: self.log.clone(),
            snapshots: self
                .snapshots
                .iter()
                .map(|s| SavedSnapshot {
                    name: s.name.clone(),
                    start: (s.start != self.start).then(|| s.start.clone()),
                    actions: s.log.clone(),
                })
                .collect(),
            step,
        }
    }

    /// Rebuilds the run by replaying its logs from its start (T3). A run saved under other
    /// rules is refused outright: it could replay into a different state without any refusal.
    /// A run over the bounds is refused before anything is replayed. See [`Replay`] for the
    /// same in slices.
    pub fn from_saved(run: &SavedRun) -> Result<Simulator, ReplayError> {
        Replay::from_saved(run)?.finish()
    }

    /// Rebuilds the run under the current rules, whatever rules it was saved under: for a file
    /// the user imports knowingly (they are told when its rules differ), never for a save
    /// loaded on its own. Bounds as in [`Simulator::from_saved`].
    pub fn replayed(run: &SavedRun) -> Result<Simulator, ReplayError> {
        Ok(Replay::new(run)?.finish()?)
    }
}

/// How far a [`Replay`] has gone: `done` of the `total` actions of the run and its snapshots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_finished(&self) -> bool {
        self.done >= self.total
    }
}

/// A replay of a saved run in slices, so that a browser can yield between them, show the
/// progress and offer to cancel: a cancelled replay is simply dropped, and nothing changed.
///
/// The bounds are checked when it is made, before anything is replayed; each slice replays up
/// to a given number of actions (the bounds keep one action's work small, B7).
/// [`Simulator::from_saved`] and [`Simulator::replayed`] are the same replay in one go.
#[derive(Debug, Clone)]
pub struct Replay {
    run: SavedRun,
    /// The run's start state, built once for every log that starts there.
    start: State,
    /// The logs done: the run's state first, then each snapshot's.
    states: Vec<State>,
    /// The log being replayed, and its state so far.
    current: State,
    /// Actions done in the log being replayed.
    at: usize,
    /// B7: the history of the snapshots replayed so far, together.
    snapshot_history: usize,
    progress: Progress,
    failed: Option<ReplayError>,
}

impl Replay {
    /// A replay of `run` under the current rules, whatever rules it was saved under (as
    /// [`Simulator::replayed`]), or why it is over the bounds (B1–B6).
    pub fn new(run: &SavedRun) -> Result<Replay, BoundsError> {
        run.check_bounds()?;
        let start = run.start.state();
        let total = run.actions.len() + run.snapshots.iter().map(|s| s.actions.len()).sum::<usize>();
        Ok(Replay {
            current: start.clone(),
            start,
            run: run.clone(),
            states: Vec::with_capacity(run.snapshots.len() + 1),
            at: 0,
            snapshot_history: 0,
            progress: Progress { done: 0, total },
            failed: None,
        })
    }

    /// A replay of a save (as [`Simulator::from_saved`]): refused when it was saved under other
    /// rules, or is over the bounds.
    pub fn from_saved(run: &SavedRun) -> Result<Replay, ReplayError> {
        if run.rules != RULES_VERSION {
            return Err(ReplayError::OtherRules { found: run.rules });
        }
        Ok(Replay::new(run)?)
    }

    /// The log being replayed: the run's (0), then each snapshot's.
    fn log(&self, n: usize) -> Option<&[Action]> {
        match n {
            0 => Some(&self.run.actions),
            _ => self.run.snapshots.get(n - 1).map(|s| &s.actions[..]),
        }
    }

    /// The start state of log `n` (the run's is 0); after the last log, an empty state.
    fn start_of(&self, n: usize) -> State {
        match n.checked_sub(1).map(|i| self.run.snapshots.get(i)) {
            None => self.start.clone(),
            Some(None) => State::new(self.start.today, self.start.subsidiary),
            Some(Some(saved)) => match &saved.start {
                Some(start) if *start != self.run.start => start.state(),
                _ => self.start.clone(),
            },
        }
    }

    /// Replays up to `max_actions` more actions (at least one while some are left), or says
    /// which action is refused; after a refusal, every call says the same.
    pub fn step(&mut self, max_actions: usize) -> Result<Progress, ReplayError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let mut left = max_actions.max(1);
        while let Some(actions) = self.log(self.states.len()) {
            if self.at == actions.len() {
                // This log is done: on to the next one, from its own start.
                if !self.states.is_empty() {
                    self.snapshot_history += self.current.history_size();
                }
                let next = self.start_of(self.states.len() + 1);
                self.states.push(std::mem::replace(&mut self.current, next));
                self.at = 0;
                continue;
            }
            if left == 0 {
                break;
            }
            let action = actions[self.at].clone();
            let applied = self.current.apply_in_place(action, Clock::Bounded);
            if let Err(refusal) = applied {
                let log = match self.states.len() {
                    0 => Log::Run,
                    n => Log::Snapshot(n - 1),
                };
                return Err(self.fail(ReplayError::Refused { index: self.at, refusal, log }));
            }
            // B7: the snapshots' histories together, checked as they grow, so that a run over
            // the bound costs no more to refuse than the largest one within it.
            if !self.states.is_empty()
                && self.snapshot_history + self.current.history_size() > MAX_SNAPSHOT_HISTORY
            {
                let e = BoundsError::SnapshotHistory { max: MAX_SNAPSHOT_HISTORY };
                return Err(self.fail(ReplayError::Bounds(e)));
            }
            self.at += 1;
            self.progress.done += 1;
            left -= 1;
        }
        Ok(self.progress)
    }

    fn fail(&mut self, e: ReplayError) -> ReplayError {
        self.failed = Some(e.clone());
        e
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Replays what is left, and gives the rebuilt run.
    pub fn finish(mut self) -> Result<Simulator, ReplayError> {
        self.step(usize::MAX)?;
        let mut states = self.states.into_iter();
        let state = states.next().unwrap_or(self.current);
        let run = self.run;
        let snapshots = run
            .snapshots
            .into_iter()
            .zip(states)
            .map(|(saved, state)| Snapshot {
                name: saved.name,
                start: saved.start.unwrap_or_else(|| run.start.clone()),
                taken_at: state.today,
                state,
                log: saved.actions,
            })
            .collect();
        Ok(Simulator {
            start: run.start,
            state,
            snapshots,
            log: run.actions,
        })
    }
}
