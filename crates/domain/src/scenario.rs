//! Ready-made starting states: the demo (RULES.md's worked example), the state each section of
//! the guide's walkthrough starts from (G1–G8), and the seven invoice-time scenarios with their
//! scripts. A run is saved as its [`Start`] plus the actions taken since, and replayed from
//! there (T3), so every start state here is built the same way every time.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use serde::{Deserialize, Serialize};

use super::action::{Action, Advance};
use super::input::{
    BillingMode, CardExpiry, CardNumber, MethodInput, NicHandle, PaypalEmail, Subsidiary,
};
use crate::Situation;
use super::billing::vat_of;
use super::order::{OrderId, OrderPurpose, OrderStatus, PaidVia, Payer, PurchaseOrder};
use super::section::GuideSection;
use super::state::{
    Customer, Invoice, InvoiceId, InvoiceLine, InvoiceStatus, Movement, MovementKind, State,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// RULES.md's worked example, ready to play (FR): see [`demo_with`].
pub fn demo() -> State {
    demo_with(Subsidiary::Fr)
}

/// The demo for a subsidiary: logged out, today 2026-03-08, platform "hosted-demo-1" started
/// 2025-03-10 with 2 monthly accounts (contact@, sales@demo-exchange.example) renewing on
/// 10 March, no payment method, and a balance of 5.00 that its history explains: a Credit order
/// `BC-000001` paid by bank transfer on 9 February, then the February renewal's invoice
/// `…0000000` (both accounts, 10 February to 10 March) paid from the balance (S2, S3) on
/// 10 February. That invoice is a real one, listed with the others; it sits before the
/// simulator's own numbering, which starts at `…0000001`.
pub fn demo_with(subsidiary: Subsidiary) -> State {
    demo_with_balance(subsidiary, Decimal::new(500, 2))
}

/// The demo with another balance after the February invoice: the credit `BC-000001` is the
/// invoice's total plus `balance` (so at least the invoice's 11.98, over C1's 10.00).
pub(crate) fn demo_with_balance(subsidiary: Subsidiary, balance: Decimal) -> State {
    let mut s = State::new(date(2026, 3, 8), subsidiary);
    let start = date(2025, 3, 10);
    let p = s.add_platform("hosted-demo-1", "demo-exchange.example", start);
    s.seed_account(p, "contact", BillingMode::Monthly, start);
    s.seed_account(p, "sales", BillingMode::Monthly, start);
    let (credited, paid) = (date(2026, 2, 9), date(2026, 2, 10));
    let lines: Vec<InvoiceLine> = s.platforms[0]
        .accounts
        .iter()
        .map(|a| InvoiceLine {
            account: a.id,
            email: a.email.clone(),
            mode: a.mode,
            from: paid,
            to: a.expiry,
            price: s.prices.monthly,
        })
        .collect();
    let excl_vat: Decimal = lines.iter().map(|l| l.price).sum();
    let vat_rate = subsidiary.vat_rate();
    let vat = vat_of(excl_vat, vat_rate);
    let total = excl_vat + vat;
    let credit = total + balance;
    let invoice_ref = format!("{}0000000", subsidiary.reference_prefix());
    s.orders.push(PurchaseOrder {
        id: OrderId(1),
        reference: "BC-000001".to_string(),
        created: credited,
        amount: credit,
        purpose: OrderPurpose::Credit,
        status: OrderStatus::Paid {
            on: credited,
            via: PaidVia::BankTransfer,
        },
    });
    s.counters.next_order = 2;
    s.invoices.push(Invoice {
        id: InvoiceId(0),
        reference: invoice_ref.clone(),
        date: paid,
        platform: p,
        lines,
        excl_vat,
        vat_rate,
        vat,
        total,
        covered_by_balance: total,
        charged: None,
        debited_to_account: Decimal::ZERO,
        status: InvoiceStatus::Paid { on: paid },
    });
    s.account.movements.push(Movement {
        date: credited,
        reference: "BC-000001".to_string(),
        kind: MovementKind::Credit,
        method: None,
        debit: Decimal::ZERO,
        credit,
        balance_after: credit,
    });
    s.account.movements.push(Movement {
        date: paid,
        reference: invoice_ref,
        kind: MovementKind::InvoiceDebit,
        method: None,
        debit: total,
        credit: Decimal::ZERO,
        balance_after: balance,
    });
    s.account.balance = balance;
    s
}

/// A busy state for benchmarks and tests: logged in (FR), one platform started on `today`
/// with `n` accounts in `mode` (already invoiced for their first period) and a valid Visa
/// card expiring in 2099 as the default method, so that every invoice gets paid (S4).
pub fn with_accounts(today: NaiveDate, n: u32, mode: BillingMode) -> State {
    let mut s = State::new(today, Subsidiary::Fr);
    if let Ok(nic) = NicHandle::parse("ab12345-ovh") {
        s.customer = Some(Customer {
            nic,
            subsidiary: Subsidiary::Fr,
        });
    }
    if let (Ok(number), Some(expiry)) = (
        CardNumber::parse("4242 4242 4242 4242"),
        CardExpiry::new(2099, 12),
    ) {
        let _ = s.apply(Action::AddMethod(MethodInput::Card { number, expiry }));
    }
    let p = s.add_platform("hosted-ab12345-1", "bench.example", today);
    for i in 0..n {
        s.seed_account(p, &format!("user{i:05}"), mode, today);
    }
    s
}

// ---------- where a run starts ----------

/// The version of the rules and of the start states. A saved log replays into the same state
/// only under the same rules and the same starts (T3), so a save records this number, and a
/// save made under another one is set aside rather than replayed into a silently different
/// state. `t3_rules_version_pins_the_engine` fails when the engine's behaviour or a start
/// state changes, until this number and its fingerprint are bumped together.
pub const RULES_VERSION: u32 = 2;

/// Where a run starts (T3: its log is replayed from here). `Clone`, not `Copy`: a start may
/// carry data (a situation, a scenario file).
///
/// A section's and a scenario's start carry the subsidiary they run on (L2: its VAT, its
/// invoice numbers, its payment kinds; issue 20): the one the user chose, else the interface
/// language's. Serialised as before for France (`{"Section":"G4"}`), so every save, link and
/// file made before replays unchanged, and with the subsidiary for another one
/// (`{"Section":["G4","It"]}`): see [`Start::on`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Start {
    /// The demo: RULES.md's worked example, logged out (the user's own simulation).
    Demo,
    /// A section of the guide's walkthrough (G1–G8), on a subsidiary.
    Section(GuideSection, Subsidiary),
    /// One of the invoice-time scenarios, on a subsidiary.
    Scenario(ScenarioId, Subsidiary),
    /// The user's own situation (U1–U4), carried whole: a save or a link replays from it (T3).
    Situation(Arc<Situation>),
    /// A scenario file (docs/scenario-format.md), carried whole: opened from a `#f=` link, a
    /// file or a host page, and played by the scenario player.
    File(Arc<crate::scenario_file::FileStart>),
}

