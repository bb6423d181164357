use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Payload {
    name: String,
    count: u32,
}

fn payload(count: u32) -> Payload {
    Payload {
        name: "demo".into(),
        count,
    }
}

const T0: &str = "2025-03-01T10:00:00+01:00";
const T1: &str = "2025-03-01T10:05:00+01:00";

fn stored<K: KeyValue>(store: &Store<K>) -> Value {
    serde_json::from_str(&store.raw().expect("a save")).unwrap()
}

fn set_aside<T>(outcome: LoadOutcome<T>) -> SetAside {
    match outcome {
        LoadOutcome::SetAside(done) => done,
        _ => panic!("expected the save to be set aside"),
    }
}

#[test]
fn nothing_saved_is_fresh() {
    let store = Store::new(MemoryStore::new());
    assert_eq!(store.load::<Payload>(T0), LoadOutcome::Fresh);
    assert!(store.backend().keys().is_empty(), "load must not write");
}

#[test]
fn round_trip_writes_the_envelope() {
    let store = Store::new(MemoryStore::new());
    assert_eq!(store.save(&payload(3), T0), Ok(1));
    let me = store.writer().to_string();
    assert_eq!(
        stored(&store),
        json!({"schema": SCHEMA, "revision": 1, "saved_at": T0, "writer": me, "seen": [[me, 1]],
               "state": {"name": "demo", "count": 3}})
    );
    // A second Store over the same data (= a page reload) reads it back.
    let reloaded = Store::new(MemoryStore::new());
    reloaded.backend().set(SAVE_KEY, &store.raw().unwrap()).unwrap();
    assert_eq!(
        reloaded.load::<Payload>(T0),
        LoadOutcome::Loaded {
            state: payload(3),
            revision: 1,
            migrated_from: None
        }
    );
}

#[test]
fn revision_increments_across_saves_and_reloads() {
    let kv = MemoryStore::new();
    let store = Store::new(&kv);
    assert_eq!(store.save(&payload(1), T0), Ok(1));
    assert_eq!(store.save(&payload(2), T1), Ok(2));
    assert_eq!(store.revision(), 2);
    let reloaded = Store::new(&kv);
    assert!(matches!(reloaded.load::<Payload>(T0), LoadOutcome::Loaded { revision: 2, .. }));
    assert_eq!(reloaded.save(&payload(3), T1), Ok(3));
}

#[test]
fn an_embeds_slot_is_its_name_under_the_embed_prefix() {
    assert_eq!(embed_key("scenario-debt-unpaid@left"), "hes.embed.scenario-debt-unpaid@left");
    assert!(embed_key("guide-g4").starts_with(EMBED_PREFIX));
}

#[test]
fn slots_are_apart() {
    let kv = MemoryStore::new();
    let own = Store::new(&kv);
    let guided = Store::with_key(&kv, GUIDED_KEY);
    let embed = Store::with_key(&kv, &embed_key("guide-g4"));
    own.save(&payload(1), T0).unwrap();
    guided.save(&payload(2), T0).unwrap();
    embed.save(&payload(3), T0).unwrap();
    assert!(matches!(Store::new(&kv).load::<Payload>(T0), LoadOutcome::Loaded { state, .. } if state == payload(1)));
    assert!(matches!(Store::with_key(&kv, GUIDED_KEY).load::<Payload>(T0), LoadOutcome::Loaded { state, .. } if state == payload(2)));
}

/// Two tabs on one store: the one that is behind cannot overwrite the newer save.
#[test]
fn a_write_based_on_a_stale_revision_is_refused() {
    let kv = MemoryStore::new();
    let a = Store::new(&kv);
    let b = Store::new(&kv);
    a.save(&payload(1), T0).unwrap();
    assert!(matches!(b.load::<Payload>(T0), LoadOutcome::Loaded { revision: 1, .. }));
    a.save(&payload(2), T1).unwrap();
    assert!(b.is_behind());
    assert_eq!(b.save(&payload(99), T1), Err(StorageError::Stale { stored: 2 }));
    assert_eq!(stored(&a)["state"]["count"], 2, "the newer save is untouched");
    // The newer revision wins: b reads it, and its own version can be kept aside, not lost.
    let mine = b.envelope(&payload(99), T1);
    let kept = b.keep_aside(&mine, AsideReason::Conflict, T1).unwrap();
    assert!(matches!(b.load::<Payload>(T1), LoadOutcome::Loaded { revision: 2, state, .. } if state == payload(2)));
    assert!(!b.is_behind());
    assert_eq!(b.save(&payload(3), T1), Ok(3));
    assert_eq!(kv.get(&kept.entry.key).as_deref(), Some(mine.as_str()));
    assert_eq!(aside_list(&kv)[0].reason, AsideReason::Conflict);
}

