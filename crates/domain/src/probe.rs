//! The runs a hostile (or merely enthusiastic) link may carry, built as logs without replaying
//! them: the probes of issue 16 and the worst run the bounds let through. Tests, benchmarks and
//! the fixture generator (`tests/fixtures/probes/`) share them.

use super::action::{Action, Advance};
use super::input::{BillingMode, LocalPart, NicHandle, Subsidiary};
use super::scenario::{ScenarioId, Start, RULES_VERSION};
use super::sim::{SavedRun, Simulator};
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

/// The browser benchmark's run (`scripts/bench-browser.sh`): exactly `actions` accepted actions
/// from the two-platform scenario start, which leave `accounts` accounts on 2 platforms. The
/// orders are spread over the days, four a day, alternating platforms, half monthly, half
/// yearly, so that renewals fall on many different days; then the clock moves event by event.
pub fn busy(actions: usize, accounts: usize) -> Simulator {
    let mut sim = Simulator::new(Start::Scenario(ScenarioId::NoneAndTermination, Subsidiary::Fr));
    let platforms: Vec<PlatformId> = sim.state.platforms.iter().map(|p| p.id).collect();
    let mut n = sim.state.account_count();
    let mut i = 0;
    while n < accounts && sim.log.len() < actions {
        let Ok(local) = LocalPart::parse(&format!("user{i:03}")) else { break };
        let mode = if i % 2 == 0 { BillingMode::Monthly } else { BillingMode::Yearly };
        let platform = platforms[i % platforms.len()];
        if sim.apply(Action::AddAccount { platform, email_local_part: local, mode }).is_err() {
            break;
        }
        n += 1;
        i += 1;
        if i % 4 == 0 && sim.apply(Action::Advance(Advance::Days(1))).is_err() {
            break;
        }
    }
    while sim.log.len() < actions && sim.apply(Action::Advance(Advance::NextEvent)).is_ok() {}
    sim
}

/// Fills the run's current log as heavily as the bounds allow, up to `history` entries: 100
/// monthly accounts on the start's two platforms, ordered one a day so that renewals fall on
/// every day of the month, then the clock day by day (*Next event*), each renewal paid by card
/// or, `in_debt`, debited to the account. Then `padding` more actions that add nothing to the
/// history (reading an e-mail).
fn fill(sim: &mut Simulator, in_debt: bool, mode: BillingMode, history: usize, padding: usize) {
    use super::bounds::{MAX_ACCOUNTS, MAX_ACTIONS};
    use super::input::{CardExpiry, CardNumber, MethodInput};
    if !in_debt {
        if let (Ok(number), Some(expiry)) = (CardNumber::parse("4242 4242 4242 4242"), CardExpiry::new(2099, 12)) {
            let _ = sim.apply(Action::AddMethod(MethodInput::Card { number, expiry }));
        }
    }
    let platforms: Vec<PlatformId> = sim.state.platforms.iter().map(|p| p.id).collect();
    let mut i = 0;
    while sim.state.account_count() < MAX_ACCOUNTS {
        let Ok(local) = LocalPart::parse(&format!("w{i:03}")) else { break };
        let platform = platforms[i % platforms.len()];
        let added = sim.apply(Action::AddAccount { platform, email_local_part: local, mode });
        if added.is_err() || sim.apply(Action::Advance(Advance::Days(1))).is_err() {
            break;
        }
        i += 1;
    }
    while sim.state.history_size() < history
        && sim.log.len() < MAX_ACTIONS
        && sim.apply(Action::Advance(Advance::NextEvent)).is_ok()
    {}
    let read = sim.state.inbox.first().map_or(0, |m| m.id);
    let goal = (sim.log.len() + padding).min(MAX_ACTIONS);
    while sim.log.len() < goal && sim.apply(Action::MarkEmailRead(read)).is_ok() {}
}

/// The worst run the bounds let through, as far as we know (docs/decisions.md): the run's own
/// log full (B7) and at its most actions (B1), and two snapshots, each a log of its own from the
/// start, that fill the snapshots' histories and actions (B7, B1). Every log has 100 accounts
/// (B2) renewing every day of the month on two platforms, played day by day.
pub fn worst_valid(in_debt: bool, mode: BillingMode) -> SavedRun {
    use super::bounds::{MAX_ACTIONS, MAX_HISTORY, MAX_SNAPSHOT_ACTIONS, MAX_SNAPSHOT_HISTORY};
    let mut sim = Simulator::new(Start::Scenario(ScenarioId::NoneAndTermination, Subsidiary::Fr));
    let snapshots = 2;
    for i in 0..snapshots {
        sim.reset();
        fill(&mut sim, in_debt, mode, MAX_SNAPSHOT_HISTORY / snapshots - 400, MAX_SNAPSHOT_ACTIONS / snapshots);
        let _ = sim.snapshot(format!("worst {i}"));
    }
    sim.reset();
    fill(&mut sim, in_debt, mode, MAX_HISTORY, MAX_ACTIONS);
    sim.saved(0)
}
