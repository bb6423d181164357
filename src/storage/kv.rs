//! Key/value backends: the browser's `localStorage` (through `gloo-storage`) and an in-memory
//! map.
//!
//! Everything above this layer ([`super::Store`]) is written against the [`KeyValue`] trait, so
//! the save/load/migration logic is unit-tested natively with [`MemoryStore`] and exercised for
//! real in headless Chromium (`tests/browser.rs`) with [`LocalStore`].

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// Why a write to the backend failed. The UI says each in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all (storage disabled or blocked, a private mode, a sandboxed frame).
    Unavailable,
    /// The store is full (`QuotaExceededError`).
    Quota,
    /// The backend refused the write for another reason (the error's name).
    Write(String),
    /// An unreadable save is still under the key and could not be copied aside, so it is not
    /// overwritten (it is never dropped silently).
    Blocked,
    /// The slot holds another save than the one this store last read or wrote (another tab's,
    /// even at the same revision): writing now would overwrite it, so nothing is written.
    Stale { stored: u64 },
}

/// A string-to-string store, synchronous like `localStorage`.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str);
    /// When the text under `key` is not well-formed UTF-16 (a lone surrogate: [`KeyValue::get`]
    /// would show it altered, as U+FFFD), the base64 of its UTF-16 code units, little-endian;
    /// `None` for any text `get` returns exactly (always, in memory).
    fn utf16_base64(&self, _key: &str) -> Option<String> {
        None
    }
    /// Every key, for pruning the embeds' slots.
    fn keys(&self) -> Vec<String>;
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
    fn utf16_base64(&self, key: &str) -> Option<String> {
        (**self).utf16_base64(key)
    }
    fn keys(&self) -> Vec<String> {
        (**self).keys()
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
    fn utf16_base64(&self, key: &str) -> Option<String> {
        (**self).utf16_base64(key)
    }
    fn keys(&self) -> Vec<String> {
        (**self).keys()
    }
}

/// In-memory backend: the tests' store, and where the app keeps running when `localStorage` is
/// unavailable (nothing is kept after the tab closes, and the user is told).
#[derive(Debug, Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    /// Simulates a full store: every write whose total size would pass this many bytes fails
    /// with [`StorageError::Quota`] (tests).
    quota: Cell<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every later write fail like a full `localStorage` (`true`), or succeed again.
    pub fn set_read_only(&self, read_only: bool) {
        self.quota.set(read_only.then_some(0));
    }

    /// Makes writes fail once the stored texts would pass `bytes` in all.
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.quota.set(bytes);
    }

}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(quota) = self.quota.get() {
            let map = self.map.borrow();
            let others: usize = map.iter().filter(|(k, _)| *k != key).map(|(k, v)| k.len() + v.len()).sum();
            if quota == 0 || others + key.len() + value.len() > quota {
                return Err(StorageError::Quota);
            }
        }
        self.map.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }

    /// All keys currently stored, sorted.
    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}

/// The browser's `localStorage`, through `gloo-storage`.
///
/// gloo's own accessors throw a JavaScript exception when storage is blocked (its `raw()`
/// expects a storage object), which would stop the app instead of letting it run in memory:
/// [`LocalStore::new`] first checks, once, that storage is there and writable, and only then
/// is gloo's storage used. Values are the app's own JSON texts, kept verbatim (so a save that
/// cannot be read is copied aside byte for byte), hence the raw `getItem`/`setItem`.
///
/// Compiles on every target so UI code needs no `cfg`; outside wasm32 [`LocalStore::new`]
/// always returns [`StorageError::Unavailable`].
#[derive(Clone, Debug)]
pub struct LocalStore {
    _private: (),
}

impl LocalStore {
    /// The page's `localStorage`, or `Unavailable` (no window, storage disabled or blocked, a
    /// browser that throws on access).
    pub fn new() -> Result<Self, StorageError> {
        #[cfg(target_arch = "wasm32")]
        {
            const PROBE: &str = "hes.probe";
            let storage = web_sys::window()
                .ok_or(StorageError::Unavailable)?
                .local_storage()
                .ok()
                .flatten()
                .ok_or(StorageError::Unavailable)?;
            // A store that throws on reading is unusable; a full one still reads (and its
            // writes fail with Quota, which the app reports).
            storage
                .get_item(PROBE)
                .map_err(|_| StorageError::Unavailable)?;
            Ok(Self { _private: () })
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            Err(StorageError::Unavailable)
        }
    }
}

/// The error a failed `setItem` threw, by its name.
#[cfg(target_arch = "wasm32")]
fn write_error(err: wasm_bindgen::JsValue) -> StorageError {
    // A DOMException is an Error in today's browsers (gloo reads its name); otherwise its name
    // is read as a plain property.
    let name = match gloo_utils::errors::JsError::try_from(err.clone()) {
        Ok(e) => e.name,
        Err(_) => js_sys::Reflect::get(&err, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
    };
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Quota,
        _ => StorageError::Write(name),
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            gloo_storage::LocalStorage::raw().get_item(key).ok().flatten()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
            None
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            gloo_storage::LocalStorage::raw()
                .set_item(key, value)
                .map_err(write_error)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (key, value);
            Err(StorageError::Unavailable)
        }
    }

    fn remove(&self, key: &str) {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            let _ = gloo_storage::LocalStorage::raw().remove_item(key);
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
        }
    }

    fn utf16_base64(&self, key: &str) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            use wasm_bindgen::JsCast;
            // getItem's string as JavaScript holds it, before wasm-bindgen makes it UTF-8.
            let get: js_sys::Function = js_sys::Reflect::get(&gloo_storage::LocalStorage::raw(), &"getItem".into()).ok()?.dyn_into().ok()?;
            let text: js_sys::JsString = get.call1(&gloo_storage::LocalStorage::raw(), &key.into()).ok()?.dyn_into().ok()?;
            if text.is_valid_utf16() {
                return None;
            }
            // The browser's own base64 (`btoa`, one char per byte): no encoder in the first load.
            let bytes: String = text.iter().flat_map(u16::to_le_bytes).map(char::from).collect();
            web_sys::window()?.btoa(&bytes).ok()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
            None
        }
    }

    fn keys(&self) -> Vec<String> {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            let storage = gloo_storage::LocalStorage::raw();
            (0..storage.length().unwrap_or(0)).filter_map(|i| storage.key(i).ok().flatten()).collect()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            Vec::new()
        }
    }
}
