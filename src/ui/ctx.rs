//! The app context shared by every component: the signals the views read, over the tab's
//! [`Session`] (the runs, their save slots and conflicts, in plain Rust beneath the signals).
//! Components read the state through it and change it only with [`Ctx::dispatch`] /
//! [`Ctx::run`] (an `Action` for the domain) and the run-switching calls; the session saves
//! every change itself, once (T3: the save is the run's log). What it reports becomes notices.
use super::browser::now;
use super::drafts::Drafts;
use crate::domain::guide::Tour;
use crate::domain::scenario::{ScenarioId, Start};
use crate::domain::{Action, Event, Preview, Refusal, SavedRun, Simulator, State};
use crate::i18n::Lang;
use crate::session::{Outcome, Report, Session, Stale};
pub use crate::session::{Notice, RunKind};
use leptos::prelude::*;

/// What the last action did, rendered in the current language (so it follows a language switch).
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Done(Vec<Event>),
    Refused(Refusal),
}

/// The run on screen as views read it: the session's simulator, behind its signal.
#[derive(Clone, Copy)]
pub struct Run(RwSignal<Session, LocalStorage>);

impl Run {
    pub fn with<R>(&self, f: impl FnOnce(&Simulator) -> R) -> R { self.0.with(|s| f(s.sim())) }
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Simulator) -> R) -> R { self.0.with_untracked(|s| f(s.sim())) }
    pub fn track(&self) { self.0.track() }
}

#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub sim: Run,
    /// Which run is on screen, and its progress (its walkthrough step, or the scenario's next
    /// beat), in step with the session after each call.
    pub kind: RwSignal<RunKind>,
    pub step: RwSignal<usize>,
    pub flash: RwSignal<Option<Flash>>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The app's own path (base removed), kept by the router (`ui::App`).
    pub path: RwSignal<String>,
    /// In an embed: its slot's name (from its link).
    pub embed: Option<&'static str>,
    /// Where the run on screen started (changes only when another run is opened).
    pub start: Memo<Start>,
    /// What the next event day will do, once per change (the clock bar and settlement share
    /// it): made by the first to read it ([`Ctx::preview`]), so the first load, which shows
    /// neither, has none of the engine's code.
    preview: StoredValue<Option<Memo<Option<Preview>>>, LocalStorage>,
    /// The app's root owner, which the memos made on first use belong to.
    owner: StoredValue<Owner, LocalStorage>,
    /// A scenario is being recorded (issue 18): the panel beside the page is the recorder's.
    pub recording: RwSignal<bool>,
    /// What to do with a write that lost to another tab: the root's, loaded when first needed.
    on_stale: fn(Ctx, Stale),
    drafts: StoredValue<Drafts, LocalStorage>,
}

impl Ctx {
    /// The app's context on `session` (opened and read by `ui::start`, which found `report`).
    pub fn new(lang: Lang, session: Session, report: Report, embed: Option<&'static str>, on_stale: fn(Ctx, Stale)) -> Ctx {
        let (kind, step) = (session.kind(), session.step());
        let session = RwSignal::new_local(session);
        let ctx = Self {
            lang: RwSignal::new(lang),
            sim: Run(session),
            kind: RwSignal::new(kind),
            step: RwSignal::new(step),
            flash: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            path: RwSignal::new(String::new()),
            embed,
            start: Memo::new(move |_| session.with(|s| s.sim().start.clone())),
            preview: StoredValue::new_local(None),
            owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
            // Issue 18: a recording kept across a reload (never in an embed).
            recording: RwSignal::new(embed.is_none() && super::prefs::recording_kept()),
            on_stale,
            drafts: StoredValue::new_local(Drafts::new()),
        };
        ctx.tell(report);
        ctx
    }

    /// What the next event day will do (T2), recomputed once per change of the state for all
    /// its readers.
    pub fn preview(&self) -> Memo<Option<Preview>> {
        if let Some(memo) = self.preview.get_value() {
            return memo;
        }
        let sim = self.sim;
        let memo = self.owner.with_value(|owner| owner.with(|| Memo::new(move |_| sim.with(|s| s.state.preview_next_event()))));
        self.preview.set_value(Some(memo));
        memo
    }

    /// The catalogue and language for a component's static texts. Untracked: a language switch
    /// re-renders the whole panel (see `ui::App`), so the texts need no reactive closure each,
    /// which keeps the wasm small (README, "Size"); what the user typed is kept ([`Ctx::draft`]).
    pub fn texts(&self) -> (&'static crate::i18n::Texts, Lang) {
        self.lang.with_untracked(|lang| (lang.t(), *lang))
    }

