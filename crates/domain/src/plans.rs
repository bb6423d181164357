//! Read-only questions the screens ask before the user commits: what a change would do, what is
//! on offer, how long is left. Each answer is the rule's own, computed here once and used both by
//! the engine (which acts on it) and by the UI (which shows it), so no component re-derives a rule.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::action::Refusal;
use super::billing::credit_floor;
use super::input::{Amount, BillingMode, CardExpiry};
use super::method::{MethodStatus, PaymentMethod};
use super::order::{OrderId, OrderPurpose, OrderStatus};
use super::rules::RuleId;
use super::index::Index;
use super::state::{
    add_days, renewal_date, AccountId, AccountStatus, ExchangeAccount, OvhAccount, PlatformId,
    State, Termination,
};

/// One account's scheduled mode change (R2, R3): from which renewal it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedModeChange {
    pub account: AccountId,
    pub email: String,
    /// The mode the next renewal would have used without the change.
    pub before: BillingMode,
    pub after: BillingMode,
    /// R3: the renewal the change applies to (the account's current expiry).
    pub from: NaiveDate,
    /// R5: set to None with no PST export made: its data is lost when it is suspended on `from`.
    pub never_exported: bool,
}

/// A renewal that still happens before a termination takes effect (R6: full periods).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRenewal {
    pub account: AccountId,
    pub email: String,
    pub date: NaiveDate,
    pub mode: BillingMode,
}

/// What *Résilier* would schedule today (R6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminationPlan {
    pub termination: Termination,
    /// Renewals strictly before the effective date, in date order: they are still invoiced.
    pub renewals: Vec<PlannedRenewal>,
}

/// How long is left to pay a debt (D4): the customer can pay until the end of the deadline's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DebtCountdown {
    /// Whole days left after today.
    DaysLeft(u32),
    /// Today is the deadline.
    LastDay,
    /// The deadline has passed (D5: unpaid services are suspended).
    Passed,
}

impl PlannedModeChange {
    /// The rules a mode change applies: R2 (a mode per account), R3 (from the next renewal),
    /// R4 (no order, no invoice), and R5 when the new mode is None (not renewed).
    pub fn rules(&self) -> &'static [RuleId] {
        if self.after == BillingMode::None {
            &[RuleId::R2, RuleId::R3, RuleId::R4, RuleId::R5]
        } else {
            &[RuleId::R2, RuleId::R3, RuleId::R4]
        }
    }
}

impl OvhAccount {
    /// A3: the balance at the start of `date`, before that day's movements: the running
    /// balance after the last movement dated before it (before the first movement, what the
    /// first one started from).
    pub fn balance_before(&self, date: NaiveDate) -> Decimal {
        let Some(first) = self.movements.first() else {
            return self.balance;
        };
        self.movements
            .iter()
            .take_while(|m| m.date < date)
            .last()
            .map_or(first.balance_after - first.credit + first.debit, |m| m.balance_after)
    }

    /// D4: the countdown to the deadline, while the account is debtor.
    pub fn countdown(&self, today: NaiveDate) -> Option<DebtCountdown> {
        let deadline = self.deadline().filter(|_| self.is_debtor())?;
        let days = (deadline - today).num_days();
        Some(match days {
            d if d > 0 => DebtCountdown::DaysLeft(u32::try_from(d).unwrap_or(u32::MAX)),
            0 => DebtCountdown::LastDay,
            _ => DebtCountdown::Passed,
        })
    }
}

impl PaymentMethod {
    /// P4: only a valid method that is not already the default can become the default.
    pub fn can_be_default(&self) -> bool {
        self.is_usable() && !self.is_default
    }

    /// P4: any method but the default can be removed.
    pub fn can_be_removed(&self) -> bool {
        !self.is_default
    }

    /// Why the method cannot pay, if it cannot (P3, P6, P7).
    pub fn unusable_reason(&self) -> Option<Refusal> {
        (self.status != MethodStatus::Valid).then_some(Refusal::MethodNotUsable)
    }
}

impl ExchangeAccount {
    /// R7: the renewal dates strictly before `until`, counted from the anchor; a pending mode
    /// applies from the next renewal on (R3). Never more than `limit` dates.
    fn renewals_before(&self, until: NaiveDate, limit: usize) -> Vec<(NaiveDate, BillingMode)> {
        let mut out = Vec::new();
        if self.expiry >= until {
            return out;
        }
        let mode = self.next_mode();
        if mode == BillingMode::None {
            return out;
        }
        // The next renewal is on the current expiry; with a new mode the anchor restarts there.
        let (anchor, mut k) = if mode == self.mode {
            (self.anchor, self.periods)
        } else {
            (self.expiry, 0)
        };
        let mut date = self.expiry;
        while date < until && out.len() < limit {
            out.push((date, mode));
            k += 1;
            date = renewal_date(anchor, mode, k);
        }
        out
    }
}

