//! F1: the months ahead. The engine itself advances a copy of the state, event day by event
//! day, with no new action (T3), and the forecast is read off the copy's journal: its invoices,
//! settlements and events are exactly what the clock would show over the same days.

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::Clock;
use crate::{
    AccountStatus, Action, Advance, Event, EventKind, InvoiceLine, MethodId, MethodStatus, PlatformId,
    PlatformStatus, RuleId, State, LAST_DATE,
};

/// How far the forecast looks (F1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Horizon {
    Months3,
    Months12,
    Months24,
}

impl Horizon {
    pub const ALL: [Horizon; 3] = [Horizon::Months3, Horizon::Months12, Horizon::Months24];

    pub fn months(self) -> u32 {
        match self {
            Horizon::Months3 => 3,
            Horizon::Months12 => 12,
            Horizon::Months24 => 24,
        }
    }

    /// The last day the forecast covers: `today` plus the months (end-of-month clamped, as R7
    /// counts), never after [`LAST_DATE`].
    pub fn end(self, today: NaiveDate) -> NaiveDate {
        today
            .checked_add_months(Months::new(self.months()))
            .unwrap_or(LAST_DATE)
            .min(LAST_DATE)
            .max(today)
    }
}

/// A figure with the rules that made it, as the journal cites them (T4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub amount: Decimal,
    pub rules: Vec<RuleId>,
}

/// S4: the part of an invoice charged to a payment method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastCharge {
    pub method: MethodId,
    pub label: String,
    pub amount: Figure,
}

/// P6: the default method declined the charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastDecline {
    pub label: String,
    pub amount: Figure,
}

/// One coming invoice and its settlement (R1, S1–S5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastInvoice {
    pub date: NaiveDate,
    pub reference: String,
    pub platform: PlatformId,
    pub platform_name: String,
    /// One line per account, with its period and price (R7, M3).
    pub lines: Vec<InvoiceLine>,
    /// M3.
    pub excl_vat: Figure,
    pub vat_rate: Decimal,
    /// M2.
    pub vat: Figure,
    /// M2.
    pub total: Figure,
    /// S2: paid from the OVH account's balance.
    pub from_balance: Option<Figure>,
    /// P6: the charge the default method declined.
    pub declined: Option<ForecastDecline>,
    /// S4: charged to the default method.
    pub charged: Option<ForecastCharge>,
    /// S5: left as a debt on the OVH account.
    pub debt: Option<Figure>,
    /// S3, S4: paid when issued.
    pub paid: bool,
    /// The balance right after its settlement.
    pub balance_after: Decimal,
    /// D6: its accounts that are suspended for non-payment and still invoiced.
    pub suspended_accounts: Vec<String>,
    /// The rules of its issue, as the journal's `InvoiceIssued` cites them (R1, R7, S1, M2, D6).
    pub rules: Vec<RuleId>,
    /// The journal's events of its issue and settlement, in order.
    pub events: Vec<Event>,
}

impl ForecastInvoice {
    pub fn from_balance_amount(&self) -> Decimal {
        self.from_balance.as_ref().map_or(Decimal::ZERO, |f| f.amount)
    }
    pub fn charged_amount(&self) -> Decimal {
        self.charged.as_ref().map_or(Decimal::ZERO, |c| c.amount.amount)
    }
    pub fn debt_amount(&self) -> Decimal {
        self.debt.as_ref().map_or(Decimal::ZERO, |f| f.amount)
    }
}

/// The forecast's timeline: an invoice, or another event of the journal (a card that expires,
/// a bank account validated, a reminder, a suspension…), in the journal's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ForecastItem {
    /// Boxed: an invoice row is far larger than an event.
    Invoice(Box<ForecastInvoice>),
    Event(Event),
}

impl ForecastItem {
    pub fn date(&self) -> NaiveDate {
        match self {
            ForecastItem::Invoice(i) => i.date,
            ForecastItem::Event(e) => e.date,
        }
    }
}

/// Why an invoice is left as a debt (S4, S5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DebtReason {
    /// No default payment method (S4 has nothing to charge).
    NoMethod,
    /// No default method yet: a bank account still awaits its mandate (P7).
    MethodPending { label: String, validates_on: NaiveDate },
    /// The default card has expired (P6).
    CardExpired { method: MethodId, label: String, last_valid_day: NaiveDate },
    /// The default method declined the charge (P6).
    Declined { label: String },
}

