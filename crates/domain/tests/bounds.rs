#![cfg(not(target_arch = "wasm32"))]
//! B1–B7, the bounds on what a run may ask for (docs/rules.md, "Bounds"), the sliced replay
//! ([`Replay`]) and the probe runs of issue 16 (`tests/fixtures/probes/`).

use chrono::NaiveDate;
use hes_domain::bounds::*;
use hes_domain::scenario::{ScenarioId, Start};
use hes_domain::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn local(s: &str) -> LocalPart {
    LocalPart::parse(s).unwrap()
}

fn card() -> MethodInput {
    MethodInput::Card {
        number: CardNumber::parse("4242 4242 4242 4242").unwrap(),
        expiry: CardExpiry::new(2099, 12).unwrap(),
    }
}

/// The demo, logged in.
fn demo_sim() -> Simulator {
    let mut sim = Simulator::new(Start::Demo);
    sim.apply(Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr })
        .unwrap();
    sim
}

/// The demo, logged in, with the most accounts (B2), all renewing on 8 March each month.
fn heavy() -> Simulator {
    let mut sim = demo_sim();
    let mut i = 0;
    while sim.state.account_count() < MAX_ACCOUNTS {
        sim.apply(probe::add_account(i).unwrap()).unwrap();
        i += 1;
    }
    sim
}

fn run_of(actions: Vec<Action>) -> SavedRun {
    SavedRun { start: Start::Demo, rules: scenario::RULES_VERSION, actions, snapshots: Vec::new(), step: 0 }
}

fn snapshot_of(actions: Vec<Action>) -> SavedSnapshot {
    SavedSnapshot { name: "s".into(), start: None, actions }
}

/// `Replay::new` refuses the run before replaying anything, and names the bound.
fn refused_before_replay(run: &SavedRun) -> BoundsError {
    let error = run.check_bounds().expect_err("over the bounds");
    assert_eq!(Replay::new(run).map(|_| ()), Err(error.clone()));
    assert_eq!(Simulator::replayed(run), Err(ReplayError::Bounds(error.clone())));
    error
}

// ---------- B1: actions ----------

#[test]
fn b1_a_log_holds_at_most_max_actions_and_the_snapshots_together_at_most_theirs() {
    // Live: the simulator refuses the action past the bound, and nothing changes.
    let mut sim = demo_sim();
    // A log at the bound (these actions change nothing, which is all the bound counts).
    sim.log = vec![Action::SetSubsidiary(Subsidiary::Fr); MAX_ACTIONS];
    let before = sim.clone();
    let refusal = sim.apply(Action::Advance(Advance::Days(1))).unwrap_err();
    assert_eq!(refusal, Refusal::TooManyActions { max: MAX_ACTIONS });
    assert_eq!(refusal.rule(), RuleId::B1);
    assert_eq!(sim, before);

    // Before any replay: a log one action over, the run's or a snapshot's.
    let over = vec![Action::SetSubsidiary(Subsidiary::Fr); MAX_ACTIONS + 1];
    let error = refused_before_replay(&run_of(over.clone()));
    assert_eq!(error, BoundsError::Actions { log: Log::Run, count: MAX_ACTIONS + 1, max: MAX_ACTIONS });
    assert_eq!(error.rule(), RuleId::B1);
    let mut run = run_of(Vec::new());
    run.snapshots = vec![snapshot_of(Vec::new()), snapshot_of(over)];
    assert!(matches!(refused_before_replay(&run), BoundsError::Actions { log: Log::Snapshot(1), .. }));

    // The snapshots' logs together: each within B1, together over.
    let full = vec![Action::SetSubsidiary(Subsidiary::Fr); MAX_ACTIONS];
    run.snapshots = vec![snapshot_of(full); MAX_SNAPSHOT_ACTIONS / MAX_ACTIONS + 1];
    let error = refused_before_replay(&run);
    assert!(matches!(error, BoundsError::SnapshotActions { max: MAX_SNAPSHOT_ACTIONS, .. }));
    assert_eq!(error.rule(), RuleId::B1);

    // Live, a snapshot that would take the snapshots' logs over is refused.
    let mut sim = demo_sim();
    sim.log = vec![Action::SetSubsidiary(Subsidiary::Fr); MAX_ACTIONS];
    for _ in 0..MAX_SNAPSHOT_ACTIONS / MAX_ACTIONS {
        sim.snapshot("full".into()).unwrap();
    }
    let refusal = sim.snapshot("one more".into()).unwrap_err();
    assert_eq!(refusal, Refusal::SnapshotActionsFull { max: MAX_SNAPSHOT_ACTIONS });
    assert_eq!(refusal.rule(), RuleId::B1);
}

