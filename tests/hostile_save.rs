//! Issue 16: loading a save uses the same bounded replay as a link. A save over the bounds (the
//! probe runs of `tests/fixtures/probes/`, written to the store as an older tab would have) is
//! set aside verbatim with its bound, never replayed, and the app starts fresh; the worst run
//! within the bounds loads.
use std::rc::Rc;

use hosted_exchange_sim::domain::scenario::Start;
use hosted_exchange_sim::domain::{RuleId, SavedRun};
use hosted_exchange_sim::session::{Notice, Outcome, Session};
use hosted_exchange_sim::storage::{AsideReason, KeyValue, MemoryStore, Store, SAVE_KEY};

const T0: &str = "2026-03-08T10:00:00.000Z";

fn probe(name: &str) -> SavedRun {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/probes").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn b1_b5_a_save_over_the_bounds_is_set_aside_verbatim_never_replayed() {
    for (name, rule) in [
        ("debt-next-events-43682.json", RuleId::B1),
        ("centuries-2700.json", RuleId::B5),
        ("accounts-2000-next-events-4000.json", RuleId::B1),
    ] {
        let kv = Rc::new(MemoryStore::default());
        Store::with_key(&*kv, SAVE_KEY).save(&probe(name), T0).unwrap();
        let written = kv.get(SAVE_KEY).unwrap();
        let mut session = Session::open(kv.clone(), false, None);
        let report = session.read_saved(T0);
        let reasons: Vec<_> = report.iter().filter_map(|o| match o {
            Outcome::Notice(Notice::SetAside { reason: AsideReason::Bounds(e), .. }) => Some(e.rule()),
            _ => None,
        }).collect();
        assert_eq!(reasons, vec![rule], "{name}: {report:?}");
        // Never replayed (the bounds are checked before the first action): a fresh demo.
        assert_eq!((session.sim().start.clone(), session.sim().log.len()), (Start::Demo, 0), "{name}");
        let aside = session.aside_list();
        assert_eq!(aside.len(), 1, "{name}");
        assert_eq!(session.aside_text(&aside[0].key).as_deref(), Some(written.as_str()), "{name}: kept verbatim");
    }
}

#[test]
fn the_worst_save_within_the_bounds_loads() {
    let kv = Rc::new(MemoryStore::default());
    let run = probe("worst-valid.json");
    Store::with_key(&*kv, SAVE_KEY).save(&run, T0).unwrap();
    let mut session = Session::open(kv.clone(), false, None);
    let report = session.read_saved(T0);
    assert!(!report.iter().any(|o| matches!(o, Outcome::Notice(_))), "{report:?}");
    assert_eq!(session.sim().log, run.actions);
    assert!(session.aside_list().is_empty());
}
