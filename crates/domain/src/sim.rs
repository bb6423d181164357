//! A run of the simulation: where it started, the actions taken since, and the user's snapshots
//! (T2: going back in time means restoring one). What the browser saves is the run's log
//! ([`SavedRun`]), replayed from its start on load (T3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::action::{Action, Refusal};
use super::journal::Event;
use super::scenario::{Start, RULES_VERSION};
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
    /// Its `index`-th action (from 0) is now refused.
    Refused { index: usize, refusal: Refusal },
}

fn replay(start: &State, actions: &[Action]) -> Result<State, ReplayError> {
    let mut state = start.clone();
    for (index, action) in actions.iter().enumerate() {
        state
            .apply(action.clone())
            .map_err(|refusal| ReplayError::Refused { index, refusal })?;
    }
    Ok(state)
}

impl Simulator {
    /// A run from `start` with nothing done yet.
    pub fn new(start: Start) -> Self {
        Simulator {
            state: start.state(),
            start,
            snapshots: Vec::new(),
            log: Vec::new(),
        }
    }

    /// Applies an action to the current state (atomic, see [`State::apply`]); an accepted action
    /// is added to the log.
    pub fn apply(&mut self, a: Action) -> Result<Vec<Event>, Refusal> {
        let events = self.state.apply(a.clone())?;
        self.log.push(a);
        Ok(events)
    }

    /// Saves the current state under `name`.
    pub fn snapshot(&mut self, name: String) {
        let taken_at = self.state.today;
        self.snapshots.push(Snapshot {
            name,
            start: self.start.clone(),
            taken_at,
            state: self.state.clone(),
            log: self.log.clone(),
        });
    }

    /// Keeps this run as a snapshot of `other` (a shared link or imported file replacing it):
    /// its own snapshots go along.
    pub fn keep_in(self, other: &mut Simulator, name: String) {
        other.snapshots.extend(self.snapshots);
        other.snapshots.push(Snapshot {
            name,
            start: self.start,
            taken_at: self.state.today,
            state: self.state,
            log: self.log,
        });
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
    pub fn from_saved(run: &SavedRun) -> Result<Simulator, ReplayError> {
        if run.rules != RULES_VERSION {
            return Err(ReplayError::OtherRules { found: run.rules });
        }
        Self::replayed(run)
    }

    /// Rebuilds the run under the current rules, whatever rules it was saved under: for a file
    /// the user imports knowingly (they are told when its rules differ), never for a save
    /// loaded on its own.
    pub fn replayed(run: &SavedRun) -> Result<Simulator, ReplayError> {
        let start = run.start.state();
        let state = replay(&start, &run.actions)?;
        let mut snapshots = Vec::with_capacity(run.snapshots.len());
        for saved in &run.snapshots {
            let snapshot_start = saved.start.clone().unwrap_or_else(|| run.start.clone());
            let state = if snapshot_start == run.start {
                replay(&start, &saved.actions)?
            } else {
                replay(&snapshot_start.state(), &saved.actions)?
            };
            snapshots.push(Snapshot {
                name: saved.name.clone(),
                start: snapshot_start,
                taken_at: state.today,
                state,
                log: saved.actions.clone(),
            });
        }
        Ok(Simulator {
            start: run.start.clone(),
            state,
            snapshots,
            log: run.actions.clone(),
        })
    }
}
