//! The session: the runs a tab plays, their save slots, and what the user is told about them.
//! Plain Rust, beneath the shell's signals: no Leptos, no web-sys, no clock (the time of a save
//! is a parameter, `now`, RFC 3339), so every path is tested natively on a [`MemoryStore`]
//! (`tests.rs`).
//!
//! - **The runs.** The run on screen is the user's own simulation ([`RunKind::Own`], slot
//!   [`SAVE_KEY`]), or a walkthrough section or scenario played apart from it
//!   ([`RunKind::Guided`], slot [`GUIDED_KEY`]); an embed has one run in a slot of its own
//!   ([`embed_key`]) and no own simulation to go back to. [`ACTIVE_KEY`] remembers which run the
//!   full app shows, so that a reload comes back to it.
//! - **Saving (T3: the save is the run's log).** Every change goes through [`Session::change`],
//!   which saves the run on screen once, if it changed: the one place that writes it. A refused
//!   action changes nothing and saves nothing (the domain is atomic).
//! - **Revisions and conflicts.** A write over another save than the one this tab read or wrote
//!   is refused by the store: it comes back as [`Outcome::Stale`], and
//!   [`Session::resolve_conflict`] keeps this tab's version aside and shows the newer one.
//!   Another tab's save is shown by [`Session::reload`], which first keeps this tab's version
//!   aside if that save replaced its last write without including it (two tabs that wrote at
//!   once, decision 121).
//! - **Set-aside saves.** A save that cannot be used (unreadable, other rules, a log that no
//!   longer replays) is set aside, never dropped, and reported.
//!
//! Every method that reports returns a [`Report`]: what the shell turns into notices. The
//! methods that read a save ([`Session::read_saved`], [`Session::reload`],
//! [`Session::resolve_conflict`]) are called by the shell from code it loads lazily (README,
//! "Code splitting"): nothing on the path of a click calls them.
use std::rc::Rc;

use crate::domain::guide::Tour;
use crate::domain::scenario::Start;
use crate::domain::{Action, Event, Refusal, ReplayError, SavedRun, Simulator, Subsidiary};
use crate::storage::{
    aside_delete, aside_list, embed_key, keep_embeds, AsideEntry, AsideReason, Elsewhere, KeyValue, LoadOutcome,
    LocalStore, MemoryStore, SetAside, StorageError, Store, ACTIVE_KEY, GUIDED_KEY, SAVE_KEY,
};

#[cfg(test)]
mod tests;

/// Which run is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// The user's own simulation (the demo and whatever they did since).
    Own,
    /// A walkthrough section or a scenario, played apart from the user's own (or an embed's run).
    Guided,
}

/// A lasting notice: what the session reports about the save (never a silent reset), and the
/// two the shell adds about the app itself.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Notice {
    /// No localStorage: the app runs in memory and nothing will be kept.
    MemoryOnly,
    /// The store is full: the app keeps running in memory; the next successful save writes all.
    Full,
    /// A save was set aside (kept verbatim, listed in Settings); `dropped` older ones deleted.
    SetAside { reason: AsideReason, dropped: usize },
    /// An unreadable save could not even be set aside; it is left untouched.
    Blocked,
    /// Another tab saved a newer version of this simulation: it is shown now.
    FromOtherTab,
    /// The browser refused the write for another reason than a full store (its error's name,
    /// such as `SecurityError`): the app keeps running in memory; the next save that succeeds
    /// writes all.
    WriteRefused(String),
    /// This tab's last change lost to a newer save from another tab; it was kept aside.
    Conflict,
    /// Another language's texts could not be loaded (offline). The shell's own.
    LangFailed,
    /// A new version of the app is ready; it is used after a reload the user agrees to. The
    /// shell's own.
    UpdateReady,
}

impl Notice {
    /// Whether the notice is about a write that failed, which the next save that succeeds
    /// answers (it wrote everything).
    pub fn ends_with_a_save(&self) -> bool {
        matches!(self, Notice::Full | Notice::WriteRefused(_))
    }
}

