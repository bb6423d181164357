//! Versioned, self-healing save of the whole app state.
//!
//! On disk (under [`SAVE_KEY`]) a save is an envelope:
//!
//! ```json
//! { "schema": 1, "revision": 7, "saved_at": "2025-03-01T10:00:00+01:00", "state": { ... } }
//! ```
//!
//! * `schema` — the envelope/state format version ([`SCHEMA`]); older ones are
//!   upgraded by [`migrate`], newer ones (written by a newer build) are set aside.
//! * `revision` — incremented by every save.
//! * `saved_at` — RFC 3339, supplied by the caller (the storage reads no clock).
//!
//! Nothing unreadable is ever dropped: it is copied verbatim to a fresh
//! `hes.save.corrupt.<revision-or-n>` key before the main key is removed, and
//! [`LoadOutcome::Quarantined`] tells the app which key holds it.

use std::cell::Cell;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::kv::{KeyValue, StorageError};

/// Current schema version written by [`Store::save`].
pub const SCHEMA: u32 = 1;
/// Key of the main save.
pub const SAVE_KEY: &str = "hes.save";
/// Prefix of the keys that hold set-aside (unreadable or too new) saves.
pub const CORRUPT_PREFIX: &str = "hes.save.corrupt.";
/// Key of the UI language preference.
pub const LANG_KEY: &str = "hes.lang";