impl State {
    /// An invoice's id by its reference ("FR0000042": the subsidiary's code and the id, see
    /// `issue_invoice`). The engine keeps invoices in id order, so the id is found by a binary
    /// search; a history in another order (set up by hand) is searched through.
    pub fn invoice_id(&self, reference: &str) -> Option<super::state::InvoiceId> {
        let by_id = || {
            let digits = reference.trim_start_matches(|c: char| !c.is_ascii_digit());
            let id: u32 = digits.parse().ok()?;
            let at = self.invoices.binary_search_by_key(&id, |i| i.id.0).ok()?;
            Some(&self.invoices[at]).filter(|i| i.reference == reference)
        };
        by_id()
            .or_else(|| self.invoices.iter().rev().find(|i| i.reference == reference))
            .map(|i| i.id)
    }

    /// A platform by its id.
    pub fn platform(&self, id: PlatformId) -> Option<&super::state::Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }

    /// R2–R5: what `SetMode` would schedule, or why it would be refused. Made on the expiry day,
    /// that day's renewal has already run (T1), so the change applies at the renewal after: the
    /// account's expiry has already moved on.
    pub fn plan_mode_change(
        &self,
        ids: &[AccountId],
        mode: BillingMode,
    ) -> Result<Vec<PlannedModeChange>, Refusal> {
        if ids.is_empty() {
            return Err(Refusal::NoAccountsSelected);
        }
        // B2: a list longer than any simulation's accounts names some twice or more.
        if ids.len() > super::bounds::MAX_ACCOUNTS {
            return Err(Refusal::TooManyAccounts {
                max: super::bounds::MAX_ACCOUNTS,
            });
        }
        let positions = self.account_positions();
        let mut plan: Vec<PlannedModeChange> = Vec::new();
        let mut planned = std::collections::BTreeSet::new();
        for &id in ids {
            let &(pi, ai) = positions.get(&id).ok_or(Refusal::UnknownAccount)?;
            let account = &self.platforms[pi].accounts[ai];
            if !(self.platforms[pi].is_active() && account.can_change_mode()) {
                return Err(Refusal::AccountNotActive);
            }
            if account.next_mode() != mode && planned.insert(id) {
                plan.push(PlannedModeChange {
                    account: id,
                    email: account.email.clone(),
                    before: account.next_mode(),
                    after: mode,
                    from: account.expiry,
                    never_exported: mode == BillingMode::None && account.pst_export.is_none(),
                });
            }
        }
        if plan.is_empty() {
            return Err(Refusal::ModeUnchanged);
        }
        Ok(plan)
    }

    /// R6: what *Résilier* would schedule today, or why it would be refused: the effective date
    /// (the next anniversary), the last day to cancel, and the renewals that still happen before.
    pub fn plan_termination(&self, id: PlatformId) -> Result<TerminationPlan, Refusal> {
        let termination = self.termination_for(id)?;
        Ok(TerminationPlan {
            renewals: self.renewals_before(id, termination.effective_on),
            termination,
        })
    }

    /// R6: the termination *Résilier* would schedule today, or why it is refused.
    pub(crate) fn termination_for(&self, id: PlatformId) -> Result<Termination, Refusal> {
        let p = self
            .platforms
            .iter()
            .find(|p| p.id == id)
            .ok_or(Refusal::UnknownPlatform)?;
        if !p.is_active() {
            return Err(Refusal::PlatformNotActive);
        }
        if p.termination.is_some() {
            return Err(Refusal::AlreadyTerminating);
        }
        if self.account.is_debtor() {
            return Err(Refusal::TerminateWhileDebtor {
                debt: self.account.debt(),
            });
        }
        Ok(Termination {
            requested_on: self.today,
            effective_on: p.next_anniversary(self.today),
        })
    }

    /// R6: the renewals of a platform's accounts strictly before `until` (which a scheduled
    /// termination does not stop), in date order.
    pub fn renewals_before(&self, id: PlatformId, until: NaiveDate) -> Vec<PlannedRenewal> {
        // A year holds at most 12 monthly renewals per account; cap far above that.
        const LIMIT: usize = 24;
        let Some(p) = self.platforms.iter().find(|p| p.id == id) else {
            return Vec::new();
        };
        let mut out: Vec<PlannedRenewal> = p
            .accounts
            .iter()
            .filter(|a| {
                matches!(
                    a.status,
                    AccountStatus::Active | AccountStatus::SuspendedUnpaid
                )
            })
            .flat_map(|a| {
                a.renewals_before(until, LIMIT)
                    .into_iter()
                    .map(|(date, mode)| PlannedRenewal {
                        account: a.id,
                        email: a.email.clone(),
                        date,
                        mode,
                    })
            })
            .collect();
        out.sort_by(|a, b| (a.date, a.account).cmp(&(b.date, b.account)));
        out
    }

    /// The methods that can pay a purchase order (A2): the valid ones (P3, P6, P7), default first.
    pub fn order_payers(&self) -> Vec<&PaymentMethod> {
        let mut payers: Vec<&PaymentMethod> =
            self.methods.iter().filter(|m| m.is_usable()).collect();
        payers.sort_by_key(|m| !m.is_default);
        payers
    }

    /// A2, D1.2: a Credit order can be cancelled while open; the e-mail's Debt order cannot.
    pub fn can_cancel_order(&self, id: OrderId) -> bool {
        self.order_index(id).is_some_and(|i| {
            let o = &self.orders[i];
            o.status == OrderStatus::Open && o.purpose == OrderPurpose::Credit
        })
    }

    /// The open Debt order of the e-mail link (S5, D1.2), if any.
    pub fn debt_order(&self) -> Option<OrderId> {
        self.open_debt_order().map(|i| self.orders[i].id)
    }

    /// D5: a day after the deadline while the debt lasts, when an active service of an active
    /// platform appears on an unpaid invoice: it is suspended at the next 00:00.
    pub(crate) fn has_unsuspended_unpaid_service(&self) -> bool {
        let index = self.index();
        let unpaid = &index.unpaid_accounts;
        !unpaid.is_empty()
            && self
                .platforms
                .iter()
                .filter(|p| p.is_active())
                .flat_map(|p| &p.accounts)
                .any(|a| a.status == AccountStatus::Active && unpaid.contains(&a.id))
    }

    /// D5: the day at whose 00:00 an unsuspended service of an unpaid invoice is suspended, if
    /// any: the day after the deadline, or the day after today once the deadline has passed.
    pub(crate) fn next_suspension_day(&self) -> Option<NaiveDate> {
        let first = self.account.suspension_day().filter(|_| self.account.is_debtor())?;
        if first > self.today {
            Some(first)
        } else if self.has_unsuspended_unpaid_service() {
            Some(add_days(self.today, 1))
        } else {
            None
        }
    }

    /// A copy of what the rules read, without the history that only grows (journal, inbox,
    /// movements, paid invoices, closed orders): previews and trials cost the same after ten
    /// simulated years as on the first day. Exact for the day loop (T1), which never reads that
    /// history; the copy's own journal holds only what happened on it.
    pub fn live_copy(&self) -> State {
        let index = self.index();
        let mut copy = State {
            today: self.today,
            customer: self.customer.clone(),
            subsidiary: self.subsidiary,
            prices: self.prices.clone(),
            methods: self.methods.clone(),
            account: OvhAccount {
                balance: self.account.balance,
                movements: Vec::new(),
                debt_since: self.account.debt_since,
                alert_threshold: self.account.alert_threshold,
                alert_sent: self.account.alert_sent,
            },
            orders: index.open_orders.iter().map(|&i| self.orders[i].clone()).collect(),
            invoices: index.unpaid.iter().map(|&i| self.invoices[i].clone()).collect(),
            platforms: self.platforms.clone(),
            inbox: Vec::new(),
            journal: Vec::new(),
            counters: self.counters.clone(),
            index: Index::default(),
        };
        copy.index = Index::build(&copy);
        copy
    }

    /// P5: a card whose expiry is before the simulated today is refused (`AddMethod` checks
    /// the same, and the form says it at the expiry field).
    pub fn check_card_expiry(&self, expiry: CardExpiry) -> Result<(), Refusal> {
        if expiry.is_past(self.today) {
            return Err(Refusal::CardExpired);
        }
        Ok(())
    }

    /// C1, C2, C3: whether `Credit(amount)` would be accepted, without creating the order.
    pub fn check_credit(&self, amount: Amount) -> Result<(), Refusal> {
        let value = amount.value();
        let debt = self.account.debt();
        if debt > credit_floor() && value < debt {
            return Err(Refusal::CreditBelowDebt { minimum: debt });
        }
        if value < credit_floor() {
            return Err(Refusal::CreditBelowMinimum {
                minimum: credit_floor(),
            });
        }
        Ok(())
    }

    /// The state's invariants, which an imported or shared simulation must keep after its
    /// replay: the balance is the sum of its movements (A3), each movement's running balance
    /// adds up, and nothing is dated after today or out of order (T1, T4).
    pub fn check_invariants(&self) -> Result<(), Invariant> {
        let mut balance = Decimal::ZERO;
        let mut last = NaiveDate::MIN;
        for mv in &self.account.movements {
            balance += mv.credit - mv.debit;
            if mv.balance_after != balance {
                return Err(Invariant::Movements);
            }
            if mv.date < last || mv.date > self.today {
                return Err(Invariant::Dates);
            }
            last = mv.date;
        }
        if balance != self.account.balance {
            return Err(Invariant::Balance);
        }
        fn ordered(mut dates: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> bool {
            let mut last = NaiveDate::MIN;
            dates.all(|d| {
                let ok = d >= last && d <= today;
                last = d;
                ok
            })
        }
        if !ordered(self.journal.iter().map(|e| e.date), self.today)
            || !ordered(self.invoices.iter().map(|i| i.date), self.today)
            || !ordered(self.inbox.iter().map(|m| m.date), self.today)
        {
            return Err(Invariant::Dates);
        }
        Ok(())
    }
}

/// An invariant a state broke (see [`State::check_invariants`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invariant {
    /// The balance is not the sum of the movements (A3).
    Balance,
    /// A movement's running balance does not add up (A3).
    Movements,
    /// Something is dated after today, or out of order (T1, T4).
    Dates,
}
