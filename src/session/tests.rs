//! The session on a memory store: every save, switch and conflict path the shell relies on.
//! Two sessions on one [`MemoryStore`] are two tabs of one browser.
use std::rc::Rc;

use super::*;
use crate::domain::scenario::{ScenarioId, RULES_VERSION};
use crate::domain::{Advance, GuideSection, NicHandle, Subsidiary};
use crate::storage::{KeyValue, StorageError};

const T0: &str = "2026-03-08T10:00:00.000Z";
const T1: &str = "2026-03-08T10:05:00.000Z";
const G2: Start = Start::Section(GuideSection::G2, Subsidiary::Fr);

fn tab(kv: &Rc<MemoryStore>) -> Session {
    let mut session = Session::open(kv.clone(), false, None);
    session.read_saved(T0);
    session
}

fn log_in() -> Action {
    Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr }
}

/// An action the test expects to be accepted.
fn accept(session: &mut Session, action: Action, path: &str, now: &str) -> Report {
    let (result, report) = session.act(action, path, now);
    assert!(result.is_ok(), "accepted: {result:?}");
    report
}

fn day() -> Action {
    Action::Advance(Advance::Days(1))
}

fn saved(report: &Report) -> Option<u64> {
    report.iter().find_map(|o| match o {
        Outcome::Saved(revision) => Some(*revision),
        _ => None,
    })
}

fn notices(report: &Report) -> Vec<Notice> {
    report.iter().filter_map(|o| match o {
        Outcome::Notice(n) => Some(n.clone()),
        _ => None,
    }).collect()
}

fn stored(kv: &MemoryStore, key: &str) -> serde_json::Value {
    serde_json::from_str(&kv.get(key).expect("a save")).unwrap()
}

/// A save of `run` under `key`, as an older tab or build would have written it.
fn put(kv: &MemoryStore, key: &str, run: &SavedRun) {
    Store::with_key(kv, key).save(run, T0).unwrap();
}

/// A backend whose every write fails as `error` (storage that throws).
struct Failing(StorageError);

impl KeyValue for Failing {
    fn get(&self, _: &str) -> Option<String> {
        None
    }
    fn set(&self, _: &str, _: &str) -> Result<(), StorageError> {
        Err(self.0.clone())
    }
    fn remove(&self, _: &str) {}
    fn keys(&self) -> Vec<String> {
        Vec::new()
    }
}

#[test]
fn t3_a_first_visit_has_nothing_to_read_and_every_accepted_action_is_saved_once() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = Session::open(kv.clone(), false, None);
    assert!(!session.has_save(), "a first visit reads nothing");
    assert_eq!((session.kind(), session.sim().start.clone()), (RunKind::Own, Start::Demo));
    let (result, report) = session.act(log_in(), "/login", T0);
    assert!(result.is_ok());
    assert_eq!(report, vec![Outcome::Saved(1)]);
    let (_, report) = session.act(day(), "/", T1);
    assert_eq!(report, vec![Outcome::Saved(2)]);
    // A reload (a new session on the same storage) replays the log to the same state.
    let reloaded = tab(&kv);
    assert!(reloaded.has_save());
    assert_eq!(reloaded.sim(), session.sim());
    assert_eq!(stored(&kv, SAVE_KEY)["saved_at"], T1);
}

#[test]
fn a_refused_action_changes_nothing_and_saves_nothing() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    accept(&mut session, log_in(), "/login", T0);
    let before = (session.sim().clone(), kv.get(SAVE_KEY));
    let (result, report) = session.act(log_in(), "/login", T1);
    assert!(result.is_err(), "a second login is refused");
    assert!(report.is_empty());
    assert_eq!((session.sim().clone(), kv.get(SAVE_KEY)), before);
}

