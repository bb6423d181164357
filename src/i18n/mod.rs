//! Every string the user sees, in French, Italian and English (L2: the interface language is
//! chosen separately from the subsidiary and defaults to the browser's language).
//!
//! The catalogue is a plain struct with one `&'static str` field per key ([`Texts`]); its texts
//! live in two files per language: `public/i18n/<lang>.core.json`, the few texts the first screen
//! shows (the home screen and the frame around it), and `public/i18n/<lang>.json`, all the
//! others. In the browser only the current language's core file is in the first load; its other
//! file is fetched when a screen other than the home screen is first shown ([`load`],
//! `ui::routes::show`), so the first load carries one language's first screen, not three whole
//! languages; natively (tests) the six files are compiled in. This is hand-written rather than
//! `leptos_i18n` for size (see README, "Size").
//!
//! Parameterised texts use numbered placeholders `{0}`, `{1}`… filled by [`fill`]; a test checks
//! that every locale uses the same placeholders for the same key.
//!
//! Money and dates are formatted by the browser's `Intl` (see [`format`]), never a bundled ICU.

mod describe;
mod situation;
pub mod scenario_file;
pub mod format;
mod keys;
#[cfg(target_arch = "wasm32")]
pub mod load;

pub use describe::*;
pub use situation::*;
pub use format::{date, date_short, money, money_signed};
pub use keys::{CatalogueError, Texts};

use serde::{Deserialize, Serialize};

/// The interface language (L2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    Fr,
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::It, Lang::En];

    /// The BCP 47 tag used for `Intl` and the `<html lang>` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr-FR",
            Lang::It => "it-IT",
            Lang::En => "en-GB",
        }
    }

    /// The short code kept in storage and shown in the language picker.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    /// The language's own name, the same in every interface language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::It => "Italiano",
            Lang::En => "English",
        }
    }

    /// Parses a stored code or a browser language tag (`fr`, `fr-CA`, `it-IT`, `en-US`…).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language among the browser's preferences, else English.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::from_tag).unwrap_or(Lang::En)
    }

    fn index(self) -> usize {
        match self {
            Lang::Fr => 0,
            Lang::It => 1,
            Lang::En => 2,
        }
    }

    /// This language's catalogue. In the browser, a language whose files are not loaded yet
    /// falls back to one that is: the app loads the current language before it mounts, and a
    /// switch loads the new one before it takes effect (`load::ensure`). Until its other file is
    /// here (`load::ensure_more`), only the core file's texts are set, the others are empty: a
    /// screen that shows them waits for them (`ui::routes::show`).
    pub fn t(self) -> &'static Texts {
        catalogue::get(self)
    }

    /// A catalogue file, relative to the app's base URL: the core file (`core`) or the other
    /// one. The query names the texts' version, so a new build never reads an old file from a
    /// cache.
    pub fn catalogue_path(self, core: bool) -> String {
        text_path("i18n", self, core)
    }
}

/// `<dir>/<lang>.core.json` or `<dir>/<lang>.json`, with the texts' version.
fn text_path(dir: &str, lang: Lang, core: bool) -> String {
    format!("{dir}/{}{}.json?v={:08x}", lang.code(), if core { ".core" } else { "" }, TEXTS_VERSION)
}

/// FNV-1a of a file, at compile time: only the hash ends up in the binary, not the file.
const fn fnv1a(bytes: &[u8], mut hash: u32) -> u32 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

/// The version of the text files (`public/i18n`, `public/guide`, the core files and the
/// others), computed from their content.
pub const TEXTS_VERSION: u32 = {
    let h = fnv1a(include_bytes!("../../public/i18n/fr.json"), 0x811c_9dc5);
    let h = fnv1a(include_bytes!("../../public/i18n/it.json"), h);
    let h = fnv1a(include_bytes!("../../public/i18n/en.json"), h);
    let h = fnv1a(include_bytes!("../../public/i18n/fr.core.json"), h);
    let h = fnv1a(include_bytes!("../../public/i18n/it.core.json"), h);
    let h = fnv1a(include_bytes!("../../public/i18n/en.core.json"), h);
    let h = fnv1a(include_bytes!("../../public/guide/fr.json"), h);
    let h = fnv1a(include_bytes!("../../public/guide/it.json"), h);
    let h = fnv1a(include_bytes!("../../public/guide/en.json"), h);
    let h = fnv1a(include_bytes!("../../public/guide/fr.core.json"), h);
    let h = fnv1a(include_bytes!("../../public/guide/it.core.json"), h);
    fnv1a(include_bytes!("../../public/guide/en.core.json"), h)
};

