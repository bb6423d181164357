//! The interface language: remembered in the browser, else the browser's own preference (L2).
use crate::i18n::Lang;

const LANG_KEY: &str = "hes.lang";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered language, else the first supported one among `navigator.languages`.
pub fn initial_lang() -> Lang {
    if let Some(lang) = local_storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
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
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}
