//! Every string the user sees, in French, Italian and English (L2: the interface language is
//! chosen separately from the subsidiary and defaults to the browser's language).
//!
//! The catalogue is a plain struct with one `&'static str` field per key, and each locale is a
//! `const` of that struct, so a key missing in any locale is a **compile error**. This is hand-written
//! rather than `leptos_i18n` for size (see README, "i18n"): the typed struct costs nothing at run
//! time beyond the strings themselves.
//!
//! Parameterised texts use numbered placeholders `{0}`, `{1}`… filled by [`fill`]; a test checks
//! that every locale uses the same placeholders for the same key.
//!
//! Money and dates are formatted by the browser's `Intl` (see [`format`]), never a bundled ICU.

mod describe;
mod en;
pub mod format;
mod fr;
mod it;
mod keys;

pub use describe::*;
pub use format::{date, date_short, money, money_signed};
pub use keys::Texts;

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

    /// This language's catalogue.
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Fr => &fr::FR,
            Lang::It => &it::IT,
            Lang::En => &en::EN,
        }
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
    out
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
    fn l2_every_key_is_translated_in_every_locale() {
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