/// The walkthrough's and the scenarios' texts (one text per step, section and scenario, keyed
/// by id), in two files per language like the catalogue: `public/guide/<lang>.core.json`, the
/// sections' and scenarios' titles and summaries (the home screen's cards), fetched with the
/// core catalogue before the app mounts, and `public/guide/<lang>.json`, the steps and the
/// scenarios' captions, fetched with the rest of the catalogue (`ui::routes::show`).
pub struct GuideTexts(std::collections::BTreeMap<String, &'static str>);

impl GuideTexts {
    /// Reads a guide file (a JSON object from id to text).
    pub fn from_json(text: &str) -> Option<GuideTexts> {
        let serde_json::Value::Object(map) = serde_json::from_str(text).ok()? else {
            return None;
        };
        let texts = map
            .into_iter()
            .filter_map(|(key, value)| match value {
                serde_json::Value::String(text) => Some((key, &*Box::leak(text.into_boxed_str()))),
                _ => None,
            })
            .collect();
        Some(GuideTexts(texts))
    }

    /// These texts with those of another file of the same language (the core file's with the
    /// other one's).
    pub fn merged(&self, more: GuideTexts) -> GuideTexts {
        let mut texts = self.0.clone();
        texts.extend(more.0);
        GuideTexts(texts)
    }

    /// The text of `key` ("g4.credit", "debt-unpaid.title"…), empty if there is none.
    pub fn get(&self, key: &str) -> &'static str {
        self.0.get(key).copied().unwrap_or("")
    }
}

impl Lang {
    /// A guide file, relative to the app's base URL: the core file (`core`) or the other one.
    pub fn guide_path(self, core: bool) -> String {
        text_path("guide", self, core)
    }

