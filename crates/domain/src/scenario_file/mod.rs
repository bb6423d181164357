//! Scenario files: a scenario as data (docs/scenario-format.md), written by hand or recorded in
//! the app, played beat by beat and checked against its own expectations.
//!
//! The domain never reads JSON. [`raw`] mirrors the file with plain strings and numbers
//! (`serde`), the app deserialises the text into it, and [`Scenario::from_raw`] turns it into
//! typed values (amounts, dates, modes, parsed payment details, references) or names the JSON
//! path of the first thing wrong and why ([`ScenarioError`]). What reaches the engine is only
//! ever an [`Action`] resolved from a typed [`ScenarioAction`] against the current state.
//!
//! - [`Scenario::play`] plays a whole file (the load gate's bounded replay, and the native tests);
//!   the player plays it beat by beat with [`Scenario::beat_action`].
//! - [`Expectation::check`] compares a state with an expectation: a failed check never stops
//!   the play, it is reported with both values ([`Check`]).
//! - [`record`] turns a recorded run into a scenario, and [`Scenario::to_raw`] back into the
//!   mirror that the app writes as JSON.

mod check;
mod file_start;
mod parse;
mod play;
pub mod raw;
mod record;

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{Action, Amount, BillingMode, GuideSection, Invariant, LocalPart, MethodId, MethodInput, NicHandle, Refusal, Situation, SituationError, Subsidiary};
use crate::{AmountError, CardExpiryError, CardNumberError, EmailError, IbanError, LocalPartError, NicError};

pub use check::{Check, Checked, InvoiceState, MailKind, Observed, PlatformState, MAIL_NAMES};
pub use parse::{ACCOUNT_STATES, INVOICE_STATES, PLATFORM_STATES};
pub use play::Played;
pub use record::{record, RecordedBeat, Recording};
pub use file_start::FileStart;

// ---------- the format's version and bounds ----------

/// The version of the format this build reads and writes (the file's `version`).
pub const FORMAT_VERSION: u32 = 1;
/// At most this many beats in a file (a bounded replay; the run caps of the engine apply too).
pub const MAX_BEATS: usize = 200;
/// At most this many set-up actions (a recording made from the current state carries the run
/// so far as its set-up).
pub const MAX_SETUP: usize = 1000;
/// At most this many expectations.
pub const MAX_EXPECT: usize = 500;
/// The longest text (a title, a summary, a caption), in characters.
pub const MAX_TEXT: usize = 2000;
/// The longest name or reference (a platform, a domain, an address, an order), in characters.
pub const MAX_NAME: usize = 100;
/// At most this many platforms added to the demo, and accounts on each.
pub const MAX_PLATFORMS: usize = 8;
pub const MAX_SEEDED_ACCOUNTS: usize = 20;

/// The first day a file may name (a platform's start).
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day a scenario may reach: no date in a file, and no clock in its replay, goes past it.
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX)
}

// ---------- the scenario ----------

/// A parsed scenario file: everything typed, ready to play.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scenario {
    pub title: Texts,
    pub summary: Texts,
    pub start: ScenarioStart,
    /// Done before the first beat, without captions: what the story needs (logged in, a card…).
    pub setup: Vec<ScenarioAction>,
    pub beats: Vec<ScenarioBeat>,
    pub expect: Vec<Expectation>,
}

/// One beat: something the customer does or the clock, with its caption.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScenarioBeat {
    pub action: ScenarioAction,
    pub caption: Texts,
    /// *Play* stops after this beat (the reader looks around, then presses Play or Step).
    pub pause: bool,
}

/// The languages a scenario's texts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    Fr,
    It,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Fr, Language::It, Language::En];

    /// "fr", "it", "en": the keys of a text in the file.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::It => "it",
            Language::En => "en",
        }
    }
}

/// A text in English, and in French and Italian where the file has them; a missing language
/// falls back to English, and says so ([`Localised::fell_back`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Texts {
    en: String,
    fr: Option<String>,
    it: Option<String>,
}

/// A text in the language asked for, or in English when the file has none in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localised<'a> {
    pub text: &'a str,
    pub fell_back: bool,
}

impl Texts {
    /// Checks each text: not blank, at most [`MAX_TEXT`] characters, no control characters but
    /// line breaks. Kept trimmed. The error names the language at fault.
    pub fn new(en: &str, fr: Option<&str>, it: Option<&str>) -> Result<Texts, (Language, Problem)> {
        let one = |lang, s: &str| text(s).map_err(|p| (lang, p));
        Ok(Texts {
            en: one(Language::En, en)?,
            fr: fr.map(|s| one(Language::Fr, s)).transpose()?,
            it: it.map(|s| one(Language::It, s)).transpose()?,
        })
    }

