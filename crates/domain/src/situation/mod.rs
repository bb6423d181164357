//! The user's own situation (U1–U4): the figures a customer reads in their control panel, and
//! the state the simulation starts from with them.
//!
//! A [`Situation`] is only made by parsing a [`SituationInput`] (the form, or a JSON file), so
//! every one is valid: its fields are private and read through its methods. It is saved and
//! shared as that input (with its `version`), and parsed again when it is read back.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::{
    add_days, renewal_date, AccountId, AccountStatus, Action, Amount, BillingMode, CardBrand, CardExpiry,
    ExchangeAccount, Invoice, InvoiceId, InvoiceLine, InvoiceStatus, LocalPart, MethodId, MethodStatus,
    Movement, MovementKind, NicHandle, OrderId, OrderPurpose, OrderStatus, PaymentKind, PaymentMethod,
    PurchaseOrder, State, Subsidiary, BANK_VALIDATION_DAYS,
};

mod edit;
mod form;

pub use form::*;

/// The NIC handle a situation logs in with (L1): a demo handle, never the user's own.
pub const SITUATION_NIC: &str = "ab12345-ovh";

/// U1: a customer's own situation, parsed (see [`SituationInput::parse`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SituationInput", into = "SituationInput")]
pub struct Situation {
    version: u32,
    subsidiary: Subsidiary,
    today: NaiveDate,
    platforms: Vec<SituationPlatform>,
    /// Two decimals; negative = a debt.
    balance: Decimal,
    /// U3: the day the debt began, when the balance is negative.
    debt_since: Option<NaiveDate>,
    /// U3: the index of the platform of the debt's invoice.
    debt_platform: usize,
    methods: Vec<SituationMethod>,
    default_method: Option<usize>,
    alert_threshold: Option<Amount>,
}

/// One platform of a situation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SituationPlatform {
    name: String,
    domain: String,
    anniversary: NaiveDate,
    mode: BillingMode,
    accounts: Vec<SituationAccount>,
}

/// One account of a situation, its mode and expiry resolved (U1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SituationAccount {
    local_part: LocalPart,
    mode: BillingMode,
    follows_mode: bool,
    expiry: NaiveDate,
    follows_expiry: bool,
    pst_exported: bool,
}

/// One payment method of a situation: a kind, a status, a card's expiry, an optional label.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SituationMethod {
    kind: PaymentKind,
    status: SituationMethodStatus,
    card_expiry: Option<CardExpiry>,
    last4: Option<String>,
}

/// U4: how a method stands at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SituationMethodStatus {
    /// It pays (P3), unless it is a card whose expiry month is past (P6).
    Valid,
    /// A bank account awaiting its mandate: valid two days after the start (P7).
    Pending,
    /// It declines its next charge (P6).
    Declining,
}

impl Situation {
    pub fn version(&self) -> u32 {
        self.version
    }
    pub fn subsidiary(&self) -> Subsidiary {
        self.subsidiary
    }
    pub fn today(&self) -> NaiveDate {
        self.today
    }
    pub fn platforms(&self) -> &[SituationPlatform] {
        &self.platforms
    }
    /// The OVH account's balance; negative = a debt (U3).
    pub fn balance(&self) -> Decimal {
        self.balance
    }
    /// U3: the day the debt began, when the balance is negative.
    pub fn debt_since(&self) -> Option<NaiveDate> {
        self.debt_since
    }
    /// U3: the index of the debt's platform (0 when there is no debt).
    pub fn debt_platform(&self) -> usize {
        self.debt_platform
    }
    pub fn methods(&self) -> &[SituationMethod] {
        &self.methods
    }
    /// P4: the index of the default method.
    pub fn default_method(&self) -> Option<usize> {
        self.default_method
    }
    pub fn alert_threshold(&self) -> Option<Amount> {
        self.alert_threshold
    }

    /// The form that gives back this situation (for "Edit my situation").
    pub fn input(&self) -> SituationInput {
        SituationInput::from(self)
    }

