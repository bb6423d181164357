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
    assert_eq!(
        stored(&store),
        json!({"schema": SCHEMA, "revision": 1, "saved_at": T0, "state": {"name": "demo", "count": 3}})
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
            assert_eq!(done.dropped[0].key, keys[n - MAX_ASIDE]);
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
