//! The app context shared by every component: the simulator, the interface language, the
//! result of the last action, and the save slot. Components read the state through it and
//! change it only with [`Ctx::dispatch`] / [`Ctx::run`], which hand an `Action` to the domain.
use crate::domain::{scenario, Action, Event, Refusal, SavedRun, Simulator, State};
use crate::i18n::{Lang, Texts};
use crate::storage::{LoadOutcome, LocalStore, Store};
use leptos::prelude::*;
use std::rc::Rc;

/// What the last action did, rendered in the current language (so it follows a language switch).
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Done(Vec<Event>),
    Refused(Refusal),
}

/// A lasting notice about the browser save (never a silent reset).
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    Quarantined { key: String, reason: String },
    SaveFailed(String),
}

#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub flash: RwSignal<Option<Flash>>,
    pub banner: RwSignal<Option<Banner>>,
    pub sim: RwSignal<Simulator>,
    store: StoredValue<Option<Rc<Store<LocalStore>>>, LocalStorage>,
}

impl Ctx {
    /// Loads the saved simulation, or the demo scenario on a first visit.
    pub fn start(lang: Lang) -> Ctx {
        let store = LocalStore::new().ok().map(|kv| Rc::new(Store::new(kv)));
        let start = scenario::demo();
        let mut banner = None;
        // The save is the log of actions; replaying it from the demo rebuilds the state (T3).
        let simulator = match store.as_ref().map(|s| s.load::<SavedRun>()) {
            Some(LoadOutcome::Loaded { state: run, .. }) => match Simulator::from_saved(&start, &run) {
                Ok(simulator) => simulator,
                Err(error) => {
                    // Readable but no longer replayable: kept aside, never dropped silently.
                    let key = store.as_ref().and_then(|s| s.set_aside().ok().flatten()).unwrap_or_default();
                    banner = Some(Banner::Quarantined { key, reason: error.to_string() });
                    Simulator::new(start)
                }
            },
            Some(LoadOutcome::Quarantined { key, reason }) => {
                banner = Some(Banner::Quarantined { key, reason: reason.to_string() });
                Simulator::new(start)
            }
            Some(LoadOutcome::Fresh) | None => Simulator::new(start),
        };
        Ctx {
            lang: RwSignal::new(lang),
            flash: RwSignal::new(None),
            banner: RwSignal::new(banner),
            sim: RwSignal::new(simulator),
            store: StoredValue::new_local(store),
        }
    }

    /// The catalogue and language for a component's static texts. Untracked: a language switch
    /// re-renders the whole panel (see `ui::App`), so the texts need no reactive closure each —
    /// which keeps the wasm small (README, "Size").
    pub fn texts(&self) -> (&'static Texts, Lang) {
        let lang = self.lang.get_untracked();
        (lang.t(), lang)
    }

    /// Switches the interface language once its texts are here (fetched on first use).
    pub fn set_lang(&self, lang: Lang) {
        super::prefs::remember_lang(lang);
        #[cfg(target_arch = "wasm32")]
        {
            let ctx = *self;
            leptos::task::spawn_local(async move {
                if crate::i18n::load::ensure(lang).await.is_ok() {
                    ctx.lang.set(lang);
                }
            });
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.lang.set(lang);
    }

    /// Reads the simulated state (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.sim.with(|sim| f(&sim.state))
    }

    /// Reads the simulated state without subscribing (event handlers).
    pub fn with_untracked<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.sim.with_untracked(|sim| f(&sim.state))
    }

    /// Hands an action to the domain. On success the state is saved at once and the events are
    /// shown; on refusal nothing changes and the caller shows the reason where it fits.
    pub fn dispatch(&self, action: Action) -> Result<Vec<Event>, Refusal> {
        let mut outcome = None;
        self.sim.update_untracked(|sim| outcome = Some(sim.apply(action)));
        let outcome = outcome.unwrap_or_else(|| Ok(Vec::new()));
        // A refusal leaves the state as it was (the domain is atomic), so nothing re-renders and
        // an open dialog or form stays as the user left it.
        if let Ok(events) = &outcome {
            self.sim.notify();
            self.persist();
            self.flash.set(Some(Flash::Done(events.clone())));
        }
        outcome
    }

    /// Like [`Ctx::dispatch`] for buttons with no form of their own: a refusal goes to the
    /// page's message area.
    pub fn run(&self, action: Action) -> bool {
        match self.dispatch(action) {
            Ok(_) => true,
            Err(refusal) => {
                self.flash.set(Some(Flash::Refused(refusal)));
                false
            }
        }
    }

    /// What `action` would do, tried on a copy: the state itself never changes. Screens use it
    /// to show a summary before a confirmation, without knowing the rules.
    pub fn try_on_copy(&self, action: Action) -> Result<Vec<Event>, Refusal> {
        let mut copy = self.sim.with_untracked(|sim| sim.state.clone());
        copy.apply(action)
    }

    /// Changes the simulator as a whole (snapshots, reset), then saves.
    pub fn update_simulator(&self, f: impl FnOnce(&mut Simulator)) {
        self.sim.update(f);
        self.persist();
    }

    /// Starts the demo again; the customer stays logged in and snapshots are kept.
    pub fn reset_demo(&self) {
        self.update_simulator(|sim| {
            let customer = sim.state.customer.clone();
            sim.reset(scenario::demo());
            if let Some(customer) = customer {
                let _ = sim.apply(Action::LogIn {
                    nic: customer.nic,
                    subsidiary: customer.subsidiary,
                });
            }
        });
        self.flash.set(None);
    }

    fn persist(&self) {
        let Some(store) = self.store.get_value() else { return };
        let saved_at = String::from(js_sys::Date::new_0().to_iso_string());
        let result = self.sim.with_untracked(|sim| store.save(&sim.saved(), &saved_at));
        match result {
            Ok(_) => {
                if matches!(self.banner.get_untracked(), Some(Banner::SaveFailed(_))) {
                    self.banner.set(None);
                }
            }
            Err(error) => self.banner.set(Some(Banner::SaveFailed(error.to_string()))),
        }
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