    /// The text in `lang`, or the English one (`fell_back`).
    pub fn get(&self, lang: Language) -> Localised<'_> {
        let own = match lang {
            Language::Fr => self.fr.as_deref(),
            Language::It => self.it.as_deref(),
            Language::En => Some(self.en.as_str()),
        };
        Localised {
            text: own.unwrap_or(&self.en),
            fell_back: own.is_none(),
        }
    }

    /// The text the file has in `lang`, if any (English always).
    pub fn own(&self, lang: Language) -> Option<&str> {
        match lang {
            Language::Fr => self.fr.as_deref(),
            Language::It => self.it.as_deref(),
            Language::En => Some(&self.en),
        }
    }
}

fn text(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    if s.chars().count() > MAX_TEXT {
        return Err(Problem::TooLong { max: MAX_TEXT });
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Problem::ControlCharacter);
    }
    Ok(s.to_string())
}

// ---------- where it starts ----------

/// Where a scenario starts. The file's `start`: `"demo"`, `"g1"` … `"g8"`, or an object:
/// `{"demo": {…}}` (the demo with other figures) or `{"situation": {…}}` (the user's own
/// situation, U1–U4; docs/scenario-format.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScenarioStart {
    /// The demo (RULES.md's worked example), as it is or with other figures.
    Demo(DemoStart),
    /// The state a section of the walkthrough starts from (G1–G8).
    Section(GuideSection),
    /// U2: the state a situation starts from (its figures on its day, logged in, L1).
    Situation(std::sync::Arc<Situation>),
}

/// The demo with other figures: its subsidiary, its balance after the February invoice (the
/// credit that explains it grows with it), and platforms added beside hosted-demo-1.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DemoStart {
    pub subsidiary: Subsidiary,
    /// At least 0, at most 2 decimals; kept as written ("0" and "0.00" are saved as written).
    pub balance: Decimal,
    pub platforms: Vec<PlatformSeed>,
}

impl Default for DemoStart {
    /// The demo as it is: FR, a balance of 5.00, one platform.
    fn default() -> Self {
        DemoStart {
            subsidiary: Subsidiary::Fr,
            balance: Decimal::new(500, 2),
            platforms: Vec::new(),
        }
    }
}

/// A platform added to the demo, with accounts whose periods up to today are already paid.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlatformSeed {
    pub name: String,
    pub domain: String,
    pub started: NaiveDate,
    pub accounts: Vec<AccountSeed>,
}

/// An account of an added platform: Monthly or Yearly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountSeed {
    pub local_part: LocalPart,
    pub mode: BillingMode,
}

// ---------- what a beat does ----------

/// An action of a scenario, in the domain's words, its targets named as the customer sees them
/// (an account by its address, a platform by its name, an order by its reference; a payment
/// method and an e-mail by their number, the order in which they appeared). Resolved into an
/// [`Action`] against the state it is played in ([`ScenarioAction::resolve`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScenarioAction {
    LogIn { nic: NicHandle, subsidiary: Subsidiary },
    LogOut,
    SetSubsidiary(Subsidiary),
    AddMethod(MethodInput),
    RemoveMethod(MethodId),
    SetDefaultMethod(MethodId),
    SetDeclineNext { method: MethodId, on: bool },
    Credit(Amount),
    /// A2: an order by its reference, by a method or (without one) by bank transfer.
    PayOrder { order: Reference, method: Option<MethodId> },
    /// D1.2: the open Debt order of the e-mail, whatever its reference.
    PayDebtOrder { method: Option<MethodId> },
    CancelOrder(Reference),
    SetMode { accounts: Vec<AccountRef>, mode: BillingMode },
    ExportPst(AccountRef),
    Terminate(Reference),
    CancelTermination(Reference),
    SetAlertThreshold(Option<Amount>),
    AddAccount { platform: Reference, local_part: LocalPart, mode: BillingMode },
    SetPrices { monthly: Amount, yearly: Amount },
    NextEvent,
    AdvanceDays(u32),
    AdvanceTo(NaiveDate),
    MarkEmailRead(u32),
}

/// A name as the customer sees it: a platform's name, an order's reference, an invoice's.
/// Not blank, at most [`MAX_NAME`] characters, no spaces or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference(String);