#[test]
fn t2_snapshots_and_the_step_are_saved_with_the_run() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    assert_eq!(saved(&session.edit(|sim| sim.snapshot("before".into()).expect("B4: room for one"), T0)), Some(1));
    assert_eq!(tab(&kv).sim().snapshots.len(), 1);
    session.open_guided(Start::Scenario(ScenarioId::ALL[0], Subsidiary::Fr), false, T0);
    assert_eq!(saved(&session.set_step(3, T1)), Some(2), "opened (1), then moved on (2)");
    assert_eq!(tab(&kv).step(), 3);
}

#[test]
fn reset_saves_once_and_keeps_the_customer_logged_in() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    accept(&mut session, log_in(), "/login", T0);
    accept(&mut session, day(), "/", T0);
    let report = session.reset(T1);
    assert_eq!(report, vec![Outcome::Saved(3)], "one write, not two");
    assert!(session.sim().state.customer.is_some());
    assert_eq!(session.sim().log, vec![log_in()]);
    // A guided run starts again from its start, logged out and at its first step.
    session.open_guided(G2, false, T1);
    accept(&mut session, log_in(), "/login", T1);
    assert_eq!(session.step(), 1, "G2's first step is the login");
    assert_eq!(session.reset(T1).len(), 1);
    assert_eq!((session.step(), session.sim().state.customer.is_some()), (0, false));
}

#[test]
fn the_walkthrough_moves_on_with_the_events_and_the_routes_and_is_saved() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    session.open_guided(G2, false, T0);
    assert_eq!(session.tour().map(|t| t.step), Some(0));
    accept(&mut session, log_in(), "/", T0);
    assert_eq!(session.step(), 1);
    // A route the step does not wait for changes nothing and saves nothing.
    assert!(session.reach("/inbox", T0).is_empty());
    assert_eq!(saved(&session.reach("/billing", T1)), Some(3));
    assert_eq!(session.step(), 2);
    assert_eq!(tab(&kv).step(), 2, "the step survives a reload");
}

#[test]
fn open_guided_and_back_to_own_resume_each_run_as_it_was_left() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    accept(&mut session, log_in(), "/login", T0);
    accept(&mut session, day(), "/", T0);
    let own = session.sim().clone();

    session.open_guided(G2, false, T0);
    assert_eq!((session.kind(), session.sim().start.clone()), (RunKind::Guided, G2));
    assert_eq!(kv.get(ACTIVE_KEY).as_deref(), Some("guided"));
    accept(&mut session, log_in(), "/", T0);
    let guided = (session.sim().clone(), session.step());
    // The same section again resumes it, and saves nothing.
    assert!(session.open_guided(G2, false, T0).is_empty());
    // A reload comes back to the guided run.
    let reloaded = tab(&kv);
    assert_eq!((reloaded.kind(), reloaded.sim().clone(), reloaded.step()), (RunKind::Guided, guided.0.clone(), guided.1));

    session.back_to_own(T1);
    assert_eq!((session.kind(), session.sim()), (RunKind::Own, &own));
    assert_eq!(kv.get(ACTIVE_KEY).as_deref(), Some("own"));
    assert!(session.back_to_own(T1).is_empty(), "already there");
    // Opening it again from the own run resumes it from its slot...
    session.open_guided(G2, false, T1);
    assert_eq!((session.sim().clone(), session.step()), guided);
    // ...and `fresh` starts it again.
    session.open_guided(G2, true, T1);
    assert_eq!((session.sim().log.len(), session.step()), (0, 0));
    // Another section takes the guided slot's place; the own run is never touched.
    session.open_guided(Start::Section(GuideSection::G4, Subsidiary::Fr), false, T1);
    assert_eq!(session.sim().start, Start::Section(GuideSection::G4, Subsidiary::Fr));
    assert_eq!(Simulator::from_saved(&serde_json::from_value(stored(&kv, SAVE_KEY)["state"].clone()).unwrap()).unwrap(), own);
}

