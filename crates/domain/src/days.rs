//! The clock (T1, T2): the day loop and the jump to the next day on which something happens.

use chrono::NaiveDate;

use super::action::{Advance, Preview, Refusal, MAX_ADVANCE_DAYS};
use super::input::BillingMode;
use super::journal::EventKind;
use super::method::MethodStatus;
use super::rules::RuleId;
use super::bounds::last_day;
use super::engine::Clock;
use super::journal::Event;
use super::state::{
    add_days, renewal_date, AccountStatus, EmailKind, ExchangeAccount, InvoiceLine,
    PlatformStatus, Prices, State,
};

impl State {
    /// T2: moves the clock forward. Only the days on which something happens are processed
    /// (see [`State::next_event_date`]), so ten quiet years cost about as much as one day.
    ///
    /// `NextEvent` with nothing scheduled advances one day (decision, see docs/decisions.md).
    pub(crate) fn advance(&mut self, how: Advance, clock: Clock) -> Result<(), Refusal> {
        // Computed once here and then after each processed day: with many accounts, the scan
        // is the day loop's main cost.
        let mut next = self.next_event_date();
        let days = match how {
            Advance::Days(n) => n,
            Advance::NextEvent => next.map_or(1, |d| {
                (d - self.today)
                    .num_days()
                    .clamp(1, i64::from(MAX_ADVANCE_DAYS)) as u32
            }),
        };
        if days > MAX_ADVANCE_DAYS {
            return Err(Refusal::AdvanceTooFar {
                max_days: MAX_ADVANCE_DAYS,
            });
        }
        if days == 0 {
            return Ok(());
        }
        let from = self.today;
        let target = add_days(from, u64::from(days));
        // B5: the clock stops at its last day.
        if clock == Clock::Bounded && target > last_day() {
            return Err(Refusal::PastLastDay {
                last_day: last_day(),
            });
        }
        let clock_event = self.journal.len();
        self.emit(
            EventKind::ClockAdvanced { from, to: target },
            &[RuleId::T1, RuleId::T2],
        );
        while let Some(day) = next.filter(|d| *d <= target) {
            if clock == Clock::Bounded && self.history_is_full() {
                // B7: the history is full. The clock stops the day before the first day it can
                // no longer process, and its event says so.
                self.today = day.pred_opt().unwrap_or(day).max(self.today);
                self.journal[clock_event] = Event {
                    kind: EventKind::ClockAdvanced {
                        from,
                        to: self.today,
                    },
                    rules: vec![RuleId::T1, RuleId::T2, RuleId::B7],
                    ..self.journal[clock_event].clone()
                };
                return Ok(());
            }
            self.today = day;
            self.process_day();
            next = self.next_event_date();
        }
        self.today = target;
        Ok(())
    }

    /// T1: all of a day's rules at 00:00, in order: validations (P3, P6), expirations (R6, R5),
    /// renewals and invoices (R1, R7, S1–S5), debt deadlines (D4), alerts (N2).
    pub(crate) fn process_day(&mut self) {
        self.run_validations();
        self.run_expirations();
        self.run_renewals();
        self.run_debt_deadlines();
        self.check_alert();
    }

    /// T2: the first day after today on which the day loop has something to do: a bank account
    /// validates (P3), a card expires (P6, the day after its last valid day), an account reaches
    /// its expiry (R1, R5), a platform's termination takes effect (R6), the debt reminder or the
    /// day after the deadline (D4).
    pub fn next_event_date(&self) -> Option<NaiveDate> {
        let today = self.today;
        let mut best: Option<NaiveDate> = None;
        let mut consider = |d: NaiveDate| {
            if d > today && best.is_none_or(|b| d < b) {
                best = Some(d);
            }
        };
        for m in &self.methods {
            match m.status {
                MethodStatus::PendingValidation => {
                    m.validates_on.into_iter().for_each(&mut consider)
                }
                MethodStatus::Valid => m
                    .card_expiry
                    .into_iter()
                    .for_each(|d| consider(add_days(d, 1))),
                MethodStatus::Expired => {}
            }
        }
        for p in self.platforms.iter().filter(|p| p.is_active()) {
            if let Some(t) = &p.termination {
                consider(t.effective_on);
            }
            p.accounts
                .iter()
                .filter(|a| {
                    matches!(
                        a.status,
                        AccountStatus::Active | AccountStatus::SuspendedUnpaid
                    )
                })
                .for_each(|a| consider(a.expiry));
        }
        if self.account.is_debtor() {
            self.account
                .reminder_day()
                .into_iter()
                .for_each(&mut consider);
            // D4, D5: the day after the deadline, or (while the debt lasts) the next 00:00 when a
            // service joined an unpaid invoice after it.
            self.next_suspension_day()
                .into_iter()
                .for_each(&mut consider);
        }
        best
    }