    /// What the user typed in the form field `key` (one key per field): the same signal while
    /// the form is on the page and across a language switch's redraw (`ui::drafts`).
    pub fn draft<T: Clone + Send + Sync + 'static>(&self, key: impl Into<String>, init: impl FnOnce() -> T) -> RwSignal<T> {
        Drafts::get(self.drafts, self.lang, key.into(), init)
    }

    /// Shows a lasting notice once.
    pub fn notice(&self, notice: Notice) {
        self.notices.update(|list| if !list.contains(&notice) { list.push(notice) });
    }

    pub fn dismiss(&self, notice: &Notice) {
        self.notices.update(|list| list.retain(|n| n != notice));
    }

    /// A part of the state, recomputed when the state changes but passed on only when it
    /// changed itself: what renders a part of the page reads one of these, so an action
    /// re-renders only what it changed (README, "Performance").
    pub fn memo<T: PartialEq + Clone + Send + Sync + 'static>(&self, f: impl Fn(&State) -> T + Send + Sync + 'static) -> Memo<T> {
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

    /// The walkthrough in progress, if the run is a section (tracked on the start and the step).
    pub fn tour(&self) -> Option<Tour> {
        let Start::Section(section, _) = self.start_of_run() else { return None };
        Some(Tour { section, step: self.step.get() })
    }

    /// The scenario on screen, if any.
    pub fn scenario(&self) -> Option<ScenarioId> {
        let Start::Scenario(id, _) = self.start_of_run() else { return None };
        Some(id)
    }

    /// The subsidiary a section or a scenario opened now runs on (L2, issue 20): the one the
    /// user chose in their own simulation, else the interface language's.
    pub fn guide_subsidiary(&self) -> crate::domain::Subsidiary {
        self.session(Session::own_subsidiary).unwrap_or_else(|| crate::i18n::default_subsidiary(self.lang.get_untracked()))
    }

    pub fn is_embed(&self) -> bool {
        self.embed.is_some()
    }

    /// Hands an action to the domain ([`Session::act`]). On success the events are shown; on
    /// refusal nothing changes (nothing re-renders, so an open form stays as the user left it)
    /// and the caller shows the reason.
    pub fn dispatch(&self, action: Action) -> Result<Vec<Event>, Refusal> {
        let (path, mut outcome) = (self.path.get_untracked(), Ok(Vec::new()));
        self.change(true, |s, now| {
            let report;
            (outcome, report) = s.act(action, &path, now);
            report
        });
        if let Ok(events) = &outcome {
            self.flash.set(Some(Flash::Done(events.clone())));
        }
        outcome
    }

    /// Like [`Ctx::dispatch`] for buttons with no form of their own: a refusal goes to the
    /// page's message area.
    pub fn run(&self, action: Action) -> bool {
        let done = self.dispatch(action);
        if let Err(refusal) = &done {
            self.flash.set(Some(Flash::Refused(refusal.clone())));
        }
        done.is_ok()
    }

    /// The user reached a route: the walkthrough moves on if it waited for it.
    pub fn on_route(&self, path: &str) {
        self.path.set(path.to_string());
        self.change(false, |s, now| s.reach(path, now));
    }

    /// The walkthrough's Back/Next, a scenario's beat.
    pub fn set_step(&self, step: usize) {
        self.change(false, |s, now| s.set_step(step, now));
    }

    /// Snapshots taken, restored or deleted (T2).
    pub fn update_simulator(&self, f: impl FnOnce(&mut Simulator)) {
        self.change(true, |s, now| s.edit(f, now));
    }

    pub fn reset(&self) {
        self.change(true, |s, now| s.reset(now));
    }

    pub fn open_guided(&self, start: Start, fresh: bool) {
        self.change(true, |s, now| s.open_guided(start, fresh, now));
    }

    pub fn back_to_own(&self) {
        self.change(true, |s, now| s.back_to_own(now));
    }

    /// An accepted link or file replaces the user's own simulation, kept as snapshot `kept`.
    pub fn replace_with(&self, incoming: Simulator, kept: String) {
        self.change(true, |s, now| s.replace_with(incoming, kept, now));
    }

    /// A declined link or file: the user's own simulation gets a snapshot named `kept`.
    pub fn keep_own(&self, kept: String) {
        self.change(true, |s, now| s.keep_own(kept, now));
    }

    /// Reads the session (untracked): the set-aside saves, whether another tab saved newer.
    pub fn session<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        self.sim.0.with_untracked(f)
    }

    /// The run's log as its save slot would hold it (export, share).
    pub fn saved_run(&self) -> SavedRun {
        self.session(Session::saved_run)
    }

    /// One session call that may change the run (every change goes through here): when it did,
    /// and not only its step (`run`), its readers are told and messages about the state it left
    /// go; the run kind and step signals follow the session, and its report becomes notices.
    pub fn change(&self, run: bool, f: impl FnOnce(&mut Session, &str) -> Report) {
        let now = now();
        let (before, report) = self.sim.0.update_untracked(|s| (s.changes(), f(s, &now)));
        let (changes, kind, step) = self.session(|s| (s.changes(), s.kind(), s.step()));
        if run && changes != before {
            self.flash.set(None);
            self.sim.0.notify();
        }
        self.kind.maybe_update(|k| std::mem::replace(k, kind) != kind);
        self.step.maybe_update(|s| std::mem::replace(s, step) != step);
        self.tell(report);
    }

    fn tell(&self, report: Report) {
        for outcome in report {
            match outcome {
                Outcome::Saved(_) => { self.notices.update(|l| l.retain(|n| !n.ends_with_a_save())); if !self.is_embed() { super::browser::ask_to_keep_data() } }
                Outcome::Stale(stale) => (self.on_stale)(*self, stale),
                // The newer save on screen is the conflict's: one notice says both.
                Outcome::Notice(Notice::Conflict) => {
                    self.dismiss(&Notice::FromOtherTab);
                    self.notice(Notice::Conflict);
                }
                Outcome::Notice(notice) => self.notice(notice),
                Outcome::Refused(refusal) => self.flash.set(Some(Flash::Refused(refusal))),
            }
        }
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