#[test]
fn a_guided_run_that_cannot_be_read_brings_back_the_users_own() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    accept(&mut session, log_in(), "/login", T0);
    session.open_guided(G2, false, T0);
    kv.set(GUIDED_KEY, "not json").unwrap();
    let mut reloaded = Session::open(kv.clone(), false, None);
    let report = reloaded.read_saved(T1);
    assert_eq!(reloaded.kind(), RunKind::Own);
    assert_eq!(reloaded.sim().log, vec![log_in()]);
    assert!(matches!(notices(&report)[..], [Notice::SetAside { reason: AsideReason::Unreadable(_), dropped: 0 }]));
}

#[test]
fn replace_with_keeps_the_replaced_run_as_a_snapshot_and_its_save_aside() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    accept(&mut session, log_in(), "/login", T0);
    let own_save = kv.get(SAVE_KEY).unwrap();
    let mut incoming = Simulator::new(Start::Demo);
    incoming.apply(day()).unwrap();
    let report = session.replace_with(incoming.clone(), "kept".into(), T1);
    assert_eq!(saved(&report), Some(1), "a fresh slot: the old save went aside");
    assert_eq!(session.sim().log, incoming.log);
    let kept = session.sim().snapshots.last().unwrap();
    assert_eq!((kept.name.as_str(), kept.log.clone()), ("kept", vec![log_in()]));
    let aside = session.aside_list();
    assert_eq!(aside.last().map(|e| e.reason.clone()), Some(AsideReason::Replaced));
    assert_eq!(session.aside_text(&aside[0].key), Some(own_save));

    // From a guided run: the own run comes from its slot, and the app shows the new own run.
    session.open_guided(G2, false, T1);
    session.replace_with(Simulator::new(Start::Demo), "kept again".into(), T1);
    assert_eq!(session.kind(), RunKind::Own);
    assert_eq!(kv.get(ACTIVE_KEY).as_deref(), Some("own"));
    let names: Vec<_> = session.sim().snapshots.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["kept", "kept again"], "its own snapshots go along");
    assert_eq!(tab(&kv).sim(), session.sim());
}

#[test]
fn keep_own_snapshots_the_own_run_whichever_run_is_on_screen() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    accept(&mut session, log_in(), "/login", T0);
    assert_eq!(saved(&session.keep_own("declined".into(), T0)), Some(2));
    assert_eq!(session.sim().snapshots[0].name, "declined");

    session.open_guided(G2, false, T0);
    let guided = session.sim().clone();
    let report = session.keep_own("declined again".into(), T1);
    assert_eq!(saved(&report), Some(3), "written to the own slot");
    assert_eq!(session.sim(), &guided, "the run on screen is untouched");
    session.back_to_own(T1);
    assert_eq!(session.sim().snapshots.len(), 2);
}

#[test]
fn another_tabs_newer_save_is_shown_and_said() {
    let kv = Rc::new(MemoryStore::new());
    let mut a = tab(&kv);
    let mut b = tab(&kv);
    accept(&mut a, log_in(), "/login", T0);
    assert!(!a.is_newer_elsewhere(SAVE_KEY), "a tab's own write is not news");
    assert!(b.is_newer_elsewhere(SAVE_KEY));
    assert!(!b.is_newer_elsewhere(GUIDED_KEY), "only the slot on screen");
    let report = b.reload(T1);
    assert_eq!(report, vec![Outcome::Notice(Notice::FromOtherTab)]);
    assert_eq!(b.sim(), a.sim());
    assert!(!b.is_newer_elsewhere(SAVE_KEY));
    // b's next change builds on a's and is written.
    assert_eq!(saved(&b.act(day(), "/", T1).1), Some(2));
}