    /// This language's guide texts, once loaded (always, natively, both files): until the other
    /// file is here (`load::ensure_guide_more`), only the titles and summaries.
    pub fn guide(self) -> Option<&'static GuideTexts> {
        catalogue::guide(self)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod catalogue {
    //! Native builds (tests, benchmarks): the six files are compiled in, each language's two
    //! read as one.
    use super::{GuideTexts, Lang, Texts};
    use std::sync::OnceLock;

    /// Each language's (core file, other file).
    const FILES: [(&str, &str); 3] = [
        (include_str!("../../public/i18n/fr.core.json"), include_str!("../../public/i18n/fr.json")),
        (include_str!("../../public/i18n/it.core.json"), include_str!("../../public/i18n/it.json")),
        (include_str!("../../public/i18n/en.core.json"), include_str!("../../public/i18n/en.json")),
    ];
    static CACHE: [OnceLock<Texts>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    const GUIDES: [(&str, &str); 3] = [
        (include_str!("../../public/guide/fr.core.json"), include_str!("../../public/guide/fr.json")),
        (include_str!("../../public/guide/it.core.json"), include_str!("../../public/guide/it.json")),
        (include_str!("../../public/guide/en.core.json"), include_str!("../../public/guide/en.json")),
    ];
    static GUIDE_CACHE: [OnceLock<Option<GuideTexts>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

    pub fn guide(lang: Lang) -> Option<&'static GuideTexts> {
        let (core, more) = GUIDES[lang.index()];
        GUIDE_CACHE[lang.index()]
            .get_or_init(|| Some(GuideTexts::from_json(core)?.merged(GuideTexts::from_json(more)?)))
            .as_ref()
    }

    pub fn get(lang: Lang) -> &'static Texts {
        let i = lang.index();
        CACHE[i].get_or_init(|| match Texts::from_parts(FILES[i].0, Some(FILES[i].1)) {
            Ok(texts) => texts,
            Err(e) => panic!("public/i18n/{}(.core).json: {e:?}", lang.code()),
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod catalogue {
    //! The browser: the catalogues fetched so far (see `load`), each language's core part first,
    //! then the whole of it once its other file is here.
    use super::{CatalogueError, GuideTexts, Lang, Texts};
    use std::cell::RefCell;

    /// A language's texts so far, and whether they are whole (its other file read too).
    type Loaded<T> = Option<(&'static T, bool)>;

    thread_local! {
        static LOADED: RefCell<[Loaded<Texts>; 3]> = const { RefCell::new([None, None, None]) };
        /// A core file's text, kept until the other file arrives and the whole is read.
        static CORES: RefCell<[Option<String>; 3]> = const { RefCell::new([None, None, None]) };
        static GUIDES: RefCell<[Loaded<GuideTexts>; 3]> = const { RefCell::new([None, None, None]) };
    }

    pub fn guide(lang: Lang) -> Option<&'static GuideTexts> {
        GUIDES.with(|g| g.borrow()[lang.index()].map(|(texts, _)| texts))
    }

    /// `None`: no guide texts yet; else whether they are whole.
    pub fn guide_state(lang: Lang) -> Option<bool> {
        GUIDES.with(|g| g.borrow()[lang.index()].map(|(_, whole)| whole))
    }

    /// Installs guide texts read from the core file, with the other file's when `more` is given,
    /// or adds the other file's to the core texts already here (`core` is then `None`). `None`
    /// if a file is not a JSON object.
    pub fn install_guide(lang: Lang, core: Option<&str>, more: Option<&str>) -> Option<()> {
        let core = match core {
            Some(core) => &*Box::leak(Box::new(GuideTexts::from_json(core)?)),
            None => guide(lang)?,
        };
        let texts = match more {
            Some(more) => &*Box::leak(Box::new(core.merged(GuideTexts::from_json(more)?))),
            None => core,
        };
        GUIDES.with(|g| g.borrow_mut()[lang.index()] = Some((texts, more.is_some())));
        Some(())
    }

    pub fn get(lang: Lang) -> &'static Texts {
        let found = LOADED.with(|l| {
            let l = l.borrow();
            l[lang.index()].or_else(|| l.iter().flatten().next().copied())
        });
        match found {
            Some((texts, _)) => texts,
            None => panic!("no catalogue loaded"),
        }
    }

    /// `None`: no catalogue yet; else whether it is whole.
    pub fn state(lang: Lang) -> Option<bool> {
        LOADED.with(|l| l.borrow()[lang.index()].map(|(_, whole)| whole))
    }

    /// Installs a catalogue read from its core file, with its other file when `more` is given,
    /// or from the core file kept here and `more` (`core` is then `None`); it lives as long as
    /// the app.
    pub fn install(lang: Lang, core: Option<&str>, more: Option<&str>) -> Result<(), CatalogueError> {
        let i = lang.index();
        let kept = match core {
            Some(core) => core.to_string(),
            None => CORES.with(|c| c.borrow()[i].clone()).ok_or(CatalogueError::NotAnObject)?,
        };
        let texts: &'static Texts = Box::leak(Box::new(Texts::from_parts(&kept, more)?));
        LOADED.with(|l| l.borrow_mut()[i] = Some((texts, more.is_some())));
        CORES.with(|c| c.borrow_mut()[i] = more.is_none().then_some(kept));
        Ok(())
    }
}

/// Replaces `{0}`, `{1}`… in `template` by `args`, in one pass.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            after[..close].parse::<usize>().ok().map(|index| (index, close))
        }) {
            Some((index, close)) => {
                out.push_str(args.get(index).copied().unwrap_or(""));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    format::elide(out)
}

/// A text with a plural: `template` holds the singular and plural forms, "one|other", each with
/// `{0}` for `n`. The form is the language's own rule (`Intl.PluralRules` in the browser: French
/// counts 0 and 1 as singular, Italian and English only 1).
pub fn plural(lang: Lang, n: u64, template: &str) -> String {
    plural_args(lang, n, template, &[])
}

/// [`plural`] with more placeholders: `{1}`, `{2}`… are `args`.
pub fn plural_args(lang: Lang, n: u64, template: &str, args: &[&str]) -> String {
    let (one, other) = template.split_once('|').unwrap_or((template, template));
    let form = if format::is_singular(lang, n) { one } else { other };
    let count = n.to_string();
    let mut all: Vec<&str> = vec![&count];
    all.extend_from_slice(args);
    fill(form, &all)
}

/// The placeholders a template uses, sorted: `"{1} of {0}"` gives `[0, 1]`.
pub fn placeholders(template: &str) -> Vec<usize> {
    let mut found: Vec<usize> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').and_then(|(n, _)| n.parse().ok()))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_static_first_screen_says_what_the_home_screen_says() {
        // index.html paints the home screen's title and introduction, in the three languages
        // (boot.js picks one before the first paint), before the app loads. The same text at
        // the same size: the app's home screen then replaces it without a layout shift, and the
        // largest contentful paint is the static one (README, "Performance").
        let root = env!("CARGO_MANIFEST_DIR");
        let index = std::fs::read_to_string(format!("{root}/index.html")).expect("index.html");
        for lang in Lang::ALL {
            let t = lang.t();
            let span = |text: &str| format!("<span lang=\"{}\">{text}</span>", lang.code());
            assert!(index.contains(&span(t.app_title)), "index.html: the {} name", lang.code());
            assert!(index.contains(&format!("<h1 id=\"boot-title\">")), "index.html: the title");
            assert!(index.contains(&span(t.home_title)), "index.html: the {} title", lang.code());
            assert!(index.contains(&span(t.home_intro)), "index.html: the {} introduction", lang.code());
        }
    }

    /// A language's two files of `dir` (`i18n` or `guide`): the first screen's
    /// (`<lang>.core.json`), the rest (`<lang>.json`), and both as one object.
    fn catalogue_files(dir: &str, lang: Lang) -> (String, String, serde_json::Value) {
        let read = |file: String| {
            let path = format!("{}/public/{dir}/{file}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        };
        let (core, more) = (read(format!("{}.core.json", lang.code())), read(format!("{}.json", lang.code())));
        let mut all: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&core).expect("JSON");
        let rest: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&more).expect("JSON");
        for (key, value) in rest {
            assert!(all.insert(key.clone(), value).is_none(), "{dir}/{}: `{key}` is in both files", lang.code());
        }
        (core, more, serde_json::Value::Object(all))
    }

    /// The first screen loads only the core files (README, "Size"): every text its code uses
    /// is there, and the guide's core file holds only the home screen's titles and summaries.
    #[test]
    fn l2_the_core_files_hold_what_the_first_screen_uses() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut files: Vec<String> = ["mod", "ctx", "nav", "prefs", "widgets", "routes", "drafts", "browser", "tour_target"]
            .iter()
            .map(|f| format!("{root}/src/ui/{f}.rs"))
            .collect();
        for dir in ["home", "layout"] {
            for entry in std::fs::read_dir(format!("{root}/src/ui/{dir}")).expect("dir") {
                files.push(entry.expect("entry").path().display().to_string());
            }
        }
        let mut used = std::collections::BTreeSet::new();
        for file in &files {
            let code = std::fs::read_to_string(file).expect("source");
            for pattern in ["t.", ".t()."] {
                for (at, _) in code.match_indices(pattern) {
                    let before = code[..at].chars().last().unwrap_or(' ');
                    if pattern == "t." && (before.is_alphanumeric() || before == '_' || before == '.') {
                        continue;
                    }
                    let key: String = code[at + pattern.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if Texts::KEYS.contains(&key.as_str()) {
                        used.insert(key);
                    }
                }
            }
        }
        assert!(used.len() > 30, "the scan found the first screen's texts: {used:?}");
        for lang in Lang::ALL {
            let (core, _, _) = catalogue_files("i18n", lang);
            let core: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&core).expect("JSON");
            for key in &used {
                assert!(core.contains_key(key), "{}.core.json lacks `{key}`, which the first screen uses", lang.code());
            }
            let (guide_core, _, _) = catalogue_files("guide", lang);
            let guide_core: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&guide_core).expect("JSON");
            assert!(guide_core.keys().all(|k| k.ends_with(".title") || k.ends_with(".summary")), "guide/{}.core.json", lang.code());
            assert!(!guide_core.is_empty());
        }
    }