/// The saved form of a [`Start`]: a section or scenario on France as its bare name, as it was
/// saved before starts carried a subsidiary.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Start")]
enum StartRepr {
    Demo,
    Section(On<GuideSection>),
    Scenario(On<ScenarioId>),
    Situation(Arc<Situation>),
    File(Arc<crate::scenario_file::FileStart>),
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum On<T> {
    France(T),
    Other(T, Subsidiary),
}

impl<T> On<T> {
    fn new(what: T, subsidiary: Subsidiary) -> On<T> {
        match subsidiary {
            Subsidiary::Fr => On::France(what),
            other => On::Other(what, other),
        }
    }

    fn parts(self) -> (T, Subsidiary) {
        match self {
            On::France(what) => (what, Subsidiary::Fr),
            On::Other(what, subsidiary) => (what, subsidiary),
        }
    }
}

impl Serialize for Start {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Start::Demo => StartRepr::Demo,
            Start::Section(section, sub) => StartRepr::Section(On::new(*section, *sub)),
            Start::Scenario(id, sub) => StartRepr::Scenario(On::new(*id, *sub)),
            Start::Situation(situation) => StartRepr::Situation(situation.clone()),
            Start::File(file) => StartRepr::File(file.clone()),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Start {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Start, D::Error> {
        Ok(match StartRepr::deserialize(deserializer)? {
            StartRepr::Demo => Start::Demo,
            StartRepr::Section(on) => {
                let (section, sub) = on.parts();
                Start::Section(section, sub)
            }
            StartRepr::Scenario(on) => {
                let (id, sub) = on.parts();
                Start::Scenario(id, sub)
            }
            StartRepr::Situation(situation) => Start::Situation(situation),
            StartRepr::File(file) => Start::File(file),
        })
    }
}

impl Start {
    /// The start state, built the same way every time (T3).
    pub fn state(&self) -> State {
        match self {
            Start::Demo => demo(),
            Start::Section(section, sub) => section_start(*section, *sub),
            Start::Scenario(id, sub) => id.start_on(*sub),
            Start::Situation(situation) => situation.state(),
            Start::File(file) => file.state(),
        }
    }

