//! Versioned, self-healing save slots.
//!
//! A slot (the user's own simulation under [`SAVE_KEY`], the guided run under [`GUIDED_KEY`],
//! one per embed under [`EMBED_PREFIX`]) holds an envelope:
//!
//! ```json
//! { "schema": 2, "revision": 7, "saved_at": "2026-03-01T10:00:00.000Z",
//!   "writer": "1f3a9c0b27d4e", "seen": [["0b9e2f4c1a778", 6], ["1f3a9c0b27d4e", 7]], "state": { ... } }
//! ```
//!
//! * `schema`: the envelope/state format ([`SCHEMA`]); older ones are upgraded by [`migrate`],
//!   newer ones (written by a newer build) are set aside.
//! * `revision`: incremented by every save; `writer`, the id of the [`Store`] (tab) that wrote
//!   it; `seen`, the writes it includes ([`Seen`]). A save is written only over the very save
//!   (revision and writer) this store last read or wrote; any other is refused
//!   ([`StorageError::Stale`]) rather than overwritten, and a write that two tabs made at once
//!   is caught afterwards ([`Store::elsewhere`], decision 121).
//! * `saved_at`: RFC 3339, supplied by the caller (the storage reads no clock).
//!
//! Nothing unreadable is ever dropped: it is copied verbatim under a fresh [`ASIDE_PREFIX`] key,
//! listed in [`ASIDE_INDEX`] with the reason and the time, before the slot is cleared. At most
//! [`MAX_ASIDE`] are kept; the oldest go first, and the caller is told which.

use std::cell::{Cell, RefCell};

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
    /// How the text is kept, when not as it was: [`UTF16_BASE64`] for a save that was not
    /// well-formed UTF-16. `None`: verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// What setting a save aside did: the new entry, and the keys of the oldest ones deleted to
/// make room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub entry: AsideEntry,
    pub dropped: Vec<String>,
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
    /// Who wrote it ([`Store`]'s writer id; empty in saves from before writer ids).
    writer: String,
    /// The writes it includes ([`Seen`]).
    seen: Seen,
    migrated_from: Option<u32>,
    state: Value,
}

/// The writes a save includes: each writer's latest revision in it, the most recent writer
/// last, at most [`MAX_WRITERS`]. A tab's write is in a save iff the save's entry for that
/// tab's writer id is at least that write's revision: a save built on it carries it on, one
/// built beside it (the other tab of a race) does not. Decision 121.
pub type Seen = Vec<(String, u64)>;
/// How many writers a save's [`Seen`] remembers (one per tab and page load that wrote it).
pub const MAX_WRITERS: usize = 8;