#[test]
fn a_write_that_lost_to_another_tab_is_kept_aside_and_the_newer_save_shown() {
    let kv = Rc::new(MemoryStore::new());
    let mut a = tab(&kv);
    let mut b = tab(&kv);
    accept(&mut a, log_in(), "/login", T0);
    let (_, report) = b.act(day(), "/", T1);
    let [Outcome::Stale(stale)] = &report[..] else { panic!("expected a stale write: {report:?}") };
    assert_eq!(stored(&kv, SAVE_KEY)["state"]["actions"].as_array().unwrap().len(), 1, "a's save is untouched");
    let report = b.resolve_conflict(stale.clone(), T1);
    assert_eq!(report, vec![Outcome::Notice(Notice::Conflict)]);
    assert_eq!(b.sim(), a.sim(), "the newer save wins");
    // Nothing is lost: b's version is kept aside, listed with its reason.
    let aside = b.aside_list();
    assert_eq!(aside.iter().map(|e| e.reason.clone()).collect::<Vec<_>>(), [AsideReason::Conflict]);
    let mine: serde_json::Value = serde_json::from_str(&b.aside_text(&aside[0].key).unwrap()).unwrap();
    assert_eq!(mine["state"]["actions"], serde_json::to_value(vec![day()]).unwrap());
    assert_eq!(saved(&b.act(day(), "/", T1).1), Some(2));
}

#[test]
fn a_save_that_cannot_be_read_is_set_aside_and_the_demo_starts() {
    let kv = Rc::new(MemoryStore::new());
    kv.set(SAVE_KEY, "{ not json").unwrap();
    let mut session = Session::open(kv.clone(), false, None);
    assert!(session.has_save());
    let report = session.read_saved(T0);
    assert_eq!(notices(&report), [Notice::SetAside { reason: AsideReason::Unreadable(crate::storage::LoadError::NotJson), dropped: 0 }]);
    assert_eq!(session.sim(), &Simulator::new(Start::Demo));
    assert_eq!(session.aside_text(&session.aside_list()[0].key).as_deref(), Some("{ not json"));
    session.aside_delete(&session.aside_list()[0].key);
    assert!(session.aside_list().is_empty());
}

#[test]
fn t3_a_save_made_under_other_rules_is_set_aside() {
    let kv = Rc::new(MemoryStore::new());
    let run = SavedRun { start: Start::Demo, rules: RULES_VERSION + 1, actions: vec![log_in()], snapshots: vec![], step: 0 };
    put(&kv, SAVE_KEY, &run);
    let mut session = Session::open(kv.clone(), false, None);
    let report = session.read_saved(T1);
    assert_eq!(notices(&report), [Notice::SetAside { reason: AsideReason::OtherRules { found: RULES_VERSION + 1 }, dropped: 0 }]);
    assert!(session.sim().log.is_empty());
    assert_eq!(kv.get(SAVE_KEY), None, "the slot is free; the save is aside");
}

#[test]
fn t3_a_save_whose_log_no_longer_replays_is_set_aside() {
    let kv = Rc::new(MemoryStore::new());
    // A second login is refused: the log stops replaying at its action 1.
    let run = SavedRun { start: Start::Demo, rules: RULES_VERSION, actions: vec![log_in(), log_in()], snapshots: vec![], step: 0 };
    put(&kv, SAVE_KEY, &run);
    let mut session = Session::open(kv.clone(), false, None);
    let report = session.read_saved(T1);
    assert_eq!(notices(&report), [Notice::SetAside { reason: AsideReason::Replay { index: 1 }, dropped: 0 }]);
    assert!(session.sim().log.is_empty());
}

#[test]
fn a_save_that_cannot_be_set_aside_is_reported_blocked_and_not_overwritten() {
    let kv = Rc::new(MemoryStore::new());
    kv.set(SAVE_KEY, "not json").unwrap();
    kv.set_read_only(true);
    let mut session = Session::open(kv.clone(), false, None);
    assert_eq!(notices(&session.read_saved(T0)), [Notice::Blocked]);
    kv.set_read_only(false);
    kv.set_quota(Some("not json".len() + SAVE_KEY.len()));
    // Still no room to copy it aside: the next save refuses to overwrite it.
    let (result, report) = session.act(log_in(), "/login", T1);
    assert!(result.is_ok(), "the app keeps running");
    assert_eq!(notices(&report), [Notice::Blocked]);
    assert_eq!(kv.get(SAVE_KEY).as_deref(), Some("not json"));
    // With room again, it is set aside first, then the run is written.
    kv.set_quota(None);
    assert_eq!(saved(&session.act(day(), "/", T1).1), Some(1));
    assert_eq!(session.aside_text(&session.aside_list()[0].key).as_deref(), Some("not json"));
}