    /// A start from the user's own situation (U2).
    pub fn situation(situation: Situation) -> Start {
        Start::Situation(Arc::new(situation))
    }

    /// This start on `subsidiary` (L2, issue 20): a section or a scenario runs on it; the demo
    /// (whose login chooses one) and a situation (which names its own) are left as they are.
    pub fn on(self, subsidiary: Subsidiary) -> Start {
        match self {
            Start::Section(section, _) => Start::Section(section, subsidiary),
            Start::Scenario(id, _) => Start::Scenario(id, subsidiary),
            other => other,
        }
    }

    /// The subsidiary a section or a scenario runs on (`None` for the demo and a situation).
    pub fn subsidiary(&self) -> Option<Subsidiary> {
        match self {
            Start::Section(_, sub) | Start::Scenario(_, sub) => Some(*sub),
            Start::Demo | Start::Situation(_) | Start::File(_) => None,
        }
    }

    /// The section, if this start is one.
    pub fn section(&self) -> Option<GuideSection> {
        match self {
            Start::Section(section, _) => Some(*section),
            _ => None,
        }
    }

    /// The scenario, if this start is one.
    pub fn scenario(&self) -> Option<ScenarioId> {
        match self {
            Start::Scenario(id, _) => Some(*id),
            _ => None,
        }
    }

    /// The subsidiary the start itself chose, logged in (a section but G2, a scenario, a
    /// situation): what a run from it offers until its log chooses another (L2).
    pub fn logged_in_subsidiary(&self) -> Option<Subsidiary> {
        match self {
            Start::Demo | Start::Section(GuideSection::G2, _) => None,
            Start::Section(_, sub) | Start::Scenario(_, sub) => Some(*sub),
            Start::Situation(situation) => Some(situation.subsidiary()),
            // A file names its own start: logged in there, on that start's subsidiary.
            Start::File(file) => {
                let first = file.state();
                first.customer.is_some().then_some(first.subsidiary)
            }
        }
    }

    /// The link's name: "demo", "g4", "balance-and-card", "situation".
    pub fn slug(&self) -> &'static str {
        match *self {
            Start::Demo => "demo",
            Start::Section(section, _) => section.slug(),
            Start::Scenario(id, _) => id.slug(),
            Start::Situation(_) => "situation",
            Start::File(_) => "file",
        }
    }

    /// Every start on France, for tests and the home screen ([`Start::all_on`] for another).
    pub fn all() -> Vec<Start> {
        Start::all_on(Subsidiary::Fr)
    }