// ---------- B2: accounts ----------

#[test]
fn b2_no_account_past_the_most_and_a_run_that_would_make_more_is_refused_before_replay() {
    let mut sim = demo_sim();
    let platform = sim.state.platforms[0].id;
    let mut i = 0;
    while sim.state.account_count() < MAX_ACCOUNTS {
        let action = Action::AddAccount { platform, email_local_part: local(&format!("u{i}")), mode: BillingMode::Monthly };
        sim.apply(action).unwrap();
        i += 1;
    }
    let before = sim.clone();
    let refusal = sim
        .apply(Action::AddAccount { platform, email_local_part: local("one-more"), mode: BillingMode::Monthly })
        .unwrap_err();
    assert_eq!(refusal, Refusal::TooManyAccounts { max: MAX_ACCOUNTS });
    assert_eq!(refusal.rule(), RuleId::B2);
    assert_eq!(sim, before);
    // The run at the bound replays.
    assert_eq!(Simulator::from_saved(&sim.saved(0)).unwrap(), sim);

    // A list of accounts longer than the most names some twice: refused, with no scan of it.
    let id = sim.state.platforms[0].accounts[0].id;
    let refusal = sim
        .apply(Action::SetMode { accounts: vec![id; MAX_ACCOUNTS + 1], mode: BillingMode::Yearly })
        .unwrap_err();
    assert_eq!(refusal.rule(), RuleId::B2);

    // Before any replay: the demo's 2 accounts and one new account too many.
    let adds = (0..=MAX_ACCOUNTS - 2).map(|i| probe::add_account(i).unwrap()).collect();
    let error = refused_before_replay(&run_of(adds));
    assert_eq!(error, BoundsError::Accounts { log: Log::Run, count: MAX_ACCOUNTS + 1, max: MAX_ACCOUNTS });
    assert_eq!(error.rule(), RuleId::B2);
}

// ---------- B3: platforms ----------

#[test]
fn b3_a_start_with_more_platforms_than_the_most_is_refused_and_every_built_in_start_is_within() {
    for start in Start::all() {
        assert_eq!(check_start(&start.state()), Ok(()), "{start:?}");
    }
    let mut state = State::new(d(2026, 3, 8), Subsidiary::Fr);
    for i in 0..MAX_PLATFORMS {
        state.add_platform(&format!("p{i}"), "example.com", d(2026, 1, 1));
    }
    assert_eq!(check_start(&state), Ok(()));
    state.add_platform("one-more", "example.com", d(2026, 1, 1));
    let error = check_start(&state).unwrap_err();
    assert_eq!(error, BoundsError::Platforms { log: Log::Run, count: MAX_PLATFORMS + 1, max: MAX_PLATFORMS });
    assert_eq!(error.rule(), RuleId::B3);
}

// ---------- B4: snapshots ----------

