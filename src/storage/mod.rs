//! Persistence: versioned save slots in `localStorage` plus small preferences.
//!
//! The app keeps a `Store` per slot; tests use the same code on a `MemoryStore`:
//!
//! ```
//! use hosted_exchange_sim::storage::{LoadOutcome, MemoryStore, Store};
//!
//! let store = Store::new(MemoryStore::new());
//! let now = "2026-03-10T00:00:00Z";
//! assert!(matches!(store.load::<Vec<u32>>(now), LoadOutcome::Fresh)); // first visit
//! store.save(&vec![1, 2], now).unwrap();
//! match store.load::<Vec<u32>>(now) {
//!     LoadOutcome::Loaded { state, revision, .. } => assert_eq!((state, revision), (vec![1, 2], 1)),
//!     _ => panic!("expected the save back"),
//! }
//! ```

mod kv;
pub mod scenario_file;
mod store;
pub mod transfer;

pub use kv::{KeyValue, LocalStore, MemoryStore, StorageError};
pub use store::{
    aside_delete, aside_list, embed_key, keep_aside, keep_embeds, load_preference, migrate, save_preference,
    AsideEntry, AsideReason, Elsewhere, LoadError, LoadOutcome, Seen, SetAside, Store, ACTIVE_KEY, ASIDE_INDEX,
    ASIDE_PREFIX, EMBED_PREFIX, GUIDED_KEY, LANG_KEY, MAX_ASIDE, MAX_EMBEDS, MAX_WRITERS, SAVE_KEY,
    SCHEMA, UTF16_BASE64,
};

#[cfg(test)]
mod tests;