#[test]
fn corrupt_json_is_set_aside_verbatim_and_listed() {
    let kv = MemoryStore::new();
    let garbage = "{\"schema\":2,\"revision\":5,\"state\":{ oops \u{1F4A5}";
    kv.set(SAVE_KEY, garbage).unwrap();
    let done = set_aside(Store::new(&kv).load::<Payload>(T1));
    assert_eq!(done.entry.reason, AsideReason::Unreadable(LoadError::NotJson));
    assert_eq!((done.entry.slot.as_str(), done.entry.at.as_str()), (SAVE_KEY, T1));
    assert!(done.entry.key.starts_with(ASIDE_PREFIX));
    assert_eq!(kv.get(&done.entry.key).as_deref(), Some(garbage), "kept word for word");
    assert_eq!(kv.get(SAVE_KEY), None);
    assert_eq!(aside_list(&kv), vec![done.entry.clone()]);
    // A new save leaves it alone.
    Store::new(&kv).save(&payload(1), T1).unwrap();
    assert_eq!(kv.get(&done.entry.key).as_deref(), Some(garbage));
}

#[test]
fn at_most_a_few_saves_are_kept_aside_and_the_oldest_go_first() {
    let kv = MemoryStore::new();
    let mut keys: Vec<String> = Vec::new();
    for n in 0..MAX_ASIDE + 2 {
        kv.set(SAVE_KEY, &format!("broken {n}")).unwrap();
        let done = set_aside(Store::new(&kv).load::<Payload>(T0));
        if n < MAX_ASIDE {
            assert!(done.dropped.is_empty());
        } else {
            // The oldest is deleted, and the caller is told which.
            assert_eq!(done.dropped.len(), 1);
            assert_eq!(done.dropped[0], keys[n - MAX_ASIDE]);
            assert_eq!(kv.get(&keys[n - MAX_ASIDE]), None);
        }
        keys.push(done.entry.key);
    }
    let list = aside_list(&kv);
    assert_eq!(list.len(), MAX_ASIDE);
    assert_eq!(list.last().unwrap().key, *keys.last().unwrap());
    assert_eq!(kv.get(&list[0].key).as_deref(), Some("broken 2"));
    aside_delete(&kv, &list[0].key).unwrap();
    assert_eq!(aside_list(&kv).len(), MAX_ASIDE - 1);
    assert_eq!(kv.get(&list[0].key), None);
}

