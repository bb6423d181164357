//! Versioned, self-healing save slots.
//!
//! A slot (the user's own simulation under [`SAVE_KEY`], the guided run under [`GUIDED_KEY`],
//! one per embed under [`EMBED_PREFIX`]) holds an envelope:
//!
//! ```json
//! { "schema": 2, "revision": 7, "saved_at": "2026-03-01T10:00:00.000Z", "state": { ... } }
//! ```
//!
//! * `schema`: the envelope/state format ([`SCHEMA`]); older ones are upgraded by [`migrate`],
//!   newer ones (written by a newer build) are set aside.
//! * `revision`: incremented by every save. A save whose stored revision is newer than the one
//!   this store last read or wrote was made by another tab: it is refused
//!   ([`StorageError::Stale`]) rather than overwritten.
//! * `saved_at`: RFC 3339, supplied by the caller (the storage reads no clock).
//!
//! Nothing unreadable is ever dropped: it is copied verbatim under a fresh [`ASIDE_PREFIX`] key,
//! listed in [`ASIDE_INDEX`] with the reason and the time, before the slot is cleared. At most
//! [`MAX_ASIDE`] are kept; the oldest go first, and the caller is told which.

use std::cell::Cell;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::kv::{KeyValue, StorageError};

/// Current schema version written by [`Store::save`].
pub const SCHEMA: u32 = 2;
/// The user's own simulation.
pub const SAVE_KEY: &str = "hes.save";
/// The walkthrough section or scenario being played (the user's own is kept apart).
pub const GUIDED_KEY: &str = "hes.guided";
/// One slot per embed, named from its link ([`embed_key`]).
pub const EMBED_PREFIX: &str = "hes.embed.";
/// Which run the full app shows (`guided` or `own`), so that a reload comes back to it.
pub const ACTIVE_KEY: &str = "hes.active";

/// The key of an embed's slot: [`EMBED_PREFIX`] and the slot's name, taken from its link
/// (`/embed/scenario/debt-unpaid@left` → `hes.embed.scenario-debt-unpaid@left`).
pub fn embed_key(slot: &str) -> String {
    format!("{EMBED_PREFIX}{slot}")
}

/// Set-aside saves, each verbatim under its own key.
pub const ASIDE_PREFIX: &str = "hes.aside.";
/// The list of set-aside saves (JSON: [`AsideEntry`] list, oldest first).
pub const ASIDE_INDEX: &str = "hes.aside-index";
/// How many set-aside saves are kept; the oldest go first.
pub const MAX_ASIDE: usize = 5;
/// Key of the UI language preference.
pub const LANG_KEY: &str = "hes.lang";

/// Why a save could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LoadError {
    /// The text is not JSON at all.
    NotJson,
    /// JSON, but not a well-formed envelope (bad `schema`, missing `state`...).
    BadEnvelope,
    /// Written by a newer version of the app than this one knows.
    FutureSchema { found: u32, supported: u32 },
    /// A migration step from `from` failed.
    Migration { from: u32 },
    /// The envelope is fine but its `state` does not have the expected shape.
    BadState,
}

/// Why a save was set aside; the UI says it in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AsideReason {
    /// It could not be read.
    Unreadable(LoadError),
    /// It was made under another version of the rules (T3: it would replay differently).
    OtherRules { found: u32 },
    /// Replayed, its action `index` (from 0) is refused now.
    Replay { index: usize },
    /// It is over the simulator's bounds (B1–B6): never replayed.
    Bounds(crate::domain::BoundsError),
    /// This tab's version lost to a newer save from another tab.
    Conflict,
    /// Replaced by a shared link or an imported file the user accepted.
    Replaced,
}

/// One set-aside save: where it is, where it came from, why, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsideEntry {
    pub key: String,
    /// The slot it was set aside from ([`SAVE_KEY`], ...).
    pub slot: String,
    pub reason: AsideReason,
    /// RFC 3339.
    pub at: String,
}