#[test]
fn b4_at_most_max_snapshots_live_and_before_replay() {
    let mut sim = demo_sim();
    for i in 0..MAX_SNAPSHOTS {
        assert_eq!(sim.can_snapshot(), Ok(()));
        sim.snapshot(format!("s{i}")).unwrap();
    }
    let before = sim.clone();
    let refusal = sim.snapshot("one more".into()).unwrap_err();
    assert_eq!(refusal, Refusal::TooManySnapshots { max: MAX_SNAPSHOTS });
    assert_eq!(refusal.rule(), RuleId::B4);
    assert_eq!(sim.can_snapshot(), Err(refusal.clone()));
    assert_eq!(sim, before);
    // Kept as a snapshot of a run that has room for it, with its own: refused when over.
    let mut other = demo_sim();
    assert_eq!(sim.clone().keep_in(&mut other, "mine".into()), Err(refusal));
    assert!(other.snapshots.is_empty(), "nothing kept");
    let mut small = demo_sim();
    small.snapshot("one".into()).unwrap();
    small.keep_in(&mut other, "mine".into()).unwrap();
    assert_eq!(other.snapshots.len(), 2);
    // The run at the bound replays; one more snapshot is refused before any replay.
    assert_eq!(Simulator::from_saved(&sim.saved(0)).unwrap(), sim);
    let mut run = sim.saved(0);
    run.snapshots.push(run.snapshots[0].clone());
    let error = refused_before_replay(&run);
    assert_eq!(error, BoundsError::Snapshots { count: MAX_SNAPSHOTS + 1, max: MAX_SNAPSHOTS });
    assert_eq!(error.rule(), RuleId::B4);
}

// ---------- B5: the last day ----------

#[test]
fn b5_the_clock_stops_on_31_december_2100() {
    assert_eq!(last_day(), d(2100, 12, 31));
    let mut sim = demo_sim();
    let to_last = u32::try_from((last_day() - sim.state.today).num_days()).unwrap();
    sim.apply(Action::Advance(Advance::Days(365))).unwrap();
    let left = to_last - 365;
    let before = sim.clone();
    let refusal = sim.apply(Action::Advance(Advance::Days(left + 1))).unwrap_err();
    assert_eq!(refusal, Refusal::PastLastDay { last_day: d(2100, 12, 31) });
    assert_eq!(refusal.rule(), RuleId::B5);
    assert_eq!(sim, before);
    sim.apply(Action::Advance(Advance::Days(left))).unwrap();
    assert_eq!(sim.state.today, last_day());
    // On the last day, even the next event is past it.
    assert_eq!(sim.apply(Action::Advance(Advance::NextEvent)).unwrap_err().rule(), RuleId::B5);

    // Before any replay: the log's moves of the clock alone go past the last day.
    let error = refused_before_replay(&probe::centuries(2_700));
    assert_eq!(error, BoundsError::PastLastDay { log: Log::Run, last_day: last_day() });
    assert_eq!(error.rule(), RuleId::B5);
    // Each *Next event* counts for a day at least.
    let mut next_events = vec![Action::Advance(Advance::Days(to_last - 1))];
    next_events.extend([Action::Advance(Advance::NextEvent), Action::Advance(Advance::NextEvent)]);
    assert!(matches!(refused_before_replay(&run_of(next_events)), BoundsError::PastLastDay { .. }));
}

// ---------- B6: payment methods ----------

#[test]
fn b6_at_most_max_methods_registered_at_once() {
    let mut sim = demo_sim();
    for _ in 0..MAX_METHODS {
        sim.apply(Action::AddMethod(card())).unwrap();
    }
    let before = sim.clone();
    let refusal = sim.apply(Action::AddMethod(card())).unwrap_err();
    assert_eq!(refusal, Refusal::TooManyMethods { max: MAX_METHODS });
    assert_eq!(refusal.rule(), RuleId::B6);
    assert_eq!(sim, before);
    // Removing one makes room again.
    let removable = sim.state.methods.iter().find(|m| !m.is_default).unwrap().id;
    sim.apply(Action::RemoveMethod(removable)).unwrap();
    sim.apply(Action::AddMethod(card())).unwrap();
    assert_eq!(Simulator::from_saved(&sim.saved(0)).unwrap(), sim);

    // Before any replay: methods added and removed are counted as they go.
    let log = |adds: usize| {
        let mut actions = vec![Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr }];
        actions.extend(std::iter::repeat_n(Action::AddMethod(card()), adds));
        actions
    };
    assert_eq!(run_of(log(MAX_METHODS)).check_bounds(), Ok(()));
    let error = refused_before_replay(&run_of(log(MAX_METHODS + 1)));
    assert_eq!(error, BoundsError::Methods { log: Log::Run, count: MAX_METHODS + 1, max: MAX_METHODS });
    assert_eq!(error.rule(), RuleId::B6);
    let mut with_removal = log(MAX_METHODS);
    with_removal.push(Action::RemoveMethod(MethodId(2)));
    with_removal.push(Action::AddMethod(card()));
    assert_eq!(run_of(with_removal).check_bounds(), Ok(()));
}