#[test]
fn a_full_store_is_said_once_per_failure_and_the_next_save_writes_everything() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    accept(&mut session, log_in(), "/login", T0);
    kv.set_read_only(true);
    let (result, report) = session.act(day(), "/", T0);
    assert!(result.is_ok(), "the app keeps running in memory");
    assert_eq!(report, vec![Outcome::Notice(Notice::Full)]);
    kv.set_read_only(false);
    assert_eq!(saved(&session.act(day(), "/", T1).1), Some(2));
    assert_eq!(tab(&kv).sim().log.len(), 3, "both days are in the save");
}

#[test]
fn memory_only_is_said_at_opening_and_not_again_for_every_failed_write() {
    let (session, report) = Session::in_browser(None);
    assert_eq!(report, vec![Outcome::Notice(Notice::MemoryOnly)], "no localStorage natively");
    assert!(!session.has_save());
    // In memory, writes succeed there: nothing more to say.
    let mut session = session;
    assert_eq!(saved(&session.act(log_in(), "/login", T0).1), Some(1));
    // A store that fails while the app runs in memory stays quiet about being full.
    let mut quiet = Session::open(Rc::new(Failing(StorageError::Quota)), true, None);
    assert!(quiet.act(log_in(), "/login", T0).1.is_empty());
}

#[test]
fn storage_that_disappears_or_refuses_writes_is_reported() {
    let mut gone = Session::open(Rc::new(Failing(StorageError::Unavailable)), false, None);
    assert_eq!(gone.act(log_in(), "/login", T0).1, vec![Outcome::Notice(Notice::MemoryOnly)]);
    // Issue 16, part 4: a setItem that throws SecurityError is not a full store (decision 124).
    let mut refused = Session::open(Rc::new(Failing(StorageError::Write("SecurityError".into()))), false, None);
    assert_eq!(refused.act(log_in(), "/login", T0).1, vec![Outcome::Notice(Notice::WriteRefused("SecurityError".into()))]);
    assert!(Notice::WriteRefused("SecurityError".into()).ends_with_a_save() && Notice::Full.ends_with_a_save());
}

#[test]
fn an_embed_keeps_its_run_in_its_own_slot() {
    let kv = Rc::new(MemoryStore::new());
    let mut own = tab(&kv);
    accept(&mut own, log_in(), "/login", T0);
    let own_save = kv.get(SAVE_KEY);
    let g4 = Start::Section(GuideSection::G4, Subsidiary::Fr);
    let mut embed = Session::open(kv.clone(), false, Some(("guide-g4", g4.clone())));
    assert!(!embed.has_save());
    assert!(embed.is_embed());
    assert_eq!((embed.kind(), embed.sim().start.clone()), (RunKind::Guided, g4.clone()));
    assert_eq!(saved(&embed.act(day(), "/", T0).1), Some(1));
    assert!(kv.get(&embed_key("guide-g4")).is_some());
    assert_eq!(kv.get(SAVE_KEY), own_save, "never the full app's save");
    // No own run to go back to, and the same section is never reloaded from another slot.
    assert!(embed.back_to_own(T0).is_empty());
    assert!(embed.open_guided(Start::Section(GuideSection::G2, Subsidiary::Fr), false, T0).is_empty());
    // A reload of the embed reads its own slot.
    let mut again = Session::open(kv.clone(), false, Some(("guide-g4", g4.clone())));
    again.read_saved(T1);
    assert_eq!(again.sim(), embed.sim());
    // Restart: its run from its start, saved in its slot.
    assert_eq!(saved(&again.open_guided(g4.clone(), true, T1)), Some(2));
    assert!(again.sim().log.is_empty());
    // A slot holding another start (an older link's run) is not this embed's run.
    put(&kv, &embed_key("guide-g1"), &Simulator::new(Start::Section(GuideSection::G1, Subsidiary::Fr)).saved(0));
    let mut other = Session::open(kv.clone(), false, Some(("guide-g1", g4.clone())));
    other.read_saved(T1);
    assert_eq!(other.sim(), &Simulator::new(g4));
}

