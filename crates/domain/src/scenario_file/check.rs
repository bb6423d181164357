//! Expectations checked against a state: ✓ or ✗, with the expected and the actual value as data
//! the UI words in each language. A check never fails the play.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{AccountRef, Expectation, Expected, Reference};
use crate::{AccountStatus, BillingMode, EmailKind, ExchangeAccount, State};

/// An invoice's status, as an expectation names it (S3–S5, D2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InvoiceState {
    Paid,
    Unpaid,
}

/// A platform's status, as an expectation names it (R6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlatformState {
    Active,
    /// Active, its termination scheduled.
    Terminating,
    Terminated,
}

/// The kinds of e-mail (N1), named as the domain's [`EmailKind`] variants are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailKind {
    InvoiceIssued,
    AccountDebtor,
    DebtReminder,
    SuspendedUnpaid,
    PaymentReceived,
    DebtSettled,
    BillingModeChanged,
    TerminationScheduled,
    TerminationCancelled,
    PlatformTerminated,
    SuspendedOnExpiry,
    BalanceAlert,
    PaymentDeclined,
    MethodValidated,
    CardExpired,
}

impl MailKind {
    pub const ALL: [MailKind; 15] = [
        MailKind::InvoiceIssued,
        MailKind::AccountDebtor,
        MailKind::DebtReminder,
        MailKind::SuspendedUnpaid,
        MailKind::PaymentReceived,
        MailKind::DebtSettled,
        MailKind::BillingModeChanged,
        MailKind::TerminationScheduled,
        MailKind::TerminationCancelled,
        MailKind::PlatformTerminated,
        MailKind::SuspendedOnExpiry,
        MailKind::BalanceAlert,
        MailKind::PaymentDeclined,
        MailKind::MethodValidated,
        MailKind::CardExpired,
    ];

    /// Its name in a file: "account_debtor", "debt_reminder", ….
    pub fn name(self) -> &'static str {
        MAIL_NAMES[self as usize]
    }

    pub fn of(kind: &EmailKind) -> MailKind {
        match kind {
            EmailKind::InvoiceIssued { .. } => MailKind::InvoiceIssued,
            EmailKind::AccountDebtor { .. } => MailKind::AccountDebtor,
            EmailKind::DebtReminder { .. } => MailKind::DebtReminder,
            EmailKind::SuspendedUnpaid { .. } => MailKind::SuspendedUnpaid,
            EmailKind::PaymentReceived { .. } => MailKind::PaymentReceived,
            EmailKind::DebtSettled { .. } => MailKind::DebtSettled,
            EmailKind::BillingModeChanged { .. } => MailKind::BillingModeChanged,
            EmailKind::TerminationScheduled { .. } => MailKind::TerminationScheduled,
            EmailKind::TerminationCancelled { .. } => MailKind::TerminationCancelled,
            EmailKind::PlatformTerminated { .. } => MailKind::PlatformTerminated,
            EmailKind::SuspendedOnExpiry { .. } => MailKind::SuspendedOnExpiry,
            EmailKind::BalanceAlert { .. } => MailKind::BalanceAlert,
            EmailKind::PaymentDeclined { .. } => MailKind::PaymentDeclined,
            EmailKind::MethodValidated { .. } => MailKind::MethodValidated,
            EmailKind::CardExpired { .. } => MailKind::CardExpired,
        }
    }
}

/// The e-mail kinds' names, in [`MailKind::ALL`]'s order.
pub const MAIL_NAMES: [&str; 15] = [
    "invoice_issued",
    "account_debtor",
    "debt_reminder",
    "suspended_unpaid",
    "payment_received",
    "debt_settled",
    "billing_mode_changed",
    "termination_scheduled",
    "termination_cancelled",
    "platform_terminated",
    "suspended_on_expiry",
    "balance_alert",
    "payment_declined",
    "method_validated",
    "card_expired",
];

/// A value an expectation names or a state shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    Money(Decimal),
    Date(NaiveDate),
    Invoice(InvoiceState),
    Account(AccountStatus),
    Mode(BillingMode),
    Platform(PlatformState),
    Count(u32),
    /// At least one (an e-mail of a kind exists).
    AtLeastOne,
    /// The invoice, account or platform named is not there.
    Missing,
}

impl Observed {
    /// The value in the file's words, for a program (an embed's `hes:check`): a sum as a
    /// string with its two decimals ("-6.98"), a day `YYYY-MM-DD`, a status as the file names
    /// it ("unpaid", "suspended_unpaid", "terminating", "yearly"), a count, "at_least_one",
    /// "missing".
    pub fn code(&self) -> String {
        match self {
            Observed::Money(m) => {
                let mut m = *m;
                m.rescale(2);
                m.to_string()
            }
            Observed::Date(d) => d.to_string(),
            Observed::Invoice(s) => super::INVOICE_STATES[*s as usize].to_string(),
            Observed::Account(status) => {
                let i = super::parse::ACCOUNT_STATUS_VALUES.iter().position(|v| v == status).unwrap_or(0);
                super::ACCOUNT_STATES[i].to_string()
            }
            Observed::Mode(mode) => mode.code().to_string(),
            Observed::Platform(s) => super::PLATFORM_STATES[*s as usize].to_string(),
            Observed::Count(n) => n.to_string(),
            Observed::AtLeastOne => "at_least_one".to_string(),
            Observed::Missing => "missing".to_string(),
        }
    }
}