impl Reference {
    pub fn parse(s: &str) -> Result<Reference, Problem> {
        name(s).map(Reference)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An Exchange account: its whole address (`contact@demo-exchange.example`), or its local part
/// alone (`contact`: the first account with it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountRef(String);

impl AccountRef {
    pub fn parse(s: &str) -> Result<AccountRef, Problem> {
        let s = name(s)?;
        let shape_ok = match s.split_once('@') {
            Some((local, domain)) => !local.is_empty() && !domain.is_empty() && !domain.contains('@'),
            None => true,
        };
        if shape_ok {
            Ok(AccountRef(s.to_ascii_lowercase()))
        } else {
            Err(Problem::BadName)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn name(s: &str) -> Result<String, Problem> {
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    if s.chars().count() > MAX_NAME {
        return Err(Problem::TooLong { max: MAX_NAME });
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::BadName);
    }
    Ok(s.to_string())
}

// ---------- what is checked ----------

/// A check made once `after` beats have been played (0: on the start state).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Expectation {
    pub after: usize,
    pub expected: Expected,
}

/// What is expected of the state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expected {
    /// The OVH account's balance (negative: a debt).
    Balance(Decimal),
    /// The simulated day.
    Today(NaiveDate),
    /// An invoice, by its reference, is paid or unpaid.
    Invoice { invoice: Reference, status: InvoiceState },
    /// An account's status (active, suspended for non-payment or on expiry, terminated).
    AccountStatus { account: AccountRef, status: crate::AccountStatus },
    /// An account's billing mode for its current period.
    AccountMode { account: AccountRef, mode: BillingMode },
    /// An account's current period ends (and renews) on this day.
    AccountExpiry { account: AccountRef, on: NaiveDate },
    /// A platform is active, being terminated, or terminated.
    Platform { platform: Reference, status: PlatformState },
    /// E-mails of a kind: at least one, or exactly `count`.
    Emails { kind: MailKind, count: Option<u32> },
}

// ---------- errors ----------

/// Where in the file: `beats[3].action.amount`. The root is the whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<Segment>);

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl FieldPath {
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// This path, then a key.
    pub fn key(&self, key: &str) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_string()));
        p
    }

    /// This path, then an index.
    pub fn at(&self, index: usize) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Segment::Index(index));
        p
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The last key, if the path ends with one.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Segment::Key(k)) => Some(k),
            _ => None,
        }
    }
}

impl From<Vec<Segment>> for FieldPath {
    fn from(segments: Vec<Segment>) -> FieldPath {
        FieldPath(segments)
    }
}

impl fmt::Display for FieldPath {
    /// `beats[3].action.amount`; the root is written as nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Why a scenario is refused (the UI words each in the user's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Another version of the format than [`FORMAT_VERSION`] (the app migrates older ones first).
    Version { found: u32, supported: u32 },
    /// Required here, and absent.
    Missing,
    /// This action or check takes no such argument, or a second subject.
    NotAllowedHere,
    /// Not one of the names allowed here.
    UnknownName { expected: &'static [&'static str] },
    /// Needs exactly one of these keys (a method's kind, an expectation's subject…).
    OneOf { expected: &'static [&'static str] },
    /// A blank text, or an empty list.
    Empty,
    TooLong { max: usize },
    TooMany { max: usize },
    ControlCharacter,
    /// Not a name: spaces, or not the shape of one (an address, a domain).
    BadName,
    /// Not a sum of money: digits, an optional "-" and "." and at most 2 decimals.
    Money,
    /// A sum below 0 where none may be.
    Negative,
    Amount(AmountError),
    /// Not a day written YYYY-MM-DD.
    Date,
    DateOutOfRange { first: NaiveDate, last: NaiveDate },
    NumberOutOfRange { min: u64, max: u64 },
    Nic(NicError),
    CardNumber(CardNumberError),
    CardExpiry(CardExpiryError),
    Iban(IbanError),
    Paypal(EmailError),
    LocalPart(LocalPartError),
    /// A second platform with that name, or a second account with that address.
    Duplicate,
    /// An expectation after more beats than the file has.
    AfterLastBeat { beats: usize },
    // ---- playing ----
    /// What the beat names is not there in the state it is played in (no such account, no
    /// open debt order…).
    NoTarget,
    /// A date before the simulated today: the clock never goes back (T2).
    BeforeToday { today: NaiveDate },
    /// The clock would pass [`last_day`].
    PastLastDay { last: NaiveDate },
    /// The engine refuses the action there (the rule is the refusal's).
    Refused(Refusal),
    /// Played, the state breaks an invariant.
    Broken(Invariant),
    /// Recording: the action's target has no name the format can write (two accounts with the
    /// same address, say).
    Unnamed,
    /// A situation start's field is wrong (U1–U4; the situation form's own error).
    Situation(SituationError),
}

