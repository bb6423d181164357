//! Persistence: a versioned save slot in `localStorage` plus small preferences.
//!
//! The app keeps a `Store<LocalStore>`; tests use the same code on a `MemoryStore`:
//!
//! ```
//! use hosted_exchange_sim::storage::{LoadOutcome, MemoryStore, Store};
//!
//! let store = Store::new(MemoryStore::new());
//! assert!(matches!(store.load::<Vec<u32>>(), LoadOutcome::Fresh)); // first visit: demo scenario
//! store.save(&vec![1, 2], "2026-03-10T00:00:00Z").unwrap();
//! match store.load::<Vec<u32>>() {
//!     LoadOutcome::Loaded { state, revision, .. } => assert_eq!((state, revision), (vec![1, 2], 1)),
//!     other => panic!("expected the save back, got {other:?}"),
//! }
//! ```

mod kv;
mod store;

pub use kv::{KeyValue, LocalStore, MemoryStore, StorageError};
pub use store::{
    load_preference, migrate, save_preference, LoadError, LoadOutcome, Store, CORRUPT_PREFIX,
    LANG_KEY, SAVE_KEY, SCHEMA,
};

#[cfg(test)]
mod tests;
