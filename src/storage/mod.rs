//! Persistence: a versioned save slot in `localStorage` plus small preferences.
//!
//! ```ignore
//! let store = Store::new(LocalStore::new()?);
//! match store.load::<State>() {
//!     LoadOutcome::Fresh => { /* demo scenario */ }
//!     LoadOutcome::Loaded { state, .. } => { /* resume */ }
//!     LoadOutcome::Quarantined { key, reason } => { /* start fresh, tell the user */ }
//! }
//! store.save(&state, &now_rfc3339)?;
//! store.save_preference(LANG_KEY, "fr")?;
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
