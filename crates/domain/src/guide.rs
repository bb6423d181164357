//! The guided walkthrough of the guide's sections (G1–G8): each section's steps, what completes
//! each one, and the tour's progress. Pure data and a small state machine; the screens show the
//! steps (their texts are in `public/guide/<lang>.json`, keyed by step id) and feed the tour the
//! routes the user reaches and the events the engine returns.
use serde::{Deserialize, Serialize};

use super::input::{BillingMode, Subsidiary};
use super::journal::{Event, EventKind};
use super::order::OrderPurpose;
use super::section::GuideSection;
use super::state::{AccountStatus, EmailKind, State};

/// What completes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// A step to read: the user presses *Next*.
    Read,
    /// A step to read once the state reaches a condition (the e-mail it speaks of is open):
    /// *Next* moves on only then (issue 20).
    ReadOnce(Condition),
    /// The user reaches a route (a path prefix of the control panel).
    Route(&'static str),
    /// The engine reports one of these events.
    Event(&'static [Seen]),
    /// The state reaches a condition.
    State(Condition),
}

/// A domain event a step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    LoggedIn,
    MethodAdded,
    CreditOrdered,
    DebtSettled,
    ModeScheduled,
    NoneScheduled,
    ModeApplied,
    PstExported,
    TerminationScheduled,
    PlatformTerminated,
    InvoiceIssued,
    ReminderSent,
    SuspendedUnpaid,
    SuspendedOnExpiry,
}

impl Seen {
    fn matches(self, kind: &EventKind) -> bool {
        match (self, kind) {
            (Seen::LoggedIn, EventKind::LoggedIn { .. })
            | (Seen::MethodAdded, EventKind::MethodAdded { .. })
            | (Seen::DebtSettled, EventKind::DebtSettled)
            | (Seen::ModeScheduled, EventKind::ModeChangeScheduled { .. })
            | (Seen::ModeApplied, EventKind::ModeApplied { .. })
            | (Seen::PstExported, EventKind::PstExported { .. })
            | (Seen::TerminationScheduled, EventKind::TerminationScheduled { .. })
            | (Seen::PlatformTerminated, EventKind::PlatformTerminated { .. })
            | (Seen::InvoiceIssued, EventKind::InvoiceIssued { .. })
            | (Seen::ReminderSent, EventKind::ReminderSent { .. })
            | (Seen::SuspendedUnpaid, EventKind::SuspendedUnpaid { .. })
            | (Seen::SuspendedOnExpiry, EventKind::SuspendedOnExpiry { .. }) => true,
            (Seen::CreditOrdered, EventKind::OrderCreated { purpose, .. }) => {
                *purpose == OrderPurpose::Credit
            }
            (Seen::NoneScheduled, EventKind::ModeChangeScheduled { mode, .. }) => {
                *mode == BillingMode::None
            }
            _ => false,
        }
    }
}

/// A condition on the state a step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// R6's alert: every active account of the first platform has been exported (PST).
    EveryAccountExported,
    /// N1, D1.2: the debtor e-mail has been opened (read).
    DebtorEmailRead,
}

impl Condition {
    fn holds(self, state: &State) -> bool {
        match self {
            Condition::EveryAccountExported => state.platforms.first().is_some_and(|p| {
                p.accounts
                    .iter()
                    .filter(|a| a.status == AccountStatus::Active)
                    .all(|a| a.pst_export.is_some())
            }),
            Condition::DebtorEmailRead => state
                .inbox
                .iter()
                .any(|e| e.read && matches!(e.kind, EmailKind::AccountDebtor { .. })),
        }
    }
}

