//! B1–B7: what a run may ask for (docs/rules.md, "Bounds"; docs/decisions.md).
//!
//! A share link of a few kilobytes can carry tens of thousands of actions, and each action can
//! make the engine work for a century of renewals. The bounds keep the worst run the simulator
//! accepts small enough to replay at once in a browser. The same numbers hold everywhere:
//! the engine refuses an action past them (live and in a replay alike, so a run that was
//! played can always be replayed), and [`SavedRun::check_bounds`] refuses a saved run over
//! them before anything is replayed, naming the bound.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::scenario::Start;
use crate::{Action, Advance, RuleId, SavedRun, State};

/// B1: the most actions in one log (the run's own, or a snapshot's).
pub const MAX_ACTIONS: usize = 5_000;
/// B1: the most actions in the logs of a run's snapshots, together.
pub const MAX_SNAPSHOT_ACTIONS: usize = 10_000;
/// B2: the most Exchange accounts in a simulation, all platforms and all statuses together.
pub const MAX_ACCOUNTS: usize = 100;
/// B3: the most platforms in a simulation (no action adds one: a start brings them).
pub const MAX_PLATFORMS: usize = 10;
/// B4: the most snapshots a run keeps.
pub const MAX_SNAPSHOTS: usize = 20;
/// B6: the most payment methods registered at once.
pub const MAX_METHODS: usize = 10;
/// B7: the largest history a simulation holds: journal events plus invoice lines.
pub const MAX_HISTORY: usize = 20_000;
/// B7: the largest history a run's snapshots hold, together.
pub const MAX_SNAPSHOT_HISTORY: usize = 20_000;

/// B5: the last day the simulated clock may reach, 31 December 2100.
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Which log of a saved run broke a bound: the run's own, or its `n`-th snapshot's (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Log {
    Run,
    Snapshot(usize),
}

/// Why a saved run is over the bounds, found before any replay. Nothing was replayed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BoundsError {
    /// B1: a log holds `count` actions.
    Actions { log: Log, count: usize, max: usize },
    /// B1: the snapshots' logs hold `count` actions together.
    SnapshotActions { count: usize, max: usize },
    /// B2: a log would make `count` accounts (those of its start, plus one per new account).
    Accounts { log: Log, count: usize, max: usize },
    /// B3: a log's start has `count` platforms.
    Platforms { log: Log, count: usize, max: usize },
    /// B4: the run keeps `count` snapshots.
    Snapshots { count: usize, max: usize },
    /// B5: a log's moves of the clock alone (each *Next event* at least a day) go past the
    /// last day.
    PastLastDay { log: Log, last_day: NaiveDate },
    /// B6: a log would register `count` payment methods at once.
    Methods { log: Log, count: usize, max: usize },
    /// B7: the snapshots' histories are over the most together. Known only by replaying them:
    /// the replay stops as soon as they go over.
    SnapshotHistory { max: usize },
}

impl BoundsError {
    /// The bound that refused the run.
    pub fn rule(&self) -> RuleId {
        match self {
            BoundsError::Actions { .. } | BoundsError::SnapshotActions { .. } => RuleId::B1,
            BoundsError::Accounts { .. } => RuleId::B2,
            BoundsError::Platforms { .. } => RuleId::B3,
            BoundsError::Snapshots { .. } => RuleId::B4,
            BoundsError::PastLastDay { .. } => RuleId::B5,
            BoundsError::Methods { .. } => RuleId::B6,
            BoundsError::SnapshotHistory { .. } => RuleId::B7,
        }
    }
}

impl State {
    /// Every Exchange account, of every platform, whatever its status (B2).
    pub fn account_count(&self) -> usize {
        self.platforms.iter().map(|p| p.accounts.len()).sum()
    }

    /// B7: the size of the history, journal events plus invoice lines.
    pub fn history_size(&self) -> usize {
        self.journal.len() + self.index().lines
    }

    /// B7: whether the history is full, so that every action but reading an e-mail is refused.
    pub fn history_is_full(&self) -> bool {
        self.history_size() >= MAX_HISTORY
    }
}

/// Whether a start state is within the bounds: B2 (accounts), B3 (platforms), B5 (its day)
/// and B6 (payment methods). Every built-in start is; a start that carries data must be checked
/// when it is read.
pub fn check_start(start: &State) -> Result<(), BoundsError> {
    check_log(start, &[], Log::Run)
}

