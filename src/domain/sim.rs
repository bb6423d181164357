//! Snapshots and restore: going back in time means restoring a saved state (T2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::action::{Action, Refusal};
use super::journal::Event;
use super::state::State;

/// The state plus the user's saved snapshots (T2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Simulator {
    pub state: State,
    pub snapshots: Vec<Snapshot>,
}

/// A saved state, named by the user, taken at a simulated date (T2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub name: String,
    pub taken_at: NaiveDate,
    pub state: State,
}

impl Simulator {
    pub fn new(state: State) -> Self {
        Simulator {
            state,
            snapshots: Vec::new(),
        }
    }

    /// Applies an action to the current state (atomic, see [`State::apply`]).
    pub fn apply(&mut self, a: Action) -> Result<Vec<Event>, Refusal> {
        self.state.apply(a)
    }

    /// Saves the current state under `name`.
    pub fn snapshot(&mut self, name: String) {
        let taken_at = self.state.today;
        self.snapshots.push(Snapshot {
            name,
            taken_at,
            state: self.state.clone(),
        });
    }

    /// T2: goes back to a saved state (the snapshot is kept).
    pub fn restore(&mut self, index: usize) -> Result<(), Refusal> {
        let snap = self.snapshots.get(index).ok_or(Refusal::UnknownSnapshot)?;
        self.state = snap.state.clone();
        Ok(())
    }

    /// Deletes a snapshot; an unknown index does nothing.
    pub fn delete_snapshot(&mut self, index: usize) {
        if index < self.snapshots.len() {
            self.snapshots.remove(index);
        }
    }
}