fn seen_of(seen: &Seen, writer: &str) -> u64 {
    seen.iter().find(|(w, _)| w == writer).map_or(0, |(_, r)| *r)
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
    let writer = env.get("writer").and_then(Value::as_str).unwrap_or_default().to_string();
    // Lenient: a save without it (or with a damaged one) includes nothing known.
    let seen = env.remove("seen").and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    Ok(Checked {
        revision,
        writer,
        seen,
        migrated_from: (schema < SCHEMA).then_some(schema),
        state,
    })
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T: Serialize> {
    schema: u32,
    revision: u64,
    saved_at: &'a str,
    writer: &'a str,
    seen: &'a Seen,
    state: &'a T,
}

/// A fresh writer id for a [`Store`]: random in the browser (two tabs must never share one),
/// a counter natively (tests).
fn new_writer_id() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let n = (js_sys::Math::random() * (1u64 << 52) as f64) as u64;
        format!("{n:013x}")
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        format!("w{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// What the slot holds now, against what this store last read or wrote ([`Store::elsewhere`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elsewhere {
    /// The save this store last read or wrote (or nothing new).
    Same,
    /// Another tab saved it since, and its save includes this store's last write (if any).
    Changed,
    /// Another tab's save replaced this store's last write without including it: the two tabs
    /// wrote at once, and this one lost (decision 121).
    Lost,
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
    keep_aside_as(kv, slot, raw, None, reason, at)
}

/// The [`AsideEntry::encoding`] of a save that was not well-formed UTF-16: kept as the base64
/// of its UTF-16 code units, little-endian.
pub const UTF16_BASE64: &str = "utf-16le+base64";

fn keep_aside_as<K: KeyValue + ?Sized>(
    kv: &K,
    slot: &str,
    raw: &str,
    encoding: Option<&str>,
    reason: AsideReason,
    at: &str,
) -> Result<SetAside, StorageError> {
    // The index is read and written as plain JSON values here, not as typed entries: setting a
    // save aside is on the first load's path (a write may need it), and the typed entries'
    // deserializer (every `AsideReason`, every `BoundsError`) is only needed by Settings, which
    // lists them (issue 21: it was 21 KB of the main module).
    let mut list: Vec<Value> = kv.get(ASIDE_INDEX).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
    let key_of = |e: &Value| e.get("key").and_then(Value::as_str).map(str::to_string);
    let key = (1u64..)
        .map(|n| format!("{ASIDE_PREFIX}{n}"))
        .find(|k| kv.get(k).is_none() && !list.iter().any(|e| key_of(e).as_deref() == Some(k)))
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
        encoding: encoding.map(str::to_string),
    };
    let Ok(value) = serde_json::to_value(&entry) else {
        kv.remove(&entry.key);
        return Err(StorageError::Write(String::new()));
    };
    list.push(value);
    let excess = list.len().saturating_sub(MAX_ASIDE);
    let dropped: Vec<String> = list.drain(..excess).filter_map(|e| key_of(&e)).collect();
    let text = serde_json::to_string(&list).map_err(|_| StorageError::Write(String::new()));
    if let Err(e) = text.and_then(|text| kv.set(ASIDE_INDEX, &text)) {
        kv.remove(&entry.key);
        return Err(e);
    }
    for old in &dropped {
        kv.remove(old);
    }
    Ok(SetAside { entry, dropped })
}

