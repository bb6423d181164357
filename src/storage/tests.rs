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

#[test]
fn nothing_saved_is_fresh() {
    let store = Store::new(MemoryStore::new());
    assert_eq!(store.load::<Payload>(), LoadOutcome::Fresh);
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
        reloaded.load::<Payload>(),
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

    let again = Store::new(&kv);
    match again.load::<Payload>() {
        LoadOutcome::Loaded { state, revision, .. } => {
            assert_eq!(state, payload(2));
            assert_eq!(revision, 2);
        }
        other => panic!("expected Loaded, got {other:?}"),
    }
    assert_eq!(again.save(&payload(3), T1), Ok(3));
    assert_eq!(stored(&again)["saved_at"], T1);
}

#[test]
fn save_before_load_continues_the_stored_revision() {
    let kv = MemoryStore::new();
    Store::new(&kv).save(&payload(1), T0).unwrap();
    Store::new(&kv).save(&payload(1), T0).unwrap();
    assert_eq!(Store::new(&kv).save(&payload(1), T0), Ok(3));
}

#[test]
fn corrupt_json_is_quarantined_verbatim() {
    let kv = MemoryStore::new();
    let garbage = "{\"schema\":1,\"revision\":4,\"state\":{\"name\": tru";
    kv.set(SAVE_KEY, garbage).unwrap();
    let store = Store::new(&kv);
    match store.load::<Payload>() {
        LoadOutcome::Quarantined { key, reason } => {
            assert_eq!(key, "hes.save.corrupt.1");
            assert!(matches!(reason, LoadError::NotJson(_)), "{reason:?}");
            assert_eq!(kv.get(&key).as_deref(), Some(garbage), "kept byte for byte");
        }
        other => panic!("expected Quarantined, got {other:?}"),
    }
    assert_eq!(kv.get(SAVE_KEY), None, "main key removed");
    // The app starts fresh and its next save works.
    assert_eq!(store.load::<Payload>(), LoadOutcome::Fresh);
    assert_eq!(store.save(&payload(1), T0), Ok(1));
}

#[test]
fn quarantine_never_overwrites_an_earlier_one() {
    let kv = MemoryStore::new();
    let store = Store::new(&kv);
    kv.set(SAVE_KEY, "first garbage").unwrap();
    kv.set("hes.save.corrupt.1", "older, from another session").unwrap();
    let LoadOutcome::Quarantined { key: k1, .. } = store.load::<Payload>() else {
        panic!("expected Quarantined")
    };
    kv.set(SAVE_KEY, "second garbage").unwrap();
    let LoadOutcome::Quarantined { key: k2, .. } = store.load::<Payload>() else {
        panic!("expected Quarantined")
    };
    assert_eq!(k1, "hes.save.corrupt.2");
    assert_eq!(k2, "hes.save.corrupt.3");
    assert_eq!(kv.get("hes.save.corrupt.1").as_deref(), Some("older, from another session"));
    assert_eq!(kv.get(&k1).as_deref(), Some("first garbage"));
    assert_eq!(kv.get(&k2).as_deref(), Some("second garbage"));
}

#[test]
fn readable_envelope_with_wrong_state_is_quarantined_under_its_revision() {
    let kv = MemoryStore::new();
    let raw = r#"{"schema":1,"revision":9,"saved_at":"x","state":{"name":42}}"#;
    kv.set(SAVE_KEY, raw).unwrap();
    match Store::new(&kv).load::<Payload>() {
        LoadOutcome::Quarantined { key, reason } => {
            assert_eq!(key, "hes.save.corrupt.9");
            assert!(matches!(reason, LoadError::BadState(_)), "{reason:?}");
            assert_eq!(kv.get(&key).as_deref(), Some(raw));
        }
        other => panic!("expected Quarantined, got {other:?}"),
    }
    // Same revision again: a distinct key.
    kv.set(SAVE_KEY, raw).unwrap();
    let LoadOutcome::Quarantined { key, .. } = Store::new(&kv).load::<Payload>() else {
        panic!("expected Quarantined")
    };
    assert_eq!(key, "hes.save.corrupt.9-2");
}

#[test]
fn malformed_envelopes_are_quarantined() {
    for raw in [
        r#"{"schema":"one","revision":1,"saved_at":"","state":{}}"#,
        r#"{"schema":1,"saved_at":"","state":{"name":"a","count":1}}"#,
        r#"{"schema":1,"revision":1,"saved_at":"","stat":{"name":"a","count":1}}"#,
        r#"{"schema":1,"revision":-3,"saved_at":"","state":{"name":"a","count":1}}"#,
    ] {
        let kv = MemoryStore::new();
        kv.set(SAVE_KEY, raw).unwrap();
        match Store::new(&kv).load::<Payload>() {
            LoadOutcome::Quarantined { key, reason } => {
                assert!(matches!(reason, LoadError::BadEnvelope(_)), "{raw}: {reason:?}");
                assert_eq!(kv.get(&key).as_deref(), Some(raw));
            }
            other => panic!("{raw}: expected Quarantined, got {other:?}"),
        }
    }
}