// ---------- B7: the history ----------

#[test]
fn b7_a_full_history_stops_the_clock_and_refuses_all_but_reading_an_email() {
    // The worked example's debt, never paid, with the most accounts: every renewal adds to
    // the history (D6).
    let mut sim = heavy();
    while !sim.state.history_is_full() {
        let before = sim.state.history_size();
        sim.apply(Action::Advance(Advance::Days(365))).unwrap();
        assert!(sim.state.history_size() > before);
    }
    // The year that filled it stopped where the history was full, and its event says so.
    let clock = sim.state.journal.iter().rev().find(|e| matches!(e.kind, EventKind::ClockAdvanced { .. })).unwrap();
    assert!(clock.rules.contains(&RuleId::B7), "{clock:?}");
    let EventKind::ClockAdvanced { from, to } = clock.kind else { unreachable!() };
    assert!(to < from + chrono::Days::new(365), "stopped early: {from} → {to}");
    assert_eq!(sim.state.today, to);
    // Only one processed day past the bound, at most: one renewal of every account.
    assert!(sim.state.history_size() < MAX_HISTORY + MAX_ACCOUNTS + 20, "{}", sim.state.history_size());
    assert_eq!(sim.state.preview_next_event(), None, "no day is processed any more");

    let before = sim.clone();
    let refusal = sim.apply(Action::Advance(Advance::NextEvent)).unwrap_err();
    assert_eq!(refusal, Refusal::HistoryFull { max: MAX_HISTORY });
    assert_eq!(refusal.rule(), RuleId::B7);
    assert_eq!(sim.apply(Action::SetAlertThreshold(None)).unwrap_err(), refusal);
    assert_eq!(sim, before);
    let id = sim.state.inbox[0].id;
    sim.apply(Action::MarkEmailRead(id)).unwrap();

    // T3: the run replays to the same state, stop included; so does it in slices.
    let run = sim.saved(0);
    assert_eq!(Simulator::from_saved(&run).unwrap(), sim);
    let mut replay = Replay::new(&run).unwrap();
    while !replay.step(7).unwrap().is_finished() {}
    assert_eq!(replay.finish().unwrap(), sim);
    // A log that goes on past the full history is refused on replay, at that action.
    let mut over = run.clone();
    over.actions.push(Action::Advance(Advance::NextEvent));
    let index = over.actions.len() - 1;
    assert_eq!(
        Simulator::from_saved(&over),
        Err(ReplayError::Refused { index, refusal: Refusal::HistoryFull { max: MAX_HISTORY }, log: Log::Run })
    );
}

#[test]
fn b7_the_snapshots_histories_together_stay_within_the_most() {
    let mut sim = heavy();
    while sim.state.history_size() < MAX_SNAPSHOT_HISTORY / 3 {
        sim.apply(Action::Advance(Advance::Days(365))).unwrap();
    }
    sim.snapshot("a third".into()).unwrap();
    sim.snapshot("two thirds".into()).unwrap();
    let before = sim.clone();
    let refusal = sim.snapshot("too much".into()).unwrap_err();
    assert_eq!(refusal, Refusal::SnapshotHistoryFull { max: MAX_SNAPSHOT_HISTORY });
    assert_eq!(refusal.rule(), RuleId::B7);
    assert_eq!(sim, before);
    assert_eq!(Simulator::from_saved(&sim.saved(0)).unwrap(), sim);
    // A saved run whose snapshots are over together is refused as soon as they go over.
    let mut run = sim.saved(0);
    run.snapshots.push(run.snapshots[0].clone());
    let error = Simulator::from_saved(&run).unwrap_err();
    assert_eq!(error, ReplayError::Bounds(BoundsError::SnapshotHistory { max: MAX_SNAPSHOT_HISTORY }));
}

// ---------- within the bounds: every start, scenario and benchmark run ----------

