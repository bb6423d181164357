//! The journal: every change of state appends events citing the rules behind it (T4).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::{BillingMode, Subsidiary};
use super::state::{MethodId, MethodStatus, OrderId, OrderPurpose, PaidVia};

/// The rule IDs of RULES.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleId {
    M1,
    M2,
    M3,
    T1,
    T2,
    T3,
    T4,
    L1,
    L2,
    P1,
    P2,
    P3,
    P7,
    P4,
    P5,
    P6,
    A1,
    A2,
    C1,
    C3,
    C2,
    A3,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    S1,
    S2,
    S3,
    S4,
    S5,
    D1,
    D2,
    D3,
    D4,
    D5,
    D6,
    N1,
    N2,
    /// The simulator's bounds (docs/rules.md, "Bounds"): what a run may ask for.
    B1,
    B2,
    B3,
    B4,
    B5,
    B6,
    B7,
}

/// The guide's sections (RULES.md, last section); `Billing` = none of them (M*, T*, L*, N*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GuideSection {
    G1,
    G2,
    G3,
    G4,
    G5,
    G6,
    G7,
    G8,
    Billing,
}

impl RuleId {
    /// Every rule, in RULES.md order.
    pub const ALL: [RuleId; 50] = {
        use RuleId::*;
        [
            M1, M2, M3, T1, T2, T3, T4, L1, L2, P1, P2, P3, P7, P4, P5, P6, A1, A2, C1, C3, C2, A3,
            R1, R2, R3, R4, R5, R6, R7, R8, S1, S2, S3, S4, S5, D1, D2, D3, D4, D5, D6, N1, N2,
            B1, B2, B3, B4, B5, B6, B7,
        ]
    };

    /// "S5", "R7", ...
    pub fn code(&self) -> &'static str {
        use RuleId::*;
        match self {
            M1 => "M1",
            M2 => "M2",
            M3 => "M3",
            T1 => "T1",
            T2 => "T2",
            T3 => "T3",
            T4 => "T4",
            L1 => "L1",
            L2 => "L2",
            P1 => "P1",
            P2 => "P2",
            P3 => "P3",
            P7 => "P7",
            P4 => "P4",
            P5 => "P5",
            P6 => "P6",
            A1 => "A1",
            A2 => "A2",
            C1 => "C1",
            C3 => "C3",
            C2 => "C2",
            A3 => "A3",
            R1 => "R1",
            R2 => "R2",
            R3 => "R3",
            R4 => "R4",
            R5 => "R5",
            R6 => "R6",
            R7 => "R7",
            R8 => "R8",
            S1 => "S1",
            S2 => "S2",
            S3 => "S3",
            S4 => "S4",
            S5 => "S5",
            D1 => "D1",
            D2 => "D2",
            D3 => "D3",
            D4 => "D4",
            D5 => "D5",
            D6 => "D6",
            N1 => "N1",
            N2 => "N2",
            B1 => "B1",
            B2 => "B2",
            B3 => "B3",
            B4 => "B4",
            B5 => "B5",
            B6 => "B6",
            B7 => "B7",
        }
    }

    /// Rules RULES.md marks **(assumption)**, each with an ID of its own so that the label never
    /// falls on the guide's own words (the 10 € minimum of C1 and the 7 days of D4 are the
    /// guide's): P7, C3, D5, D6, R8.
    pub fn is_assumption(&self) -> bool {
        matches!(
            self,
            RuleId::P7 | RuleId::C3 | RuleId::D5 | RuleId::D6 | RuleId::R8
        )
    }

    /// The guide's section a rule belongs to (RULES.md, "The guide's sections").
    pub fn guide_section(&self) -> GuideSection {
        use RuleId::*;
        match self {
            R1 | R7 => GuideSection::G1,
            P1 | P2 | P3 | P7 | P4 | P5 | P6 => GuideSection::G2,
            A1 | A3 | S1 | S2 | S3 | S4 | S5 => GuideSection::G3,
            A2 | C1 | C3 | C2 | D1 | D2 | D3 => GuideSection::G4,
            R2 | R3 | R4 => GuideSection::G5,
            R5 => GuideSection::G6,
            R6 | R8 => GuideSection::G7,
            D4 | D5 | D6 => GuideSection::G8,
            M1 | M2 | M3 | T1 | T2 | T3 | T4 | L1 | L2 | N1 | N2 => GuideSection::Billing,
            // The simulator's own limits: no section of the guide.
            B1 | B2 | B3 | B4 | B5 | B6 | B7 => GuideSection::Billing,
        }
    }
}

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
