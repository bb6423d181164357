//! The app context shared by every component: the run on screen (the user's own simulation, a
//! walkthrough section or scenario, or an embed's run), the interface language, the result of
//! the last action, the lasting notices, and the save slots. Components read the state through
//! it and change it only with [`Ctx::dispatch`] / [`Ctx::run`], which hand an `Action` to the
//! domain; every accepted action is saved at once (T3: the save is the run's log).
use std::rc::Rc;

use crate::domain::guide::Tour;
use crate::domain::scenario::{ScenarioId, Start};
use crate::domain::{Action, Event, GuideSection, Refusal, ReplayError, SavedRun, Simulator, State};
use crate::i18n::Lang;
use crate::storage::{
    AsideReason, KeyValue, LoadOutcome, LocalStore, MemoryStore, SetAside, StorageError, Store,
    GUIDED_KEY, SAVE_KEY,
};
use leptos::prelude::*;

/// What the last action did, rendered in the current language (so it follows a language switch).
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Done(Vec<Event>),
    Refused(Refusal),
}

pub use crate::session::Notice;

/// Which run the panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// The user's own simulation (the demo and whatever they did since).
    Own,
    /// A walkthrough section or a scenario, played apart from the user's own.
    Guided,
}

/// The save slots: the run on screen is saved to one of them after every change.
struct Slots {
    own: Store<Rc<dyn KeyValue>>,
    guided: Store<Rc<dyn KeyValue>>,
    /// `localStorage` was not available: everything lives in memory.
    memory: bool,
    /// An embed: one slot of its own, and no "own simulation" to go back to.
    embed: bool,
}

