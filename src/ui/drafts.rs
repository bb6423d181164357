//! Form drafts: what the user typed, kept across the redraw a language switch makes (L2).
//!
//! A language switch draws the panel again (`ui::App`: texts are plain strings, not a reactive
//! closure each, which keeps the wasm small), so every form on the page is built anew. A field
//! whose value comes from [`Drafts::get`] (through `Ctx::draft`) gets the same signal back: the
//! signals live under the app's root owner, not the form's. A form that leaves the page for
//! any other reason drops its drafts, so it comes back empty, as it always did.
use std::any::Any;
use std::collections::HashMap;

use crate::i18n::Lang;
use leptos::prelude::*;

/// Each field's signal (an `RwSignal` of the field's type) by key, with the language its form
/// was drawn in and which drawing of the form holds it.
pub struct Drafts {
    owner: Owner,
    map: HashMap<String, (Box<dyn Any>, Lang, u64)>,
    drawings: u64,
}

impl Drafts {
    /// Drafts owned by the current reactive owner (the app's root).
    pub fn new() -> Drafts {
        Drafts { owner: Owner::current().unwrap_or_else(Owner::new), map: HashMap::new(), drawings: 0 }
    }

    /// The draft of field `key` (one key per field of the app). A form drawn again after a
    /// language switch (`current` changed since its last drawing) gets its draft back; any
    /// other drawing gets a new one from `init` (a page that replaces itself on navigation
    /// draws the new form before it cleans up the old one). When a form is cleaned up and the
    /// language is still the one it was drawn in, it left the page: its draft goes.
    pub fn get<T: Clone + Send + Sync + 'static>(
        drafts: StoredValue<Drafts, LocalStorage>,
        current: RwSignal<Lang>,
        key: String,
        init: impl FnOnce() -> T,
    ) -> RwSignal<T> {
        let lang = current.get_untracked();
        let kept = drafts.with_value(|d| match d.map.get(&key) {
            Some((signal, drawn_in, _)) if *drawn_in != lang => signal.downcast_ref::<RwSignal<T>>().copied(),
            _ => None,
        });
        let signal = kept.unwrap_or_else(|| drafts.with_value(|d| d.owner.clone()).with(|| RwSignal::new(init())));
        Self::hold(drafts, current, key, lang, Box::new(signal), Box::new(move || signal.dispose()));
        signal
    }

    /// Records that this drawing of a form holds `signal` for `key`, and on the form's cleanup
    /// drops it (`dispose`) unless the form is being drawn again in another language. Not
    /// generic, so each field type adds only the few lines of [`Drafts::get`] to the wasm.
    fn hold(
        drafts: StoredValue<Drafts, LocalStorage>,
        current: RwSignal<Lang>,
        key: String,
        lang: Lang,
        signal: Box<dyn Any>,
        dispose: Box<dyn FnOnce() + Send + Sync>,
    ) {
        let drawing = drafts
            .try_update_value(|d| {
                d.drawings += 1;
                d.map.insert(key.clone(), (signal, lang, d.drawings));
                d.drawings
            })
            .unwrap_or_default();
        on_cleanup(move || {
            if current.try_get_untracked() == Some(lang) {
                drafts.update_value(|d| {
                    if d.map.get(&key).is_some_and(|(_, _, held_by)| *held_by == drawing) {
                        d.map.remove(&key);
                    }
                });
                dispose();
            }
        });
    }
}