/// A control of the panel the walkthrough can point at. The UI maps each one, in one place, to
/// the element that carries it (its `data-tour` attribute) and to the page it is on, so a step
/// can only name a control that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TourTarget {
    /// The tabs, on every page.
    TabBilling,
    TabExchange,
    TabInbox,
    /// The clock (T2), on every page, and its *Next event* button.
    Clock,
    ClockNext,
    /// L1.
    LoginForm,
    /// Billing's side menu.
    MenuPaymentMethods,
    MenuOvhAccount,
    /// P1–P6: the registered methods, *Add a method* and its form.
    Methods,
    AddMethod,
    MethodForm,
    /// A1–A3, C1–C3, S2–S5: the balance, the settlement in advance, *Credit* and its form, the
    /// purchase orders (and the payer picker of an order's own page), invoices and movements.
    Balance,
    Settlement,
    Credit,
    CreditForm,
    Orders,
    OrderPay,
    Invoices,
    Movements,
    /// N1, D1.2: the debtor e-mail in the inbox.
    InboxDebtor,
    /// The Exchange side menu.
    MenuDashboard,
    MenuBillingMode,
    /// R5–R7: the first platform's accounts, the other platforms' accounts, *Export (PST)*,
    /// *Résilier* and the scheduled termination.
    Accounts,
    OtherAccounts,
    ExportPst,
    Terminate,
    Termination,
    /// R2–R5: the billing mode tab's table and form.
    ModeTable,
    ModeForm,
}

impl TourTarget {
    /// Every target.
    pub const ALL: [TourTarget; 29] = {
        use TourTarget::*;
        [
            TabBilling, TabExchange, TabInbox, Clock, ClockNext, LoginForm, MenuPaymentMethods,
            MenuOvhAccount, Methods, AddMethod, MethodForm, Balance, Settlement, Credit,
            CreditForm, Orders, OrderPay, Invoices, Movements, InboxDebtor, MenuDashboard,
            MenuBillingMode, Accounts, OtherAccounts, ExportPst, Terminate, Termination,
            ModeTable, ModeForm,
        ]
    };
}

/// One step of a section: its text is `public/guide/<lang>.json`'s entry for `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub id: &'static str,
    /// The control the step points at, if any.
    pub target: Option<TourTarget>,
    pub done: Done,
    /// The guide's own alert (the PST export): shown as an alert.
    pub alert: bool,
}

impl Step {
    /// The key of this step's text for a customer of `subsidiary`: the G2 steps that speak of
    /// the bank account (P1: France only) and of its validation (P7) have an Italian-subsidiary
    /// text that says nothing of it (issue 20).
    ///
    /// The steps that quote the run's figures (the invoice's number, its VAT, the debt) have one
    /// for the Italian subsidiary too, since a section runs on the user's subsidiary (22 % VAT,
    /// `IT…` invoices, M2, S1).
    pub fn text_id(&self, subsidiary: Subsidiary) -> &'static str {
        match subsidiary {
            Subsidiary::It => ITALY.iter().find(|(id, _)| *id == self.id).map_or(self.id, |(_, it)| it),
            Subsidiary::Fr => self.id,
        }
    }

    /// Every key this step's text may have, for each subsidiary.
    pub fn text_ids(&self) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = Subsidiary::ALL.iter().map(|&s| self.text_id(s)).collect();
        ids.dedup();
        ids
    }
}

/// The steps whose text differs for the Italian subsidiary, and the key of that text.
const ITALY: &[(&str, &str)] = &[
    ("g1.renewed", "g1.renewed.it"),
    ("g2.kinds", "g2.kinds.it"),
    ("g2.listed", "g2.listed.it"),
    ("g3.balance", "g3.balance.it"),
    ("g3.preview", "g3.preview.it"),
    ("g3.debtor", "g3.debtor.it"),
    ("g4.settled", "g4.settled.it"),
    ("g8.situation", "g8.situation.it"),
    ("g8.arithmetic", "g8.arithmetic.it"),
    ("g8.invoice", "g8.invoice.it"),
    ("g8.debtor", "g8.debtor.it"),
    ("g8.email", "g8.email.it"),
];

const fn read(id: &'static str, target: Option<TourTarget>) -> Step {
    Step { id, target, done: Done::Read, alert: false }
}
const fn alert(id: &'static str, target: Option<TourTarget>) -> Step {
    Step { id, target, done: Done::Read, alert: true }
}
const fn route(id: &'static str, target: TourTarget, path: &'static str) -> Step {
    Step { id, target: Some(target), done: Done::Route(path), alert: false }
}
const fn event(id: &'static str, target: TourTarget, seen: &'static [Seen]) -> Step {
    Step { id, target: Some(target), done: Done::Event(seen), alert: false }
}

use TourTarget as T;