    /// Every start, its sections and scenarios on `subsidiary`.
    pub fn all_on(subsidiary: Subsidiary) -> Vec<Start> {
        let mut all = vec![Start::Demo];
        all.extend(GuideSection::WALKTHROUGH.iter().map(|&s| Start::Section(s, subsidiary)));
        all.extend(ScenarioId::ALL.iter().map(|&s| Start::Scenario(s, subsidiary)));
        all
    }
}

fn logged_in(mut s: State) -> State {
    if let Ok(nic) = NicHandle::parse("ab12345-ovh") {
        let subsidiary = s.subsidiary;
        let _ = s.apply(Action::LogIn { nic, subsidiary });
    }
    s
}

/// A Visa card valid until 2099, added today (P3: valid at once, P4: the default).
fn card() -> Option<MethodInput> {
    let number = CardNumber::parse("4242 4242 4242 4242").ok()?;
    let expiry = CardExpiry::new(2099, 12)?;
    Some(MethodInput::Card { number, expiry })
}

fn with_card(mut s: State, decline_next: bool) -> State {
    if let Some(card) = card() {
        let _ = s.apply(Action::AddMethod(card));
        if let Some(id) = s.methods.last().map(|m| m.id) {
            if decline_next {
                let _ = s.apply(Action::SetDeclineNext(id, true));
            }
        }
    }
    s
}

/// The actions that lead from the demo (logged out, on its subsidiary) to where a section of
/// the walkthrough starts, where its steps make sense: every section but G2 logs in on the
/// start's subsidiary (its `LogIn` carries it). A scenario file's recording of a section on
/// another subsidiary than France starts from the demo with these as its set-up.
pub fn section_setup(section: GuideSection, subsidiary: Subsidiary) -> Vec<Action> {
    let mut actions = Vec::new();
    // G2 begins with logging in (Méthode 1: "Connectez-vous à votre espace client").
    if section == GuideSection::G2 {
        return actions;
    }
    if let Ok(nic) = NicHandle::parse("ab12345-ovh") {
        actions.push(Action::LogIn { nic, subsidiary });
    }
    match section {
        // G1: a card is registered, so the automatic renewal is paid (S2 + S4).
        GuideSection::G1 => actions.extend(card().map(Action::AddMethod)),
        // G4: the worked example's debt, on 10 March, with its e-mail in the inbox.
        GuideSection::G4 => actions.push(Action::Advance(Advance::NextEvent)),
        _ => {}
    }
    actions
}

/// The state each section of the walkthrough starts from, on `subsidiary`.
fn section_start(section: GuideSection, subsidiary: Subsidiary) -> State {
    let mut s = demo_with(subsidiary);
    for action in section_setup(section, subsidiary) {
        let _ = s.apply(action);
    }
    s
}

// ---------- the invoice-time scenarios (G8) ----------

/// The seven ready scenarios of "what happens to my balance at invoice time".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ScenarioId {
    /// Balance 0, no payment method: debtor, the e-mail, settled through its purchase order.
    NoPaymentMethod,
    /// A balance above the invoice pays it (S2, S3).
    BalanceCovers,
    /// A balance below the invoice, and a card: the balance pays part, the card the rest (S4).
    BalanceAndCard,
    /// The card declines: debtor, then a new payment method settles the debt (P6, D1.1).
    CardDeclines,
    /// Debtor and nothing done: reminder, suspension (D5), then a payment reactivates (D2).
    DebtUnpaid,
    /// A mode change before the anniversary against one made on the anniversary day (R3).
    ModeChangeTiming,
    /// An account set to None and a platform terminated, with and without a PST export (R5, R6).
    NoneAndTermination,
}

