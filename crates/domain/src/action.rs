//! What the user can do, and why the simulator may refuse it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::{
    Amount, BillingMode, LocalPart, MethodInput, NicHandle, PaymentKind, Subsidiary,
};
use super::journal::Event;
use super::method::MethodId;
use super::order::{OrderId, Payer};
use super::rules::RuleId;
use super::state::{AccountId, Invoice, PlatformId};

/// A user action. Every field is already parsed (see `domain::input`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// L1: the password never reaches the domain.
    LogIn {
        nic: NicHandle,
        subsidiary: Subsidiary,
    },
    LogOut,
    /// L2.
    SetSubsidiary(Subsidiary),
    /// P1–P5, D1.1.
    AddMethod(MethodInput),
    /// P4.
    RemoveMethod(MethodId),
    /// P4.
    SetDefaultMethod(MethodId),
    /// P6.
    SetDeclineNext(MethodId, bool),
    /// A2, C1, C2: creates an open Credit order.
    Credit(Amount),
    /// A2, D1.2, D1.3.
    PayOrder(OrderId, Payer),
    /// A2.
    CancelOrder(OrderId),
    /// R2–R5.
    SetMode {
        accounts: Vec<AccountId>,
        mode: BillingMode,
    },
    /// R5.
    ExportPst(AccountId),
    /// R6.
    Terminate(PlatformId),
    /// R6.
    CancelTermination(PlatformId),
    /// N2 (`None` = off).
    SetAlertThreshold(Option<Amount>),
    /// A new account; its first period is invoiced today (S1–S5).
    AddAccount {
        platform: PlatformId,
        email_local_part: LocalPart,
        mode: BillingMode,
    },
    /// M3.
    SetPrices {
        monthly: Amount,
        yearly: Amount,
    },
    /// T1, T2.
    Advance(Advance),
    /// N1.
    MarkEmailRead(u32),
}

/// T2: how far the clock moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Advance {
    Days(u32),
    NextEvent,
}

/// The longest single move of the clock: 100 years (T2; keeps dates in range).
pub const MAX_ADVANCE_DAYS: u32 = 36_525;

/// Why an action was refused; the state is then unchanged. `rule()` names the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    NotLoggedIn,
    AlreadyLoggedIn,
    KindNotOffered {
        subsidiary: Subsidiary,
        kind: PaymentKind,
    },
    CardExpired,
    UnknownMethod,
    CannotRemoveDefault,
    MethodNotUsable,
    /// C1: under 10.00 €.
    CreditBelowMinimum {
        minimum: Decimal,
    },
    /// C2: under the debt (when the debt is over 10.00 €).
    CreditBelowDebt {
        minimum: Decimal,
    },
    UnknownOrder,
    OrderNotOpen,
    NoAccountsSelected,
    UnknownAccount,
    AccountNotActive,
    ModeUnchanged,
    ExportAfterSuspension,
    PlatformNotActive,
    AlreadyTerminating,
    NotTerminating,
    TooLateToCancel {
        last_day: NaiveDate,
    },
    TerminateWhileDebtor {
        debt: Decimal,
    },
    SubsidiaryHasBankAccount,
    DuplicateAccount,
    /// R8 (assumption): no new account on a platform whose termination is scheduled.
    OrderWhileTerminating {
        on: NaiveDate,
    },
    // ---- additions to the contract ----
    /// `Simulator::restore` with a bad index (T2).
    UnknownSnapshot,
    /// An unknown platform id (R6 / AddAccount).
    UnknownPlatform,
    /// `MarkEmailRead` with an unknown id (N1).
    UnknownEmail,
    /// A new account needs a period for its first order: Monthly or Yearly (R2).
    FirstOrderNeedsPeriod,
    /// The Debt order of the e-mail link cannot be cancelled (D1.2).
    CannotCancelDebtOrder,
    /// `Advance(Days(n))` with n over [`MAX_ADVANCE_DAYS`] (T2).
    AdvanceTooFar {
        max_days: u32,
    },
    // ---- the bounds (B1–B7, `crate::bounds`) ----
    /// B1: the run's log already holds the most actions.
    TooManyActions {
        max: usize,
    },
    /// B1: the snapshots' logs would hold more actions together than the most.
    SnapshotActionsFull {
        max: usize,
    },
    /// B2: the simulation already has the most accounts (or an action names more).
    TooManyAccounts {
        max: usize,
    },
    /// B4: the run already keeps the most snapshots.
    TooManySnapshots {
        max: usize,
    },
    /// B5: the clock would go past its last day.
    PastLastDay {
        last_day: NaiveDate,
    },
    /// B6: the most payment methods are already registered.
    TooManyMethods {
        max: usize,
    },
    /// B7: the history is full; only reading e-mails is still possible.
    HistoryFull {
        max: usize,
    },
    /// B7: the snapshots' histories would be larger together than the most.
    SnapshotHistoryFull {
        max: usize,
    },
}

impl Refusal {
    /// The rule that refused the action.
    pub fn rule(&self) -> RuleId {
        use Refusal::*;
        match self {
            NotLoggedIn | AlreadyLoggedIn => RuleId::L1,
            KindNotOffered { .. } | SubsidiaryHasBankAccount => RuleId::P1,
            CardExpired => RuleId::P5,
            UnknownMethod | CannotRemoveDefault => RuleId::P4,
            MethodNotUsable => RuleId::P6,
            CreditBelowMinimum { .. } => RuleId::C1,
            CreditBelowDebt { .. } => RuleId::C2,
            UnknownOrder | OrderNotOpen => RuleId::A2,
            NoAccountsSelected
            | UnknownAccount
            | AccountNotActive
            | FirstOrderNeedsPeriod
            | DuplicateAccount => RuleId::R2,
            ModeUnchanged => RuleId::R3,
            ExportAfterSuspension => RuleId::R5,
            PlatformNotActive
            | AlreadyTerminating
            | NotTerminating
            | TooLateToCancel { .. }
            | TerminateWhileDebtor { .. }
            | UnknownPlatform => RuleId::R6,
            OrderWhileTerminating { .. } => RuleId::R8,
            UnknownSnapshot | AdvanceTooFar { .. } => RuleId::T2,
            UnknownEmail => RuleId::N1,
            CannotCancelDebtOrder => RuleId::D1,
            TooManyActions { .. } | SnapshotActionsFull { .. } => RuleId::B1,
            TooManyAccounts { .. } => RuleId::B2,
            TooManySnapshots { .. } => RuleId::B4,
            PastLastDay { .. } => RuleId::B5,
            TooManyMethods { .. } => RuleId::B6,
            HistoryFull { .. } | SnapshotHistoryFull { .. } => RuleId::B7,
        }
    }
}

/// The events an action produced (contract type; `apply` returns the `Vec` directly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub events: Vec<Event>,
}

/// What the next event day's processing would append (T1), computed on a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub date: NaiveDate,
    pub events: Vec<Event>,
    /// The invoices that day would issue, each with its settlement (S2–S5).
    pub invoices: Vec<Invoice>,
}