    /// What processing the next event day would append (T1), computed on a copy of what the
    /// rules read ([`State::live_copy`]), so its cost does not grow with the history.
    pub fn preview_next_event(&self) -> Option<Preview> {
        // B7: a full history processes no more days.
        if self.history_is_full() {
            return None;
        }
        let date = self.next_event_date()?;
        let mut copy = self.live_copy();
        copy.today = date;
        copy.process_day();
        let first_new = self.counters.next_invoice;
        copy.invoices.retain(|i| i.id.0 >= first_new);
        Some(Preview {
            date,
            events: copy.journal,
            invoices: copy.invoices,
        })
    }

    /// P3: pending bank accounts validate; P6: cards past their last valid day expire.
    fn run_validations(&mut self) {
        let today = self.today;
        for i in 0..self.methods.len() {
            let m = &self.methods[i];
            if m.status == MethodStatus::PendingValidation
                && m.validates_on.is_some_and(|d| d <= today)
            {
                self.validate_method(i);
            } else if m.status == MethodStatus::Valid && m.card_expiry.is_some_and(|d| d < today) {
                self.methods[i].status = MethodStatus::Expired;
                let (method, label) = (self.methods[i].id, self.methods[i].label.clone());
                self.emit(
                    EventKind::MethodExpired {
                        method,
                        label: label.clone(),
                    },
                    &[RuleId::P6],
                );
                self.mail(EmailKind::CardExpired { method: label });
            }
        }
    }

    /// P3: the mandate is received; P4: default if there is none; D1.1: charged for a debt.
    fn validate_method(&mut self, i: usize) {
        self.methods[i].status = MethodStatus::Valid;
        let (method, label) = (self.methods[i].id, self.methods[i].label.clone());
        self.emit(
            EventKind::MethodValidated {
                method,
                label: label.clone(),
            },
            &[RuleId::P3, RuleId::P7],
        );
        self.mail(EmailKind::MethodValidated {
            method: label.clone(),
        });
        if !self.methods.iter().any(|m| m.is_default) {
            self.methods[i].is_default = true;
            self.emit(EventKind::DefaultMethodSet { label }, &[RuleId::P4]);
        }
        self.charge_debt_with(i);
    }

    /// R6 then R5: terminations that take effect, then accounts expiring without renewal.
    fn run_expirations(&mut self) {
        let today = self.today;
        for pi in 0..self.platforms.len() {
            let p = &mut self.platforms[pi];
            if !p.is_active() {
                continue;
            }
            if p.termination
                .as_ref()
                .is_some_and(|t| t.effective_on <= today)
            {
                p.status = PlatformStatus::Terminated { on: today };
                p.accounts
                    .iter_mut()
                    .for_each(|a| a.status = AccountStatus::Terminated);
                let platform = p.name.clone();
                self.emit(
                    EventKind::PlatformTerminated {
                        platform: platform.clone(),
                    },
                    &[RuleId::R6],
                );
                self.mail(EmailKind::PlatformTerminated { platform });
                continue;
            }
            // R5: only the customer's choice of None stops a renewal. A service suspended for
            // non-payment still renews (D6), in `run_renewals`.
            let mut expired = Vec::new();
            for a in p.accounts.iter_mut().filter(|a| a.expiry <= today) {
                let renews = matches!(
                    a.status,
                    AccountStatus::Active | AccountStatus::SuspendedUnpaid
                );
                if renews && a.next_mode() == BillingMode::None {
                    let mode_applied = a.pending_mode.take().filter(|m| *m != a.mode);
                    if let Some(m) = mode_applied {
                        a.mode = m;
                    }
                    a.status = AccountStatus::SuspendedExpired;
                    expired.push((a.email.clone(), mode_applied));
                }
            }
            for (account, mode_applied) in expired {
                if let Some(mode) = mode_applied {
                    self.emit(
                        EventKind::ModeApplied {
                            account: account.clone(),
                            mode,
                        },
                        &[RuleId::R3],
                    );
                }
                self.emit(
                    EventKind::SuspendedOnExpiry {
                        account: account.clone(),
                    },
                    &[RuleId::R5],
                );
                self.mail(EmailKind::SuspendedOnExpiry { account });
            }
        }
    }