/// One thing a change or a read did that the shell must know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The run was written to its slot, at this revision (a "store full" notice can go).
    Saved(u64),
    /// Another tab wrote the slot first: nothing was written. [`Session::resolve_conflict`]
    /// keeps this version aside and shows the newer one.
    Stale(Stale),
    /// Something to tell the user.
    Notice(Notice),
    /// The change was made, but a part of it was refused (B4: no room left for a snapshot), and
    /// the refusal says why.
    Refused(Refusal),
}

/// What a session call did, in order.
pub type Report = Vec<Outcome>;

/// A write that lost to another tab's newer save: the run it would have written, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    kind: RunKind,
    run: SavedRun,
    at: String,
}

/// The runs of one tab and their save slots.
pub struct Session {
    own: Store<Rc<dyn KeyValue>>,
    guided: Store<Rc<dyn KeyValue>>,
    /// `localStorage` was not available: everything lives in memory.
    memory: bool,
    /// An embed: the start its link names (its slot is both `own` and `guided`).
    embed: Option<Start>,
    kind: RunKind,
    sim: Simulator,
    /// The guided run's progress: its walkthrough step, or the scenario's next beat.
    step: usize,
    /// How many times the run on screen changed ([`Session::changes`]).
    changes: u64,
}

impl Session {
    /// The browser's session: on `localStorage`, or in memory when it is not there (and the
    /// report says so). `embed`: the embed's slot name and start. Reads no save yet, and an
    /// embed's run is not built yet: [`Session::begin`] builds it (split out of the first load
    /// with the engine, which building a section's or a scenario's start needs).
    pub fn in_browser(embed: Option<(&str, Start)>) -> (Session, Report) {
        match LocalStore::new() {
            Ok(kv) => (Session::open_unbegun(Rc::new(kv), false, embed), Vec::new()),
            Err(_) => (Session::open_unbegun(Rc::new(MemoryStore::new()), true, embed), vec![Outcome::Notice(Notice::MemoryOnly)]),
        }
    }

    /// A session on `kv` (`memory`: nothing outlives the tab). The run starts fresh, from the
    /// demo or from the embed's start; [`Session::read_saved`] then reads the slots.
    pub fn open(kv: Rc<dyn KeyValue>, memory: bool, embed: Option<(&str, Start)>) -> Session {
        let mut session = Session::open_unbegun(kv, memory, embed);
        session.begin();
        session
    }

    /// Builds an embed's run from its start, fresh ([`Session::in_browser`] leaves it to this);
    /// the full app's run is the demo's, already there.
    pub fn begin(&mut self) {
        if let Some(start) = &self.embed {
            self.sim = Simulator::new(start.clone());
        }
    }

    /// [`Session::open`] with the demo's run on screen until [`Session::begin`].
    fn open_unbegun(kv: Rc<dyn KeyValue>, memory: bool, embed: Option<(&str, Start)>) -> Session {
        let (own, guided) = match &embed {
            None => (Store::with_key(kv.clone(), SAVE_KEY), Store::with_key(kv, GUIDED_KEY)),
            // Its own slot, named from its link: never the full app's save.
            Some((slot, _)) => {
                let key = embed_key(slot);
                (Store::with_key(kv.clone(), &key), Store::with_key(kv, &key))
            }
        };
        let embed = embed.map(|(_, start)| start);
        let kind = if embed.is_some() { RunKind::Guided } else { RunKind::Own };
        Session { own, guided, memory, embed, kind, sim: Simulator::demo(), step: 0, changes: 0 }
    }

    /// Whether a slot holds anything to read (a first visit has nothing).
    pub fn has_save(&self) -> bool {
        self.own.raw().is_some() || self.guided.raw().is_some()
    }

