//! The interface language: remembered in the browser, else the browser's own preference (L2).
use crate::i18n::Lang;
use crate::storage::{load_preference, save_preference, LocalStore, LANG_KEY};

/// The remembered language, else the first supported one among `navigator.languages`.
pub fn initial_lang() -> Lang {
    if let Some(lang) = LocalStore::new()
        .ok()
        .and_then(|kv| load_preference(&kv, LANG_KEY))
        .and_then(|code| Lang::from_tag(&code))
    {
        return lang;
    }
    let tags: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    Lang::from_preferences(tags.iter().map(String::as_str))
}

pub fn remember_lang(lang: Lang) {
    if let Ok(kv) = LocalStore::new() {
        let _ = save_preference(&kv, LANG_KEY, lang.code());
    }
}