/// What setting a save aside did: the new entry, and the oldest ones deleted to make room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub entry: AsideEntry,
    pub dropped: Vec<AsideEntry>,
}

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
    /// The save was unreadable or too new: it is kept aside and the slot cleared, so the app
    /// starts fresh and tells the user.
    SetAside(SetAside),
    /// It could not even be copied aside (the store is full): it was left in place, and later
    /// saves refuse to overwrite it.
    Blocked(LoadError),
}

/// Upgrades a stored document from `schema` to [`SCHEMA`], one step at a time.
///
/// `doc` is the whole stored JSON: for schema 0 (legacy) the bare state with no envelope, for
/// schema >= 1 the envelope. Returns an envelope at [`SCHEMA`].
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
            0 => migrate_v0_to_v1(doc),
            1 => migrate_v1_to_v2(doc).ok_or(LoadError::Migration { from: 1 })?,
            other => return Err(LoadError::Migration { from: other }),
        };
        version += 1;
    }
    Ok(doc)
}

/// v0 (legacy, before envelopes): the state itself was stored under the key.
/// v1 wraps it in an envelope; the revision starts at 0, the time is unknown.
fn migrate_v0_to_v1(state: Value) -> Value {
    let mut env = Map::new();
    env.insert("schema".into(), Value::from(1u32));
    env.insert("revision".into(), Value::from(0u64));
    env.insert("saved_at".into(), Value::String(String::new()));
    env.insert("state".into(), state);
    Value::Object(env)
}

/// v1 saved a log of actions replayed from the demo, without saying so. v2 names the start
/// and the rules version the log was made under: a v1 log started from the demo under the
/// first rules (1), so the app can tell it would now replay differently.
fn migrate_v1_to_v2(mut env: Value) -> Option<Value> {
    let state = env.get_mut("state")?.as_object_mut()?;
    state.entry("start").or_insert_with(|| Value::from("Demo"));
    state.entry("rules").or_insert_with(|| Value::from(1u32));
    env["schema"] = Value::from(2u32);
    Some(env)
}

/// A stored document, checked and upgraded to the current envelope.
struct Checked {
    revision: u64,
    migrated_from: Option<u32>,
    state: Value,
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
            .ok_or(LoadError::BadEnvelope),
    }
}

fn check(raw: &str) -> Result<Checked, LoadError> {
    let doc: Value = serde_json::from_str(raw).map_err(|_| LoadError::NotJson)?;
    let schema = schema_of(&doc)?;
    let Value::Object(mut env) = migrate(schema, doc)? else {
        return Err(LoadError::BadEnvelope);
    };
    let revision = env
        .get("revision")
        .and_then(Value::as_u64)
        .ok_or(LoadError::BadEnvelope)?;
    if !matches!(env.get("saved_at"), Some(Value::String(_))) {
        return Err(LoadError::BadEnvelope);
    }
    let state = env.remove("state").ok_or(LoadError::BadEnvelope)?;
    Ok(Checked {
        revision,
        migrated_from: (schema < SCHEMA).then_some(schema),
        state,
    })
}