/// A check's outcome: `ok`, and both values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub ok: bool,
    pub expected: Observed,
    pub actual: Observed,
}

/// An expectation checked during a play: which one (its index in the file), and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub expectation: usize,
    pub check: Check,
}

impl AccountRef {
    /// The account it names in `state`: the one with that address, or the first with that
    /// local part.
    pub fn find<'s>(&self, state: &'s State) -> Option<&'s ExchangeAccount> {
        let name = self.as_str();
        let mut accounts = state.platforms.iter().flat_map(|p| &p.accounts);
        if name.contains('@') {
            accounts.find(|a| a.email.eq_ignore_ascii_case(name))
        } else {
            accounts.find(|a| a.email.split('@').next().is_some_and(|l| l.eq_ignore_ascii_case(name)))
        }
    }
}

impl Reference {
    /// The platform of that name in `state`.
    pub fn platform<'s>(&self, state: &'s State) -> Option<&'s crate::Platform> {
        state.platforms.iter().find(|p| p.name == self.as_str())
    }
}

impl Expectation {
    /// Compares the state with what is expected.
    pub fn check(&self, state: &State) -> Check {
        let (expected, actual) = match &self.expected {
            Expected::Balance(b) => (Observed::Money(*b), Observed::Money(state.account.balance)),
            Expected::Today(d) => (Observed::Date(*d), Observed::Date(state.today)),
            Expected::Invoice { invoice, status } => (
                Observed::Invoice(*status),
                state
                    .invoices
                    .iter()
                    .find(|i| i.reference == invoice.as_str())
                    .map_or(Observed::Missing, |i| {
                        Observed::Invoice(if i.is_unpaid() { InvoiceState::Unpaid } else { InvoiceState::Paid })
                    }),
            ),
            Expected::AccountStatus { account, status } => (
                Observed::Account(*status),
                account.find(state).map_or(Observed::Missing, |a| Observed::Account(a.status)),
            ),
            Expected::AccountMode { account, mode } => (
                Observed::Mode(*mode),
                account.find(state).map_or(Observed::Missing, |a| Observed::Mode(a.mode)),
            ),
            Expected::AccountExpiry { account, on } => (
                Observed::Date(*on),
                account.find(state).map_or(Observed::Missing, |a| Observed::Date(a.expiry)),
            ),
            Expected::Platform { platform, status } => (
                Observed::Platform(*status),
                platform.platform(state).map_or(Observed::Missing, |p| {
                    Observed::Platform(if !p.is_active() {
                        PlatformState::Terminated
                    } else if p.termination.is_some() {
                        PlatformState::Terminating
                    } else {
                        PlatformState::Active
                    })
                }),
            ),
            Expected::Emails { kind, count } => {
                let n = state.inbox.iter().filter(|m| MailKind::of(&m.kind) == *kind).count();
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                let ok = count.map_or(n >= 1, |c| n == c);
                let expected = count.map_or(Observed::AtLeastOne, Observed::Count);
                return Check { ok, expected, actual: Observed::Count(n) };
            }
        };
        Check { ok: expected == actual, expected, actual }
    }

    /// "Add a check here": the current balance.
    pub fn of_balance(after: usize, state: &State) -> Expectation {
        Expectation { after, expected: Expected::Balance(state.account.balance) }
    }

    /// "Add a check here": an invoice's status, if the state has that invoice.
    pub fn of_invoice(after: usize, state: &State, id: crate::InvoiceId) -> Option<Expectation> {
        let invoice = state.invoices.iter().find(|i| i.id == id)?;
        Some(Expectation {
            after,
            expected: Expected::Invoice {
                invoice: Reference::parse(&invoice.reference).ok()?,
                status: if invoice.is_unpaid() { InvoiceState::Unpaid } else { InvoiceState::Paid },
            },
        })
    }

    /// "Add a check here": an account's status, by its address, if the state has it.
    pub fn of_account(after: usize, state: &State, id: crate::AccountId) -> Option<Expectation> {
        let account = state.platforms.iter().flat_map(|p| &p.accounts).find(|a| a.id == id)?;
        let name = AccountRef::parse(&account.email).ok()?;
        // Another account with the same address first would be checked instead.
        (name.find(state).map(|a| a.id) == Some(id)).then_some(Expectation {
            after,
            expected: Expected::AccountStatus { account: name, status: account.status },
        })
    }
}