const G1: &[Step] = &[
    read("g1.auto", None),
    route("g1.exchange", T::TabExchange, "/exchange"),
    read("g1.expiry", Some(T::Accounts)),
    event("g1.renew", T::ClockNext, &[Seen::InvoiceIssued]),
    read("g1.renewed", Some(T::Accounts)),
    read("g1.methods", None),
];
const G2: &[Step] = &[
    event("g2.login", T::LoginForm, &[Seen::LoggedIn]),
    route("g2.billing", T::TabBilling, "/billing"),
    route("g2.methods", T::MenuPaymentMethods, "/billing/payment-methods"),
    route("g2.add", T::AddMethod, "/billing/payment-methods/add"),
    event("g2.kinds", T::MethodForm, &[Seen::MethodAdded]),
    read("g2.listed", Some(T::Methods)),
];
const G3: &[Step] = &[
    read("g3.intro", None),
    route("g3.account", T::TabBilling, "/billing/ovh-account"),
    read("g3.balance", Some(T::Balance)),
    read("g3.preview", Some(T::Settlement)),
    event("g3.invoice", T::ClockNext, &[Seen::InvoiceIssued]),
    read("g3.debtor", Some(T::Balance)),
];
const G4: &[Step] = &[
    route("g4.email", T::TabInbox, "/inbox"),
    read("g4.ways", Some(T::InboxDebtor)),
    route("g4.billing", T::TabBilling, "/billing/ovh-account"),
    route("g4.credit", T::Credit, "/billing/ovh-account/credit"),
    event("g4.amount", T::CreditForm, &[Seen::CreditOrdered]),
    event("g4.pay", T::Orders, &[Seen::DebtSettled]),
    read("g4.settled", Some(T::Balance)),
];
const G5: &[Step] = &[
    route("g5.exchange", T::TabExchange, "/exchange"),
    route("g5.tab", T::MenuBillingMode, "/exchange/billing-mode"),
    read("g5.check", Some(T::ModeTable)),
    event("g5.change", T::ModeForm, &[Seen::ModeScheduled]),
    read("g5.no_order", Some(T::ModeTable)),
    event("g5.applied", T::ClockNext, &[Seen::ModeApplied]),
];
const G6: &[Step] = &[
    alert("g6.alert", None),
    route("g6.exchange", T::TabExchange, "/exchange"),
    event("g6.export", T::ExportPst, &[Seen::PstExported]),
    route("g6.tab", T::MenuBillingMode, "/exchange/billing-mode"),
    event("g6.none", T::ModeForm, &[Seen::NoneScheduled]),
    event("g6.expiry", T::ClockNext, &[Seen::SuspendedOnExpiry]),
    read("g6.done", Some(T::Accounts)),
];
const G7: &[Step] = &[
    route("g7.exchange", T::TabExchange, "/exchange"),
    alert("g7.alert", None),
    Step {
        id: "g7.export",
        target: Some(T::ExportPst),
        done: Done::State(Condition::EveryAccountExported),
        alert: false,
    },
    event("g7.terminate", T::Terminate, &[Seen::TerminationScheduled]),
    read("g7.scheduled", Some(T::Termination)),
    event("g7.end", T::ClockNext, &[Seen::PlatformTerminated]),
];
const G8: &[Step] = &[
    read("g8.situation", Some(T::Balance)),
    read("g8.arithmetic", Some(T::Settlement)),
    event("g8.invoice", T::ClockNext, &[Seen::InvoiceIssued]),
    read("g8.debtor", Some(T::Balance)),
    // Issue 20: done once the debtor e-mail is open (it opens by itself when this step points
    // at it), then read: reaching the inbox is not reading it.
    Step {
        id: "g8.email",
        target: Some(T::InboxDebtor),
        done: Done::ReadOnce(Condition::DebtorEmailRead),
        alert: false,
    },
    event("g8.reminder", T::ClockNext, &[Seen::ReminderSent]),
    event("g8.outcome", T::Clock, &[Seen::DebtSettled, Seen::SuspendedUnpaid]),
    read("g8.done", Some(T::Balance)),
];

/// The steps of a section of the walkthrough (empty for `Billing`, which is none).
pub fn steps(section: GuideSection) -> &'static [Step] {
    match section {
        GuideSection::G1 => G1,
        GuideSection::G2 => G2,
        GuideSection::G3 => G3,
        GuideSection::G4 => G4,
        GuideSection::G5 => G5,
        GuideSection::G6 => G6,
        GuideSection::G7 => G7,
        GuideSection::G8 => G8,
        GuideSection::Billing => &[],
    }
}

