//! The journal: every change of state appends events citing the rules behind it (T4).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::{BillingMode, Subsidiary};
use super::method::{MethodId, MethodStatus};
use super::order::{OrderId, OrderPurpose, PaidVia};
use super::rules::RuleId;

/// One journal entry (T4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub seq: u64,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub rules: Vec<RuleId>,
}

impl Event {
    /// Whether the event went against the customer: a debt, a declined payment, a reminder, a
    /// suspension or termination, an expired card, a balance alert. The UI never shows those
    /// as good news, whatever else the same action did.
    pub fn is_adverse(&self) -> bool {
        matches!(
            self.kind,
            EventKind::AccountDebited { .. }
                | EventKind::DebtorStarted { .. }
                | EventKind::DebtReduced { .. }
                | EventKind::PaymentDeclined { .. }
                | EventKind::ReminderSent { .. }
                | EventKind::SuspendedUnpaid { .. }
                | EventKind::SuspendedOnExpiry { .. }
                | EventKind::PlatformTerminated { .. }
                | EventKind::MethodExpired { .. }
                | EventKind::BalanceAlert { .. }
        )
    }
}

/// What happened, as data; the UI turns it into a sentence in FR/IT/EN (T4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    LoggedIn {
        nic: String,
        subsidiary: Subsidiary,
    },
    LoggedOut,
    SubsidiaryChanged {
        subsidiary: Subsidiary,
    },
    MethodAdded {
        method: MethodId,
        label: String,
        status: MethodStatus,
    },
    MethodValidated {
        method: MethodId,
        label: String,
    },
    MethodExpired {
        method: MethodId,
        label: String,
    },
    MethodRemoved {
        label: String,
    },
    DefaultMethodSet {
        label: String,
    },
    DeclineNextSet {
        label: String,
        on: bool,
    },
    OrderCreated {
        order: OrderId,
        reference: String,
        amount: Decimal,
        purpose: OrderPurpose,
    },
    OrderPaid {
        reference: String,
        amount: Decimal,
        via: PaidVia,
    },
    OrderCancelled {
        reference: String,
    },
    PaymentDeclined {
        label: String,
        amount: Decimal,
    },
    AccountCredited {
        amount: Decimal,
        balance: Decimal,
    },
    InvoiceIssued {
        reference: String,
        accounts: usize,
        excl_vat: Decimal,
        vat: Decimal,
        total: Decimal,
    },
    InvoiceCoveredByBalance {
        reference: String,
        amount: Decimal,
    },
    InvoiceCharged {
        reference: String,
        label: String,
        amount: Decimal,
    },
    InvoicePaid {
        reference: String,
    },
    AccountDebited {
        reference: String,
        amount: Decimal,
        balance: Decimal,
    },
    DebtorStarted {
        debt: Decimal,
        deadline: NaiveDate,
    },
    DebtReduced {
        debt: Decimal,
        deadline: NaiveDate,
    },
    DebtSettled,
    ReminderSent {
        debt: Decimal,
        deadline: NaiveDate,
    },
    SuspendedUnpaid {
        accounts: Vec<String>,
    },
    Reactivated {
        accounts: Vec<String>,
    },
    ModeChangeScheduled {
        account: String,
        mode: BillingMode,
        from: NaiveDate,
    },
    ModeApplied {
        account: String,
        mode: BillingMode,
    },
    AccountRenewed {
        account: String,
        mode: BillingMode,
        until: NaiveDate,
    },
    SuspendedOnExpiry {
        account: String,
    },
    PstExported {
        account: String,
    },
    TerminationScheduled {
        platform: String,
        on: NaiveDate,
    },
    TerminationCancelled {
        platform: String,
    },
    PlatformTerminated {
        platform: String,
    },
    AlertThresholdSet {
        threshold: Option<Decimal>,
    },
    BalanceAlert {
        balance: Decimal,
        threshold: Decimal,
    },
    AccountAdded {
        account: String,
        mode: BillingMode,
    },
    PricesChanged {
        monthly: Decimal,
        yearly: Decimal,
    },
    ClockAdvanced {
        from: NaiveDate,
        to: NaiveDate,
    },
}