/// Why a save could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum LoadError {
    /// The text is not JSON at all.
    NotJson(String),
    /// JSON, but not a well-formed envelope (bad `schema`, missing `state`...).
    BadEnvelope(String),
    /// Written by a newer version of the app than this one knows.
    FutureSchema { found: u32, supported: u32 },
    /// A migration step from `from` failed.
    Migration { from: u32, message: String },
    /// The envelope is fine but its `state` does not match the expected type.
    BadState(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson(e) => write!(f, "the save is not valid JSON: {e}"),
            LoadError::BadEnvelope(e) => write!(f, "the save envelope is malformed: {e}"),
            LoadError::FutureSchema { found, supported } => write!(
                f,
                "the save uses schema {found}, newer than the supported schema {supported}"
            ),
            LoadError::Migration { from, message } => {
                write!(f, "could not migrate the save from schema {from}: {message}")
            }
            LoadError::BadState(e) => write!(f, "the saved state is unreadable: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Result of [`Store::load`].
#[derive(Clone, Debug, PartialEq)]
pub enum LoadOutcome<T> {
    /// Nothing saved yet.
    Fresh,
    /// A save was read (and upgraded from `migrated_from` if that is `Some`).
    Loaded {
        state: T,
        revision: u64,
        migrated_from: Option<u32>,
    },
    /// The save was unreadable or too new: its raw text now lives under `key`
    /// and the main key was removed, so the app starts fresh and tells the user.
    /// (If even the copy failed, `key` is [`SAVE_KEY`]: the text was left in
    /// place and later saves refuse to overwrite it.)
    Quarantined { key: String, reason: LoadError },
}

/// Upgrades a stored document from `schema` to [`SCHEMA`], one step at a time.
///
/// `doc` is the whole stored JSON: for schema 0 (legacy) the bare state with
/// no envelope, for schema >= 1 the envelope. Returns an envelope at [`SCHEMA`].
pub fn migrate(schema: u32, doc: Value) -> Result<Value, LoadError> {
    if schema > SCHEMA {
        return Err(LoadError::FutureSchema {
            found: schema,
            supported: SCHEMA,
        });
    }
    let mut version = schema;
    let mut doc = doc;
    while version < SCHEMA {
        doc = match version {
            0 => migrate_v0_to_v1(doc)?,
            other => {
                return Err(LoadError::Migration {
                    from: other,
                    message: "no migration step defined".into(),
                })
            }
        };
        version += 1;
    }
    Ok(doc)
}

/// v0 (legacy, before envelopes): the state itself was stored under the key.
/// v1 wraps it in an envelope; the revision starts at 0, the time is unknown.
fn migrate_v0_to_v1(state: Value) -> Result<Value, LoadError> {
    let mut env = Map::new();
    env.insert("schema".into(), Value::from(1u32));
    env.insert("revision".into(), Value::from(0u64));
    env.insert("saved_at".into(), Value::String(String::new()));
    env.insert("state".into(), state);
    Ok(Value::Object(env))
}

/// Stored document, checked and upgraded to the current envelope.
struct Checked {
    revision: u64,
    migrated_from: Option<u32>,
    state: Value,
}

/// Best-effort revision of an unreadable save, to name its quarantine key.
fn revision_hint(raw: &str) -> Option<u64> {
    let value: Value = serde_json::from_str(raw).ok()?;
    value.get("revision")?.as_u64()
}

/// Schema of a stored document: 0 if it is not an envelope (legacy bare state).
fn schema_of(doc: &Value) -> Result<u32, LoadError> {
    let Some(obj) = doc.as_object() else {
        return Ok(0);
    };
    match obj.get("schema") {
        None => Ok(0),
        Some(s) => s
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| LoadError::BadEnvelope(format!("`schema` is not a version number: {s}"))),
    }
}

fn check(raw: &str) -> Result<Checked, LoadError> {
    let doc: Value = serde_json::from_str(raw).map_err(|e| LoadError::NotJson(e.to_string()))?;
    let schema = schema_of(&doc)?;
    let env = migrate(schema, doc)?;
    let Value::Object(mut env) = env else {
        return Err(LoadError::BadEnvelope("not a JSON object".into()));
    };
    let revision = match env.get("revision") {
        Some(r) => r
            .as_u64()
            .ok_or_else(|| LoadError::BadEnvelope(format!("`revision` is not a counter: {r}")))?,
        None => return Err(LoadError::BadEnvelope("missing `revision`".into())),
    };
    match env.get("saved_at") {
        Some(Value::String(_)) => {}
        _ => return Err(LoadError::BadEnvelope("missing or non-string `saved_at`".into())),
    }
    let state = env
        .remove("state")
        .ok_or_else(|| LoadError::BadEnvelope("missing `state`".into()))?;
    Ok(Checked {
        revision,
        migrated_from: (schema < SCHEMA).then_some(schema),
        state,
    })
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T: Serialize> {
    schema: u32,
    revision: u64,
    saved_at: &'a str,
    state: &'a T,
}

/// The app's save slot on top of a [`KeyValue`] backend.
pub struct Store<K: KeyValue> {
    kv: K,
    /// Revision of the last save loaded or written by this Store.
    revision: Cell<u64>,
    /// True until the main key is known to hold a readable save (or nothing):
    /// `save` then checks (and if needed sets aside) what is there first.
    check_before_save: Cell<bool>,
}

impl<K: KeyValue> Store<K> {
    pub fn new(kv: K) -> Self {
        Self {
            kv,
            revision: Cell::new(0),
            check_before_save: Cell::new(true),
        }
    }

    /// The backend (tests inspect it; the UI may read other keys through it).
    pub fn backend(&self) -> &K {
        &self.kv
    }

    /// Revision of the last save loaded or written (0 if none).
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// The raw text of the current save, e.g. for an "export" button.
    pub fn raw(&self) -> Option<String> {
        self.kv.get(SAVE_KEY)
    }

    /// Reads the save, upgrading older schemas and setting aside anything
    /// unreadable (see [`LoadOutcome`]). Does not write unless it quarantines.
    pub fn load<T: DeserializeOwned>(&self) -> LoadOutcome<T> {
        let Some(raw) = self.kv.get(SAVE_KEY) else {
            self.revision.set(0);
            self.check_before_save.set(false);
            return LoadOutcome::Fresh;
        };
        let checked = check(&raw).and_then(|c| {
            serde_json::from_value::<T>(c.state)
                .map(|state| (state, c.revision, c.migrated_from))
                .map_err(|e| LoadError::BadState(e.to_string()))
        });
        match checked {
            Ok((state, revision, migrated_from)) => {
                self.revision.set(revision);
                self.check_before_save.set(false);
                LoadOutcome::Loaded {
                    state,
                    revision,
                    migrated_from,
                }
            }
            Err(reason) => {
                self.revision.set(0);
                match self.quarantine(&raw) {
                    Ok(key) => {
                        self.check_before_save.set(false);
                        LoadOutcome::Quarantined { key, reason }
                    }
                    Err(_) => {
                        self.check_before_save.set(true);
                        LoadOutcome::Quarantined {
                            key: SAVE_KEY.to_owned(),
                            reason,
                        }
                    }
                }
            }
        }
    }

    /// Writes `state` as the next revision. `saved_at` is an RFC 3339 time
    /// from the caller. Returns the new revision.
    pub fn save<T: Serialize>(&self, state: &T, saved_at: &str) -> Result<u64, StorageError> {
        if self.check_before_save.get() {
            if let Some(raw) = self.kv.get(SAVE_KEY) {
                match check(&raw) {
                    Ok(c) => self.revision.set(self.revision.get().max(c.revision)),
                    Err(_) => {
                        self.quarantine(&raw)
                            .map_err(|e| StorageError::Blocked(e.to_string()))?;
                    }
                }
            }
        }
        let revision = self.revision.get() + 1;
        let text = serde_json::to_string(&EnvelopeOut {
            schema: SCHEMA,
            revision,
            saved_at,
            state,
        })
        .map_err(|e| StorageError::Serialize(e.to_string()))?;
        self.kv.set(SAVE_KEY, &text)?;
        self.revision.set(revision);
        self.check_before_save.set(false);
        Ok(revision)
    }

    /// Removes the main save (e.g. "reset the demo"). Quarantined copies stay.
    pub fn clear(&self) {
        self.kv.remove(SAVE_KEY);
        self.revision.set(0);
        self.check_before_save.set(false);
    }

    /// A plain string preference such as [`LANG_KEY`].
    pub fn preference(&self, key: &str) -> Option<String> {
        self.kv.get(key)
    }

    /// Stores a plain string preference such as [`LANG_KEY`].
    pub fn save_preference(&self, key: &str, value: &str) -> Result<(), StorageError> {
        debug_assert!(key != SAVE_KEY && !key.starts_with(CORRUPT_PREFIX));
        self.kv.set(key, value)
    }

    /// Sets the current save aside exactly like an unreadable one: for a save that parses but
    /// that the app cannot use (for instance a log of actions that no longer replays). Returns
    /// the key it now lives under, or `None` if nothing was saved.
    pub fn set_aside(&self) -> Result<Option<String>, StorageError> {
        let Some(raw) = self.kv.get(SAVE_KEY) else { return Ok(None) };
        let key = self.quarantine(&raw)?;
        self.revision.set(0);
        self.check_before_save.set(false);
        Ok(Some(key))
    }

    /// Copies `raw` verbatim to an unused `hes.save.corrupt.*` key, then
    /// removes the main key. On failure nothing is removed.
    fn quarantine(&self, raw: &str) -> Result<String, StorageError> {
        let key = self.free_corrupt_key(revision_hint(raw));
        self.kv.set(&key, raw)?;
        if self.kv.get(&key).as_deref() != Some(raw) {
            return Err(StorageError::Write("the quarantine copy did not read back".into()));
        }
        self.kv.remove(SAVE_KEY);
        Ok(key)
    }

    fn free_corrupt_key(&self, revision: Option<u64>) -> String {
        if let Some(rev) = revision {
            let key = format!("{CORRUPT_PREFIX}{rev}");
            if self.kv.get(&key).is_none() {
                return key;
            }
            return (2u64..)
                .map(|n| format!("{CORRUPT_PREFIX}{rev}-{n}"))
                .find(|k| self.kv.get(k).is_none())
                .expect("unbounded search");
        }
        (1u64..)
            .map(|n| format!("{CORRUPT_PREFIX}{n}"))
            .find(|k| self.kv.get(k).is_none())
            .expect("unbounded search")
    }
}

/// Reads a preference straight from a backend (no `Store` needed).
pub fn load_preference<K: KeyValue>(kv: &K, key: &str) -> Option<String> {
    kv.get(key)
}

/// Writes a preference straight to a backend (no `Store` needed).
pub fn save_preference<K: KeyValue>(kv: &K, key: &str, value: &str) -> Result<(), StorageError> {
    kv.set(key, value)
}