/// B1 for a log, B2, B3, B6 for its start state and what the log adds to it, and B5 for the
/// log's moves of the clock: what a log from `start` can be checked for without replaying it.
fn check_log(start: &State, actions: &[Action], log: Log) -> Result<(), BoundsError> {
    if actions.len() > MAX_ACTIONS {
        return Err(BoundsError::Actions { log, count: actions.len(), max: MAX_ACTIONS });
    }
    let platforms = start.platforms.len();
    if platforms > MAX_PLATFORMS {
        return Err(BoundsError::Platforms { log, count: platforms, max: MAX_PLATFORMS });
    }
    // Every accepted action counts exactly: a new account is one more (none is ever removed),
    // a method added one more and a method removed one less, and the clock moves `n` days or,
    // to the next event, at least one. A log of accepted actions therefore never counts more
    // than it made, and a log that counts past a bound would be refused on replay anyway.
    let mut accounts = start.account_count();
    let mut methods = start.methods.len();
    let mut max_methods = methods;
    let mut days: u64 = 0;
    for action in actions {
        match action {
            Action::AddAccount { .. } => accounts += 1,
            Action::AddMethod(_) => {
                methods += 1;
                max_methods = max_methods.max(methods);
            }
            Action::RemoveMethod(_) => methods = methods.saturating_sub(1),
            Action::Advance(Advance::Days(n)) => days += u64::from(*n),
            Action::Advance(Advance::NextEvent) => days += 1,
            _ => {}
        }
    }
    if accounts > MAX_ACCOUNTS {
        return Err(BoundsError::Accounts { log, count: accounts, max: MAX_ACCOUNTS });
    }
    if max_methods > MAX_METHODS {
        return Err(BoundsError::Methods { log, count: max_methods, max: MAX_METHODS });
    }
    let left = (last_day() - start.today).num_days();
    if i64::try_from(days).map_or(true, |d| d > left) {
        return Err(BoundsError::PastLastDay { log, last_day: last_day() });
    }
    Ok(())
}

impl SavedRun {
    /// B1–B6: refuses a run over the bounds before anything is replayed, naming the bound
    /// (B7, the history's size, is known only by replaying: the engine stops there, and
    /// [`crate::Replay`] as soon as the snapshots' histories go over). Costs a pass over the
    /// logs and the building of each start state.
    pub fn check_bounds(&self) -> Result<(), BoundsError> {
        if self.snapshots.len() > MAX_SNAPSHOTS {
            return Err(BoundsError::Snapshots { count: self.snapshots.len(), max: MAX_SNAPSHOTS });
        }
        let snapshot_actions: usize = self.snapshots.iter().map(|s| s.actions.len()).sum();
        if snapshot_actions > MAX_SNAPSHOT_ACTIONS {
            return Err(BoundsError::SnapshotActions { count: snapshot_actions, max: MAX_SNAPSHOT_ACTIONS });
        }
        let run_start = self.start.state();
        check_log(&run_start, &self.actions, Log::Run)?;
        for (i, snapshot) in self.snapshots.iter().enumerate() {
            let log = Log::Snapshot(i);
            match &snapshot.start {
                Some(start) if *start != self.start => check_log(&start.state(), &snapshot.actions, log)?,
                _ => check_log(&run_start, &snapshot.actions, log)?,
            }
        }
        Ok(())
    }

    /// What the run is, read from its log without replaying it (to show before asking whether
    /// to open it).
    pub fn summary(&self) -> RunSummary {
        let starts_on = self.start.state().today;
        let mut days: i64 = 0;
        let mut exact = true;
        for action in &self.actions {
            match action {
                Action::Advance(Advance::Days(n)) => days += i64::from(*n),
                Action::Advance(Advance::NextEvent) => {
                    days += 1;
                    exact = false;
                }
                _ => {}
            }
        }
        let date = starts_on
            .checked_add_signed(chrono::TimeDelta::days(days))
            .unwrap_or(NaiveDate::MAX);
        RunSummary {
            start: self.start.clone(),
            rules: self.rules,
            starts_on,
            reaches: if exact { Reach::On(date) } else { Reach::NotBefore(date) },
            actions: self.actions.len(),
            snapshots: self.snapshots.len(),
            snapshot_actions: self.snapshots.iter().map(|s| s.actions.len()).sum(),
            step: self.step,
        }
    }
}

/// What a saved run is, without replaying it ([`SavedRun::summary`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    pub start: Start,
    /// The rules version it was saved under.
    pub rules: u32,
    /// The simulated day its start is on.
    pub starts_on: NaiveDate,
    /// The simulated day it reaches, as far as its log tells without replaying it.
    pub reaches: Reach,
    /// The run's own actions.
    pub actions: usize,
    pub snapshots: usize,
    /// The actions of all its snapshots together.
    pub snapshot_actions: usize,
    /// Its progress in its walkthrough section or scenario.
    pub step: usize,
}

/// The day a run reaches, read from its log: exactly, when the clock only moved by given
/// numbers of days, else the earliest (each *Next event* moves it a day or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    On(NaiveDate),
    NotBefore(NaiveDate),
}

impl Reach {
    pub fn date(self) -> NaiveDate {
        match self {
            Reach::On(d) | Reach::NotBefore(d) => d,
        }
    }
}