#[test]
fn readable_envelope_with_wrong_state_is_set_aside() {
    let kv = MemoryStore::new();
    kv.set(SAVE_KEY, r#"{"schema":2,"revision":7,"saved_at":"","state":{"name":3}}"#).unwrap();
    let done = set_aside(Store::new(&kv).load::<Payload>(T0));
    assert_eq!(done.entry.reason, AsideReason::Unreadable(LoadError::BadState));
}

#[test]
fn malformed_envelopes_are_set_aside() {
    for text in [
        r#"{"schema":"two","revision":1,"saved_at":"","state":{}}"#,
        r#"{"schema":2,"saved_at":"","state":{}}"#,
        r#"{"schema":2,"revision":1,"state":{}}"#,
        r#"{"schema":2,"revision":1,"saved_at":""}"#,
    ] {
        let kv = MemoryStore::new();
        kv.set(SAVE_KEY, text).unwrap();
        let done = set_aside(Store::new(&kv).load::<Payload>(T0));
        assert_eq!(done.entry.reason, AsideReason::Unreadable(LoadError::BadEnvelope), "{text}");
        assert_eq!(kv.get(&done.entry.key).as_deref(), Some(text));
    }
}

#[test]
fn future_schema_is_kept_aside_not_dropped() {
    let kv = MemoryStore::new();
    let future = format!(r#"{{"schema":{},"revision":41,"saved_at":"{T0}","state":{{}}}}"#, SCHEMA + 1);
    kv.set(SAVE_KEY, &future).unwrap();
    let done = set_aside(Store::new(&kv).load::<Payload>(T0));
    assert_eq!(
        done.entry.reason,
        AsideReason::Unreadable(LoadError::FutureSchema { found: SCHEMA + 1, supported: SCHEMA })
    );
    assert_eq!(kv.get(&done.entry.key), Some(future));
}

#[test]
fn legacy_saves_are_migrated_step_by_step() {
    // v0: the bare state; v1: the envelope of a log replayed from the demo.
    let kv = MemoryStore::new();
    kv.set(SAVE_KEY, r#"{"actions":[],"snapshots":[]}"#).unwrap();
    match Store::new(&kv).load::<Value>(T0) {
        LoadOutcome::Loaded { state, migrated_from, .. } => {
            assert_eq!(migrated_from, Some(0));
            assert_eq!(state, json!({"actions": [], "snapshots": [], "start": "Demo", "rules": 1}));
        }
        other => panic!("{other:?}"),
    }
    let v1 = json!({"schema": 1, "revision": 4, "saved_at": T0, "state": {"actions": [], "snapshots": []}});
    let migrated = migrate(1, v1).unwrap();
    assert_eq!(migrated["schema"], 2);
    assert_eq!(migrated["state"]["start"], "Demo");
    assert_eq!(migrated["state"]["rules"], 1, "a v1 log was made under the first rules");
    assert_eq!(migrate(1, json!({"schema": 1, "state": 3})), Err(LoadError::Migration { from: 1 }));
}

#[test]
fn a_full_store_reports_quota_and_the_next_successful_save_writes_everything() {
    let kv = MemoryStore::new();
    let store = Store::new(&kv);
    store.save(&payload(1), T0).unwrap();
    kv.set_quota(Some(10));
    assert_eq!(store.save(&payload(2), T0), Err(StorageError::Quota));
    assert_eq!(stored(&store)["state"]["count"], 1, "the last good save stays");
    kv.set_quota(None);
    assert_eq!(store.save(&payload(3), T1), Ok(2));
    assert_eq!(stored(&store)["state"]["count"], 3);
}

#[test]
fn an_unreadable_save_that_cannot_be_set_aside_blocks_overwrites() {
    let kv = MemoryStore::new();
    kv.set(SAVE_KEY, "not json").unwrap();
    kv.set_read_only(true);
    let store = Store::new(&kv);
    assert_eq!(store.load::<Payload>(T0), LoadOutcome::Blocked(LoadError::NotJson));
    assert_eq!(kv.get(SAVE_KEY).as_deref(), Some("not json"), "left in place");
    kv.set_read_only(false);
    // The next save sets it aside first, then writes.
    assert_eq!(store.save(&payload(1), T1), Ok(1));
    let list = aside_list(&kv);
    assert_eq!(list.len(), 1);
    assert_eq!(kv.get(&list[0].key).as_deref(), Some("not json"));
}

#[test]
fn a_readable_save_the_app_cannot_use_is_set_aside_verbatim() {
    let kv = MemoryStore::new();
    let store = Store::new(&kv);
    store.save(&payload(1), T0).unwrap();
    let raw = store.raw().unwrap();
    let done = store.set_aside(AsideReason::OtherRules { found: 1 }, T1).unwrap().unwrap();
    assert_eq!(kv.get(&done.entry.key), Some(raw));
    assert_eq!(kv.get(SAVE_KEY), None);
    assert_eq!(store.set_aside(AsideReason::Conflict, T1), Ok(None), "nothing left to set aside");
}

/// What the `storage` event brings a tab: the other tab's text, as the browser kept it last.
/// Each tab's `localStorage` is a copy the browser keeps in step after the fact (Chromium), so
/// two tabs can both write "the next revision" before either sees the other's.
fn propagate(from: &MemoryStore, to: &MemoryStore) {
    to.set(SAVE_KEY, &from.get(SAVE_KEY).unwrap()).unwrap();
}

/// Issue 16, part 2: both tabs write revision 2 at once; the browser keeps b's. Today a sees
/// an equal revision and thinks nothing happened, and its next click overwrites b's change.
#[test]
fn two_tabs_writing_the_same_next_revision_the_loser_knows_it_lost_decision_121() {
    let (tab_a, tab_b) = (MemoryStore::new(), MemoryStore::new());
    let first = Store::new(&tab_a);
    first.save(&payload(1), T0).unwrap();
    propagate(&tab_a, &tab_b);
    let (a, b) = (Store::new(&tab_a), Store::new(&tab_b));
    assert!(matches!(a.load::<Payload>(T0), LoadOutcome::Loaded { revision: 1, .. }));
    assert!(matches!(b.load::<Payload>(T0), LoadOutcome::Loaded { revision: 1, .. }));
    assert_eq!(a.save(&payload(10), T1), Ok(2));
    assert_eq!(b.save(&payload(20), T1), Ok(2), "neither could see the other's write");
    propagate(&tab_b, &tab_a); // b's write reached the browser last: it is the one kept
    assert_eq!(a.elsewhere(), Elsewhere::Lost, "a's change is not in the save: a must be told");
    assert!(a.is_behind());
    assert_eq!(b.elsewhere(), Elsewhere::Same, "b's write is the one kept");
    // a's next write does not overwrite b's.
    assert_eq!(a.save(&payload(11), T1), Err(StorageError::Stale { stored: 2 }));
    assert_eq!(stored(&a)["state"]["count"], 20);
}

/// The same race on one store (one process, a same-process tab): the write itself is refused.
#[test]
fn a_write_over_another_writers_equal_revision_is_refused() {
    let kv = MemoryStore::new();
    let (a, b) = (Store::new(&kv), Store::new(&kv));
    a.save(&payload(1), T0).unwrap();
    b.load::<Payload>(T0);
    a.load::<Payload>(T0);
    // Another writer's save at the revision a knows (say an older build, or a tab that
    // read revision 0 as empty): same number, not the same save.
    let c = Store::new(&kv);
    c.load::<Payload>(T0);
    kv.set(SAVE_KEY, &kv.get(SAVE_KEY).unwrap().replace(a.writer(), "someone-else")).unwrap();
    assert_eq!(b.save(&payload(2), T1), Err(StorageError::Stale { stored: 1 }));
    assert_eq!(c.elsewhere(), Elsewhere::Changed, "c wrote nothing: only a newer save to show");
}

/// A store that never read the slot (or read it empty) does not write over a save another tab
/// made meanwhile.
#[test]
fn a_store_that_read_nothing_does_not_overwrite_another_tabs_save() {
    let kv = MemoryStore::new();
    let late = Store::new(&kv);
    assert_eq!(late.load::<Payload>(T0), LoadOutcome::Fresh);
    Store::new(&kv).save(&payload(1), T0).unwrap();
    assert!(late.is_behind());
    assert_eq!(late.save(&payload(2), T1), Err(StorageError::Stale { stored: 1 }));
    assert_eq!(Store::new(&kv).save(&payload(3), T1), Err(StorageError::Stale { stored: 1 }), "never read");
}

/// A save built on another tab's includes it: that tab has nothing lost, only news.
#[test]
fn a_save_built_on_this_tabs_write_includes_it_and_writers_are_bounded() {
    let kv = MemoryStore::new();
    let a = Store::new(&kv);
    a.save(&payload(1), T0).unwrap();
    let b = Store::new(&kv);
    b.load::<Payload>(T0);
    b.save(&payload(2), T1).unwrap();
    b.save(&payload(3), T1).unwrap();
    assert_eq!(a.elsewhere(), Elsewhere::Changed);
    // Each writer once, the most recent last, at most MAX_WRITERS.
    for _ in 0..MAX_WRITERS + 2 {
        let s = Store::new(&kv);
        s.load::<Payload>(T0);
        s.save(&payload(4), T1).unwrap();
    }
    let seen: Seen = serde_json::from_value(stored(&a)["seen"].clone()).unwrap();
    assert_eq!(seen.len(), MAX_WRITERS);
    assert_eq!(seen.last().unwrap().1, stored(&a)["revision"].as_u64().unwrap());
}

/// Issue 16, part 3: with the store full at load, a readable save the app cannot use (an
/// unknown action: BadState) could not be set aside. Once space came back, the next save
/// overwrote it: it is copied aside first now.
#[test]
fn a_readable_save_that_could_not_be_set_aside_is_copied_aside_before_any_write_decision_122() {
    let kv = MemoryStore::new();
    // Its state has a value this version does not know (as an unknown action would be).
    let unknown = r#"{"schema":2,"revision":7,"saved_at":"","state":{"name":"x","count":"Teleport"}}"#.to_string();
    kv.set(SAVE_KEY, &unknown).unwrap();
    kv.set_read_only(true);
    let store = Store::new(&kv);
    assert_eq!(store.load::<Payload>(T0), LoadOutcome::Blocked(LoadError::BadState));
    assert_eq!(store.save(&payload(1), T1), Err(StorageError::Blocked), "still full: nothing written");
    kv.set_read_only(false);
    assert_eq!(store.save(&payload(1), T1), Ok(1));
    let list = aside_list(&kv);
    assert_eq!(list.len(), 1, "copied aside before it was written over");
    assert_eq!(list[0].reason, AsideReason::Unreadable(LoadError::BadState));
    assert_eq!(kv.get(&list[0].key), Some(unknown));
}

/// Issue 16, part 3: a save that reads but does not replay (the session's verdict) could not be
/// set aside; the next save copies it aside first, or writes nothing.
#[test]
fn a_save_that_does_not_replay_and_could_not_be_set_aside_is_never_overwritten_decision_122() {
    let kv = MemoryStore::new();
    Store::new(&kv).save(&payload(1), T0).unwrap();
    let raw = kv.get(SAVE_KEY).unwrap();
    let store = Store::new(&kv);
    assert!(matches!(store.load::<Payload>(T0), LoadOutcome::Loaded { .. }));
    kv.set_read_only(true);
    assert_eq!(store.set_aside(AsideReason::Replay { index: 0 }, T0), Err(StorageError::Quota));
    kv.set_quota(Some(raw.len() + SAVE_KEY.len() + 200)); // room to write the slot, not a copy
    assert_eq!(store.save(&payload(2), T1), Err(StorageError::Blocked));
    assert_eq!(kv.get(SAVE_KEY), Some(raw.clone()), "left as it was");
    kv.set_quota(None);
    assert_eq!(store.save(&payload(2), T1), Ok(1));
    let list = aside_list(&kv);
    assert_eq!((list.len(), &list[0].reason), (1, &AsideReason::Replay { index: 0 }));
    assert_eq!(kv.get(&list[0].key), Some(raw));
}

/// Issue 16, part 4: embed slots, one per `@instance`, are bounded: the newest MAX_EMBEDS are
/// kept (by when they were saved; an unreadable one goes first), never the one just saved.
#[test]
fn only_the_newest_embed_slots_are_kept_decision_123() {
    let kv = MemoryStore::new();
    kv.set(SAVE_KEY, "{}").unwrap();
    kv.set(&embed_key("broken@old"), "not json").unwrap();
    let at = |n: usize| format!("2026-03-{:02}T10:00:00.000Z", n + 1);
    for n in 0..MAX_EMBEDS - 1 {
        let store = Store::with_key(&kv, &embed_key(&format!("guide-g1@{n}")));
        store.save(&payload(1), &at(n)).unwrap();
        assert!(keep_embeds(&kv, store.key()).is_empty(), "{n}: still room");
    }
    let store = Store::with_key(&kv, &embed_key("guide-g1@new"));
    store.save(&payload(1), &at(25)).unwrap();
    assert_eq!(keep_embeds(&kv, store.key()), [embed_key("broken@old")], "the unreadable one goes first");
    // Slot 0, saved again, is the newest; the next new one drops slot 1, the oldest then.
    let zero = Store::with_key(&kv, &embed_key("guide-g1@0"));
    zero.load::<Payload>(T0);
    zero.save(&payload(2), &at(26)).unwrap();
    let store = Store::with_key(&kv, &embed_key("guide-g1@newer"));
    store.save(&payload(1), &at(27)).unwrap();
    assert_eq!(keep_embeds(&kv, store.key()), [embed_key("guide-g1@1")]);
    let slots = kv.keys().into_iter().filter(|k| k.starts_with(EMBED_PREFIX)).count();
    assert_eq!(slots, MAX_EMBEDS);
    assert!(kv.get(&embed_key("guide-g1@0")).is_some());
    assert!(kv.get(SAVE_KEY).is_some(), "only embed slots");
}

#[test]
fn preferences_are_plain_strings() {
    let kv = MemoryStore::new();
    save_preference(&kv, LANG_KEY, "fr").unwrap();
    assert_eq!(load_preference(&kv, LANG_KEY).as_deref(), Some("fr"));
}

#[test]
fn local_store_is_unavailable_natively() {
    assert_eq!(LocalStore::new().err(), Some(StorageError::Unavailable));
}