    /// The methods' labels, in order, as the state names them: "Card ••••4242", "PayPal",
    /// "IBAN ••••0189"; a label that would repeat gets " (2)", " (3)"…
    pub fn method_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = Vec::with_capacity(self.methods.len());
        for m in &self.methods {
            let base = match &m.last4 {
                Some(last4) => format!("{} ••••{last4}", m.kind_name()),
                None => m.kind_name().to_string(),
            };
            let mut label = base.clone();
            let mut n = 2;
            while labels.contains(&label) {
                label = format!("{base} ({n})");
                n += 1;
            }
            labels.push(label);
        }
        labels
    }

    /// U2–U4: the state the simulation starts from: on that day, logged in with a demo handle
    /// (L1), the platforms and accounts as given (R7 anchors that keep their renewal dates), the
    /// movements opened by one "opening balance" (A3), a debt as one unpaid invoice with its
    /// purchase order and deadline (S5, D4), suspended if that deadline has passed (D5), the
    /// methods as given (P6, P7), and no e-mail for anything before the start.
    pub fn state(&self) -> State {
        let today = self.today;
        let mut s = State::new(today, self.subsidiary);
        if let Ok(nic) = NicHandle::parse(SITUATION_NIC) {
            let _ = s.apply(Action::LogIn { nic, subsidiary: self.subsidiary });
        }
        for p in &self.platforms {
            s.add_platform(&p.name, &p.domain, p.anchor());
            let pi = s.platforms.len() - 1;
            for a in &p.accounts {
                let account = AccountId(s.counters.next_account);
                s.counters.next_account += 1;
                let (anchor, periods) = p.anchor_of(a.mode, a.expiry);
                s.platforms[pi].accounts.push(ExchangeAccount {
                    id: account,
                    email: format!("{}@{}", a.local_part.as_str(), p.domain),
                    start: anchor,
                    mode: a.mode,
                    pending_mode: None,
                    anchor,
                    periods,
                    expiry: a.expiry,
                    status: AccountStatus::Active,
                    // R5: the day of that export is not known; it counts as made by the start.
                    pst_export: a.pst_exported.then_some(today),
                });
            }
        }
        self.open_balance(&mut s);
        for (m, label) in self.methods.iter().zip(self.method_labels()) {
            let id = MethodId(s.counters.next_method);
            s.counters.next_method += 1;
            let card_expiry = m.card_expiry.map(|e| e.last_valid_day());
            let status = match m.status {
                SituationMethodStatus::Pending => MethodStatus::PendingValidation,
                // U4: a card whose expiry month is before today's is expired (P6).
                _ if card_expiry.is_some_and(|d| d < today) => MethodStatus::Expired,
                _ => MethodStatus::Valid,
            };
            let is_default = self.default_method == Some(s.methods.len());
            s.methods.push(PaymentMethod {
                id,
                kind: m.kind,
                label,
                status,
                is_default,
                decline_next: m.status == SituationMethodStatus::Declining,
                added_on: today,
                card_expiry,
                // U4, P7: a pending bank account validates two days after the start.
                validates_on: (status == MethodStatus::PendingValidation).then(|| add_days(today, BANK_VALIDATION_DAYS)),
            });
        }
        s.account.alert_threshold = self.alert_threshold.map(|a| a.value());
        // N2: a balance already under the threshold was alerted before the start (no e-mail).
        s.account.alert_sent = s.account.alert_threshold.is_some_and(|t| self.balance < t);
        s
    }

    /// U2: the opening movement; U3: a debt's invoice, purchase order and suspension.
    fn open_balance(&self, s: &mut State) {
        let today = self.today;
        let debt = (-self.balance).max(Decimal::ZERO);
        let since = self.debt_since.filter(|_| debt > Decimal::ZERO);
        let invoice_ref = format!("{}0000000", self.subsidiary.reference_prefix());
        s.account.movements.push(Movement {
            date: today,
            reference: if since.is_some() { invoice_ref.clone() } else { String::new() },
            kind: MovementKind::Opening,
            method: None,
            debit: debt,
            credit: self.balance.max(Decimal::ZERO),
            balance_after: self.balance,
        });
        s.account.balance = self.balance;
        let Some(since) = since else {
            return;
        };
        let pi = self.debt_platform.min(s.platforms.len().saturating_sub(1));
        let Some(platform) = s.platforms.get(pi) else {
            return;
        };
        // U3: one unpaid invoice for the debt. Its total is the amount given, incl. VAT; its
        // excl. VAT is that total / (1 + rate) to the cent and its VAT the rest (M2 cannot always
        // give back an arbitrary total), spread over the platform's accounts.
        let vat_rate = self.subsidiary.vat_rate();
        let excl_vat = (debt / (Decimal::ONE + vat_rate)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let mut cents = excl_vat;
        cents.rescale(2);
        let n = platform.accounts.len().max(1) as i128;
        let (each, rest) = (cents.mantissa() / n, cents.mantissa() % n);
        let lines: Vec<InvoiceLine> = platform
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| InvoiceLine {
                account: a.id,
                email: a.email.clone(),
                mode: a.mode,
                from: since,
                to: a.expiry,
                price: Decimal::from_i128_with_scale(each + i128::from((i as i128) < rest), 2),
            })
            .collect();
        s.invoices.push(Invoice {
            id: InvoiceId(0),
            reference: invoice_ref,
            date: since,
            platform: platform.id,
            lines,
            excl_vat,
            vat_rate,
            vat: debt - excl_vat,
            total: debt,
            covered_by_balance: Decimal::ZERO,
            charged: None,
            debited_to_account: debt,
            status: InvoiceStatus::Unpaid,
        });
        // S5, D1.2: the purchase order for exactly the debt.
        s.orders.push(PurchaseOrder {
            id: OrderId(s.counters.next_order),
            reference: format!("BC-{:06}", s.counters.next_order),
            created: since,
            amount: debt,
            purpose: OrderPurpose::Debt,
            status: OrderStatus::Open,
        });
        s.counters.next_order += 1;
        s.account.debt_since = Some(since);
        // D5: past the deadline, the platform's accounts are suspended from the day after it.
        if s.account.suspension_day().is_some_and(|d| d <= today) {
            for a in s.platforms[pi].accounts.iter_mut() {
                a.status = AccountStatus::SuspendedUnpaid;
            }
        }
    }
}

