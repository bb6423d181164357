//! A scenario file as the start of a run (`Start::File`): a file opened from a link, a file or a
//! host page is played in a run of its own, saved, shared and replayed like any other (T3). It
//! is saved as the file itself (the raw mirror), and read back through the same parse and
//! bounded replay as a file that arrives: a save or a link cannot carry a file the gate would
//! refuse.

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::raw::RawScenario;
use super::{Scenario, ScenarioError};
use crate::State;

/// A scenario that plays to its end, and the state its first beat is played in (its start,
/// then its set-up), built once: a run's start is rebuilt on every reset and replay.
///
/// It keeps the file's raw mirror too, made once when it is built: a save writes it as it is
/// (on every save, in the first load's code), so the conversion back to the file's words
/// (`Scenario::to_raw`) stays with the code that builds a file start, out of the first load
/// (issue 21: that conversion was 13.5 KB of the main module).
#[derive(Debug, Clone)]
pub struct FileStart {
    scenario: Scenario,
    first: State,
    raw: RawScenario,
}

impl FileStart {
    /// The start of a run of `scenario`, if it plays to its end (a bounded replay, the
    /// invariants after every beat; the expectations may fail).
    pub fn new(scenario: Scenario) -> Result<FileStart, ScenarioError> {
        scenario.play()?;
        let first = scenario.start_state()?;
        let raw = scenario.to_raw();
        Ok(FileStart { scenario, first, raw })
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The state the first beat is played in.
    pub fn state(&self) -> State {
        self.first.clone()
    }
}

/// Two starts are the same when their files are: the state follows from the file (T3).
impl PartialEq for FileStart {
    fn eq(&self, other: &FileStart) -> bool {
        self.scenario == other.scenario
    }
}

impl Eq for FileStart {}

impl Hash for FileStart {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.scenario.hash(state);
    }
}

impl TryFrom<RawScenario> for FileStart {
    type Error = ScenarioError;

    fn try_from(raw: RawScenario) -> Result<FileStart, ScenarioError> {
        Scenario::from_raw(&raw).and_then(FileStart::new)
    }
}

/// Saved as the file itself (its raw mirror, docs/scenario-format.md).
impl Serialize for FileStart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

/// Read back through the same parse and bounded replay as a file that arrives (T3).
impl<'de> Deserialize<'de> for FileStart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<FileStart, D::Error> {
        let raw = RawScenario::deserialize(deserializer)?;
        FileStart::try_from(raw).map_err(serde::de::Error::custom)
    }
}