    /// R1, R7, S1–S5: each platform's accounts renewing today go on one invoice. A service
    /// suspended for non-payment renews too and stays suspended until D2 (D6).
    fn run_renewals(&mut self) {
        let today = self.today;
        for pi in 0..self.platforms.len() {
            if !self.platforms[pi].is_active() {
                continue;
            }
            let prices = self.prices.clone();
            let mut lines = Vec::new();
            let mut events = Vec::new();
            let mut suspended = false;
            for a in self.platforms[pi].accounts.iter_mut() {
                let renews = matches!(
                    a.status,
                    AccountStatus::Active | AccountStatus::SuspendedUnpaid
                );
                if renews && a.expiry <= today {
                    suspended |= a.status == AccountStatus::SuspendedUnpaid;
                    lines.push(renew_account(a, &prices, &mut events));
                }
            }
            for (kind, rules) in events {
                self.emit(kind, rules);
            }
            if !lines.is_empty() {
                let platform = self.platforms[pi].id;
                let rules: &[RuleId] = if suspended {
                    &[RuleId::R1, RuleId::R7, RuleId::S1, RuleId::M2, RuleId::D6]
                } else {
                    &[RuleId::R1, RuleId::R7, RuleId::S1, RuleId::M2]
                };
                self.issue_invoice(platform, lines, rules);
            }
        }
    }

    /// D5: the reminder 2 days before the deadline; from 00:00 the day after it (D4), every
    /// processed day suspends the services of unpaid invoices.
    fn run_debt_deadlines(&mut self) {
        if !self.account.is_debtor() {
            return;
        }
        let today = self.today;
        if self.account.reminder_day() == Some(today) {
            self.send_reminder();
        }
        if self.account.suspension_day().is_some_and(|d| today >= d) {
            self.suspend_unpaid();
        }
    }
}

type PendingEvents = Vec<(EventKind, &'static [RuleId])>;

/// R3, R7: applies a pending mode (which restarts the anchor at the current expiry) and extends
/// the account by one period counted from the anchor. Returns the invoice line (S1).
/// `events` only receives `ModeApplied` (R3) when a pending mode takes effect.
pub(crate) fn renew_account(
    a: &mut ExchangeAccount,
    prices: &Prices,
    events: &mut PendingEvents,
) -> InvoiceLine {
    if let Some(mode) = a.pending_mode.take() {
        if mode != a.mode {
            a.mode = mode;
            a.anchor = a.expiry;
            a.periods = 0;
            events.push((
                EventKind::ModeApplied {
                    account: a.email.clone(),
                    mode,
                },
                &[RuleId::R3],
            ));
        }
    }
    let from = a.expiry;
    a.periods += 1;
    a.expiry = renewal_date(a.anchor, a.mode, a.periods);
    // No per-account `AccountRenewed` event: the invoice's lines carry each account's period,
    // and `InvoiceIssued` (R1, R7, S1) journals the renewal (see docs/decisions.md).
    InvoiceLine {
        account: a.id,
        email: a.email.clone(),
        mode: a.mode,
        from,
        to: a.expiry,
        price: prices.of(a.mode),
    }
}