#[test]
fn changes_count_what_the_shell_must_redraw() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    let start = session.changes();
    accept(&mut session, log_in(), "/login", T0);
    assert_eq!(session.changes(), start + 1);
    assert!(session.act(log_in(), "/login", T0).0.is_err());
    assert_eq!(session.changes(), start + 1, "a refusal changes nothing");
    session.open_guided(G2, false, T0);
    let opened = session.changes();
    session.open_guided(G2, false, T0);
    session.back_to_own(T0);
    session.back_to_own(T0);
    assert_eq!(session.changes(), opened + 1, "a resume, or going where one is, is no change");
}

/// Two tabs of one browser, each with its own copy of `localStorage` that the browser keeps in
/// step after the fact (Chromium): `sync` is the storage event bringing the kept text.
fn sync(from: &MemoryStore, to: &MemoryStore) {
    to.set(SAVE_KEY, &from.get(SAVE_KEY).unwrap()).unwrap();
}

/// Issue 16, part 2: both tabs click *Next event* at once and both write the next revision;
/// the browser keeps b's. The storage event must tell a that its change lost (today it sees an
/// equal revision and ignores it: the two tabs show different dates), keep a's change aside and
/// show b's; and a's next click must not overwrite b's.
#[test]
fn two_tabs_clicking_at_once_the_loser_is_told_and_its_change_kept_aside_decision_121() {
    let (kv_a, kv_b) = (Rc::new(MemoryStore::new()), Rc::new(MemoryStore::new()));
    let mut first = tab(&kv_a);
    accept(&mut first, log_in(), "/login", T0);
    sync(&kv_a, &kv_b);
    let (mut a, mut b) = (tab(&kv_a), tab(&kv_b));
    assert_eq!(saved(&accept(&mut a, Action::Advance(Advance::NextEvent), "/", T1)), Some(2));
    assert_eq!(saved(&accept(&mut b, day(), "/", T1)), Some(2));
    sync(&kv_b, &kv_a);
    assert!(!b.is_newer_elsewhere(SAVE_KEY), "b's is the save kept");
    assert!(a.is_newer_elsewhere(SAVE_KEY), "a's change lost: a must hear of it");
    let mine = a.sim().clone();
    let report = a.reload(T1);
    assert_eq!(report, vec![Outcome::Notice(Notice::Conflict)]);
    assert_eq!(a.sim(), b.sim(), "both tabs show the kept save");
    let aside = a.aside_list();
    assert_eq!(aside.iter().map(|e| e.reason.clone()).collect::<Vec<_>>(), [AsideReason::Conflict]);
    let kept: SavedRun = serde_json::from_value(serde_json::from_str::<serde_json::Value>(&a.aside_text(&aside[0].key).unwrap()).unwrap()["state"].clone()).unwrap();
    assert_eq!(kept.actions, mine.log, "a's change is kept, not lost");
    // a goes on from b's save: its next write builds on it, and b hears of it as news only.
    assert_eq!(saved(&accept(&mut a, day(), "/", T1)), Some(3));
    sync(&kv_a, &kv_b);
    assert_eq!(b.reload(T1), vec![Outcome::Notice(Notice::FromOtherTab)]);
    assert_eq!(b.sim(), a.sim());
    assert!(b.reload(T1).is_empty(), "nothing new: nothing said");
}

