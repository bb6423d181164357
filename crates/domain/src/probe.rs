//! The runs a hostile (or merely enthusiastic) link may carry, built as logs without replaying
//! them: the probes of issue 16 and the worst run the bounds let through. Tests, benchmarks and
//! the fixture generator (`tests/fixtures/probes/`) share them.

use super::action::{Action, Advance};
use super::input::{BillingMode, LocalPart, NicHandle, Subsidiary};
use super::scenario::{Start, RULES_VERSION};
use super::sim::SavedRun;
use super::state::PlatformId;

fn log_in() -> Option<Action> {
    Some(Action::LogIn {
        nic: NicHandle::parse("ab12345-ovh").ok()?,
        subsidiary: Subsidiary::Fr,
    })
}

fn run(actions: Vec<Action>) -> SavedRun {
    SavedRun {
        start: Start::Demo,
        rules: RULES_VERSION,
        actions,
        snapshots: Vec::new(),
        step: 0,
    }
}

/// A new monthly account `user<i>` on the demo's platform (its first invoice, R2).
pub fn add_account(i: usize) -> Option<Action> {
    Some(Action::AddAccount {
        platform: PlatformId(1),
        email_local_part: LocalPart::parse(&format!("user{i:05}")).ok()?,
        mode: BillingMode::Monthly,
    })
}

/// The demo, logged in, then `n` × *Next event*: the worked example's debt, never paid, so every
/// renewal adds an unpaid invoice (D6). Issue 16's first probe has `n` = 43,682.
pub fn debt_next_events(n: usize) -> SavedRun {
    let mut actions: Vec<Action> = log_in().into_iter().collect();
    actions.extend(std::iter::repeat_n(Action::Advance(Advance::NextEvent), n));
    run(actions)
}

/// The demo, logged in, then `n` × "advance 100 years" (T2's longest move). Issue 16's second
/// probe has `n` = 2,700 (to the year 262142).
pub fn centuries(n: usize) -> SavedRun {
    let mut actions: Vec<Action> = log_in().into_iter().collect();
    let days = super::action::MAX_ADVANCE_DAYS;
    actions.extend(std::iter::repeat_n(Action::Advance(Advance::Days(days)), n));
    run(actions)
}

/// The demo, logged in, then `accounts` new monthly accounts (each first invoice unpaid: no
/// payment method) and `n` × *Next event*. Issue 16's third probe: 2,000 and 4,000.
pub fn accounts_then_next_events(accounts: usize, n: usize) -> SavedRun {
    let mut actions: Vec<Action> = log_in().into_iter().collect();
    actions.extend((0..accounts).filter_map(add_account));
    actions.extend(std::iter::repeat_n(Action::Advance(Advance::NextEvent), n));
    run(actions)
}
