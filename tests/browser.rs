//! In-browser tests (headless Chromium via chromedriver), run by `scripts/test.sh` as
//! `cargo test --target wasm32-unknown-unknown --test browser`. Natively this file compiles to
//! nothing. Each save fault the app must survive is reproduced on the real `localStorage`:
//! two stores on one storage, a stale revision, storage that throws, a full store, a save that
//! would replay differently, and a PayPal address that must never be saved in full.
#![cfg(target_arch = "wasm32")]

use hosted_exchange_sim::domain::scenario::Start;
use hosted_exchange_sim::domain::{
    Action, MethodInput, NicHandle, PaypalEmail, ReplayError, SavedRun, Simulator, Subsidiary,
};
use hosted_exchange_sim::storage::{
    aside_list, AsideReason, KeyValue, LoadError, LoadOutcome, LocalStore, StorageError, Store,
    LANG_KEY, SAVE_KEY, SCHEMA, UTF16_BASE64,
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

fn payload(count: u32) -> Payload {
    Payload {
        name: "demo".into(),
        count,
    }
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

fn run_js(code: &str) {
    js_sys::Function::new_no_args(code)
        .call0(&JsValue::NULL)
        .expect("the script runs");
}

#[wasm_bindgen_test]
fn round_trip_through_local_storage() {
    let raw = clean_local_storage();
    let store = Store::new(LocalStore::new().expect("LocalStore"));
    assert_eq!(store.load::<Payload>(NOW), LoadOutcome::Fresh);
    assert_eq!(store.save(&payload(3), NOW), Ok(1));
    assert_eq!(store.save(&payload(3), NOW), Ok(2));
    // What localStorage really holds is the versioned envelope.
    let text = raw.get_item(SAVE_KEY).unwrap().expect("saved");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["schema"], SCHEMA);
    assert_eq!(json["revision"], 2);
    assert_eq!(json["saved_at"], NOW);
    // A new Store (as after a reload) reads it back.
    let reloaded = Store::new(LocalStore::new().unwrap());
    assert_eq!(
        reloaded.load::<Payload>(NOW),
        LoadOutcome::Loaded { state: payload(3), revision: 2, migrated_from: None }
    );
    reloaded.backend().set(LANG_KEY, "fr").unwrap();
    assert_eq!(raw.get_item("hes.lang").unwrap().as_deref(), Some("fr"));
    clean_local_storage();
}

/// Two tabs are two stores on one localStorage: the one behind cannot overwrite the newer save.
#[wasm_bindgen_test]
fn two_stores_on_one_local_storage_and_a_stale_revision() {
    let raw = clean_local_storage();
    let a = Store::new(LocalStore::new().unwrap());
    let b = Store::new(LocalStore::new().unwrap());
    a.save(&payload(1), NOW).unwrap();
    assert!(matches!(b.load::<Payload>(NOW), LoadOutcome::Loaded { revision: 1, .. }));
    a.save(&payload(2), NOW).unwrap();
    assert!(b.is_behind(), "b sees that another tab saved");
    assert_eq!(b.save(&payload(99), NOW), Err(StorageError::Stale { stored: 2 }));
    let text = raw.get_item(SAVE_KEY).unwrap().unwrap();
    assert!(text.contains("\"count\":2"), "the newer save is untouched: {text}");
    // b's version is kept aside (not lost), then b reads the newer one and goes on from it.
    let mine = b.envelope(&payload(99), NOW);
    let kept = b.keep_aside(&mine, AsideReason::Conflict, NOW).unwrap();
    assert_eq!(raw.get_item(&kept.entry.key).unwrap().as_deref(), Some(mine.as_str()));
    assert!(matches!(b.load::<Payload>(NOW), LoadOutcome::Loaded { revision: 2, .. }));
    assert_eq!(b.save(&payload(3), NOW), Ok(3));
    clean_local_storage();
}

/// Private modes and disabled storage: `localStorage` throws. The store says Unavailable
/// (the app then runs in memory with a notice) instead of throwing itself.
#[wasm_bindgen_test]
fn storage_that_throws_is_unavailable() {
    clean_local_storage();
    run_js(
        "window.__ls = Object.getOwnPropertyDescriptor(window, 'localStorage') \
           || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, \
         get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    );
    let result = LocalStore::new();
    run_js("Object.defineProperty(window, 'localStorage', window.__ls);");
    assert_eq!(result.err(), Some(StorageError::Unavailable));
    assert!(LocalStore::new().is_ok(), "back once storage is there again");
}

/// A full store: the write fails with Quota, the last good save stays, and the next save
/// that fits writes everything.
#[wasm_bindgen_test]
fn a_quota_error_is_reported_and_the_next_save_writes_everything() {
    let raw = clean_local_storage();
    let store = Store::new(LocalStore::new().unwrap());
    store.save(&payload(1), NOW).unwrap();
    // Fill the origin's storage (about 5 MB in Chromium) with filler.
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    while raw.set_item(&format!("filler.{n}"), &chunk).is_ok() && n < 64 {
        n += 1;
    }
    let big = Payload { name: "y".repeat(1024 * 1024), count: 2 };
    assert_eq!(store.save(&big, NOW), Err(StorageError::Quota));
    assert!(raw.get_item(SAVE_KEY).unwrap().unwrap().contains("\"count\":1"), "the last good save stays");
    for i in 0..=n {
        let _ = raw.remove_item(&format!("filler.{i}"));
    }
    assert_eq!(store.save(&big, NOW), Ok(2));
    assert!(matches!(store.load::<Payload>(NOW), LoadOutcome::Loaded { revision: 2, .. }));
    clean_local_storage();
}

/// A save made under other rules (the previous release's: schema 1, no start, no rules version)
/// would replay into a silently different state: it is refused and set aside verbatim.
#[wasm_bindgen_test]
fn a_save_that_would_replay_differently_is_set_aside() {
    let raw = clean_local_storage();
    let old = r#"{"schema":1,"revision":7,"saved_at":"","state":{"actions":[{"LogIn":{"nic":"ab12345-ovh","subsidiary":"Fr"}},{"Advance":"NextEvent"}],"snapshots":[]}}"#;
    raw.set_item(SAVE_KEY, old).unwrap();
    let store = Store::new(LocalStore::new().unwrap());
    let run = match store.load::<SavedRun>(NOW) {
        LoadOutcome::Loaded { state, migrated_from, .. } => {
            assert_eq!(migrated_from, Some(1));
            state
        }
        other => panic!("a readable v1 save: {other:?}"),
    };
    assert_eq!((run.start.clone(), run.rules), (Start::Demo, 1));
    assert_eq!(Simulator::from_saved(&run), Err(ReplayError::OtherRules { found: 1 }));
    let done = store.set_aside(AsideReason::OtherRules { found: 1 }, NOW).unwrap().unwrap();
    assert_eq!(raw.get_item(&done.entry.key).unwrap().as_deref(), Some(old), "kept verbatim");
    assert_eq!(raw.get_item(SAVE_KEY).unwrap(), None);
    assert_eq!(aside_list(store.backend()).len(), 1);
    clean_local_storage();
}

#[wasm_bindgen_test]
fn a_corrupt_or_newer_save_is_set_aside_verbatim() {
    let raw = clean_local_storage();
    let garbage = "{\"schema\":2,\"revision\":5,\"state\":{ oops \u{1F4A5}";
    raw.set_item(SAVE_KEY, garbage).unwrap();
    let store = Store::new(LocalStore::new().unwrap());
    match store.load::<Payload>(NOW) {
        LoadOutcome::SetAside(done) => {
            assert_eq!(done.entry.reason, AsideReason::Unreadable(LoadError::NotJson));
            assert_eq!(raw.get_item(&done.entry.key).unwrap().as_deref(), Some(garbage));
        }
        other => panic!("expected the save set aside, got {other:?}"),
    }
    let future = format!(r#"{{"schema":{},"revision":41,"saved_at":"{NOW}","state":{{}}}}"#, SCHEMA + 1);
    raw.set_item(SAVE_KEY, &future).unwrap();
    match Store::new(LocalStore::new().unwrap()).load::<Payload>(NOW) {
        LoadOutcome::SetAside(done) => assert_eq!(
            done.entry.reason,
            AsideReason::Unreadable(LoadError::FutureSchema { found: SCHEMA + 1, supported: SCHEMA })
        ),
        other => panic!("expected the save set aside, got {other:?}"),
    }
    clean_local_storage();
}

/// P5: the saved log holds only the masked PayPal address.
#[wasm_bindgen_test]
fn a_paypal_address_is_saved_masked() {
    let raw = clean_local_storage();
    let mut sim = Simulator::new(Start::Demo);
    sim.apply(Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr })
        .unwrap();
    let email = PaypalEmail::parse("alice.martin@example.com").unwrap();
    sim.apply(Action::AddMethod(MethodInput::Paypal { email })).unwrap();
    let store = Store::new(LocalStore::new().unwrap());
    store.save(&sim.saved(0), NOW).unwrap();
    let text = raw.get_item(SAVE_KEY).unwrap().unwrap();
    assert!(!text.contains("alice.martin"), "{text}");
    assert!(text.contains("a•••@example.com"), "{text}");
    // And it replays from there to the same state.
    match store.load::<SavedRun>(NOW) {
        LoadOutcome::Loaded { state, .. } => assert_eq!(Simulator::from_saved(&state).unwrap().state, sim.state),
        other => panic!("{other:?}"),
    }
    clean_local_storage();
}

#[wasm_bindgen_test]
fn intl_number_format_formats_euros_in_french() {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"style".into(), &"currency".into()).unwrap();
    js_sys::Reflect::set(&options, &"currency".into(), &"EUR".into()).unwrap();
    let locales = js_sys::Array::of1(&"fr-FR".into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    // M1: the amount goes to Intl as a decimal string, never an f64.
    let text = format.call1(&JsValue::UNDEFINED, &"1234.50".into()).unwrap().as_string().unwrap();
    assert!(text.contains("234,50"), "{text:?}");
    assert!(text.contains('€'), "{text:?}");
    assert!(!text.starts_with("1234"), "grouping separator expected: {text:?}");
}

#[wasm_bindgen_test]
fn plural_rules_come_from_the_browser() {
    use hosted_exchange_sim::i18n::{format::is_singular, Lang};
    assert!(is_singular(Lang::Fr, 0) && is_singular(Lang::Fr, 1) && !is_singular(Lang::Fr, 2));
    assert!(!is_singular(Lang::En, 0) && is_singular(Lang::En, 1));
    assert!(is_singular(Lang::It, 1) && !is_singular(Lang::It, 0));
}

/// Issue 16, part 4: a save holding a lone surrogate (U+D800) is not well-formed Unicode, so
/// reading it into Rust shows U+FFFD. Set aside, it is kept byte for byte: the base64 of its
/// UTF-16 code units (decision 124). Today's copy came back with U+FFFD.
#[wasm_bindgen_test]
fn a_lone_surrogate_in_a_set_aside_save_is_kept_byte_for_byte() {
    use base64::Engine;
    let raw = clean_local_storage();
    run_js("localStorage.setItem('hes.save', '{\"schema\":2,\"note\":\"\\uD800 lone\"');");
    let units: Vec<u16> = {
        let text: js_sys::JsString = js_sys::eval("localStorage.getItem('hes.save')").unwrap().into();
        assert!(!text.is_valid_utf16(), "the fixture holds a lone surrogate");
        text.iter().collect()
    };
    assert!(units.contains(&0xD800));
    let store = Store::new(LocalStore::new().unwrap());
    let done = match store.load::<Payload>(NOW) {
        LoadOutcome::SetAside(done) => done,
        other => panic!("expected it set aside, got {other:?}"),
    };
    assert_eq!(done.entry.reason, AsideReason::Unreadable(LoadError::NotJson));
    assert_eq!(done.entry.encoding.as_deref(), Some(UTF16_BASE64));
    let kept = raw.get_item(&done.entry.key).unwrap().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD.decode(kept).unwrap();
    let back: Vec<u16> = bytes.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    assert_eq!(back, units, "every UTF-16 code unit, the lone surrogate included");
    assert_eq!(aside_list(&LocalStore::new().unwrap())[0].encoding.as_deref(), Some(UTF16_BASE64));
    // A well-formed save is kept as it is, with no encoding.
    run_js("localStorage.setItem('hes.save', 'not json \\u00e9');");
    let done = match Store::new(LocalStore::new().unwrap()).load::<Payload>(NOW) {
        LoadOutcome::SetAside(done) => done,
        other => panic!("{other:?}"),
    };
    assert_eq!((done.entry.encoding, raw.get_item(&done.entry.key).unwrap().as_deref()), (None, Some("not json é")));
    clean_local_storage();
}

/// Issue 16, part 4: only `setItem` throws, a SecurityError (a policy, not a full store): the
/// store says so by name, and the session tells the user that, not "storage is full".
#[wasm_bindgen_test]
fn a_security_error_from_set_item_alone_is_said_as_such() {
    use hosted_exchange_sim::session::{Notice, Outcome, Session};
    clean_local_storage();
    run_js(
        "window.__setItem = Storage.prototype.setItem; \
         Storage.prototype.setItem = function (k, v) { \
           if (k.startsWith('hes.save')) throw new DOMException('The operation is insecure.', 'SecurityError'); \
           return window.__setItem.call(this, k, v); };",
    );
    let store = Store::new(LocalStore::new().expect("reading works"));
    let result = store.save(&payload(1), NOW);
    let (mut session, opened) = Session::in_browser(None);
    let (_, report) = session.act(
        Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr },
        "/login",
        NOW,
    );
    run_js("Storage.prototype.setItem = window.__setItem;");
    assert_eq!(result, Err(StorageError::Write("SecurityError".into())));
    assert!(opened.is_empty(), "storage is there: no memory-only notice");
    assert_eq!(report, vec![Outcome::Notice(Notice::WriteRefused("SecurityError".into()))]);
    clean_local_storage();
}