    /// Reads the run on screen from its slot: in the full app the guided run if it was on
    /// screen, else the user's own; in an embed its own slot, if it holds the run its link
    /// names. A save that cannot be used is set aside and reported.
    pub fn read_saved(&mut self, now: &str) -> Report {
        let mut report = Vec::new();
        (self.kind, (self.sim, self.step)) = match self.embed.clone() {
            None => {
                let active = self.own.backend().get(ACTIVE_KEY);
                let guided = (active.as_deref() == Some("guided") && self.guided.raw().is_some())
                    .then(|| load(&self.guided, Start::Demo, now, &mut report))
                    // A guided run that could not be read comes back as the user's own.
                    .filter(|(sim, _)| sim.start != Start::Demo);
                match guided {
                    Some(run) => (RunKind::Guided, run),
                    None => (RunKind::Own, load(&self.own, Start::Demo, now, &mut report)),
                }
            }
            Some(start) => (RunKind::Guided, load_same(&self.guided, start, now, &mut report)),
        };
        report
    }

    pub fn sim(&self) -> &Simulator {
        &self.sim
    }

    pub fn kind(&self) -> RunKind {
        self.kind
    }

    pub fn step(&self) -> usize {
        self.step
    }

    pub fn is_embed(&self) -> bool {
        self.embed.is_some()
    }

    /// How many times the run on screen has changed (its simulator, its step, or which run it
    /// is): the shell tells the run's readers when this moved.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// The walkthrough in progress, if the run is a section of the guide.
    pub fn tour(&self) -> Option<Tour> {
        match self.sim.start {
            Start::Section(section, _) => Some(Tour { section, step: self.step }),
            _ => None,
        }
    }

    /// The subsidiary the user chose in their own simulation (L2), whichever run is on screen
    /// (read from its slot without replaying it when a guided run is): a section or a scenario
    /// opened now runs on it (issue 20). `None` when nothing was chosen, and in an embed.
    pub fn own_subsidiary(&self) -> Option<Subsidiary> {
        match (self.kind, &self.embed) {
            (_, Some(_)) => None,
            (RunKind::Own, None) => self.sim.chosen_subsidiary(),
            (RunKind::Guided, None) => self.own.peek::<SavedRun>().and_then(|run| run.chosen_subsidiary()),
        }
    }

    /// The run's log as its save slot holds it (export, share).
    pub fn saved_run(&self) -> SavedRun {
        self.sim.saved(self.step)
    }

    /// A user's action on `path` (the app's own path): on success the walkthrough moves on if
    /// the action was its step, and the run is saved; on refusal nothing changes.
    pub fn act(&mut self, action: Action, path: &str, now: &str) -> (Result<Vec<Event>, Refusal>, Report) {
        let mut result = Ok(Vec::new());
        let report = self.change(now, |s, _| {
            result = s.sim.apply(action);
            let Ok(events) = &result else { return false };
            if let Some(mut tour) = s.tour() {
                if tour.on_events(events, path, &s.sim.state) {
                    s.step = tour.step;
                }
            }
            true
        });
        (result, report)
    }

    /// The user reached `path`: the walkthrough moves on (and is saved) if it waited for it.
    pub fn reach(&mut self, path: &str, now: &str) -> Report {
        self.change(now, |s, _| {
            let Some(mut tour) = s.tour() else { return false };
            let moved = tour.on_route(path, &s.sim.state);
            s.step = tour.step;
            moved
        })
    }

    /// Sets the guided run's progress (the walkthrough's Back/Next, a scenario's beat).
    pub fn set_step(&mut self, step: usize, now: &str) -> Report {
        self.change(now, |s, _| {
            s.step = step;
            true
        })
    }

    /// Changes the run as a whole (T2: a snapshot taken, restored or deleted).
    pub fn edit(&mut self, f: impl FnOnce(&mut Simulator), now: &str) -> Report {
        self.change(now, |s, _| {
            f(&mut s.sim);
            true
        })
    }

    /// Starts the run again from its own start, at its first step; the customer stays logged
    /// in (in the user's own simulation) and snapshots are kept. Saved once.
    pub fn reset(&mut self, now: &str) -> Report {
        self.change(now, |s, _| {
            s.restart();
            true
        })
    }