/// Issue 16, part 2: the loser clicks again before its storage event: the write is refused (it
/// would overwrite the winner's change, as it did in 6 of 6 trials), and resolved as a conflict.
#[test]
fn the_losing_tabs_next_click_never_overwrites_the_winners_change() {
    let (kv_a, kv_b) = (Rc::new(MemoryStore::new()), Rc::new(MemoryStore::new()));
    let (mut a, mut b) = (tab(&kv_a), tab(&kv_b));
    accept(&mut a, log_in(), "/login", T0);
    accept(&mut b, log_in(), "/login", T0);
    sync(&kv_b, &kv_a);
    let winner = kv_a.get(SAVE_KEY);
    let (_, report) = a.act(day(), "/", T1);
    let [Outcome::Stale(stale)] = &report[..] else { panic!("expected a refused write: {report:?}") };
    assert_eq!(kv_a.get(SAVE_KEY), winner, "the winner's save is untouched");
    assert_eq!(a.resolve_conflict(stale.clone(), T1), vec![Outcome::Notice(Notice::Conflict)]);
    assert_eq!(a.sim(), b.sim());
}

/// Issue 16, part 3, through the session: the store is full at load; a save whose log no longer
/// replays, and one with an action this version does not know, are announced as kept aside
/// ("nothing will overwrite it"). Once space comes back, the next change copies it aside
/// before writing (today both were overwritten).
#[test]
fn a_save_that_could_not_be_used_nor_set_aside_is_copied_aside_before_it_is_written_over_decision_122() {
    let replays_not = SavedRun { start: Start::Demo, rules: RULES_VERSION, actions: vec![log_in(), log_in()], snapshots: vec![], step: 0 };
    let not_replaying = { let kv = MemoryStore::new(); put(&kv, SAVE_KEY, &replays_not); kv.get(SAVE_KEY).unwrap() };
    let unknown_action = not_replaying.replace(r#"{"LogIn""#, r#"{"Teleport""#);
    assert_ne!(unknown_action, not_replaying);
    for (text, reason) in [
        (not_replaying, AsideReason::Replay { index: 1 }),
        (unknown_action, AsideReason::Unreadable(crate::storage::LoadError::BadState)),
    ] {
        let kv = Rc::new(MemoryStore::new());
        kv.set(SAVE_KEY, &text).unwrap();
        kv.set_read_only(true);
        let mut session = Session::open(kv.clone(), false, None);
        assert_eq!(notices(&session.read_saved(T0)), [Notice::Blocked], "{reason:?}");
        kv.set_quota(Some(text.len() + SAVE_KEY.len() + 50)); // room for the slot, not a copy
        let (result, report) = session.act(log_in(), "/login", T1);
        assert!(result.is_ok());
        assert_eq!(notices(&report), [Notice::Blocked], "not written over: {reason:?}");
        assert_eq!(kv.get(SAVE_KEY).as_deref(), Some(text.as_str()));
        kv.set_quota(None);
        assert_eq!(saved(&session.act(day(), "/", T1).1), Some(1), "{reason:?}");
        let aside = session.aside_list();
        assert_eq!(aside.iter().map(|e| e.reason.clone()).collect::<Vec<_>>(), [reason.clone()]);
        assert_eq!(session.aside_text(&aside[0].key), Some(text), "kept word for word: {reason:?}");
    }
}

/// Issue 16, part 4: every embed `@instance` has its slot; only the newest MAX_EMBEDS stay.
#[test]
fn embeds_keep_only_the_newest_slots_decision_123() {
    use crate::storage::{EMBED_PREFIX, MAX_EMBEDS};
    let kv = Rc::new(MemoryStore::new());
    let g4 = Start::Section(GuideSection::G4, crate::domain::Subsidiary::Fr);
    let names: Vec<String> = (0..MAX_EMBEDS + 3).map(|n| format!("guide-g4@{n}")).collect();
    for (n, name) in names.iter().enumerate() {
        let mut embed = Session::open(kv.clone(), false, Some((name, g4.clone())));
        embed.read_saved(T0);
        accept(&mut embed, day(), "/", &format!("2026-03-08T10:{n:02}:00.000Z"));
    }
    let slots: Vec<String> = kv.keys().into_iter().filter(|k| k.starts_with(EMBED_PREFIX)).collect();
    assert_eq!(slots.len(), MAX_EMBEDS);
    assert!(kv.get(&embed_key(&names[2])).is_none() && kv.get(&embed_key(&names[3])).is_some());
    assert!(kv.get(&embed_key(names.last().unwrap())).is_some());
}
/// Issue 19: a share link in an embed plays that run in the embed's own slot, whatever its
/// start, and a reload of the embed (no link any more) comes back to it.
#[test]
fn issue19_a_share_embed_plays_the_links_run_and_a_reload_reads_it_back() {
    let kv = Rc::new(MemoryStore::new());
    let mut full = tab(&kv);
    accept(&mut full, log_in(), "/login", T0);
    accept(&mut full, day(), "/", T0);
    let link = Simulator::from_saved(&full.saved_run()).unwrap();
    let mut embed = Session::open(kv.clone(), false, Some(("share", Start::Demo)));
    assert_eq!(saved(&embed.open_shared(Some((link, 0)), T0)), Some(1));
    assert_eq!(embed.sim().log.len(), 2);
    assert!(embed.is_embed());
    let before = kv.get(SAVE_KEY);
    let mut reloaded = Session::open(kv.clone(), false, Some(("share", Start::Demo)));
    reloaded.open_shared(None, T0);
    assert_eq!(reloaded.sim().log.len(), 2, "the slot's run, read back");
    assert_eq!(kv.get(SAVE_KEY), before, "the full app's save is not touched");
}

/// Issue 20, item 2 (L2): the subsidiary chosen in the user's own simulation is known whichever
/// run is on screen (a guided run reads it from the own slot, with no replay and nothing set
/// aside), so that the next section opened runs on it; an embed has none.
#[test]
fn issue_20_the_own_subsidiary_is_known_from_a_guided_run() {
    let kv = Rc::new(MemoryStore::new());
    let mut session = tab(&kv);
    assert_eq!(session.own_subsidiary(), None, "nothing chosen yet");
    let italy = Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::It };
    accept(&mut session, italy, "/login", T0);
    assert_eq!(session.own_subsidiary(), Some(Subsidiary::It));
    session.open_guided(Start::Section(GuideSection::G8, Subsidiary::It), false, T1);
    assert_eq!(session.kind(), RunKind::Guided);
    assert_eq!(session.own_subsidiary(), Some(Subsidiary::It), "read from the own slot");
    assert_eq!(session.sim().state.subsidiary, Subsidiary::It);
    // Another tab opening on the guided run knows it too.
    assert_eq!(tab(&kv).own_subsidiary(), Some(Subsidiary::It));
    let embed = Session::open(kv.clone(), false, Some(("guide-g4", Start::Section(GuideSection::G4, Subsidiary::It))));
    assert_eq!(embed.own_subsidiary(), None);
}

/// Issue 18: `hes:load` makes an embed's one run the file's, from its start, in the embed's own
/// slot; the full app is never touched (there, only `open_guided`).
#[test]
fn issue18_an_embed_opens_a_file_as_its_run() {
    let kv = Rc::new(MemoryStore::new());
    let scenario = Start::Scenario(ScenarioId::DebtUnpaid, Subsidiary::Fr);
    let text = include_str!("../../tests/fixtures/scenarios/wrong-expectation.json");
    let file = crate::storage::scenario_file::file_start(&crate::storage::scenario_file::parse_scenario_file(text).unwrap()).unwrap();
    let mut embed = Session::open(kv.clone(), false, Some(("scenario-debt-unpaid", scenario)));
    embed.act(day(), "/", T0).0.unwrap();
    embed.open_in_embed(file.clone(), T0);
    assert_eq!((embed.kind(), embed.sim().start.clone(), embed.step()), (RunKind::Guided, file.clone(), 0));
    assert_eq!(embed.sim().state, file.state(), "from the file's first beat");
    assert!(embed.sim().log.is_empty());
    let mut own = tab(&kv);
    assert!(own.open_in_embed(file, T0).is_empty(), "nothing outside an embed");
    assert_eq!(own.kind(), RunKind::Own);
}
