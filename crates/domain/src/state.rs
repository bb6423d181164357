//! The simulator's state: everything the UI shows, all serialisable (T3, T4).

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::{BillingMode, NicHandle, Subsidiary};
use super::index::Index;
use super::journal::Event;
use super::method::{MethodId, PaymentMethod};
use super::order::{OrderId, PurchaseOrder};

/// Identifier of an Exchange platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PlatformId(pub u32);
/// Identifier of an Exchange account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AccountId(pub u32);
/// Identifier of an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct InvoiceId(pub u32);
/// The whole simulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub today: NaiveDate,
    /// `None` = logged out (login page).
    pub customer: Option<Customer>,
    /// The account's subsidiary, kept while logged out so that renewals processed
    /// while nobody is logged in still use the right VAT rate (M2, L2). Addition to the contract.
    pub subsidiary: Subsidiary,
    pub prices: Prices,
    pub methods: Vec<PaymentMethod>,
    pub account: OvhAccount,
    pub orders: Vec<PurchaseOrder>,
    pub invoices: Vec<Invoice>,
    pub platforms: Vec<Platform>,
    pub inbox: Vec<Email>,
    pub journal: Vec<Event>,
    pub counters: Counters,
    /// What the day loop asks of the history, kept up to date by the engine; never serialised
    /// nor compared (see `index.rs`).
    #[serde(skip)]
    pub(crate) index: Index,
}

impl State {
    /// The index of the history, rebuilt first if it does not fit it (see `index.rs`).
    pub(crate) fn index_mut(&mut self) -> &mut Index {
        if !self.index.fits(self) {
            self.index = Index::build(self);
        }
        &mut self.index
    }

    /// The index for a question asked without changing the state: the maintained one, or one
    /// built for the occasion when the history changed behind the engine's back.
    pub(crate) fn index(&self) -> std::borrow::Cow<'_, Index> {
        if self.index.fits(self) {
            std::borrow::Cow::Borrowed(&self.index)
        } else {
            std::borrow::Cow::Owned(Index::build(self))
        }
    }

    /// After the engine changed the history and the index with it.
    pub(crate) fn refit_index(&mut self) {
        let (invoices, orders) = (self.invoices.len(), self.orders.len());
        self.index.refit(invoices, orders);
    }
}

/// The logged-in customer (L1, L2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub nic: NicHandle,
    pub subsidiary: Subsidiary,
}

/// Demo catalogue, excl. VAT, per Exchange account (M3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prices {
    pub monthly: Decimal,
    pub yearly: Decimal,
}

impl Default for Prices {
    /// 4.99 €/month, 49.90 €/year (M3).
    fn default() -> Self {
        Prices {
            monthly: Decimal::new(499, 2),
            yearly: Decimal::new(4990, 2),
        }
    }
}

impl Prices {
    /// The price of one period in `mode` (M3). `None` costs nothing.
    pub fn of(&self, mode: BillingMode) -> Decimal {
        match mode {
            BillingMode::Monthly => self.monthly,
            BillingMode::Yearly => self.yearly,
            BillingMode::None => Decimal::ZERO,
        }
    }
}

/// Next identifiers and reference numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub next_method: u32,
    pub next_platform: u32,
    pub next_account: u32,
    pub next_invoice: u32,
    pub next_order: u32,
    pub next_email: u32,
    pub next_event: u64,
}

impl Default for Counters {
    fn default() -> Self {
        Counters {
            next_method: 1,
            next_platform: 1,
            next_account: 1,
            next_invoice: 1,
            next_order: 1,
            next_email: 1,
            next_event: 1,
        }
    }
}

/// The OVH account (A1, A3, D1–D4, N2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvhAccount {
    pub balance: Decimal,
    pub movements: Vec<Movement>,
    /// The day the balance went below 0 (D4).
    pub debt_since: Option<NaiveDate>,
    pub alert_threshold: Option<Decimal>,
    /// N2: the alert was sent for the current crossing; re-armed when the balance is back ≥ threshold.
    pub alert_sent: bool,
}

impl Default for OvhAccount {
    /// A1: the balance starts at 0.
    fn default() -> Self {
        OvhAccount {
            balance: Decimal::ZERO,
            movements: Vec::new(),
            debt_since: None,
            alert_threshold: None,
            alert_sent: false,
        }
    }
}