/// The revision of a stored text, if it is a readable envelope.
fn stored_revision(raw: &str) -> Option<u64> {
    check(raw).ok().map(|c| c.revision)
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T: Serialize> {
    schema: u32,
    revision: u64,
    saved_at: &'a str,
    state: &'a T,
}

/// The set-aside saves, oldest first.
pub fn aside_list<K: KeyValue + ?Sized>(kv: &K) -> Vec<AsideEntry> {
    kv.get(ASIDE_INDEX)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Deletes a set-aside save and its entry.
pub fn aside_delete<K: KeyValue + ?Sized>(kv: &K, key: &str) -> Result<(), StorageError> {
    let list: Vec<AsideEntry> = aside_list(kv).into_iter().filter(|e| e.key != key).collect();
    write_aside_list(kv, &list)?;
    kv.remove(key);
    Ok(())
}

fn write_aside_list<K: KeyValue + ?Sized>(kv: &K, list: &[AsideEntry]) -> Result<(), StorageError> {
    let text = serde_json::to_string(list).map_err(|_| StorageError::Write(String::new()))?;
    kv.set(ASIDE_INDEX, &text)
}

/// Keeps `raw` aside verbatim under a fresh key and lists it; drops the oldest beyond
/// [`MAX_ASIDE`]. On failure nothing is listed and nothing else is touched.
pub fn keep_aside<K: KeyValue + ?Sized>(
    kv: &K,
    slot: &str,
    raw: &str,
    reason: AsideReason,
    at: &str,
) -> Result<SetAside, StorageError> {
    let mut list = aside_list(kv);
    let key = (1u64..)
        .map(|n| format!("{ASIDE_PREFIX}{n}"))
        .find(|k| kv.get(k).is_none() && !list.iter().any(|e| &e.key == k))
        .unwrap_or_else(|| format!("{ASIDE_PREFIX}0"));
    kv.set(&key, raw)?;
    if kv.get(&key).as_deref() != Some(raw) {
        kv.remove(&key);
        return Err(StorageError::Write(String::new()));
    }
    let entry = AsideEntry {
        key,
        slot: slot.to_string(),
        reason,
        at: at.to_string(),
    };
    list.push(entry.clone());
    let excess = list.len().saturating_sub(MAX_ASIDE);
    let dropped: Vec<AsideEntry> = list.drain(..excess).collect();
    if let Err(e) = write_aside_list(kv, &list) {
        kv.remove(&entry.key);
        return Err(e);
    }
    for old in &dropped {
        kv.remove(&old.key);
    }
    Ok(SetAside { entry, dropped })
}

/// A save slot on top of a [`KeyValue`] backend.
pub struct Store<K: KeyValue> {
    kv: K,
    key: String,
    /// Revision of the last save loaded or written by this Store.
    revision: Cell<u64>,
    /// True until the slot is known to hold a readable save (or nothing): `save` then checks
    /// (and if needed sets aside) what is there first.
    check_before_save: Cell<bool>,
}

impl<K: KeyValue> Store<K> {
    /// The user's own simulation ([`SAVE_KEY`]).
    pub fn new(kv: K) -> Self {
        Self::with_key(kv, SAVE_KEY)
    }

    /// Another slot (the guided run, an embed).
    pub fn with_key(kv: K, key: &str) -> Self {
        Self {
            kv,
            key: key.to_string(),
            revision: Cell::new(0),
            check_before_save: Cell::new(true),
        }
    }

    /// The backend (tests inspect it; the UI lists set-aside saves through it).
    pub fn backend(&self) -> &K {
        &self.kv
    }

    /// The slot's key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Revision of the last save loaded or written (0 if none).
    pub fn revision(&self) -> u64 {
        self.revision.get()
    }

    /// The raw text of the slot, e.g. for an export.
    pub fn raw(&self) -> Option<String> {
        self.kv.get(&self.key)
    }

    /// Whether the slot holds a revision newer than this store's (another tab saved it).
    pub fn is_behind(&self) -> bool {
        self.raw()
            .and_then(|raw| stored_revision(&raw))
            .is_some_and(|stored| stored > self.revision.get())
    }

    /// Reads the save, upgrading older schemas and setting aside anything unreadable (see
    /// [`LoadOutcome`]). `now` (RFC 3339) dates a set-aside entry. Writes only to set aside.
    pub fn load<T: DeserializeOwned>(&self, now: &str) -> LoadOutcome<T> {
        let Some(raw) = self.kv.get(&self.key) else {
            self.revision.set(0);
            self.check_before_save.set(false);
            return LoadOutcome::Fresh;
        };
        let checked = check(&raw).and_then(|c| {
            serde_json::from_value::<T>(c.state)
                .map(|state| (state, c.revision, c.migrated_from))
                .map_err(|_| LoadError::BadState)
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
            Err(reason) => match self.set_aside(AsideReason::Unreadable(reason.clone()), now) {
                Ok(Some(done)) => LoadOutcome::SetAside(done),
                _ => {
                    self.revision.set(0);
                    self.check_before_save.set(true);
                    LoadOutcome::Blocked(reason)
                }
            },
        }
    }

    /// The save as it would load, read without a side effect: `None` when the slot is empty or
    /// its save unreadable (nothing is set aside here: [`Store::load`] does that when the save
    /// is loaded for use).
    pub fn peek<T: DeserializeOwned>(&self) -> Option<T> {
        let raw = self.kv.get(&self.key)?;
        let checked = check(&raw).ok()?;
        serde_json::from_value::<T>(checked.state).ok()
    }

    /// Writes `state` as the next revision; `saved_at` is an RFC 3339 time from the caller.
    /// Refused with [`StorageError::Stale`] when another tab saved a newer revision since this
    /// store last read or wrote the slot: nothing is overwritten silently.
    pub fn save<T: Serialize>(&self, state: &T, saved_at: &str) -> Result<u64, StorageError> {
        if let Some(raw) = self.kv.get(&self.key) {
            match stored_revision(&raw) {
                Some(stored) if stored > self.revision.get() && !self.check_before_save.get() => {
                    return Err(StorageError::Stale { stored });
                }
                Some(stored) => self.revision.set(self.revision.get().max(stored)),
                None if self.check_before_save.get() => {
                    let reason = AsideReason::Unreadable(
                        check(&raw).err().unwrap_or(LoadError::BadEnvelope),
                    );
                    keep_aside(&self.kv, &self.key, &raw, reason, saved_at)
                        .map_err(|_| StorageError::Blocked)?;
                }
                None => {}
            }
        }
        let revision = self.revision.get() + 1;
        let text = serde_json::to_string(&EnvelopeOut {
            schema: SCHEMA,
            revision,
            saved_at,
            state,
        })
        .map_err(|_| StorageError::Write(String::new()))?;
        self.kv.set(&self.key, &text)?;
        self.revision.set(revision);
        self.check_before_save.set(false);
        Ok(revision)
    }

    /// Empties the slot (its set-aside copies stay).
    pub fn clear(&self) {
        self.kv.remove(&self.key);
        self.revision.set(0);
        self.check_before_save.set(false);
    }

    /// Sets the current save aside, exactly like an unreadable one: for a save that reads but
    /// that the app cannot use (made under other rules, a log that no longer replays). Returns
    /// what was done, or `None` if the slot is empty.
    pub fn set_aside(&self, reason: AsideReason, now: &str) -> Result<Option<SetAside>, StorageError> {
        let Some(raw) = self.kv.get(&self.key) else {
            return Ok(None);
        };
        let done = keep_aside(&self.kv, &self.key, &raw, reason, now)?;
        self.kv.remove(&self.key);
        self.revision.set(0);
        self.check_before_save.set(false);
        Ok(Some(done))
    }

    /// Keeps a text aside from this slot (this tab's version after a conflict, say).
    pub fn keep_aside(&self, raw: &str, reason: AsideReason, now: &str) -> Result<SetAside, StorageError> {
        keep_aside(&self.kv, &self.key, raw, reason, now)
    }

    /// The envelope `state` would be saved as, at the next revision (an export, or what to
    /// keep aside after a conflict).
    pub fn envelope<T: Serialize>(&self, state: &T, saved_at: &str) -> String {
        serde_json::to_string(&EnvelopeOut {
            schema: SCHEMA,
            revision: self.revision.get() + 1,
            saved_at,
            state,
        })
        .unwrap_or_default()
    }
}

/// Reads a preference straight from a backend.
pub fn load_preference<K: KeyValue + ?Sized>(kv: &K, key: &str) -> Option<String> {
    kv.get(key)
}

/// Writes a preference straight to a backend.
pub fn save_preference<K: KeyValue + ?Sized>(kv: &K, key: &str, value: &str) -> Result<(), StorageError> {
    kv.set(key, value)
}
