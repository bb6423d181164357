//! The app context shared by every component: the interface language and the flash message.
use crate::i18n::{Lang, Texts};
use leptos::prelude::*;

/// A message shown after an action: a confirmation or the localized reason of a refusal.
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Ok(String),
    Error(String),
}

#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub flash: RwSignal<Option<Flash>>,
}

impl Ctx {
    pub fn start() -> Ctx {
        Ctx {
            lang: RwSignal::new(super::prefs::initial_lang()),
            flash: RwSignal::new(None),
        }
    }

    /// The catalogue of the current language (tracked).
    pub fn t(&self) -> &'static Texts {
        self.lang.get().t()
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        super::prefs::remember_lang(lang);
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