/// Days the customer has to pay a debt (S5, D4).
pub const DEBT_DAYS: u64 = 7;
/// The reminder goes out this many days before the deadline (D5, assumption).
pub const REMINDER_DAYS_BEFORE: u64 = 2;

impl OvhAccount {
    /// Negative balance (S5).
    pub fn is_debtor(&self) -> bool {
        self.balance < Decimal::ZERO
    }

    /// 0, or minus the balance when it is negative.
    pub fn debt(&self) -> Decimal {
        if self.is_debtor() {
            -self.balance
        } else {
            Decimal::ZERO
        }
    }

    /// D4: the day the debt began plus 7 days; payable until the end of that day.
    pub fn deadline(&self) -> Option<NaiveDate> {
        self.debt_since.map(|d| add_days(d, DEBT_DAYS))
    }

    /// D5 (assumption): the reminder day, 2 days before the deadline.
    pub fn reminder_day(&self) -> Option<NaiveDate> {
        self.deadline()
            .and_then(|d| d.checked_sub_days(Days::new(REMINDER_DAYS_BEFORE)))
    }

    /// D5 (assumption): the day at whose 00:00 unpaid services are suspended (D4's deadline + 1).
    pub fn suspension_day(&self) -> Option<NaiveDate> {
        self.deadline().map(|d| add_days(d, 1))
    }
}

/// One line of the OVH account's statement (A3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub date: NaiveDate,
    /// Invoice reference for debits, purchase-order reference for credits.
    pub reference: String,
    pub kind: MovementKind,
    /// Label of the payment method that paid a credit; `None` for a bank transfer
    /// (Credit / DebtPayment) and for invoice debits.
    pub method: Option<String>,
    pub debit: Decimal,
    pub credit: Decimal,
    pub balance_after: Decimal,
}

/// A3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MovementKind {
    Credit,
    InvoiceDebit,
    DebtPayment,
    /// U2: the balance a situation starts with (the history before it is not simulated).
    Opening,
}

/// An invoice: all accounts of one platform renewing the same day (R1, S1–S5, M2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: InvoiceId,
    pub reference: String,
    pub date: NaiveDate,
    pub platform: PlatformId,
    pub lines: Vec<InvoiceLine>,
    pub excl_vat: Decimal,
    pub vat_rate: Decimal,
    pub vat: Decimal,
    pub total: Decimal,
    /// S2.
    pub covered_by_balance: Decimal,
    /// S4: the method charged for the rest, its label and the amount.
    pub charged: Option<(MethodId, String, Decimal)>,
    /// S5.
    pub debited_to_account: Decimal,
    pub status: InvoiceStatus,
}

impl Invoice {
    /// S5: an invoice stays unpaid until D2.
    pub fn is_unpaid(&self) -> bool {
        self.status == InvoiceStatus::Unpaid
    }

    /// Whether the invoice came with the start state (the demo's February renewal, S1), not
    /// from the simulator: its number sits before the simulator's own, which start at
    /// `Counters::default().next_invoice`.
    pub fn is_seeded(&self) -> bool {
        self.id.0 < Counters::default().next_invoice
    }
}

/// One account's period on an invoice (R7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub account: AccountId,
    pub email: String,
    pub mode: BillingMode,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub price: Decimal,
}

/// S3–S5, D2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvoiceStatus {
    Paid { on: NaiveDate },
    Unpaid,
}

/// A Hosted Exchange platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    pub id: PlatformId,
    pub name: String,
    /// The mail domain of its accounts (addition to the contract, used by `AddAccount`).
    pub domain: String,
    pub start: NaiveDate,
    pub accounts: Vec<ExchangeAccount>,
    pub termination: Option<Termination>,
    pub status: PlatformStatus,
}

impl Platform {
    /// R6, R7: the first `start + k years` (k ≥ 1, end-of-month clamped) strictly after `today`.
    pub fn next_anniversary(&self, today: NaiveDate) -> NaiveDate {
        use chrono::Datelike;
        let guess = (today.year() - self.start.year()).max(1) as u32;
        let at = |k: u32| renewal_date(self.start, BillingMode::Yearly, k);
        let d = at(guess);
        if d > today {
            d
        } else {
            at(guess + 1)
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == PlatformStatus::Active
    }
}

/// A scheduled termination (R6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Termination {
    pub requested_on: NaiveDate,
    pub effective_on: NaiveDate,
}