    fn restart(&mut self) {
        let customer = self.sim.state.customer.clone();
        self.sim.reset();
        if let (RunKind::Own, Some(customer)) = (self.kind, customer) {
            let _ = self.sim.apply(Action::LogIn { nic: customer.nic, subsidiary: customer.subsidiary });
        }
        self.step = 0;
    }

    /// Opens a walkthrough section or a scenario apart from the user's own simulation (which
    /// stays saved as it is). The same one in progress is resumed, from the screen or from its
    /// slot; `fresh` starts it again. An embed has only its own run: `fresh` restarts it.
    pub fn open_guided(&mut self, start: Start, fresh: bool, now: &str) -> Report {
        self.change(now, |s, report| {
            if s.embed.is_some() {
                if fresh {
                    s.restart();
                }
                return fresh;
            }
            if s.kind == RunKind::Guided && s.sim.start == start && !fresh {
                return false;
            }
            // Read even when starting afresh: the write then replaces the save it read (one
            // it cannot use is set aside first), never one it did not (decision 121).
            let found = load_same(&s.guided, start.clone(), now, report);
            let run = if fresh { (Simulator::new(start), 0) } else { found };
            s.switch(RunKind::Guided, run);
            true
        })
    }

    /// A share embed (`/embed/#s=…`, issue 19): its run is the one of the link it was opened
    /// with (`incoming`, already checked whole), whatever that run's start; on a reload, with no
    /// link, the run its slot holds. Saved at once.
    pub fn open_shared(&mut self, incoming: Option<(Simulator, usize)>, now: &str) -> Report {
        let mut report = Vec::new();
        let (sim, step) = match incoming {
            Some(run) => run,
            None => load(&self.guided, Start::Demo, now, &mut report),
        };
        self.embed = Some(sim.start.clone());
        self.kind = RunKind::Guided;
        report.extend(self.change(now, |s, _| {
            s.sim = sim;
            s.step = step;
            true
        }));
        report
    }

    /// An embed's host page sends a scenario file (`hes:load`, issue 18): the embed's one run
    /// becomes the file's, from its start (in an embed, `open_guided` only restarts its run).
    /// Nothing outside an embed.
    pub fn open_in_embed(&mut self, start: Start, now: &str) -> Report {
        self.change(now, |s, _| {
            if s.embed.is_none() {
                return false;
            }
            s.embed = Some(start.clone());
            s.kind = RunKind::Guided;
            s.sim = Simulator::new(start);
            s.step = 0;
            true
        })
    }

    /// Back to the user's own simulation, as they left it (nothing in an embed).
    pub fn back_to_own(&mut self, now: &str) -> Report {
        self.change(now, |s, report| {
            if s.kind == RunKind::Own || s.embed.is_some() {
                return false;
            }
            let run = load(&s.own, Start::Demo, now, report);
            s.switch(RunKind::Own, run);
            true
        })
    }

    /// Replaces the user's own simulation with another run (a shared link or an imported file
    /// the user accepted). The replaced one goes along as a snapshot named `kept`, with its own
    /// snapshots, and its save is also kept aside verbatim: nothing is lost.
    pub fn replace_with(&mut self, mut incoming: Simulator, kept: String, now: &str) -> Report {
        self.change(now, |s, report| {
            // B4: when the incoming run cannot keep the own one as a snapshot, the own save is
            // still set aside verbatim below, and the refusal says why it is not a snapshot.
            if let Err(refusal) = s.own_run(now, report).keep_in(&mut incoming, kept) {
                report.push(Outcome::Refused(refusal));
            }
            if let Ok(Some(SetAside { dropped, .. })) = s.own.set_aside(AsideReason::Replaced, now) {
                if !dropped.is_empty() {
                    report.push(Outcome::Notice(Notice::SetAside { reason: AsideReason::Replaced, dropped: dropped.len() }));
                }
            }
            s.switch(RunKind::Own, (incoming, 0));
            true
        })
    }