/// Where a section starts in the control panel.
pub fn start_route(section: GuideSection) -> &'static str {
    match section {
        GuideSection::G2 => "/login",
        GuideSection::G3 | GuideSection::G4 => "/exchange",
        _ => "/billing/ovh-account",
    }
}

/// A walkthrough in progress: the section and the current step (saved with the run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tour {
    pub section: GuideSection,
    pub step: usize,
}

impl Tour {
    pub fn new(section: GuideSection) -> Tour {
        Tour { section, step: 0 }
    }

    pub fn steps(&self) -> &'static [Step] {
        steps(self.section)
    }

    /// The address's query that reopens this tour where it is (issue 20): `guide=g8&step=3`,
    /// the step counted from 1 as the panel shows it (one past the last once finished).
    /// `search` is the address's query as it is (`?next=/inbox`, or empty): its other
    /// parameters are kept, before these two.
    pub fn query(&self, search: &str) -> String {
        let mut params: Vec<&str> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("guide=") && !p.starts_with("step="))
            .collect();
        let own = format!("guide={}&step={}", self.section.slug(), self.step.min(self.steps().len()) + 1);
        params.push(&own);
        format!("?{}", params.join("&"))
    }

    /// The tour an address's query names (`?guide=g8&step=3`, see [`Tour::query`]): its section,
    /// at that step (the first when it has none or a wrong one; the end at most).
    pub fn from_query(search: &str) -> Option<Tour> {
        let param = |name: &str| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|p| p.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v))
        };
        let section = GuideSection::from_slug(param("guide")?)?;
        let step = param("step").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).max(1) - 1;
        Some(Tour { section, step: step.min(steps(section).len()) })
    }

    /// The current step; `None` once the section is finished.
    pub fn current(&self) -> Option<&'static Step> {
        self.steps().get(self.step)
    }

    pub fn is_finished(&self) -> bool {
        self.step >= self.steps().len()
    }

    /// Whether *Next* moves on from the current step: a step to read, or one to read once its
    /// condition holds in `state`.
    pub fn can_next(&self, state: &State) -> bool {
        match self.current().map(|s| s.done) {
            Some(Done::Read) => true,
            Some(Done::ReadOnce(condition)) => condition.holds(state),
            _ => false,
        }
    }

    /// *Next*: only a step to read moves on by it (see [`Tour::can_next`]).
    pub fn next(&mut self, state: &State) -> bool {
        if !self.can_next(state) {
            return false;
        }
        self.step += 1;
        true
    }

    /// *Back*: the previous step.
    pub fn back(&mut self) -> bool {
        if self.step == 0 {
            return false;
        }
        self.step -= 1;
        true
    }

    /// Whether `step`, a step to do, is already done on `path` in `state`: its route (or a
    /// parent of it) is the one the user is on, its condition holds, or the run's journal holds
    /// the event it waits for (issue 20: done before the tour got there, it is not asked
    /// again). No section's start state holds an event one of its steps waits for
    /// (`crates/domain/tests/guide.rs`), so only what the user did counts.
    fn is_done(step: &Step, path: &str, state: &State) -> bool {
        match step.done {
            Done::Route(prefix) => path == prefix || path.starts_with(&format!("{prefix}/")),
            Done::State(condition) => condition.holds(state),
            Done::Event(seen) => state.journal.iter().any(|e| seen.iter().any(|s| s.matches(&e.kind))),
            Done::Read | Done::ReadOnce(_) => false,
        }
    }

    /// The user is on `path` (the app's own path, base removed). Moves on while the current
    /// step is a step to do that is already done there ([`Tour::is_done`]); returns whether it
    /// moved.
    pub fn on_route(&mut self, path: &str, state: &State) -> bool {
        let mut moved = false;
        while let Some(step) = self.current() {
            if !Tour::is_done(step, path, state) {
                break;
            }
            self.step += 1;
            moved = true;
        }
        moved
    }

    /// The engine reported `events` after one of the user's actions, on `path`: moves on when
    /// the current step waited for one of them, then as far as what is done allows.
    pub fn on_events(&mut self, events: &[Event], path: &str, state: &State) -> bool {
        let mut moved = false;
        if let Some(Step { done: Done::Event(seen), .. }) = self.current() {
            if events.iter().any(|e| seen.iter().any(|s| s.matches(&e.kind))) {
                self.step += 1;
                moved = true;
            }
        }
        self.on_route(path, state) || moved
    }
}