    #[test]
    fn l2_each_field_holds_the_text_of_its_own_key() {
        // `Texts::from_json` lays the texts out as an array in `KEYS` order: every field must
        // come out with the text its key has in the file, in every language.
        for lang in Lang::ALL {
            let (core, more, value) = catalogue_files("i18n", lang);
            let path = lang.code();
            let texts = Texts::from_parts(&core, Some(&more)).expect("a complete catalogue");
            for (key, field) in texts.entries() {
                assert_eq!(Some(field), value[key].as_str(), "{path}: field {key}");
            }
            assert_eq!(texts.app_title, value["app_title"].as_str().unwrap());
        }
    }

    #[test]
    fn l2_every_key_is_translated_in_every_locale() {
        // Every file has exactly the keys of `Texts`: no key missing (it would not load) and no
        // stray key (a typo would hide a missing one).
        for lang in Lang::ALL {
            let (_, _, value) = catalogue_files("i18n", lang);
            let path = lang.code();
            let keys: Vec<&str> = value.as_object().expect("object").keys().map(String::as_str).collect();
            let mut expected: Vec<&str> = Texts::KEYS.to_vec();
            expected.sort_unstable();
            assert_eq!(keys, expected, "{path}: keys differ from Texts::KEYS");
        }
        let en = Lang::En.t().entries();
        for lang in Lang::ALL {
            let entries = lang.t().entries();
            assert_eq!(entries.len(), en.len());
            for ((key, text), (en_key, en_text)) in entries.iter().zip(en.iter()) {
                assert_eq!(key, en_key);
                assert!(!text.trim().is_empty(), "{lang:?}: key `{key}` is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(en_text),
                    "{lang:?}: key `{key}` has other placeholders than English"
                );
            }
        }
    }