impl SituationPlatform {
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn domain(&self) -> &str {
        &self.domain
    }
    /// The next anniversary (R6): after today, at most a year ahead.
    pub fn anniversary(&self) -> NaiveDate {
        self.anniversary
    }
    /// The mode of the accounts that follow the platform.
    pub fn mode(&self) -> BillingMode {
        self.mode
    }
    pub fn accounts(&self) -> &[SituationAccount] {
        &self.accounts
    }

    /// R6, R7: the start of the platform's current year, from which its anniversaries are
    /// counted: a year before the anniversary, or four years before a 29 February (so that the
    /// count gives 29 February back in leap years).
    pub fn anchor(&self) -> NaiveDate {
        let a = self.anniversary;
        let back = if (a.month(), a.day()) == (2, 29) { 48 } else { 12 };
        a.checked_sub_months(Months::new(back)).unwrap_or(a)
    }

    /// U1: the expiry of an account in `mode` that follows the platform: the anniversary, or
    /// for a monthly account the first monthly date after today counted from the platform's
    /// year (R7). An account set to None has the period of the platform's mode.
    fn followed_expiry(&self, mode: BillingMode, today: NaiveDate) -> NaiveDate {
        let monthly = mode == BillingMode::Monthly || (mode == BillingMode::None && self.mode == BillingMode::Monthly);
        if monthly {
            first_renewal_after(self.anchor(), BillingMode::Monthly, today)
        } else {
            self.anniversary
        }
    }

    /// R7: the anchor and periods that give an account its expiry and the renewals after it:
    /// the platform's own when the expiry is one of its dates in that mode (so that month ends
    /// clamp as the platform's do), else the expiry itself.
    fn anchor_of(&self, mode: BillingMode, expiry: NaiveDate) -> (NaiveDate, u32) {
        if mode != BillingMode::None {
            let anchor = self.anchor();
            let mut k = 1;
            loop {
                let d = renewal_date(anchor, mode, k);
                if d == expiry {
                    return (anchor, k);
                }
                if d > expiry {
                    break;
                }
                k += 1;
            }
        }
        (expiry, 0)
    }
}

impl SituationAccount {
    pub fn local_part(&self) -> &LocalPart {
        &self.local_part
    }
    pub fn mode(&self) -> BillingMode {
        self.mode
    }
    /// Whether the mode is the platform's (left empty in the form).
    pub fn follows_mode(&self) -> bool {
        self.follows_mode
    }
    /// The next renewal (U1).
    pub fn expiry(&self) -> NaiveDate {
        self.expiry
    }
    /// Whether the expiry is the platform's (left empty in the form).
    pub fn follows_expiry(&self) -> bool {
        self.follows_expiry
    }
    pub fn pst_exported(&self) -> bool {
        self.pst_exported
    }
}

impl SituationMethod {
    pub fn kind(&self) -> PaymentKind {
        self.kind
    }
    pub fn status(&self) -> SituationMethodStatus {
        self.status
    }
    pub fn card_expiry(&self) -> Option<CardExpiry> {
        self.card_expiry
    }
    pub fn last4(&self) -> Option<&str> {
        self.last4.as_deref()
    }

    /// P3, P6: whether it can pay on `today` (not pending, not an expired card).
    pub fn is_valid_on(&self, today: NaiveDate) -> bool {
        self.status != SituationMethodStatus::Pending && !self.card_expiry.is_some_and(|e| e.is_past(today))
    }

    /// The label's first word, the same in every language, as a masked card's ("Card ••••4242").
    fn kind_name(&self) -> &'static str {
        match self.kind {
            PaymentKind::Card => CardBrand::Other.name(),
            PaymentKind::Paypal => "PayPal",
            PaymentKind::BankAccount => "IBAN",
        }
    }
}