/// How a walkthrough is moved on to a later step without the user (issue 19: an embed's
/// `step=N` and its host's `hes:step`), so that the state is as if the earlier steps had been
/// done: the step's own action when it waits for one (the one a user would take), or a skip when
/// it waits for the user to read or to reach a page.
#[derive(Debug, Clone, PartialEq)]
pub enum StepMove {
    /// Hand this action to the engine; the tour moves on when its events are the step's.
    Act(super::action::Action),
    /// The step waits for reading or for a route: move on to the next step.
    Skip,
    /// The section is finished, or the step's action cannot be taken here.
    Stop,
}

/// What moves `tour` on from its current step in `state` (see [`StepMove`]). The actions are
/// the demo's: a Visa card, a credit of the debt (at least C1's 10.00), the debt order paid by
/// bank transfer (D1.2), the first account's mode changed (R3) or set to None (R5), its PST
/// export, the first platform terminated (R6), the clock to the next event (T2).
pub fn step_move(tour: &Tour, state: &State) -> StepMove {
    use super::action::{Action, Advance};
    use super::input::{Amount, CardExpiry, CardNumber, MethodInput, NicHandle};
    use super::order::{OrderStatus, Payer};
    let Some(step) = tour.current() else { return StepMove::Stop };
    let seen = match step.done {
        Done::Read | Done::Route(_) => return StepMove::Skip,
        Done::State(condition) | Done::ReadOnce(condition) if condition.holds(state) => return StepMove::Skip,
        Done::State(Condition::EveryAccountExported) | Done::ReadOnce(Condition::EveryAccountExported) => Seen::PstExported,
        // The e-mail the step points at, opened (issue 20 item 4: the step waits for it).
        Done::State(Condition::DebtorEmailRead) | Done::ReadOnce(Condition::DebtorEmailRead) => {
            return state
                .inbox
                .iter()
                .find(|e| !e.read && matches!(e.kind, EmailKind::AccountDebtor { .. }))
                .map_or(StepMove::Stop, |e| StepMove::Act(Action::MarkEmailRead(e.id)))
        }
        Done::Event(seen) => match seen.first() {
            Some(&seen) => seen,
            None => return StepMove::Skip,
        },
    };
    let active = || state.platforms.first().into_iter().flat_map(|p| &p.accounts).filter(|a| a.status == AccountStatus::Active);
    let action = match seen {
        Seen::LoggedIn => NicHandle::parse("ab12345-ovh").ok().map(|nic| Action::LogIn { nic, subsidiary: state.subsidiary }),
        Seen::MethodAdded => CardNumber::parse("4242 4242 4242 4242")
            .ok()
            .zip(CardExpiry::new(2099, 12))
            .map(|(number, expiry)| Action::AddMethod(MethodInput::Card { number, expiry })),
        Seen::CreditOrdered => {
            let amount = state.account.debt().max(super::billing::credit_floor());
            Amount::parse(&amount.round_dp(2).to_string()).ok().map(Action::Credit)
        }
        Seen::DebtSettled => state
            .orders
            .iter()
            .rev()
            .find(|o| o.status == OrderStatus::Open)
            .map(|o| Action::PayOrder(o.id, Payer::BankTransfer)),
        Seen::ModeScheduled => active().next().map(|a| Action::SetMode {
            accounts: vec![a.id],
            mode: if a.next_mode() == BillingMode::Yearly { BillingMode::Monthly } else { BillingMode::Yearly },
        }),
        Seen::NoneScheduled => active().next().map(|a| Action::SetMode { accounts: vec![a.id], mode: BillingMode::None }),
        Seen::PstExported => active().find(|a| a.pst_export.is_none()).map(|a| Action::ExportPst(a.id)),
        Seen::TerminationScheduled => state.platforms.first().map(|p| Action::Terminate(p.id)),
        Seen::InvoiceIssued
        | Seen::ReminderSent
        | Seen::SuspendedUnpaid
        | Seen::SuspendedOnExpiry
        | Seen::ModeApplied
        | Seen::PlatformTerminated => Some(Action::Advance(Advance::NextEvent)),
    };
    action.map_or(StepMove::Stop, StepMove::Act)
}