impl Slots {
    fn store(&self, kind: RunKind) -> &Store<Rc<dyn KeyValue>> {
        match kind {
            RunKind::Own => &self.own,
            RunKind::Guided => &self.guided,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub sim: RwSignal<Simulator>,
    pub kind: RwSignal<RunKind>,
    /// The guided run's progress: its walkthrough step, or the scenario's next beat.
    pub step: RwSignal<usize>,
    pub flash: RwSignal<Option<Flash>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The app's own path (base removed), kept by the router (`ui::App`).
    pub path: RwSignal<String>,
    /// In an embed: its slot's name (from its link).
    pub embed: Option<&'static str>,
    /// Where the run on screen started (changes only when another run is opened).
    pub start: Memo<Start>,
    /// What the next event day will do, computed once per change of the state (the clock bar
    /// and the settlement preview share it).
    pub preview: Memo<Option<crate::domain::Preview>>,
    slots: StoredValue<Slots, LocalStorage>,
}

/// The current time for a save's `saved_at` (the domain has no clock, the save does).
pub fn now() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::Date::new_0().to_iso_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// The key the active run kind is remembered under (the full app only).
const ACTIVE_KEY: &str = "hes.active";

/// The backend: `localStorage`, or memory when it is not available (and the user is told).
fn backend() -> (Rc<dyn KeyValue>, bool) {
    match LocalStore::new() {
        Ok(kv) => (Rc::new(kv), false),
        Err(_) => (Rc::new(MemoryStore::new()), true),
    }
}

/// A User Timing mark (`performance.mark`): the browser benchmark reads the `hes:load` measure,
/// the time to read and replay a save (README, "Performance").
pub(crate) fn timing(name: &str, measure_from: Option<&str>) {
    #[cfg(target_arch = "wasm32")]
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
        if let Some(start) = measure_from {
            let _ = perf.measure_with_start_mark(name.trim_end_matches(":end"), start);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, measure_from);
}

/// A run from its slot, or the given start when the slot is empty or unusable (which is then
/// set aside and reported, never dropped silently).
fn load_run(store: &Store<Rc<dyn KeyValue>>, fallback: Start, notices: &mut Vec<Notice>) -> (Simulator, usize) {
    timing("hes:load:start", None);
    let loaded = load_run_inner(store, fallback, notices);
    timing("hes:load:end", Some("hes:load:start"));
    loaded
}

fn load_run_inner(store: &Store<Rc<dyn KeyValue>>, fallback: Start, notices: &mut Vec<Notice>) -> (Simulator, usize) {
    let now = now();
    let set_aside = |reason: AsideReason, notices: &mut Vec<Notice>| match store.set_aside(reason.clone(), &now) {
        Ok(Some(SetAside { dropped, .. })) => notices.push(Notice::SetAside { reason, dropped: dropped.len() }),
        _ => notices.push(Notice::Blocked),
    };
    match store.load::<SavedRun>(&now) {
        LoadOutcome::Loaded { state: run, .. } => match Simulator::from_saved(&run) {
            Ok(sim) => (sim, run.step),
            Err(ReplayError::OtherRules { found }) => {
                set_aside(AsideReason::OtherRules { found }, notices);
                (Simulator::new(fallback), 0)
            }
            Err(ReplayError::Refused { index, .. }) => {
                set_aside(AsideReason::Replay { index }, notices);
                (Simulator::new(fallback), 0)
            }
        },
        LoadOutcome::SetAside(SetAside { entry, dropped }) => {
            notices.push(Notice::SetAside { reason: entry.reason, dropped: dropped.len() });
            (Simulator::new(fallback), 0)
        }
        LoadOutcome::Blocked(_) => {
            notices.push(Notice::Blocked);
            (Simulator::new(fallback), 0)
        }
        LoadOutcome::Fresh => (Simulator::new(fallback), 0),
    }
}

/// The save slots and the run the app starts with (`ui::start` opens them before mounting).
pub struct Opened {
    kind: RunKind,
    sim: Simulator,
    step: usize,
    notices: Vec<Notice>,
    slots: Slots,
    /// An embed: its slot's name, and the section or scenario its link names.
    embed: Option<(&'static str, Start)>,
}

impl Opened {
    /// The full app's slots (`embed: None`) or an embed's own one. Nothing saved (a first
    /// visit): the run starts at once, from the demo or from the embed's start. Otherwise the
    /// save is read and replayed by [`Opened::read_saved`], whose code (the save's
    /// deserializers, the replay check, setting a save aside) is split out of the first load
    /// (`ui::split::read_saved`).
    pub async fn open(embed: Option<(&'static str, Start)>) -> Opened {
        let (kv, memory) = backend();
        let notices = if memory { vec![Notice::MemoryOnly] } else { Vec::new() };
        let slots = match embed {
            None => Slots {
                own: Store::with_key(kv.clone(), SAVE_KEY),
                guided: Store::with_key(kv, GUIDED_KEY),
                memory,
                embed: false,
            },
            // An embed: its own slot, named from its link, never the full app's save.
            Some((slot, _)) => {
                let key = format!("hes.embed.{slot}");
                Slots { own: Store::with_key(kv.clone(), &key), guided: Store::with_key(kv, &key), memory, embed: true }
            }
        };
        let (kind, start) = match &embed {
            None => (RunKind::Own, Start::Demo),
            Some((_, start)) => (RunKind::Guided, start.clone()),
        };
        let opened = Opened { kind, sim: Simulator::new(start), step: 0, notices, slots, embed };
        if opened.slots.own.raw().is_none() && opened.slots.guided.raw().is_none() {
            return opened;
        }
        super::split::read_saved(opened).await
    }

    /// Reads the run on screen from its slot: in the full app the guided run if it was on
    /// screen, else the user's own; in an embed its own slot, if it holds the run its link
    /// names.
    pub fn read_saved(mut self) -> Opened {
        let notices = &mut self.notices;
        (self.kind, (self.sim, self.step)) = match self.embed {
            None => {
                let active = self.slots.own.backend().get(ACTIVE_KEY);
                if active.as_deref() == Some("guided") && self.slots.guided.raw().is_some() {
                    let loaded = load_run(&self.slots.guided, Start::Demo, notices);
                    // A guided run that could not be read comes back as the user's own.
                    if loaded.0.start == Start::Demo {
                        (RunKind::Own, load_run(&self.slots.own, Start::Demo, notices))
                    } else {
                        (RunKind::Guided, loaded)
                    }
                } else {
                    (RunKind::Own, load_run(&self.slots.own, Start::Demo, notices))
                }
            }
            Some((_, ref start)) => {
                let (sim, step) = load_run(&self.slots.guided, start.clone(), notices);
                (RunKind::Guided, if sim.start == *start { (sim, step) } else { (Simulator::new(start.clone()), 0) })
            }
        };
        self
    }
}

impl Ctx {
    /// The app's context, on the slots and run [`Opened::open`] found.
    pub fn start(lang: Lang, opened: Opened) -> Ctx {
        let Opened { kind, sim, step, notices, slots, embed } = opened;
        Self::build(lang, sim, kind, step, notices, slots, embed.map(|(slot, _)| slot))
    }

    fn build(
        lang: Lang,
        sim: Simulator,
        kind: RunKind,
        step: usize,
        notices: Vec<Notice>,
        slots: Slots,
        embed: Option<&'static str>,
    ) -> Ctx {
        let sim = RwSignal::new(sim);
        Ctx {
            lang: RwSignal::new(lang),
            start: Memo::new(move |_| sim.with(|sim| sim.start.clone())),
            preview: Memo::new(move |_| sim.with(|sim| sim.state.preview_next_event())),
            sim,
            kind: RwSignal::new(kind),
            step: RwSignal::new(step),
            flash: RwSignal::new(None),
            notices: RwSignal::new(notices),
            path: RwSignal::new(String::new()),
            embed,
            slots: StoredValue::new_local(slots),
        }
    }

    /// The catalogue and language for a component's static texts. Untracked: a language switch
    /// re-renders the whole panel (see `ui::App`), so the texts need no reactive closure each,
    /// which keeps the wasm small (README, "Size").
    pub fn texts(&self) -> (&'static crate::i18n::Texts, Lang) {
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
                } else {
                    ctx.notice(Notice::LangFailed);
                }
            });
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.lang.set(lang);
    }

    /// Shows a lasting notice once.
    pub fn notice(&self, notice: Notice) {
        self.notices.update(|list| {
            if !list.contains(&notice) {
                list.push(notice);
            }
        });
    }

    pub fn dismiss(&self, notice: &Notice) {
        self.notices.update(|list| list.retain(|n| n != notice));
    }

    /// A part of the state, recomputed when the state changes but passed on only when it
    /// changed itself: what renders a part of the page reads one of these, so an action
    /// re-renders only what it changed (README, "Performance").
    pub fn memo<T: PartialEq + Clone + Send + Sync + 'static>(
        &self,
        f: impl Fn(&State) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let ctx = *self;
        Memo::new(move |_| ctx.with(&f))
    }