/// One beat of a scenario's script: the clock to the next event, or something the customer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Beat {
    /// T2: the clock moves to the next event.
    NextEvent,
    /// D1.2: the customer pays the e-mail's purchase order by bank transfer.
    PayDebtOrder,
    /// D1.1: the customer registers a PayPal account.
    AddPaypal,
    /// R2, R3: the customer changes an account's billing mode (by its local part).
    SetMode(&'static str, BillingMode),
    /// R5: the customer exports an account (PST), by its address.
    ExportPst(&'static str),
    /// R6: the customer terminates a platform (by its index).
    Terminate(usize),
}

impl Beat {
    /// The action this beat is in `state`, if it can be taken there.
    pub fn action(self, state: &State) -> Option<Action> {
        let account = |address: &str| {
            state
                .platforms
                .iter()
                .flat_map(|p| &p.accounts)
                .find(|a| a.email.split('@').next() == Some(address))
                .map(|a| a.id)
        };
        Some(match self {
            Beat::NextEvent => Action::Advance(Advance::NextEvent),
            Beat::PayDebtOrder => Action::PayOrder(state.debt_order()?, Payer::BankTransfer),
            Beat::AddPaypal => Action::AddMethod(MethodInput::Paypal {
                email: PaypalEmail::parse("customer@example.com").ok()?,
            }),
            Beat::SetMode(local, mode) => Action::SetMode {
                accounts: vec![account(local)?],
                mode,
            },
            Beat::ExportPst(local) => Action::ExportPst(account(local)?),
            Beat::Terminate(index) => Action::Terminate(state.platforms.get(index)?.id),
        })
    }
}

impl ScenarioId {
    pub const ALL: [ScenarioId; 7] = [
        ScenarioId::NoPaymentMethod,
        ScenarioId::BalanceCovers,
        ScenarioId::BalanceAndCard,
        ScenarioId::CardDeclines,
        ScenarioId::DebtUnpaid,
        ScenarioId::ModeChangeTiming,
        ScenarioId::NoneAndTermination,
    ];

    /// The stable link name: `/scenario/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            ScenarioId::NoPaymentMethod => "no-payment-method",
            ScenarioId::BalanceCovers => "balance-covers",
            ScenarioId::BalanceAndCard => "balance-and-card",
            ScenarioId::CardDeclines => "card-declines",
            ScenarioId::DebtUnpaid => "debt-unpaid",
            ScenarioId::ModeChangeTiming => "mode-change-timing",
            ScenarioId::NoneAndTermination => "none-and-termination",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ScenarioId> {
        ScenarioId::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The scenario's start on France: see [`ScenarioId::start_on`].
    pub fn start(self) -> State {
        self.start_on(Subsidiary::Fr)
    }

    /// The scenario's start on `subsidiary`: the demo's platform on 8 March 2026, two days
    /// before the renewal of its two monthly accounts (11.98 incl. VAT in France, 12.18 in
    /// Italy, M2), logged in, with what the story needs.
    pub fn start_on(self, subsidiary: Subsidiary) -> State {
        let eur = |cents| Decimal::new(cents, 2);
        let demo_at = |balance| logged_in(demo_with_balance(subsidiary, balance));
        match self {
            ScenarioId::NoPaymentMethod => demo_at(Decimal::ZERO),
            ScenarioId::BalanceCovers => demo_at(eur(2000)),
            ScenarioId::BalanceAndCard => with_card(demo_at(eur(500)), false),
            ScenarioId::CardDeclines => with_card(demo_at(eur(500)), true),
            ScenarioId::DebtUnpaid => demo_at(eur(500)),
            ScenarioId::ModeChangeTiming => with_card(demo_at(eur(500)), false),
            ScenarioId::NoneAndTermination => {
                let mut s = with_card(demo_at(eur(500)), false);
                // A second platform, started on 1 April 2025: its anniversary is 1 April 2026.
                let start = date(2025, 4, 1);
                let p = s.add_platform("hosted-demo-2", "team-exchange.example", start);
                s.seed_account(p, "team", BillingMode::Monthly, start);
                s.seed_account(p, "archive", BillingMode::Monthly, start);
                s
            }
        }
    }

    /// The key of the caption of beat `beat` (`public/guide/<lang>.json`) for a run on
    /// `subsidiary`: the first beat of the five stories whose caption quotes the invoice's
    /// number or its figures has one for the Italian subsidiary (22 % VAT, `IT…`, M2, S1).
    pub fn caption_id(self, beat: usize, subsidiary: Subsidiary) -> String {
        let quotes_figures = beat == 0
            && matches!(
                self,
                ScenarioId::NoPaymentMethod
                    | ScenarioId::BalanceCovers
                    | ScenarioId::BalanceAndCard
                    | ScenarioId::CardDeclines
                    | ScenarioId::DebtUnpaid
            );
        match subsidiary {
            Subsidiary::It if quotes_figures => format!("{}.{beat}.it", self.slug()),
            _ => format!("{}.{beat}", self.slug()),
        }
    }

    /// The story, beat by beat (*Play* and *Step* run it).
    pub fn script(self) -> &'static [Beat] {
        use Beat::*;
        match self {
            ScenarioId::NoPaymentMethod => &[NextEvent, PayDebtOrder],
            ScenarioId::BalanceCovers | ScenarioId::BalanceAndCard => &[NextEvent],
            ScenarioId::CardDeclines => &[NextEvent, AddPaypal],
            ScenarioId::DebtUnpaid => &[NextEvent, NextEvent, NextEvent, PayDebtOrder],
            // contact@ changes before its 10 March renewal: yearly from 10 March. sales@ changes
            // on 10 March itself, after that day's renewal (T1): yearly from 10 April.
            ScenarioId::ModeChangeTiming => &[
                SetMode("contact", BillingMode::Yearly),
                NextEvent,
                SetMode("sales", BillingMode::Yearly),
                NextEvent,
            ],
            ScenarioId::NoneAndTermination => &[
                ExportPst("contact"),
                SetMode("contact", BillingMode::None),
                SetMode("sales", BillingMode::None),
                ExportPst("team"),
                Terminate(1),
                NextEvent,
                NextEvent,
            ],
        }
    }
}