/// A scenario refused: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    pub path: FieldPath,
    pub problem: Problem,
}

impl ScenarioError {
    pub fn new(path: FieldPath, problem: Problem) -> ScenarioError {
        ScenarioError { path, problem }
    }
}

impl fmt::Display for ScenarioError {
    /// English, for developers and logs (the UI words [`Problem`] itself).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_root() { "the file".to_string() } else { self.path.to_string() };
        write!(f, "{at}: {:?}", self.problem)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// The languages in which a text of the file (title, summary, a caption) falls back to
    /// English: the app says so.
    pub fn fell_back(&self) -> Vec<Language> {
        let texts = || {
            [&self.title, &self.summary]
                .into_iter()
                .chain(self.beats.iter().map(|b| &b.caption))
        };
        Language::ALL
            .into_iter()
            .filter(|&lang| texts().any(|t| t.get(lang).fell_back))
            .collect()
    }

    /// The expectations checked once `played` beats have been played, with their index.
    pub fn checks_after(&self, played: usize) -> impl Iterator<Item = (usize, &Expectation)> {
        self.expect
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.after == played)
    }
}

impl ScenarioStart {
    /// The start's state, built the same way every time (T3).
    pub fn state(&self) -> crate::State {
        match self {
            ScenarioStart::Section(section) => crate::scenario::Start::Section(*section, Subsidiary::Fr).state(),
            ScenarioStart::Situation(situation) => situation.state(),
            ScenarioStart::Demo(demo) => {
                let mut s = crate::scenario::demo_with_balance(demo.subsidiary, demo.balance);
                for p in &demo.platforms {
                    let id = s.add_platform(&p.name, &p.domain, p.started);
                    for a in &p.accounts {
                        s.seed_account(id, a.local_part.as_str(), a.mode, p.started);
                    }
                }
                s
            }
        }
    }
}

/// What the action arguments hold, per action (the file's `do`), for the parser, the JSON
/// Schema's test and the documentation.
pub const ACTIONS: [&str; 22] = [
    "log_in",
    "log_out",
    "set_subsidiary",
    "add_method",
    "remove_method",
    "set_default_method",
    "set_decline_next",
    "credit",
    "pay_order",
    "pay_debt_order",
    "cancel_order",
    "set_mode",
    "export_pst",
    "terminate",
    "cancel_termination",
    "set_alert_threshold",
    "add_account",
    "set_prices",
    "next_event",
    "advance_days",
    "advance_to",
    "mark_email_read",
];

/// The arguments an action (by its `do`) takes; for `add_method`, one of `card` (with
/// `expiry`), `paypal` or `iban`.
pub fn action_arguments(name: &str) -> &'static [&'static str] {
    match name {
        "log_in" => &["nic", "subsidiary"],
        "set_subsidiary" => &["subsidiary"],
        "add_method" => &["card", "expiry", "paypal", "iban"],
        "remove_method" | "set_default_method" => &["method"],
        "set_decline_next" => &["method", "on"],
        "credit" | "set_alert_threshold" => &["amount"],
        "pay_order" => &["order", "method"],
        "pay_debt_order" => &["method"],
        "cancel_order" => &["order"],
        "set_mode" => &["accounts", "mode"],
        "export_pst" => &["account"],
        "terminate" | "cancel_termination" => &["platform"],
        "add_account" => &["platform", "local_part", "mode"],
        "set_prices" => &["monthly", "yearly"],
        "advance_days" => &["days"],
        "advance_to" => &["date"],
        "mark_email_read" => &["email"],
        _ => &[],
    }
}

/// The subjects of an expectation (exactly one per expectation) and what each takes besides.
pub const SUBJECTS: [&str; 6] = ["balance", "today", "invoice", "account", "platform", "email"];

/// What an expectation on a subject takes besides `after` and the subject.
pub fn subject_arguments(subject: &str) -> &'static [&'static str] {
    match subject {
        "invoice" | "platform" => &["status"],
        "account" => &["status", "mode", "expiry"],
        "email" => &["count"],
        _ => &[],
    }
}

/// The names of the modes, subsidiaries and start names, in the file.
pub const MODES: [&str; 3] = ["monthly", "yearly", "none"];
pub const SUBSIDIARIES: [&str; 2] = ["fr", "it"];
pub const STARTS: [&str; 9] = ["demo", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8"];
/// The keys of a start written as an object (exactly one of them).
pub const START_OBJECTS: [&str; 2] = ["demo", "situation"];