    /// The user declined a shared link or a file: their own simulation stays, and gets a
    /// snapshot named `kept` of where it was (so the answer never changes what is kept).
    pub fn keep_own(&mut self, kept: String, now: &str) -> Report {
        self.change(now, |s, report| {
            if s.kind == RunKind::Own {
                if let Err(refusal) = s.sim.snapshot(kept) {
                    report.push(Outcome::Refused(refusal));
                    return false;
                }
                return true;
            }
            // The run on screen is the guided one: the own run is written to its slot (B4: with
            // the most snapshots already kept, it is left as it is, and the refusal says so).
            let mut own = s.own_run(now, report);
            if let Err(refusal) = own.snapshot(kept) {
                report.push(Outcome::Refused(refusal));
                return false;
            }
            s.write(RunKind::Own, &own.saved(0), now, report);
            false
        })
    }

    /// Whether another tab saved the slot on screen (`key`, from the `storage` event) with a
    /// newer revision than this tab's: [`Session::reload`] then shows it.
    pub fn is_newer_elsewhere(&self, key: &str) -> bool {
        let store = self.store(self.kind);
        store.key() == key && store.is_behind()
    }

    /// Shows another tab's save of the slot on screen (the save in storage wins). When it
    /// replaced this tab's last write without including it (the two tabs wrote at once:
    /// [`Elsewhere::Lost`]), this tab's version is first kept aside, and that is said
    /// ([`Notice::Conflict`]); otherwise [`Notice::FromOtherTab`]. Nothing if the slot holds
    /// what this tab knows (decision 121).
    pub fn reload(&mut self, now: &str) -> Report {
        let mut report = Vec::new();
        let notice = match self.store(self.kind).elsewhere() {
            Elsewhere::Same => return report,
            Elsewhere::Changed => Notice::FromOtherTab,
            Elsewhere::Lost => {
                let store = self.store(self.kind);
                let _ = store.keep_aside(&store.envelope(&self.saved_run(), now), AsideReason::Conflict, now);
                Notice::Conflict
            }
        };
        self.reread(now, &mut report);
        report.push(Outcome::Notice(notice));
        report
    }

    fn reread(&mut self, now: &str, report: &mut Report) {
        self.changes += 1;
        let start = self.sim.start.clone();
        (self.sim, self.step) = load(self.store(self.kind), start, now, report);
    }

    /// This tab's write lost to another tab's newer save ([`Outcome::Stale`]): this tab's
    /// version is kept aside (nothing is lost), and the newer one is shown if it is the run on
    /// screen. Reported as [`Notice::Conflict`].
    pub fn resolve_conflict(&mut self, stale: Stale, now: &str) -> Report {
        let mut report = Vec::new();
        let store = self.store(stale.kind);
        let mine = store.envelope(&stale.run, &stale.at);
        let _ = store.keep_aside(&mine, AsideReason::Conflict, &stale.at);
        if stale.kind == self.kind {
            self.reread(now, &mut report);
        }
        report.push(Outcome::Notice(Notice::Conflict));
        report
    }

    /// The set-aside saves (Settings lists them), oldest first.
    pub fn aside_list(&self) -> Vec<AsideEntry> {
        aside_list(self.own.backend().as_ref())
    }

    /// A set-aside save's text (to download it).
    pub fn aside_text(&self, key: &str) -> Option<String> {
        self.own.backend().get(key)
    }

    pub fn aside_delete(&self, key: &str) {
        let _ = aside_delete(self.own.backend().as_ref(), key);
    }

    /// Every change of the tab's runs goes through here: `f` changes them and says whether the
    /// run on screen changed; if it did, it is saved, once. The one place that saves it.
    fn change(&mut self, now: &str, f: impl FnOnce(&mut Self, &mut Report) -> bool) -> Report {
        let mut report = Vec::new();
        if f(self, &mut report) {
            self.changes += 1;
            let run = self.saved_run();
            self.write(self.kind, &run, now, &mut report);
        }
        report
    }

