//! In-browser tests (headless Chromium via chromedriver), run by
//! `scripts/test.sh` as
//! `cargo test --target wasm32-unknown-unknown --test browser`.
//! Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use hosted_exchange_sim::storage::{
    KeyValue, LoadError, LoadOutcome, LocalStore, Store, CORRUPT_PREFIX, LANG_KEY, SAVE_KEY, SCHEMA,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Payload {
    name: String,
    count: u32,
}

const NOW: &str = "2025-03-01T10:00:00+01:00";

/// The real `window.localStorage`, emptied so every test starts clean.
fn clean_local_storage() -> web_sys::Storage {
    let storage = web_sys::window()
        .expect("a window")
        .local_storage()
        .expect("localStorage access")
        .expect("localStorage present");
    storage.clear().expect("clear localStorage");
    storage
}

#[wasm_bindgen_test]
fn round_trip_through_local_storage() {
    let raw = clean_local_storage();
    let store = Store::new(LocalStore::new().expect("LocalStore"));
    assert_eq!(store.load::<Payload>(), LoadOutcome::Fresh);

    let state = Payload {
        name: "demo".into(),
        count: 3,
    };
    assert_eq!(store.save(&state, NOW), Ok(1));
    assert_eq!(store.save(&state, NOW), Ok(2));

    // What localStorage really holds is the versioned envelope.
    let text = raw.get_item(SAVE_KEY).unwrap().expect("saved");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["schema"], SCHEMA);
    assert_eq!(json["revision"], 2);
    assert_eq!(json["saved_at"], NOW);

    // A new Store (as after a reload) reads it back.
    let reloaded = Store::new(LocalStore::new().unwrap());
    assert_eq!(
        reloaded.load::<Payload>(),
        LoadOutcome::Loaded {
            state,
            revision: 2,
            migrated_from: None
        }
    );

    reloaded.save_preference(LANG_KEY, "fr").unwrap();
    assert_eq!(raw.get_item("hes.lang").unwrap().as_deref(), Some("fr"));
    clean_local_storage();
}

#[wasm_bindgen_test]
fn corrupt_save_is_quarantined_verbatim() {
    let raw = clean_local_storage();
    let garbage = "{\"schema\":1,\"revision\":5,\"state\":{ oops \u{1F4A5}";
    raw.set_item(SAVE_KEY, garbage).unwrap();

    let store = Store::new(LocalStore::new().unwrap());
    match store.load::<Payload>() {
        LoadOutcome::Quarantined { key, reason } => {
            assert!(key.starts_with(CORRUPT_PREFIX), "{key}");
            assert!(matches!(reason, LoadError::NotJson(_)), "{reason:?}");
            assert_eq!(raw.get_item(&key).unwrap().as_deref(), Some(garbage));
            assert_eq!(store.backend().get(&key).as_deref(), Some(garbage));
        }
        other => panic!("expected Quarantined, got {other:?}"),
    }
    assert_eq!(raw.get_item(SAVE_KEY).unwrap(), None, "main key removed");
    assert_eq!(store.load::<Payload>(), LoadOutcome::Fresh);
    clean_local_storage();
}

#[wasm_bindgen_test]
fn future_schema_is_kept_aside() {
    let raw = clean_local_storage();
    let future = format!(
        r#"{{"schema":{},"revision":41,"saved_at":"{NOW}","state":{{"from":"the future"}}}}"#,
        SCHEMA + 1
    );
    raw.set_item(SAVE_KEY, &future).unwrap();

    let store = Store::new(LocalStore::new().unwrap());
    match store.load::<Payload>() {
        LoadOutcome::Quarantined { key, reason } => {
            assert_eq!(key, format!("{CORRUPT_PREFIX}41"));
            assert_eq!(
                reason,
                LoadError::FutureSchema {
                    found: SCHEMA + 1,
                    supported: SCHEMA
                }
            );
            assert_eq!(raw.get_item(&key).unwrap(), Some(future));
        }
        other => panic!("expected Quarantined, got {other:?}"),
    }
    assert_eq!(raw.get_item(SAVE_KEY).unwrap(), None);
    clean_local_storage();
}

#[wasm_bindgen_test]
fn intl_number_format_formats_euros_in_french() {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"style".into(), &"currency".into()).unwrap();
    js_sys::Reflect::set(&options, &"currency".into(), &"EUR".into()).unwrap();
    js_sys::Reflect::set(&options, &"minimumFractionDigits".into(), &JsValue::from(2)).unwrap();
    let locales = js_sys::Array::of1(&"fr-FR".into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    let text = format
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(1234.5))
        .unwrap()
        .as_string()
        .unwrap();
    // fr-FR groups with a narrow no-break space: "1 234,50 €".
    assert!(text.contains('1'), "{text:?}");
    assert!(text.contains("234,50"), "{text:?}");
    assert!(text.contains('€'), "{text:?}");
    assert!(!text.starts_with("1234"), "grouping separator expected: {text:?}");
}