/// What stops an account (R5, R6, D5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SuspensionCause {
    /// D5: for non-payment, the day after the debt's deadline.
    Unpaid,
    /// R5: set to None, on its expiry.
    Expiry,
    /// R6: the platform's termination.
    Terminated,
}

impl SuspensionCause {
    pub fn rules(self) -> &'static [RuleId] {
        match self {
            SuspensionCause::Unpaid => &[RuleId::D4, RuleId::D5],
            SuspensionCause::Expiry => &[RuleId::R5],
            SuspensionCause::Terminated => &[RuleId::R6],
        }
    }
}

/// Accounts stopped on a day, and those of them without a PST export (their data is lost to
/// the customer from that day: R5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    pub date: NaiveDate,
    pub cause: SuspensionCause,
    pub accounts: Vec<String>,
    pub not_exported: Vec<String>,
}

/// What the user should know before it happens, as data the UI words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Warning {
    /// P6, S5: the default card expires (its last valid day) before an invoice it would have
    /// paid; that invoice becomes a debt of `debt`. Given once per card, at its first invoice.
    CardExpiresBeforeInvoice {
        method: MethodId,
        label: String,
        last_valid_day: NaiveDate,
        invoice_date: NaiveDate,
        reference: String,
        debt: Decimal,
    },
    /// S5, D4, D5: an invoice is left as a debt: pay by `deadline`, or its accounts are
    /// suspended on `suspension_day`.
    InvoiceBecomesDebt {
        invoice_date: NaiveDate,
        reference: String,
        platform: String,
        debt: Decimal,
        reason: DebtReason,
        deadline: NaiveDate,
        suspension_day: NaiveDate,
    },
    /// R5, R6, D5: accounts stopped without a PST export.
    DataLost { date: NaiveDate, cause: SuspensionCause, accounts: Vec<String> },
}

/// Totals over one period of at most 12 months: after `from`, up to `until` included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastTotals {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub invoiced: Decimal,
    pub from_balance: Decimal,
    pub charged: Decimal,
    pub left_as_debt: Decimal,
}

/// F1: what the clock would do from today to the horizon, with no new action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forecast {
    pub horizon: Horizon,
    /// Today: the forecast starts after it.
    pub from: NaiveDate,
    /// The last day covered, included.
    pub until: NaiveDate,
    pub items: Vec<ForecastItem>,
    pub warnings: Vec<Warning>,
    /// One per 12 months from today, the last one up to `until`.
    pub totals: Vec<ForecastTotals>,
    pub suspensions: Vec<Suspension>,
    /// Days after today, up to `until`, that end with the OVH account in debt (D4).
    pub debt_days: u32,
    pub balance_at_end: Decimal,
}

impl Forecast {
    pub fn invoices(&self) -> impl Iterator<Item = &ForecastInvoice> {
        self.items.iter().filter_map(|i| match i {
            ForecastItem::Invoice(inv) => Some(&**inv),
            ForecastItem::Event(_) => None,
        })
    }

    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.items.iter().filter_map(|i| match i {
            ForecastItem::Event(e) => Some(e),
            ForecastItem::Invoice(_) => None,
        })
    }

    /// The totals over the whole horizon.
    pub fn total(&self) -> ForecastTotals {
        let mut t = ForecastTotals::empty(self.from, self.until);
        self.invoices().for_each(|i| t.add(i));
        t
    }

    /// The first day an account is stopped without a PST export (R5, R6, D5).
    pub fn data_lost_on(&self) -> Option<NaiveDate> {
        self.suspensions.iter().find(|s| !s.not_exported.is_empty()).map(|s| s.date)
    }
}

impl ForecastTotals {
    fn empty(from: NaiveDate, until: NaiveDate) -> Self {
        ForecastTotals { from, until, invoiced: Decimal::ZERO, from_balance: Decimal::ZERO, charged: Decimal::ZERO, left_as_debt: Decimal::ZERO }
    }

    fn add(&mut self, i: &ForecastInvoice) {
        self.invoiced += i.total.amount;
        self.from_balance += i.from_balance_amount();
        self.charged += i.charged_amount();
        self.left_as_debt += i.debt_amount();
    }

