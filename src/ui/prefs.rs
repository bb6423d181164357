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

/// How fast *Play* moves a scenario or a section on (issue 20 item 10), remembered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Speed {
    Slow,
    #[default]
    Normal,
    Fast,
}

impl Speed {
    pub const ALL: [Speed; 3] = [Speed::Slow, Speed::Normal, Speed::Fast];

    pub fn code(self) -> &'static str {
        match self {
            Speed::Slow => "slow",
            Speed::Normal => "normal",
            Speed::Fast => "fast",
        }
    }

    pub fn from_code(code: &str) -> Option<Speed> {
        Speed::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Key of the player's speed preference.
const SPEED_KEY: &str = "hes.speed";

/// The remembered speed, else normal.
pub fn initial_speed() -> Speed {
    LocalStore::new()
        .ok()
        .and_then(|kv| load_preference(&kv, SPEED_KEY))
        .and_then(|code| Speed::from_code(&code))
        .unwrap_or_default()
}

pub fn remember_speed(speed: Speed) {
    if let Ok(kv) = LocalStore::new() {
        let _ = save_preference(&kv, SPEED_KEY, speed.code());
    }
}

/// Key of the recording in progress (issue 18: a recording survives a reload; `ui::record`).
pub const RECORDER_KEY: &str = "hes.recorder";

/// Whether a recording was in progress when the page was left (the recorder's panel comes back).
/// Read without `LocalStore::new`'s probe write: nothing is written on start.
pub fn recording_kept() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some_and(|s| s.get_item(RECORDER_KEY).ok().flatten().is_some())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}
