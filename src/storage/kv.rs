//! Key/value backends: the browser's `localStorage` and an in-memory map.
//!
//! Everything above this layer ([`super::Store`]) is written against the
//! [`KeyValue`] trait so the save/load/migration logic is unit-tested natively
//! with [`MemoryStore`] and exercised for real in headless Chromium
//! (`tests/browser.rs`) with [`LocalStore`].

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;

/// Why a write to the backend failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all (not in a browser, storage disabled, sandboxed iframe...).
    Unavailable,
    /// The backend refused the write (typically `QuotaExceededError`).
    Write(String),
    /// The value could not be serialized to JSON.
    Serialize(String),
    /// An unreadable save is still under the main key and could not be copied
    /// aside, so it is not overwritten (it is never dropped silently).
    Blocked(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => write!(f, "local storage is not available"),
            StorageError::Write(e) => write!(f, "could not write to local storage: {e}"),
            StorageError::Serialize(e) => write!(f, "could not serialize the save: {e}"),
            StorageError::Blocked(e) => {
                write!(f, "an unreadable save could not be set aside, not overwriting it: {e}")
            }
        }
    }
}

impl std::error::Error for StorageError {}

/// A string-to-string store, synchronous like `localStorage`.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str);
}

impl<K: KeyValue + ?Sized> KeyValue for &K {
    fn get(&self, key: &str) -> Option<String> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) {
        (**self).remove(key)
    }
}

impl<K: KeyValue + ?Sized> KeyValue for std::rc::Rc<K> {
    fn get(&self, key: &str) -> Option<String> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) {
        (**self).remove(key)
    }
}

/// In-memory backend (tests, and a fallback when `localStorage` is unavailable).
#[derive(Debug, Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    read_only: Cell<bool>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every later `set` fail like a full `localStorage` (for tests).
    pub fn set_read_only(&self, read_only: bool) {
        self.read_only.set(read_only);
    }

    /// All keys currently stored, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.read_only.get() {
            return Err(StorageError::Write("QuotaExceededError (simulated)".into()));
        }
        self.map.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }
}

/// The browser's `window.localStorage`.
///
/// Compiles on every target so UI code needs no `cfg`; outside wasm32
/// [`LocalStore::new`] always returns [`StorageError::Unavailable`].
#[derive(Clone, Debug)]
pub struct LocalStore {
    #[cfg(target_arch = "wasm32")]
    storage: web_sys::Storage,
    #[cfg(not(target_arch = "wasm32"))]
    _never: std::convert::Infallible,
}

impl LocalStore {
    /// `window.localStorage`, or `Unavailable` (no window, storage disabled,
    /// or a browser that throws on access).
    pub fn new() -> Result<Self, StorageError> {
        #[cfg(target_arch = "wasm32")]
        {
            let window = web_sys::window().ok_or(StorageError::Unavailable)?;
            match window.local_storage() {
                Ok(Some(storage)) => Ok(Self { storage }),
                _ => Err(StorageError::Unavailable),
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            Err(StorageError::Unavailable)
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn js_error_text(err: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        let name: String = e.name().into();
        let message: String = e.message().into();
        return format!("{name}: {message}");
    }
    err.as_string().unwrap_or_else(|| format!("{err:?}"))
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            self.storage.get_item(key).ok().flatten()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
            match self._never {}
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        #[cfg(target_arch = "wasm32")]
        {
            self.storage
                .set_item(key, value)
                .map_err(|e| StorageError::Write(js_error_text(&e)))
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (key, value);
            match self._never {}
        }
    }

    fn remove(&self, key: &str) {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = self.storage.remove_item(key);
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
            match self._never {}
        }
    }
}