    /// Paid from the balance and by the methods.
    pub fn paid(&self) -> Decimal {
        self.from_balance + self.charged
    }
}

/// Bookkeeping the journal keeps that tells nothing of its own: the clock's moves and the
/// re-issued purchase orders (their amounts are in the debt's events).
fn is_bookkeeping(kind: &EventKind) -> bool {
    matches!(kind, EventKind::ClockAdvanced { .. } | EventKind::OrderCreated { .. } | EventKind::OrderCancelled { .. })
}

/// Whether an event belongs to the settlement of the invoice `reference` (S2–S5) when it comes
/// right after it; `settled` = a charge or debit is already in.
fn settles(kind: &EventKind, reference: &str, settled: bool) -> bool {
    match kind {
        EventKind::InvoiceCoveredByBalance { reference: r, .. }
        | EventKind::InvoiceCharged { reference: r, .. }
        | EventKind::AccountDebited { reference: r, .. }
        | EventKind::InvoicePaid { reference: r } => r == reference,
        EventKind::PaymentDeclined { .. } => !settled,
        _ => false,
    }
}

/// F1: the months ahead of `state`, up to `horizon`: the engine advances a copy, one event day
/// at a time (T2), with no new action, and the forecast reads what it did.
pub fn forecast(state: &State, horizon: Horizon) -> Forecast {
    let from = state.today;
    let until = horizon.end(from);
    let mut copy = state.live_copy();
    let mut reader = Reader::new(state, horizon, until);
    while let Some(day) = copy.next_event_date().filter(|d| *d <= until) {
        reader.count_debt_days(day, copy.account.is_debtor());
        let (events, invoices) = (copy.journal.len(), copy.invoices.len());
        let Ok(days) = u32::try_from((day - copy.today).num_days()) else {
            break;
        };
        // In place: `apply` would copy the day's events out, which the reader reads in the copy.
        if copy.apply_in_place(Action::Advance(Advance::Days(days)), Clock::Bounded).is_err() {
            break;
        }
        reader.read_day(&copy, events, invoices);
        if copy.account.is_debtor() {
            reader.debt_days += 1;
        }
    }
    reader.count_debt_days(add_one(until), copy.account.is_debtor());
    reader.finish(copy.account.balance)
}