/// A save slot on top of a [`KeyValue`] backend.
///
/// Every write is conditional (decision 121): it goes ahead only if the slot still holds the
/// very save this store last read or wrote (same revision *and* same writer id), so two tabs
/// that both write "the next revision" cannot both succeed unseen. What the write cannot check
/// (`localStorage` is not transactional across tabs) the `storage` event catches:
/// [`Store::elsewhere`] tells a write that was replaced without being included (its [`Seen`]).
/// A save this store could not use is never overwritten before it is copied aside
/// (decision 122).
pub struct Store<K: KeyValue> {
    kv: K,
    key: String,
    /// This store's writer id, written in every save it makes.
    id: String,
    /// Revision of the last save loaded or written by this Store.
    revision: Cell<u64>,
    /// The save (revision, writer) this store last read and used, or wrote: the only one it
    /// overwrites. `None`: the slot was empty, or nothing usable was read.
    known: RefCell<Option<(u64, String)>>,
    /// The writes the known save includes; after a set-aside, those of the save set aside
    /// (they are kept, so not lost).
    seen: RefCell<Seen>,
    /// The revision of this store's last write, until it reads the slot again.
    own: Cell<Option<u64>>,
    /// A save this store could not use nor copy aside (the store was full): its text and why.
    /// It is copied aside before anything is written over it.
    pending: RefCell<Option<(String, AsideReason)>>,
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
            id: new_writer_id(),
            revision: Cell::new(0),
            known: RefCell::new(None),
            seen: RefCell::new(Vec::new()),
            own: Cell::new(None),
            pending: RefCell::new(None),
        }
    }

    /// This store's writer id (in every save it writes).
    pub fn writer(&self) -> &str {
        &self.id
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

    /// Whether another tab saved the slot since this store last read or wrote it, and if so
    /// whether that save includes this store's last write ([`Elsewhere`]). An emptied slot is
    /// [`Elsewhere::Same`]: the next write fills it.
    pub fn elsewhere(&self) -> Elsewhere {
        let Some(raw) = self.raw() else { return Elsewhere::Same };
        if self.pending.borrow().as_ref().is_some_and(|(text, _)| *text == raw) {
            return Elsewhere::Same;
        }
        let (same, includes_mine) = match check(&raw) {
            Ok(c) => {
                let same = self.known.borrow().as_ref() == Some(&(c.revision, c.writer.clone()));
                (same, self.own.get().is_none_or(|mine| seen_of(&c.seen, &self.id) >= mine))
            }
            Err(_) => (false, self.own.get().is_none()),
        };
        match (same, includes_mine) {
            (true, _) => Elsewhere::Same,
            (false, true) => Elsewhere::Changed,
            (false, false) => Elsewhere::Lost,
        }
    }

    /// Whether the slot holds another save than the one this store last read or wrote.
    pub fn is_behind(&self) -> bool {
        self.elsewhere() != Elsewhere::Same
    }

    /// What this store knows after reading `c` (a save it can use).
    fn know(&self, c: &Checked) {
        self.revision.set(c.revision);
        *self.known.borrow_mut() = Some((c.revision, c.writer.clone()));
        *self.seen.borrow_mut() = c.seen.clone();
        self.own.set(None);
        *self.pending.borrow_mut() = None;
    }

    /// What this store knows once the slot is empty (`seen`: the writes the save that was there
    /// included, now kept aside).
    fn forget(&self, seen: Seen) {
        self.revision.set(0);
        *self.known.borrow_mut() = None;
        *self.seen.borrow_mut() = seen;
        self.own.set(None);
        *self.pending.borrow_mut() = None;
    }

    /// Copies the slot's text aside (before it is written over); the store is full: `Blocked`.
    fn copy_aside(&self, raw: &str, reason: AsideReason, now: &str) -> Result<(), StorageError> {
        self.keep_slot_aside(raw, reason, now).map_err(|_| StorageError::Blocked)?;
        let seen = check(raw).map(|c| c.seen).unwrap_or_default();
        self.forget(seen);
        Ok(())
    }

    /// Reads the save, upgrading older schemas and setting aside anything unreadable (see
    /// [`LoadOutcome`]). `now` (RFC 3339) dates a set-aside entry. Writes only to set aside.
    pub fn load<T: DeserializeOwned>(&self, now: &str) -> LoadOutcome<T> {
        let Some(raw) = self.kv.get(&self.key) else {
            self.forget(Vec::new());
            return LoadOutcome::Fresh;
        };
        let checked = check(&raw).and_then(|mut c| {
            let state = std::mem::take(&mut c.state);
            serde_json::from_value::<T>(state)
                .map(|state| (state, c))
                .map_err(|_| LoadError::BadState)
        });
        match checked {
            Ok((state, c)) => {
                self.know(&c);
                LoadOutcome::Loaded {
                    state,
                    revision: c.revision,
                    migrated_from: c.migrated_from,
                }
            }
            Err(reason) => match self.set_aside(AsideReason::Unreadable(reason.clone()), now) {
                Ok(Some(done)) => LoadOutcome::SetAside(done),
                _ => LoadOutcome::Blocked(reason),
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
    ///
    /// A conditional write (decision 121): refused with [`StorageError::Stale`] unless the slot
    /// holds exactly the save this store last read or wrote (or nothing): another tab's save,
    /// even at the same revision, is never overwritten silently. A save this store could not
    /// use, or could not read, is copied aside first, and if it cannot be, nothing is written
    /// ([`StorageError::Blocked`], decision 122).
    pub fn save<T: Serialize>(&self, state: &T, saved_at: &str) -> Result<u64, StorageError> {
        if let Some(raw) = self.kv.get(&self.key) {
            let pending = self.pending.borrow().clone().filter(|(text, _)| *text == raw);
            match (pending, check(&raw)) {
                (Some((_, reason)), _) => self.copy_aside(&raw, reason, saved_at)?,
                (None, Ok(c)) if self.known.borrow().as_ref() == Some(&(c.revision, c.writer.clone())) => {}
                (None, Ok(c)) => return Err(StorageError::Stale { stored: c.revision }),
                (None, Err(reason)) => self.copy_aside(&raw, AsideReason::Unreadable(reason), saved_at)?,
            }
        }
        let revision = self.revision.get() + 1;
        let mut seen = self.seen.borrow().clone();
        seen.retain(|(w, _)| *w != self.id);
        seen.push((self.id.clone(), revision));
        let excess = seen.len().saturating_sub(MAX_WRITERS);
        seen.drain(..excess);
        let text = serde_json::to_string(&EnvelopeOut {
            schema: SCHEMA,
            revision,
            saved_at,
            writer: &self.id,
            seen: &seen,
            state,
        })
        .map_err(|_| StorageError::Write(String::new()))?;
        self.kv.set(&self.key, &text)?;
        self.revision.set(revision);
        *self.known.borrow_mut() = Some((revision, self.id.clone()));
        *self.seen.borrow_mut() = seen;
        self.own.set(Some(revision));
        Ok(revision)
    }

    /// Empties the slot (its set-aside copies stay).
    pub fn clear(&self) {
        self.kv.remove(&self.key);
        self.forget(Vec::new());
    }

    /// Sets the current save aside, exactly like an unreadable one: for a save that reads but
    /// that the app cannot use (made under other rules, a log that no longer replays). Returns
    /// what was done, or `None` if the slot is empty. When it cannot be copied aside (the store
    /// is full), the save stays, and the next [`Store::save`] copies it aside before writing,
    /// or writes nothing (decision 122).
    pub fn set_aside(&self, reason: AsideReason, now: &str) -> Result<Option<SetAside>, StorageError> {
        let Some(raw) = self.kv.get(&self.key) else {
            return Ok(None);
        };
        match self.keep_slot_aside(&raw, reason.clone(), now) {
            Ok(done) => {
                self.kv.remove(&self.key);
                self.forget(check(&raw).map(|c| c.seen).unwrap_or_default());
                Ok(Some(done))
            }
            Err(e) => {
                self.forget(Vec::new());
                *self.pending.borrow_mut() = Some((raw, reason));
                Err(e)
            }
        }
    }

    /// Keeps the slot's text (`raw`, as read) aside verbatim: a text that is not well-formed
    /// UTF-16 (a lone surrogate, which `raw` shows as U+FFFD) is kept as the base64 of its
    /// UTF-16 code units ([`UTF16_BASE64`]), byte for byte (decision 124).
    fn keep_slot_aside(&self, raw: &str, reason: AsideReason, now: &str) -> Result<SetAside, StorageError> {
        match self.kv.utf16_base64(&self.key) {
            Some(b64) => keep_aside_as(&self.kv, &self.key, &b64, Some(UTF16_BASE64), reason, now),
            None => keep_aside(&self.kv, &self.key, raw, reason, now),
        }
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
            writer: &self.id,
            seen: &Vec::new(),
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

/// How many embeds' slots ([`EMBED_PREFIX`]) are kept: one per `@instance` of an embed link
/// ever used on this site would grow without bound, so only the most recently saved are kept
/// (decision 123, README "Data and security").
pub const MAX_EMBEDS: usize = 20;

/// After a save of the embed slot `key`: when there are more than [`MAX_EMBEDS`] embed slots,
/// deletes the least recently saved (by their `saved_at`; an unreadable one first), never
/// `key`. Returns the keys deleted. Reads the other slots only when there are too many.
pub fn keep_embeds<K: KeyValue + ?Sized>(kv: &K, key: &str) -> Vec<String> {
    let mut others: Vec<String> = kv.keys().into_iter().filter(|k| k.starts_with(EMBED_PREFIX) && k != key).collect();
    let excess = (others.len() + 1).saturating_sub(MAX_EMBEDS);
    if excess == 0 {
        return Vec::new();
    }
    let saved_at = |k: &String| {
        kv.get(k)
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .and_then(|v| v.get("saved_at").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_default()
    };
    others.sort_by_cached_key(|k| (saved_at(k), k.clone()));
    let dropped: Vec<String> = others.drain(..excess).collect();
    for old in &dropped {
        kv.remove(old);
    }
    dropped
}