#[test]
fn every_start_scenario_and_benchmark_run_is_within_the_bounds() {
    for start in Start::all() {
        let sim = Simulator::new(start.clone());
        assert_eq!(sim.saved(0).check_bounds(), Ok(()), "{start:?}");
    }
    for id in ScenarioId::ALL {
        let mut sim = Simulator::new(Start::Scenario(id, Subsidiary::Fr));
        for beat in id.script() {
            let action = beat.action(&sim.state).unwrap();
            sim.apply(action).unwrap();
        }
        assert_eq!(Simulator::from_saved(&sim.saved(0)).unwrap(), sim, "{id:?}");
    }
    // The browser benchmark's save: 1,000 actions, 100 accounts.
    let busy = probe::busy(1_000, 100);
    assert_eq!((busy.log.len(), busy.state.account_count()), (1_000, 100));
    assert_eq!(Simulator::from_saved(&busy.saved(0)).unwrap(), busy);
    // The worst run we know within the bounds replays, and is at them.
    for (in_debt, mode) in [(false, BillingMode::Monthly), (true, BillingMode::Yearly)] {
        let run = probe::worst_valid(in_debt, mode);
        assert_eq!(run.check_bounds(), Ok(()));
        let sim = Simulator::from_saved(&run).unwrap();
        assert_eq!(sim.log.len(), MAX_ACTIONS);
        assert!(sim.state.history_is_full());
        assert_eq!(sim.snapshots.iter().map(|s| s.log.len()).sum::<usize>(), MAX_SNAPSHOT_ACTIONS);
        let histories: usize = sim.snapshots.iter().map(|s| s.state.history_size()).sum();
        assert!(histories > MAX_SNAPSHOT_HISTORY * 9 / 10 && histories <= MAX_SNAPSHOT_HISTORY, "{histories}");
    }
}

// ---------- the probes of issue 16, as fixtures ----------

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/probes").join(name)
}

/// The probe runs, each with the bound that refuses it (`None`: within the bounds).
fn probes() -> Vec<(&'static str, SavedRun, Option<RuleId>)> {
    vec![
        ("debt-next-events-43682.json", probe::debt_next_events(43_682), Some(RuleId::B1)),
        ("centuries-2700.json", probe::centuries(2_700), Some(RuleId::B5)),
        ("accounts-2000-next-events-4000.json", probe::accounts_then_next_events(2_000, 4_000), Some(RuleId::B1)),
        ("worst-valid.json", probe::worst_valid(true, BillingMode::Yearly), None),
    ]
}

/// The fixtures are the probes' logs as `SavedRun` JSON, as the generator writes them
/// (`HES_WRITE_FIXTURES=1 cargo test -p hes-domain --test bounds probe` writes them anew).
#[test]
fn probe_fixtures_are_the_probes_and_each_is_refused_before_replay_or_replays() {
    let write = std::env::var_os("HES_WRITE_FIXTURES").is_some();
    for (name, run, bound) in probes() {
        let path = fixture(name);
        if write {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, serde_json::to_string(&run).unwrap()).unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let read: SavedRun = serde_json::from_str(&text).unwrap();
        assert_eq!(read, run, "{name} is not what the generator makes: regenerate it");
        match bound {
            Some(rule) => assert_eq!(refused_before_replay(&read).rule(), rule, "{name}"),
            None => {
                Simulator::from_saved(&read).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            }
        }
    }
}

#[test]
fn a_summary_says_what_a_run_is_without_replaying_it() {
    let summary = probe::centuries(10).summary();
    assert_eq!((summary.start.clone(), summary.actions, summary.snapshots), (Start::Demo, 11, 0));
    assert_eq!(summary.starts_on, d(2026, 3, 8));
    assert_eq!(summary.reaches, Reach::On(d(2026, 3, 8) + chrono::Days::new(10 * u64::from(MAX_ADVANCE_DAYS))));
    // Issue 16's probe went to the last day the calendar has.
    assert_eq!(probe::centuries(2_700).summary().reaches, Reach::On(NaiveDate::MAX));
    let summary = probe::debt_next_events(10).summary();
    assert_eq!(summary.reaches, Reach::NotBefore(d(2026, 3, 18)));
    let mut sim = demo_sim();
    sim.apply(Action::Advance(Advance::Days(3))).unwrap();
    sim.snapshot("three days".into()).unwrap();
    sim.apply(Action::Advance(Advance::Days(4))).unwrap();
    let summary = sim.saved(2).summary();
    assert_eq!(summary.reaches, Reach::On(sim.state.today));
    assert_eq!((summary.actions, summary.snapshots, summary.snapshot_actions, summary.step), (3, 1, 2, 2));
    assert_eq!(summary.rules, scenario::RULES_VERSION);
}