fn add_one(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// Reads the copy's journal, day after day, into the forecast.
struct Reader {
    forecast: Forecast,
    balance: Decimal,
    /// The day up to which debt days are counted.
    counted_to: NaiveDate,
    debt_days: u32,
    /// Accounts suspended for non-payment (D6), by address.
    suspended: BTreeSet<String>,
    /// Cards already warned about.
    warned: BTreeSet<MethodId>,
    /// The method that paid the invoice being read (S4), from the copy's invoice.
    charged_by: Option<MethodId>,
}

impl Reader {
    fn new(state: &State, horizon: Horizon, until: NaiveDate) -> Self {
        Reader {
            forecast: Forecast {
                horizon,
                from: state.today,
                until,
                items: Vec::new(),
                warnings: Vec::new(),
                totals: Vec::new(),
                suspensions: Vec::new(),
                debt_days: 0,
                balance_at_end: state.account.balance,
            },
            balance: state.account.balance,
            counted_to: state.today,
            debt_days: 0,
            suspended: state
                .platforms
                .iter()
                .flat_map(|p| &p.accounts)
                .filter(|a| a.status == AccountStatus::SuspendedUnpaid)
                .map(|a| a.email.clone())
                .collect(),
            warned: BTreeSet::new(),
            charged_by: None,
        }
    }

    /// D4: the quiet days after the last one counted and before `day` keep the debt as it was.
    fn count_debt_days(&mut self, day: NaiveDate, debtor: bool) {
        let quiet = (day - self.counted_to).num_days() - 1;
        if debtor && quiet > 0 {
            self.debt_days += u32::try_from(quiet).unwrap_or(0);
        }
        self.counted_to = day;
    }

    /// One processed day: the journal's events from `events`, the invoices from `invoices`.
    fn read_day(&mut self, copy: &State, events: usize, invoices: usize) {
        let mut row: Option<ForecastInvoice> = None;
        for e in copy.journal[events..].iter().filter(|e| !is_bookkeeping(&e.kind)) {
            if let Some(r) = row.as_mut() {
                let settled = r.charged.is_some() || r.debt.is_some() || r.paid;
                if settles(&e.kind, &r.reference, settled) {
                    self.settle(r, e);
                    continue;
                }
            }
            if let Some(r) = row.take() {
                self.close(copy, r);
            }
            match &e.kind {
                EventKind::InvoiceIssued { reference, .. } => {
                    let inv = copy.invoices[invoices..].iter().find(|i| &i.reference == reference);
                    self.charged_by = inv.and_then(|inv| inv.charged.as_ref().map(|c| c.0));
                    row = inv.map(|inv| ForecastInvoice {
                        date: inv.date,
                        reference: inv.reference.clone(),
                        platform: inv.platform,
                        platform_name: copy.platform(inv.platform).map(|p| p.name.clone()).unwrap_or_default(),
                        suspended_accounts: inv.lines.iter().filter(|l| self.suspended.contains(&l.email)).map(|l| l.email.clone()).collect(),
                        lines: inv.lines.clone(),
                        excl_vat: Figure { amount: inv.excl_vat, rules: vec![RuleId::M3] },
                        vat_rate: inv.vat_rate,
                        vat: Figure { amount: inv.vat, rules: vec![RuleId::M2] },
                        total: Figure { amount: inv.total, rules: vec![RuleId::M2] },
                        from_balance: None,
                        declined: None,
                        charged: None,
                        debt: None,
                        paid: false,
                        balance_after: self.balance,
                        rules: e.rules.clone(),
                        events: vec![e.clone()],
                    });
                }
                other => {
                    self.story(copy, e.date, other);
                    self.forecast.items.push(ForecastItem::Event(e.clone()));
                }
            }
        }
        if let Some(r) = row.take() {
            self.close(copy, r);
        }
    }

    /// An event of the invoice's settlement (S2–S5, P6).
    fn settle(&mut self, r: &mut ForecastInvoice, e: &Event) {
        let figure = |amount: Decimal| Figure { amount, rules: e.rules.clone() };
        match &e.kind {
            EventKind::InvoiceCoveredByBalance { amount, .. } => {
                self.balance -= *amount;
                r.from_balance = Some(figure(*amount));
            }
            EventKind::PaymentDeclined { label, amount } => r.declined = Some(ForecastDecline { label: label.clone(), amount: figure(*amount) }),
            EventKind::InvoiceCharged { label, amount, .. } => {
                if let Some(method) = self.charged_by {
                    r.charged = Some(ForecastCharge { method, label: label.clone(), amount: figure(*amount) });
                }
            }
            EventKind::InvoicePaid { .. } => r.paid = true,
            EventKind::AccountDebited { amount, balance, .. } => {
                self.balance = *balance;
                r.debt = Some(figure(*amount));
            }
            _ => {}
        }
        r.balance_after = self.balance;
        r.events.push(e.clone());
    }

    /// The invoice is settled: its warnings, and the timeline.
    fn close(&mut self, copy: &State, r: ForecastInvoice) {
        if let Some(debt) = r.debt.as_ref().map(|d| d.amount) {
            let reason = debt_reason(copy, &r);
            if let DebtReason::CardExpired { method, label, last_valid_day } = &reason {
                if self.warned.insert(*method) {
                    self.forecast.warnings.push(Warning::CardExpiresBeforeInvoice {
                        method: *method,
                        label: label.clone(),
                        last_valid_day: *last_valid_day,
                        invoice_date: r.date,
                        reference: r.reference.clone(),
                        debt,
                    });
                }
            }
            // D4: the deadline counts from the day the debt began; D5: suspension the day after
            // it, or at the next 00:00 when it has already passed.
            let deadline = copy.account.deadline().unwrap_or(r.date);
            self.forecast.warnings.push(Warning::InvoiceBecomesDebt {
                invoice_date: r.date,
                reference: r.reference.clone(),
                platform: r.platform_name.clone(),
                debt,
                reason,
                deadline,
                suspension_day: add_one(deadline.max(r.date)),
            });
        }
        self.forecast.items.push(ForecastItem::Invoice(Box::new(r)));
    }

    /// What an event outside an invoice changes for the forecast: the balance, the accounts
    /// suspended (D5, D6, R5, R6).
    fn story(&mut self, copy: &State, date: NaiveDate, kind: &EventKind) {
        match kind {
            EventKind::AccountCredited { balance, .. } | EventKind::AccountDebited { balance, .. } => self.balance = *balance,
            EventKind::SuspendedUnpaid { accounts } => {
                self.suspended.extend(accounts.iter().cloned());
                self.suspension(copy, date, SuspensionCause::Unpaid, accounts.clone());
            }
            EventKind::Reactivated { accounts } => accounts.iter().for_each(|a| {
                self.suspended.remove(a);
            }),
            EventKind::SuspendedOnExpiry { account } => self.suspension(copy, date, SuspensionCause::Expiry, vec![account.clone()]),
            EventKind::PlatformTerminated { platform } => {
                let accounts = copy
                    .platforms
                    .iter()
                    .find(|p| &p.name == platform && p.status == PlatformStatus::Terminated { on: date })
                    .map(|p| p.accounts.iter().map(|a| a.email.clone()).collect())
                    .unwrap_or_default();
                self.suspension(copy, date, SuspensionCause::Terminated, accounts);
            }
            _ => {}
        }
    }

    /// Records a suspension; one on expiry joins the same day's (R5: one event per account).
    fn suspension(&mut self, copy: &State, date: NaiveDate, cause: SuspensionCause, accounts: Vec<String>) {
        let exported = |email: &String| copy.platforms.iter().flat_map(|p| &p.accounts).any(|a| &a.email == email && a.pst_export.is_some());
        let not_exported: Vec<String> = accounts.iter().filter(|a| !exported(a)).cloned().collect();
        match self.forecast.suspensions.last_mut() {
            Some(last) if last.date == date && last.cause == cause && cause == SuspensionCause::Expiry => {
                last.accounts.extend(accounts);
                last.not_exported.extend(not_exported);
            }
            _ => self.forecast.suspensions.push(Suspension { date, cause, accounts, not_exported }),
        }
    }

    fn finish(mut self, balance: Decimal) -> Forecast {
        let f = &mut self.forecast;
        f.debt_days = self.debt_days;
        f.balance_at_end = balance;
        for s in &f.suspensions {
            if !s.not_exported.is_empty() {
                f.warnings.push(Warning::DataLost { date: s.date, cause: s.cause, accounts: s.not_exported.clone() });
            }
        }
        f.warnings.sort_by_key(warning_date);
        let mut start = f.from;
        let mut k = 1;
        while start < f.until || f.totals.is_empty() {
            let end = f.from.checked_add_months(Months::new(12 * k)).unwrap_or(f.until).min(f.until);
            let mut t = ForecastTotals::empty(start, end);
            f.items.iter().filter_map(|i| match i {
                ForecastItem::Invoice(inv) if inv.date > start && inv.date <= end => Some(inv),
                _ => None,
            }).for_each(|i| t.add(i));
            f.totals.push(t);
            start = end;
            k += 1;
        }
        self.forecast
    }
}

fn warning_date(w: &Warning) -> NaiveDate {
    match w {
        Warning::CardExpiresBeforeInvoice { invoice_date, .. } | Warning::InvoiceBecomesDebt { invoice_date, .. } => *invoice_date,
        Warning::DataLost { date, .. } => *date,
    }
}

/// S4, S5, P6, P7: why the default method did not pay an invoice, read on the day's state.
fn debt_reason(copy: &State, r: &ForecastInvoice) -> DebtReason {
    if let Some(d) = &r.declined {
        return DebtReason::Declined { label: d.label.clone() };
    }
    match copy.methods.iter().find(|m| m.is_default) {
        Some(m) if m.status == MethodStatus::Expired => DebtReason::CardExpired {
            method: m.id,
            label: m.label.clone(),
            last_valid_day: m.card_expiry.unwrap_or(r.date),
        },
        Some(_) => DebtReason::NoMethod,
        None => match copy.methods.iter().find(|m| m.status == MethodStatus::PendingValidation) {
            Some(m) => DebtReason::MethodPending { label: m.label.clone(), validates_on: m.validates_on.unwrap_or(r.date) },
            None => DebtReason::NoMethod,
        },
    }
}