    /// Writes `run` to the slot of `kind`. Another tab's newer save wins ([`Outcome::Stale`]);
    /// a full or missing store keeps the app running in memory, with a notice.
    fn write(&self, kind: RunKind, run: &SavedRun, now: &str, report: &mut Report) {
        let store = self.store(kind);
        report.push(match store.save(run, now) {
            Ok(revision) => {
                // An embed's slot is one of the newest MAX_EMBEDS kept (decision 123).
                if self.embed.is_some() {
                    keep_embeds(store.backend().as_ref(), store.key());
                }
                Outcome::Saved(revision)
            }
            Err(StorageError::Stale { .. }) => Outcome::Stale(Stale { kind, run: run.clone(), at: now.to_string() }),
            Err(StorageError::Unavailable) => Outcome::Notice(Notice::MemoryOnly),
            Err(StorageError::Blocked) => Outcome::Notice(Notice::Blocked),
            // In memory the user was told already that nothing is kept.
            Err(StorageError::Quota | StorageError::Write(_)) if self.memory => return,
            Err(StorageError::Quota) => Outcome::Notice(Notice::Full),
            // Not "full": what the browser said (decision 124).
            Err(StorageError::Write(name)) => Outcome::Notice(Notice::WriteRefused(name)),
        });
    }

    fn store(&self, kind: RunKind) -> &Store<Rc<dyn KeyValue>> {
        match kind {
            RunKind::Own => &self.own,
            RunKind::Guided => &self.guided,
        }
    }

    /// Puts `run` on screen as the `kind` run (the full app remembers which).
    fn switch(&mut self, kind: RunKind, (sim, step): (Simulator, usize)) {
        self.kind = kind;
        (self.sim, self.step) = (sim, step);
        let _ = self.own.backend().set(ACTIVE_KEY, if kind == RunKind::Guided { "guided" } else { "own" });
    }

    /// The user's own run: the one on screen (taken, since it is about to be replaced or
    /// written), or the one its slot holds.
    fn own_run(&mut self, now: &str, report: &mut Report) -> Simulator {
        match self.kind {
            RunKind::Own => std::mem::replace(&mut self.sim, Simulator::new(Start::Demo)),
            RunKind::Guided => load(&self.own, Start::Demo, now, report).0,
        }
    }
}

/// The run `store` holds and its step, or a fresh run from `fallback` when the slot is empty
/// or its save cannot be used (which is then set aside and reported, never dropped silently).
fn load(store: &Store<Rc<dyn KeyValue>>, fallback: Start, now: &str, report: &mut Report) -> (Simulator, usize) {
    let mut set_aside = |reason: AsideReason| {
        report.push(Outcome::Notice(match store.set_aside(reason.clone(), now) {
            Ok(Some(SetAside { dropped, .. })) => Notice::SetAside { reason, dropped: dropped.len() },
            _ => Notice::Blocked,
        }))
    };
    match store.load::<SavedRun>(now) {
        LoadOutcome::Loaded { state: run, .. } => match Simulator::from_saved(&run) {
            Ok(sim) => return (sim, run.step),
            Err(ReplayError::OtherRules { found }) => set_aside(AsideReason::OtherRules { found }),
            Err(ReplayError::Refused { index, .. }) => set_aside(AsideReason::Replay { index }),
            Err(ReplayError::Bounds(error)) => set_aside(AsideReason::Bounds(error)),
        },
        LoadOutcome::SetAside(SetAside { entry, dropped }) => {
            report.push(Outcome::Notice(Notice::SetAside { reason: entry.reason, dropped: dropped.len() }))
        }
        LoadOutcome::Blocked(_) => report.push(Outcome::Notice(Notice::Blocked)),
        LoadOutcome::Fresh => {}
    }
    (Simulator::new(fallback), 0)
}

/// Like [`load`], but only a run from `start` is taken: the slot may hold another one (the
/// guided slot another section, an embed's slot an older link's run).
fn load_same(store: &Store<Rc<dyn KeyValue>>, start: Start, now: &str, report: &mut Report) -> (Simulator, usize) {
    let (sim, step) = load(store, start.clone(), now, report);
    if sim.start == start { (sim, step) } else { (Simulator::new(start), 0) }
}