#[test]
fn future_schema_is_kept_aside_not_dropped() {
    let kv = MemoryStore::new();
    let raw = json!({"schema": SCHEMA + 1, "revision": 12, "saved_at": T0, "state": {"whatever": true}})
        .to_string();
    kv.set(SAVE_KEY, &raw).unwrap();
    let store = Store::new(&kv);
    match store.load::<Payload>() {
        LoadOutcome::Quarantined { key, reason } => {
            assert_eq!(key, "hes.save.corrupt.12");
            assert_eq!(
                reason,
                LoadError::FutureSchema {
                    found: SCHEMA + 1,
                    supported: SCHEMA
                }
            );
            assert_eq!(kv.get(&key), Some(raw));
        }
        other => panic!("expected Quarantined, got {other:?}"),
    }
    assert_eq!(kv.get(SAVE_KEY), None);
}

#[test]
fn legacy_v0_bare_state_is_migrated() {
    let kv = MemoryStore::new();
    kv.set(SAVE_KEY, r#"{"name":"legacy","count":7}"#).unwrap();
    let store = Store::new(&kv);
    assert_eq!(
        store.load::<Payload>(),
        LoadOutcome::Loaded {
            state: Payload {
                name: "legacy".into(),
                count: 7
            },
            revision: 0,
            migrated_from: Some(0)
        }
    );
    // Loading does not write; the next save upgrades the stored format.
    assert_eq!(kv.get(SAVE_KEY).as_deref(), Some(r#"{"name":"legacy","count":7}"#));
    assert_eq!(store.save(&payload(8), T0), Ok(1));
    assert_eq!(stored(&store)["schema"], SCHEMA);
    assert_eq!(kv.keys(), vec![SAVE_KEY.to_string()], "nothing quarantined");
}

#[test]
fn migrate_v0_wraps_the_state() {
    let v1 = migrate(0, json!({"a": 1})).unwrap();
    assert_eq!(v1, json!({"schema": 1, "revision": 0, "saved_at": "", "state": {"a": 1}}));
    let same = json!({"schema": 1, "revision": 3, "saved_at": T0, "state": {}});
    assert_eq!(migrate(1, same.clone()).unwrap(), same);
    assert!(matches!(migrate(SCHEMA + 5, json!({})), Err(LoadError::FutureSchema { .. })));
}

#[test]
fn failed_quarantine_leaves_the_save_and_blocks_overwrites() {
    let kv = MemoryStore::new();
    kv.set(SAVE_KEY, "garbage").unwrap();
    kv.set_read_only(true);
    let store = Store::new(&kv);
    match store.load::<Payload>() {
        LoadOutcome::Quarantined { key, .. } => assert_eq!(key, SAVE_KEY),
        other => panic!("expected Quarantined, got {other:?}"),
    }
    assert_eq!(kv.get(SAVE_KEY).as_deref(), Some("garbage"));
    assert!(matches!(store.save(&payload(1), T0), Err(StorageError::Blocked(_))));
    assert_eq!(kv.get(SAVE_KEY).as_deref(), Some("garbage"));
    // Once writes work again, the next save sets the garbage aside first.
    kv.set_read_only(false);
    assert_eq!(store.save(&payload(1), T0), Ok(1));
    assert_eq!(kv.get("hes.save.corrupt.1").as_deref(), Some("garbage"));
}

#[test]
fn save_before_load_sets_garbage_aside() {
    let kv = MemoryStore::new();
    kv.set(SAVE_KEY, "not json").unwrap();
    assert_eq!(Store::new(&kv).save(&payload(1), T0), Ok(1));
    assert_eq!(kv.get("hes.save.corrupt.1").as_deref(), Some("not json"));
}

#[test]
fn write_errors_are_reported() {
    let kv = MemoryStore::new();
    let store = Store::new(&kv);
    kv.set_read_only(true);
    assert!(matches!(store.save(&payload(1), T0), Err(StorageError::Write(_))));
    assert_eq!(store.revision(), 0, "a failed save does not consume a revision");
}

#[test]
fn preferences_are_plain_strings() {
    let kv = MemoryStore::new();
    let store = Store::new(&kv);
    assert_eq!(store.preference(LANG_KEY), None);
    store.save_preference(LANG_KEY, "fr").unwrap();
    assert_eq!(kv.get("hes.lang").as_deref(), Some("fr"));
    assert_eq!(load_preference(&kv, LANG_KEY).as_deref(), Some("fr"));
    save_preference(&kv, LANG_KEY, "it").unwrap();
    assert_eq!(store.preference(LANG_KEY).as_deref(), Some("it"));
    // Preferences survive clearing the save.
    store.save(&payload(1), T0).unwrap();
    store.clear();
    assert_eq!(store.load::<Payload>(), LoadOutcome::Fresh);
    assert_eq!(store.preference(LANG_KEY).as_deref(), Some("it"));
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn local_store_is_unavailable_natively() {
    assert_eq!(LocalStore::new().err(), Some(StorageError::Unavailable));
}

#[test]
fn a_readable_save_the_app_cannot_use_is_set_aside_verbatim() {
    let store = Store::new(MemoryStore::new());
    assert_eq!(store.set_aside().unwrap(), None, "nothing saved, nothing to set aside");
    store.save(&payload(7), T0).unwrap();
    let raw = store.raw().unwrap();
    let key = store.set_aside().unwrap().expect("a key");
    assert!(key.starts_with(CORRUPT_PREFIX));
    assert_eq!(store.backend().get(&key).as_deref(), Some(raw.as_str()), "kept word for word");
    assert_eq!(store.load::<Payload>(), LoadOutcome::Fresh);
    store.save(&payload(8), T1).unwrap();
    assert_eq!(store.backend().get(&key).as_deref(), Some(raw.as_str()), "a new save leaves it alone");
}