    #[test]
    fn l2_french_and_italian_are_not_english_left_untranslated() {
        // A few words are the same in every language (PayPal, IBAN, PST…); most are not.
        for lang in [Lang::Fr, Lang::It] {
            let same = lang
                .t()
                .entries()
                .iter()
                .zip(Lang::En.t().entries())
                .filter(|((_, a), (_, b))| a == b)
                .count();
            let total = Lang::En.t().entries().len();
            assert!(same * 10 < total, "{lang:?}: {same} of {total} texts equal the English ones");
        }
    }

    /// French puts a (narrow) no-break space before « : ; ! ? » and inside « »; French and
    /// Italian use typographic quotes, never straight ones; no lazy plural "(s)" anywhere.
    #[test]
    fn l2_typography_follows_each_language() {
        for (key, text) in Lang::Fr.t().entries() {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                let before = if i > 0 { chars[i - 1] } else { ' ' };
                let after = chars.get(i + 1).copied().unwrap_or(' ');
                if ":;!?".contains(*c) && !(before.is_ascii_digit() && after.is_ascii_digit()) {
                    assert!(matches!(before, '\u{a0}' | '\u{202f}'), "fr `{key}`: no no-break space before `{c}`: {text}");
                }
                if *c == '»' {
                    assert!(matches!(before, '\u{a0}' | '\u{202f}'), "fr `{key}`: {text}");
                }
                if *c == '«' {
                    assert!(matches!(after, '\u{a0}' | '\u{202f}'), "fr `{key}`: {text}");
                }
            }
        }
        for lang in [Lang::Fr, Lang::It] {
            for (key, text) in lang.t().entries() {
                assert!(!text.contains('"'), "{lang:?} `{key}` has straight quotes: {text}");
            }
        }
        for lang in Lang::ALL {
            for (key, text) in lang.t().entries() {
                assert!(!text.contains("(s)") && !text.contains("(i)"), "{lang:?} `{key}` has a lazy plural: {text}");
            }
        }
    }

    #[test]
    fn plurals_use_each_languages_rule() {
        assert_eq!(plural(Lang::Fr, 0, "{0} jour|{0} jours"), "0 jour");
        assert_eq!(plural(Lang::Fr, 1, "{0} jour|{0} jours"), "1 jour");
        assert_eq!(plural(Lang::Fr, 2, "{0} jour|{0} jours"), "2 jours");
        assert_eq!(plural(Lang::En, 0, "{0} day|{0} days"), "0 days");
        assert_eq!(plural(Lang::En, 1, "{0} day|{0} days"), "1 day");
        assert_eq!(plural(Lang::It, 1, Lang::It.t().bm_selected), "1 account selezionato");
        assert_eq!(plural_args(Lang::En, 3, "{0} renewals, last on {1}|x", &["d"]), "x");
    }

    #[test]
    fn l2_language_defaults_to_the_browsers_and_falls_back_to_english() {
        assert_eq!(Lang::from_preferences(["it-IT", "en"]), Lang::It);
        assert_eq!(Lang::from_preferences(["de-DE", "fr-CA"]), Lang::Fr);
        assert_eq!(Lang::from_preferences(["de-DE"]), Lang::En);
        assert_eq!(Lang::from_preferences([]), Lang::En);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn fill_replaces_numbered_placeholders() {
        assert_eq!(fill("{1} of {0}", &["a", "b"]), "b of a");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("{x} {0}", &["y"]), "{x} y");
        assert_eq!(placeholders("{1} of {0} {1}"), vec![0, 1]);
    }
}