// ---------- the sliced replay ----------

/// A run played from the demo by small choices, with snapshots and restores along the way.
fn played(choices: &[u8]) -> Simulator {
    let mut sim = demo_sim();
    for &c in choices {
        let action = match c % 8 {
            0 | 1 => Action::Advance(Advance::NextEvent),
            2 => Action::Advance(Advance::Days(u32::from(c) % 40)),
            3 => Action::Credit(Amount::parse(&format!("{}", 10 + u32::from(c))).unwrap()),
            4 => match sim.state.orders.iter().rev().find(|o| o.status == OrderStatus::Open) {
                Some(o) => Action::PayOrder(o.id, Payer::BankTransfer),
                None => continue,
            },
            5 => Action::AddMethod(card()),
            6 => {
                let _ = sim.snapshot(format!("at {}", sim.state.today));
                continue;
            }
            _ => {
                let _ = sim.restore(usize::from(c) % 3);
                continue;
            }
        };
        let _ = sim.apply(action);
    }
    sim
}

proptest! {
    /// Slices of any size give the same simulator as the replay in one go, and the progress
    /// counts every action of the run and of its snapshots.
    #[test]
    fn a_replay_in_slices_gives_the_same_simulator(choices in prop::collection::vec(any::<u8>(), 0..60), slice in 1usize..9) {
        let sim = played(&choices);
        let run = sim.saved(0);
        let total = run.actions.len() + run.snapshots.iter().map(|s| s.actions.len()).sum::<usize>();
        let mut replay = Replay::from_saved(&run).unwrap();
        prop_assert_eq!(replay.progress(), Progress { done: 0, total });
        let mut last = 0;
        loop {
            let progress = replay.step(slice).unwrap();
            prop_assert!(progress.done > last || progress.is_finished());
            prop_assert!(progress.done - last <= slice);
            last = progress.done;
            if progress.is_finished() {
                break;
            }
        }
        prop_assert_eq!(replay.progress(), Progress { done: total, total });
        let sliced = replay.finish().unwrap();
        prop_assert_eq!(&sliced, &Simulator::from_saved(&run).unwrap());
        prop_assert_eq!(sliced, sim);
    }
}

#[test]
fn a_replay_is_refused_before_it_starts_on_other_rules_and_a_refused_action_stops_it() {
    let mut run = demo_sim().saved(0);
    run.rules += 1;
    assert_eq!(Replay::from_saved(&run).map(|_| ()), Err(ReplayError::OtherRules { found: run.rules }));
    assert!(Replay::new(&run).is_ok(), "other rules are the caller's choice (an import)");
    // Logging out twice: the second is refused, and every later slice says the same.
    run.actions.extend([Action::LogOut, Action::LogOut]);
    let mut replay = Replay::new(&run).unwrap();
    let error = ReplayError::Refused { index: 2, refusal: Refusal::NotLoggedIn, log: Log::Run };
    assert_eq!(replay.step(1).unwrap(), Progress { done: 1, total: 3 });
    assert_eq!(replay.step(5), Err(error.clone()));
    assert_eq!(replay.step(5), Err(error.clone()));
    assert_eq!(replay.finish(), Err(error));
    // A snapshot's refused action names its log.
    let mut run = demo_sim().saved(0);
    run.snapshots = vec![snapshot_of(Vec::new()), snapshot_of(vec![Action::LogOut])];
    assert_eq!(
        Simulator::replayed(&run),
        Err(ReplayError::Refused { index: 0, refusal: Refusal::NotLoggedIn, log: Log::Snapshot(1) })
    );
}