impl Termination {
    /// R6: cancellable until 24 h before, i.e. the day before the anniversary.
    pub fn last_cancel_day(&self) -> NaiveDate {
        self.effective_on.pred_opt().unwrap_or(self.effective_on)
    }
}

/// R6.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlatformStatus {
    Active,
    Terminated { on: NaiveDate },
}

/// An Exchange account (R2, R3, R5, R7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeAccount {
    pub id: AccountId,
    pub email: String,
    pub start: NaiveDate,
    /// The mode of the current period (R2).
    pub mode: BillingMode,
    /// A change to apply at the next renewal (R3).
    pub pending_mode: Option<BillingMode>,
    /// R7: renewal dates are `anchor + k periods`, never chained. The anchor is the start of the
    /// first period in the current mode.
    pub anchor: NaiveDate,
    /// R7: periods billed since `anchor`.
    pub periods: u32,
    /// End of the current period = next renewal date (R7).
    pub expiry: NaiveDate,
    pub status: AccountStatus,
    /// R5: the day of the last PST export.
    pub pst_export: Option<NaiveDate>,
}

impl ExchangeAccount {
    /// The mode the next renewal will use (R3).
    pub fn next_mode(&self) -> BillingMode {
        self.pending_mode.unwrap_or(self.mode)
    }

    /// R5: a PST export is possible while the account is active; none after a suspension.
    pub fn can_export_pst(&self) -> bool {
        self.status == AccountStatus::Active
    }

    /// R2, R5: only an active account's billing mode can be changed (its platform must be
    /// active too, see `Platform::is_active`).
    pub fn can_change_mode(&self) -> bool {
        self.status == AccountStatus::Active
    }
}

/// R5, R6, D4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountStatus {
    Active,
    SuspendedUnpaid,
    SuspendedExpired,
    Terminated,
}

/// A simulated e-mail (N1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub id: u32,
    pub date: NaiveDate,
    pub kind: EmailKind,
    pub read: bool,
}

/// Every e-mail the simulator sends, as data; the UI writes it in the interface language (N1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailKind {
    InvoiceIssued {
        invoice: InvoiceId,
        reference: String,
        total: Decimal,
        covered: Decimal,
        charged: Decimal,
        method: Option<String>,
        debt: Decimal,
    },
    AccountDebtor {
        debt: Decimal,
        deadline: NaiveDate,
        order: OrderId,
        order_reference: String,
    },
    DebtReminder {
        debt: Decimal,
        deadline: NaiveDate,
        order: OrderId,
        order_reference: String,
    },
    SuspendedUnpaid {
        accounts: Vec<String>,
    },
    PaymentReceived {
        amount: Decimal,
        reference: String,
    },
    DebtSettled {
        reactivated: Vec<String>,
    },
    BillingModeChanged {
        accounts: Vec<String>,
        mode: BillingMode,
        from: NaiveDate,
    },
    TerminationScheduled {
        platform: String,
        on: NaiveDate,
        last_cancel_day: NaiveDate,
    },
    TerminationCancelled {
        platform: String,
    },
    PlatformTerminated {
        platform: String,
    },
    SuspendedOnExpiry {
        account: String,
    },
    BalanceAlert {
        balance: Decimal,
        threshold: Decimal,
    },
    PaymentDeclined {
        method: String,
        amount: Decimal,
    },
    MethodValidated {
        method: String,
    },
    CardExpired {
        method: String,
    },
}

/// `d + n` days, saturating at the last representable date.
pub fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// R7: the k-th renewal date counted from `anchor`, clamped to the end of the month
/// (31 Jan -> 28/29 Feb -> 31 Mar). Computed from the anchor every time, never chained.
pub fn renewal_date(anchor: NaiveDate, mode: BillingMode, k: u32) -> NaiveDate {
    let months = match mode {
        BillingMode::Monthly => k,
        BillingMode::Yearly => k.saturating_mul(12),
        BillingMode::None => 0,
    };
    anchor
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}
