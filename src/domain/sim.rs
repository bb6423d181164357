//! Snapshots and restore: going back in time means restoring a saved state (T2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::action::{Action, Refusal};
use super::journal::Event;
use super::state::State;

/// The state plus the user's saved snapshots (T2), and the log of the actions that made it.
///
/// What the browser keeps is only that log ([`SavedRun`]): the same start and the same actions
/// always give the same state (T3), so loading replays the log from the start scenario. A save
/// stays small, and the wasm never needs to parse a whole `State` back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Simulator {
    pub state: State,
    pub snapshots: Vec<Snapshot>,
    /// Every accepted action since the start state, in order.
    #[serde(default)]
    pub log: Vec<Action>,
}

/// A saved state, named by the user, taken at a simulated date (T2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub name: String,
    pub taken_at: NaiveDate,
    pub state: State,
    /// The actions that lead from the start state to `state`.
    #[serde(default)]
    pub log: Vec<Action>,
}

/// What is persisted: the actions of the current run and of each snapshot (T3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SavedRun {
    pub actions: Vec<Action>,
    pub snapshots: Vec<SavedSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSnapshot {
    pub name: String,
    pub actions: Vec<Action>,
}

/// A saved log that does not replay: its `index`-th action is now refused (the rules changed
/// since it was saved). The caller keeps the save aside and tells the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayError {
    pub index: usize,
    pub refusal: Refusal,
}

impl std::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "saved action {} is now refused ({:?})", self.index + 1, self.refusal)
    }
}

fn replay(start: &State, actions: &[Action]) -> Result<State, ReplayError> {
    let mut state = start.clone();
    for (index, action) in actions.iter().enumerate() {
        state
            .apply(action.clone())
            .map_err(|refusal| ReplayError { index, refusal })?;
    }
    Ok(state)
}

impl Simulator {
    pub fn new(state: State) -> Self {
        Simulator {
            state,
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
            taken_at,
            state: self.state.clone(),
            log: self.log.clone(),
        });
    }

    /// T2: goes back to a saved state (the snapshot is kept).
    pub fn restore(&mut self, index: usize) -> Result<(), Refusal> {
        let snap = self.snapshots.get(index).ok_or(Refusal::UnknownSnapshot)?;
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

    /// Starts again from `start`, keeping the snapshots.
    pub fn reset(&mut self, start: State) {
        self.state = start;
        self.log.clear();
    }

    /// What to persist: the logs only.
    pub fn saved(&self) -> SavedRun {
        SavedRun {
            actions: self.log.clone(),
            snapshots: self
                .snapshots
                .iter()
                .map(|s| SavedSnapshot {
                    name: s.name.clone(),
                    actions: s.log.clone(),
                })
                .collect(),
        }
    }

    /// Rebuilds the simulator by replaying the saved logs from `start` (T3).
    pub fn from_saved(start: &State, run: &SavedRun) -> Result<Simulator, ReplayError> {
        let state = replay(start, &run.actions)?;
        let mut snapshots = Vec::with_capacity(run.snapshots.len());
        for saved in &run.snapshots {
            let state = replay(start, &saved.actions)?;
            snapshots.push(Snapshot {
                name: saved.name.clone(),
                taken_at: state.today,
                state,
                log: saved.actions.clone(),
            });
        }
        Ok(Simulator {
            state,
            snapshots,
            log: run.actions.clone(),
        })
    }
}