    /// Reads the simulated state (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.sim.with(|sim| f(&sim.state))
    }

    /// Reads the simulated state without subscribing (event handlers).
    pub fn with_untracked<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.sim.with_untracked(|sim| f(&sim.state))
    }

    /// The start of the run on screen (tracked only when it changes).
    pub fn start_of_run(&self) -> Start {
        self.start.get()
    }

    /// The walkthrough in progress, if the run is a section of the guide (tracked on the
    /// start and the step only).
    pub fn tour(&self) -> Option<Tour> {
        match self.start_of_run() {
            Start::Section(section) => Some(Tour { section, step: self.step.get() }),
            _ => None,
        }
    }

    /// The scenario on screen, if any.
    pub fn scenario(&self) -> Option<ScenarioId> {
        match self.start_of_run() {
            Start::Scenario(id) => Some(id),
            _ => None,
        }
    }

    pub fn is_embed(&self) -> bool {
        self.embed.is_some()
    }

    /// Hands an action to the domain. On success the state is saved at once, the walkthrough
    /// moves on if the action was its step, and the events are shown; on refusal nothing
    /// changes and the caller shows the reason where it fits.
    pub fn dispatch(&self, action: Action) -> Result<Vec<Event>, Refusal> {
        let mut outcome = None;
        self.sim.update_untracked(|sim| outcome = Some(sim.apply(action)));
        let outcome = outcome.unwrap_or_else(|| Ok(Vec::new()));
        // A refusal leaves the state as it was (the domain is atomic), so nothing re-renders and
        // an open dialog or form stays as the user left it.
        if let Ok(events) = &outcome {
            if let Some(mut tour) = self.tour_untracked() {
                let path = self.path.get_untracked();
                let moved = self.sim.with_untracked(|sim| tour.on_events(events, &path, &sim.state));
                if moved {
                    self.step.set(tour.step);
                }
            }
            self.sim.notify();
            self.persist();
            self.flash.set(Some(Flash::Done(events.clone())));
        }
        outcome
    }

    fn tour_untracked(&self) -> Option<Tour> {
        match self.sim.with_untracked(|sim| sim.start.clone()) {
            Start::Section(section) => Some(Tour { section, step: self.step.get_untracked() }),
            _ => None,
        }
    }

    /// The user reached a route: the walkthrough moves on if it waited for it.
    pub fn on_route(&self, path: &str) {
        self.path.set(path.to_string());
        if let Some(mut tour) = self.tour_untracked() {
            if self.sim.with_untracked(|sim| tour.on_route(path, &sim.state)) {
                self.step.set(tour.step);
                self.persist();
            }
        }
    }

    /// Sets the guided run's progress (the walkthrough's Back/Next, a scenario's beat).
    pub fn set_step(&self, step: usize) {
        self.step.set(step);
        self.persist();
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

    /// Changes the run as a whole (snapshots, restore, reset), then saves. Messages about the
    /// state it leaves are cleared.
    pub fn update_simulator(&self, f: impl FnOnce(&mut Simulator)) {
        self.sim.update(f);
        self.flash.set(None);
        self.persist();
    }

    /// Starts the run again from its own start; the customer stays logged in (in the user's own
    /// simulation) and snapshots are kept.
    pub fn reset(&self) {
        let kind = self.kind.get_untracked();
        self.update_simulator(|sim| {
            let customer = sim.state.customer.clone();
            sim.reset();
            if let (RunKind::Own, Some(customer)) = (kind, customer) {
                let _ = sim.apply(Action::LogIn {
                    nic: customer.nic,
                    subsidiary: customer.subsidiary,
                });
            }
        });
        self.step.set(0);
        self.persist();
    }

    /// Opens a walkthrough section or a scenario apart from the user's own simulation (which
    /// stays saved as it is). The same one already in progress is resumed; `fresh` starts it
    /// again.
    pub fn open_guided(&self, start: Start, fresh: bool) {
        if self.slots.with_value(|s| s.embed) {
            if fresh {
                self.reset();
            }
            return;
        }
        let guided = self.kind.get_untracked() == RunKind::Guided;
        let same = self.sim.with_untracked(|sim| sim.start == start);
        if guided && same && !fresh {
            return;
        }
        let mut notices = Vec::new();
        let (sim, step) = if fresh {
            (Simulator::new(start), 0)
        } else {
            let (sim, step) = self.slots.with_value(|s| load_run(&s.guided, start.clone(), &mut notices));
            if sim.start == start { (sim, step) } else { (Simulator::new(start), 0) }
        };
        for n in notices {
            self.notice(n);
        }
        self.switch(RunKind::Guided, sim, step);
    }

    /// Back to the user's own simulation, as they left it.
    pub fn back_to_own(&self) {
        if self.kind.get_untracked() == RunKind::Own || self.slots.with_value(|s| s.embed) {
            return;
        }
        let mut notices = Vec::new();
        let (sim, step) = self.slots.with_value(|s| load_run(&s.own, Start::Demo, &mut notices));
        for n in notices {
            self.notice(n);
        }
        self.switch(RunKind::Own, sim, step);
    }

    fn switch(&self, kind: RunKind, sim: Simulator, step: usize) {
        self.flash.set(None);
        self.kind.set(kind);
        self.step.set(step);
        self.sim.set(sim);
        self.slots.with_value(|s| {
            let _ = s.own.backend().set(ACTIVE_KEY, if kind == RunKind::Guided { "guided" } else { "own" });
        });
        self.persist();
    }

    /// The user's own run as saved (whichever run is on screen).
    fn own_run(&self) -> Simulator {
        if self.kind.get_untracked() == RunKind::Own {
            return self.sim.get_untracked();
        }
        let mut notices = Vec::new();
        let (sim, _) = self.slots.with_value(|s| load_run(&s.own, Start::Demo, &mut notices));
        sim
    }

    /// Replaces the user's own simulation with another run (a shared link or an imported file
    /// the user accepted). The replaced one goes along as a snapshot named `kept`, with its
    /// own snapshots, and its save is also kept aside verbatim: nothing is lost.
    pub fn replace_with(&self, mut incoming: Simulator, kept: String) {
        let own = self.own_run();
        own.keep_in(&mut incoming, kept);
        let now = now();
        let aside = self.slots.with_value(|s| s.own.set_aside(AsideReason::Replaced, &now));
        if let Ok(Some(SetAside { dropped, .. })) = aside {
            if !dropped.is_empty() {
                self.notice(Notice::SetAside { reason: AsideReason::Replaced, dropped: dropped.len() });
            }
        }
        self.switch(RunKind::Own, incoming, 0);
    }

    /// The user declined a shared link or a file: their own simulation stays, and gets a
    /// snapshot named `kept` of where it was (so the answer never changes what is kept).
    pub fn keep_own(&self, kept: String) {
        if self.kind.get_untracked() == RunKind::Own {
            self.update_simulator(|sim| sim.snapshot(kept));
        } else {
            let mut own = self.own_run();
            own.snapshot(kept);
            let run = own.saved(0);
            let now = now();
            let _ = self.slots.with_value(|s| s.own.save(&run, &now));
        }
    }

    /// The run's log as its save slot would hold it (export, share).
    pub fn saved_run(&self) -> SavedRun {
        let step = self.step.get_untracked();
        self.sim.with_untracked(|sim| sim.saved(step))
    }

    /// Another tab changed `key`: if it is the slot on screen and its save is newer, show it
    /// (the newer revision wins) and say so.
    pub fn on_storage_changed(&self, key: &str) {
        let kind = self.kind.get_untracked();
        let (ours, behind) = self.slots.with_value(|s| {
            let store = s.store(kind);
            (store.key() == key, store.is_behind())
        });
        if !(ours && behind) {
            return;
        }
        // Reading the newer save is split out of the first load, like every read of a save.
        let ctx = *self;
        leptos::task::spawn_local(async move { super::split::reload(ctx, kind).await });
    }

    /// Shows the newer save of the `kind` slot (see [`Ctx::on_storage_changed`]).
    pub fn reload(&self, kind: RunKind) {
        let mut notices = Vec::new();
        let start = self.sim.with_untracked(|sim| sim.start.clone());
        let (sim, step) = self.slots.with_value(|s| load_run(s.store(kind), start, &mut notices));
        for n in notices {
            self.notice(n);
        }
        self.flash.set(None);
        self.step.set(step);
        self.sim.set(sim);
        self.notice(Notice::FromOtherTab);
    }

    /// Saves the run on screen to its slot. Another tab's newer save wins: this tab's version
    /// is kept aside (nothing is lost) and the newer one shown. A full or missing store keeps
    /// the app running in memory, with a notice; the next successful save writes everything.
    pub fn persist(&self) {
        let kind = self.kind.get_untracked();
        let run = self.saved_run();
        let now = now();
        let result = self.slots.with_value(|s| s.store(kind).save(&run, &now));
        match result {
            Ok(_) => self.notices.update(|list| list.retain(|n| *n != Notice::Full)),
            Err(StorageError::Stale { .. }) => {
                // Split out of the first load, like every read of a save.
                let ctx = *self;
                leptos::task::spawn_local(async move { super::split::resolve_conflict(ctx, kind, run, now).await });
            }
            Err(StorageError::Unavailable) => self.notice(Notice::MemoryOnly),
            Err(StorageError::Blocked) => self.notice(Notice::Blocked),
            Err(StorageError::Quota | StorageError::Write(_)) => {
                if !self.slots.with_value(|s| s.memory) {
                    self.notice(Notice::Full);
                }
            }
        }
    }

    /// This tab's change lost to another tab's newer save: this tab's version is kept aside,
    /// and the newer one shown (see [`Ctx::persist`]).
    pub fn resolve_conflict(&self, kind: RunKind, run: SavedRun, now: String) {
        let mine = self.slots.with_value(|s| s.store(kind).envelope(&run, &now));
        let _ = self.slots.with_value(|s| s.store(kind).keep_aside(&mine, AsideReason::Conflict, &now));
        self.reload(kind);
        self.dismiss(&Notice::FromOtherTab);
        self.notice(Notice::Conflict);
    }

    /// The set-aside saves (Settings lists them).
    pub fn aside_list(&self) -> Vec<crate::storage::AsideEntry> {
        self.slots.with_value(|s| crate::storage::aside_list(s.own.backend().as_ref()))
    }

    /// A set-aside save's text (to download it).
    pub fn aside_text(&self, key: &str) -> Option<String> {
        self.slots.with_value(|s| s.own.backend().get(key))
    }

    pub fn aside_delete(&self, key: &str) {
        self.slots.with_value(|s| {
            let _ = crate::storage::aside_delete(s.own.backend().as_ref(), key);
        });
    }

    /// The walkthrough section on screen, if any (for the section's own texts).
    pub fn section(&self) -> Option<GuideSection> {
        self.tour().map(|t| t.section)
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
