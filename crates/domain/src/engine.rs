//! `State::apply`: checks an action, then carries it out (T3, T4).
//!
//! Atomicity: every handler performs all the checks that can refuse *before* its first
//! mutation, so on `Err` the state is unchanged. The property tests verify it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::action::{Action, Refusal};
use super::billing::credit_floor;
use super::bounds::{MAX_ACCOUNTS, MAX_HISTORY, MAX_METHODS};
use super::days::renew_account;
use super::index::Index;
use super::input::{
    Amount, BillingMode, LocalPart, MethodInput, NicHandle, PaymentKind, Subsidiary,
};
use super::journal::{Event, EventKind};
use super::method::{MethodId, MethodStatus, PaymentMethod};
use super::order::{OrderId, OrderPurpose, OrderStatus, Payer};
use super::rules::RuleId;
use super::state::{
    add_days, AccountId, AccountStatus, Counters, Customer, EmailKind, ExchangeAccount,
    OvhAccount, Platform, PlatformId, PlatformStatus, Prices, State,
};

/// P7 (assumption): a bank account's mandate arrives, and it validates, two days after it is added.
pub const BANK_VALIDATION_DAYS: u64 = 2;

impl State {
    /// An empty state on `today`: logged out, demo prices (M3), balance 0 (A1).
    pub fn new(today: NaiveDate, subsidiary: Subsidiary) -> State {
        State {
            today,
            customer: None,
            subsidiary,
            prices: Prices::default(),
            methods: Vec::new(),
            account: OvhAccount::default(),
            orders: Vec::new(),
            invoices: Vec::new(),
            platforms: Vec::new(),
            inbox: Vec::new(),
            journal: Vec::new(),
            counters: Counters::default(),
            index: Index::default(),
        }
    }

    /// Applies one user action. Returns the events it appended (T4), or why it was refused;
    /// on refusal the state is unchanged.
    pub fn apply(&mut self, action: Action) -> Result<Vec<Event>, Refusal> {
        let start = self.apply_in_place(action, Clock::Bounded)?;
        Ok(self.journal[start..].to_vec())
    }

    /// The engine without B5 and B7, for the engine's benchmarks only: a run played so could
    /// never be replayed (every replay is bounded). It measures what the bounds hide, that an
    /// event costs the same after forty thousand events as after one.
    #[doc(hidden)]
    pub fn apply_unbounded(&mut self, action: Action) -> Result<(), Refusal> {
        self.apply_in_place(action, Clock::Unbounded).map(|_| ())
    }

    /// [`State::apply`] without the copy of its events: returns where they start in the
    /// journal (a replay has no use for them).
    pub(crate) fn apply_in_place(&mut self, action: Action, clock: Clock) -> Result<usize, Refusal> {
        self.check_logged_in(&action)?;
        // The index must fit the history before the handlers read and maintain it.
        self.index_mut();
        // B7: a full history takes nothing more (reading an e-mail adds nothing to it).
        if clock == Clock::Bounded && self.history_is_full() && !matches!(action, Action::MarkEmailRead(_)) {
            return Err(Refusal::HistoryFull { max: MAX_HISTORY });
        }
        let start = self.journal.len();
        let is_advance = matches!(action, Action::Advance(_));
        match action {
            Action::LogIn { nic, subsidiary } => self.log_in(nic, subsidiary)?,
            Action::LogOut => self.log_out(),
            Action::SetSubsidiary(s) => self.set_subsidiary(s)?,
            Action::AddMethod(input) => self.add_method(input)?,
            Action::RemoveMethod(id) => self.remove_method(id)?,
            Action::SetDefaultMethod(id) => self.set_default_method(id)?,
            Action::SetDeclineNext(id, on) => self.set_decline_next(id, on)?,
            Action::Credit(amount) => self.credit(amount)?,
            Action::PayOrder(id, payer) => self.pay_order(id, payer)?,
            Action::CancelOrder(id) => self.cancel_order(id)?,
            Action::SetMode { accounts, mode } => self.set_mode(&accounts, mode)?,
            Action::ExportPst(id) => self.export_pst(id)?,
            Action::Terminate(id) => self.terminate(id)?,
            Action::CancelTermination(id) => self.cancel_termination(id)?,
            Action::SetAlertThreshold(t) => self.set_alert_threshold(t),
            Action::AddAccount {
                platform,
                email_local_part,
                mode,
            } => self.add_account(platform, &email_local_part, mode)?,
            Action::SetPrices { monthly, yearly } => self.set_prices(monthly, yearly),
            Action::Advance(how) => self.advance(how, clock)?,
            Action::MarkEmailRead(id) => self.mark_email_read(id)?,
        }
        if !is_advance {
            // N2: an action that moved the balance may cross the threshold.
            self.check_alert();
        }
        Ok(start)
    }

    /// C2: the amount the credit form proposes. RULES.md says "the debt when the balance is
    /// negative, else 10", but a debt under 10 € would then be proposed and refused by C1 (the
    /// worked example: debt 6.98, minimum 10.00). The form proposes the smallest amount it
    /// accepts, max(10, debt): the debt whenever it is 10 € or more, as C2 says.
    /// (docs/decisions.md, "C2's proposed amount".)
    pub fn proposed_credit(&self) -> Decimal {
        self.minimum_credit()
    }

    /// C1, C2: the smallest acceptable credit, max(10, debt).
    pub fn minimum_credit(&self) -> Decimal {
        credit_floor().max(self.account.debt())
    }

    /// L1: logged out, only logging in, the clock, reading e-mails and the demo prices (M3,
    /// an app setting) are allowed.
    fn check_logged_in(&self, action: &Action) -> Result<(), Refusal> {
        let allowed_logged_out = matches!(
            action,
            Action::LogIn { .. }
                | Action::Advance(_)
                | Action::MarkEmailRead(_)
                | Action::SetPrices { .. }
        );
        if self.customer.is_none() && !allowed_logged_out {
            Err(Refusal::NotLoggedIn)
        } else {
            Ok(())
        }
    }

    fn has_bank_account(&self) -> bool {
        self.methods
            .iter()
            .any(|m| m.kind == PaymentKind::BankAccount)
    }

    /// L1, L2.
    fn log_in(&mut self, nic: NicHandle, subsidiary: Subsidiary) -> Result<(), Refusal> {
        if self.customer.is_some() {
            return Err(Refusal::AlreadyLoggedIn);
        }
        if !subsidiary
            .payment_kinds()
            .contains(&PaymentKind::BankAccount)
            && self.has_bank_account()
        {
            return Err(Refusal::SubsidiaryHasBankAccount);
        }
        let nic_text = nic.as_str().to_string();
        self.customer = Some(Customer { nic, subsidiary });
        self.subsidiary = subsidiary;
        self.emit(
            EventKind::LoggedIn {
                nic: nic_text,
                subsidiary,
            },
            &[RuleId::L1, RuleId::L2],
        );
        Ok(())
    }

    /// L1.
    fn log_out(&mut self) {
        self.customer = None;
        self.emit(EventKind::LoggedOut, &[RuleId::L1]);
    }

    /// L2, P1 (an IT customer cannot keep a bank account), M2.
    fn set_subsidiary(&mut self, subsidiary: Subsidiary) -> Result<(), Refusal> {
        if subsidiary == self.subsidiary {
            return Ok(());
        }
        if !subsidiary
            .payment_kinds()
            .contains(&PaymentKind::BankAccount)
            && self.has_bank_account()
        {
            return Err(Refusal::SubsidiaryHasBankAccount);
        }
        self.subsidiary = subsidiary;
        if let Some(c) = self.customer.as_mut() {
            c.subsidiary = subsidiary;
        }
        self.emit(
            EventKind::SubsidiaryChanged { subsidiary },
            &[RuleId::L2, RuleId::P1, RuleId::M2],
        );
        Ok(())
    }

    /// P1–P5; P4 first valid method is the default; D1.1 charged for a debt at once.
    fn add_method(&mut self, input: MethodInput) -> Result<(), Refusal> {
        if self.methods.len() >= MAX_METHODS {
            return Err(Refusal::TooManyMethods { max: MAX_METHODS });
        }
        let kind = input.kind();
        if !self.subsidiary.payment_kinds().contains(&kind) {
            return Err(Refusal::KindNotOffered {
                subsidiary: self.subsidiary,
                kind,
            });
        }
        let card_expiry = match &input {
            MethodInput::Card { expiry, .. } => {
                self.check_card_expiry(*expiry)?;
                Some(expiry.last_valid_day())
            }
            _ => None,
        };
        let (status, validates_on) = match kind {
            PaymentKind::BankAccount => (
                MethodStatus::PendingValidation,
                Some(add_days(self.today, BANK_VALIDATION_DAYS)),
            ),
            PaymentKind::Card | PaymentKind::Paypal => (MethodStatus::Valid, None),
        };
        let id = MethodId(self.counters.next_method);
        self.counters.next_method += 1;
        let label = input.label();
        let is_default =
            status == MethodStatus::Valid && !self.methods.iter().any(|m| m.is_default);
        self.methods.push(PaymentMethod {
            id,
            kind,
            label: label.clone(),
            status,
            is_default,
            decline_next: false,
            added_on: self.today,
            card_expiry,
            validates_on,
        });
        // P3: a card or PayPal is valid at once; a bank account waits for its mandate (P7).
        let rules: &[RuleId] = if status == MethodStatus::PendingValidation {
            &[RuleId::P1, RuleId::P2, RuleId::P3, RuleId::P7, RuleId::P5]
        } else {
            &[RuleId::P1, RuleId::P2, RuleId::P3, RuleId::P5]
        };
        self.emit(
            EventKind::MethodAdded {
                method: id,
                label: label.clone(),
                status,
            },
            rules,
        );
        if is_default {
            self.emit(EventKind::DefaultMethodSet { label }, &[RuleId::P4]);
        }
        if status == MethodStatus::Valid {
            self.charge_debt_with(self.methods.len() - 1);
        }
        Ok(())
    }

    /// P4: any method but the default can be removed.
    fn remove_method(&mut self, id: MethodId) -> Result<(), Refusal> {
        let idx = self.method_index(id).ok_or(Refusal::UnknownMethod)?;
        if self.methods[idx].is_default {
            return Err(Refusal::CannotRemoveDefault);
        }
        let removed = self.methods.remove(idx);
        self.emit(
            EventKind::MethodRemoved {
                label: removed.label,
            },
            &[RuleId::P4],
        );
        Ok(())
    }

    /// P4: only a valid method can become the default.
    fn set_default_method(&mut self, id: MethodId) -> Result<(), Refusal> {
        let idx = self.method_index(id).ok_or(Refusal::UnknownMethod)?;
        if !self.methods[idx].is_usable() {
            return Err(Refusal::MethodNotUsable);
        }
        if self.methods[idx].is_default {
            return Ok(());
        }
        for (i, m) in self.methods.iter_mut().enumerate() {
            m.is_default = i == idx;
        }
        let label = self.methods[idx].label.clone();
        self.emit(EventKind::DefaultMethodSet { label }, &[RuleId::P4]);
        Ok(())
    }

    /// P6: simulate a failure of the next charge.
    fn set_decline_next(&mut self, id: MethodId, on: bool) -> Result<(), Refusal> {
        let idx = self.method_index(id).ok_or(Refusal::UnknownMethod)?;
        if self.methods[idx].decline_next == on {
            return Ok(());
        }
        self.methods[idx].decline_next = on;
        let label = self.methods[idx].label.clone();
        self.emit(EventKind::DeclineNextSet { label, on }, &[RuleId::P6]);
        Ok(())
    }

    /// A2, C1, C2: an open Credit order; the balance moves only when it is paid.
    fn credit(&mut self, amount: Amount) -> Result<(), Refusal> {
        self.check_credit(amount)?;
        let value = amount.value();
        let rules: &[RuleId] = if self.account.is_debtor() {
            &[RuleId::A2, RuleId::C1, RuleId::C2, RuleId::D1]
        } else {
            &[RuleId::A2, RuleId::C1]
        };
        self.create_order(value, OrderPurpose::Credit, rules);
        Ok(())
    }

    /// A2, D1.2, D1.3: pays an open order with a valid method (P6: a declining one does not
    /// pay, and the order stays open) or by bank transfer (instant: a decision, decisions.md 18).
    fn pay_order(&mut self, id: OrderId, payer: Payer) -> Result<(), Refusal> {
        let idx = self.order_index(id).ok_or(Refusal::UnknownOrder)?;
        if self.orders[idx].status != OrderStatus::Open {
            return Err(Refusal::OrderNotOpen);
        }
        if let Payer::Method(mid) = payer {
            let mi = self.method_index(mid).ok_or(Refusal::UnknownMethod)?;
            if !self.methods[mi].is_usable() {
                return Err(Refusal::MethodNotUsable);
            }
        }
        self.pay_order_at(idx, payer);
        Ok(())
    }

    /// A2: a Credit order can be cancelled; the e-mail's Debt order cannot (D1.2).
    fn cancel_order(&mut self, id: OrderId) -> Result<(), Refusal> {
        let idx = self.order_index(id).ok_or(Refusal::UnknownOrder)?;
        if self.orders[idx].status != OrderStatus::Open {
            return Err(Refusal::OrderNotOpen);
        }
        if self.orders[idx].purpose == OrderPurpose::Debt {
            return Err(Refusal::CannotCancelDebtOrder);
        }
        self.cancel_order_at(idx, &[RuleId::A2]);
        Ok(())
    }

    /// (platform index, account index) of every account, sorted by id: one pass for an action
    /// that names many accounts (see [`AccountPositions::get`]).
    pub(crate) fn account_positions(&self) -> AccountPositions {
        let mut all: Vec<(AccountId, (usize, usize))> = self
            .platforms
            .iter()
            .enumerate()
            .flat_map(|(pi, p)| p.accounts.iter().enumerate().map(move |(ai, a)| (a.id, (pi, ai))))
            .collect();
        // Already in id order when the engine made them: the sort only checks it.
        all.sort_by_key(|(id, _)| *id);
        AccountPositions(all)
    }

    /// (platform index, account index) of an account.
    pub(crate) fn find_account(&self, id: AccountId) -> Option<(usize, usize)> {
        self.platforms.iter().enumerate().find_map(|(pi, p)| {
            p.accounts
                .iter()
                .position(|a| a.id == id)
                .map(|ai| (pi, ai))
        })
    }

    fn find_platform(&self, id: PlatformId) -> Result<usize, Refusal> {
        self.platforms
            .iter()
            .position(|p| p.id == id)
            .ok_or(Refusal::UnknownPlatform)
    }

    /// R2–R5: schedules a mode for the next renewal. No order, no invoice (R4). Made before the
    /// expiry date it applies at that expiry (R3); made on the expiry day, that day's renewal
    /// has already run (T1), so it applies at the renewal after.
    fn set_mode(&mut self, ids: &[AccountId], mode: BillingMode) -> Result<(), Refusal> {
        let plan = self.plan_mode_change(ids, mode)?;
        let positions = self.account_positions();
        let mut by_date: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
        for change in plan {
            let rules = change.rules();
            if let Some(&(pi, ai)) = positions.get(&change.account) {
                let a = &mut self.platforms[pi].accounts[ai];
                a.pending_mode = (mode != a.mode).then_some(mode);
            }
            by_date
                .entry(change.from)
                .or_default()
                .push(change.email.clone());
            self.emit(
                EventKind::ModeChangeScheduled {
                    account: change.email,
                    mode,
                    from: change.from,
                },
                rules,
            );
        }
        for (from, accounts) in by_date {
            self.mail(EmailKind::BillingModeChanged {
                accounts,
                mode,
                from,
            });
        }
        Ok(())
    }

    /// R5: records a PST export; none after suspension.
    fn export_pst(&mut self, id: AccountId) -> Result<(), Refusal> {
        let (pi, ai) = self.find_account(id).ok_or(Refusal::UnknownAccount)?;
        let a = &mut self.platforms[pi].accounts[ai];
        if !a.can_export_pst() {
            return Err(Refusal::ExportAfterSuspension);
        }
        a.pst_export = Some(self.today);
        let account = a.email.clone();
        self.emit(EventKind::PstExported { account }, &[RuleId::R5]);
        Ok(())
    }

    /// R6: terminates the platform on its next anniversary; refused while in debt.
    fn terminate(&mut self, id: PlatformId) -> Result<(), Refusal> {
        let termination = self.termination_for(id)?;
        let pi = self.find_platform(id)?;
        let p = &self.platforms[pi];
        let (on, last_cancel_day) = (termination.effective_on, termination.last_cancel_day());
        let platform = p.name.clone();
        self.platforms[pi].termination = Some(termination);
        self.emit(
            EventKind::TerminationScheduled {
                platform: platform.clone(),
                on,
            },
            &[RuleId::R6],
        );
        self.mail(EmailKind::TerminationScheduled {
            platform,
            on,
            last_cancel_day,
        });
        Ok(())
    }

    /// R6: cancellable until the day before the anniversary, inclusive.
    fn cancel_termination(&mut self, id: PlatformId) -> Result<(), Refusal> {
        let pi = self.find_platform(id)?;
        let p = &self.platforms[pi];
        let t = p.termination.as_ref().ok_or(Refusal::NotTerminating)?;
        if self.today > t.last_cancel_day() {
            return Err(Refusal::TooLateToCancel {
                last_day: t.last_cancel_day(),
            });
        }
        if !p.is_active() {
            return Err(Refusal::PlatformNotActive);
        }
        let platform = p.name.clone();
        self.platforms[pi].termination = None;
        self.emit(
            EventKind::TerminationCancelled {
                platform: platform.clone(),
            },
            &[RuleId::R6],
        );
        self.mail(EmailKind::TerminationCancelled { platform });
        Ok(())
    }

    /// N2: sets (or clears) the threshold and re-arms the alert; checked at once by `apply`.
    fn set_alert_threshold(&mut self, threshold: Option<Amount>) {
        let threshold = threshold.map(|a| a.value());
        self.account.alert_threshold = threshold;
        self.account.alert_sent = false;
        self.emit(EventKind::AlertThresholdSet { threshold }, &[RuleId::N2]);
    }

    /// R2: a new account starts today in its mode; its first period (the "first order") is
    /// invoiced at once through S1–S5.
    fn add_account(
        &mut self,
        platform: PlatformId,
        local: &LocalPart,
        mode: BillingMode,
    ) -> Result<(), Refusal> {
        let pi = self.find_platform(platform)?;
        if self.account_count() >= MAX_ACCOUNTS {
            return Err(Refusal::TooManyAccounts { max: MAX_ACCOUNTS });
        }
        let p = &self.platforms[pi];
        if !p.is_active() {
            return Err(Refusal::PlatformNotActive);
        }
        if let Some(t) = &p.termination {
            return Err(Refusal::OrderWhileTerminating { on: t.effective_on });
        }
        if mode == BillingMode::None {
            return Err(Refusal::FirstOrderNeedsPeriod);
        }
        let email = format!("{}@{}", local.as_str(), p.domain);
        if p.accounts.iter().any(|a| a.email == email) {
            return Err(Refusal::DuplicateAccount);
        }
        let id = AccountId(self.counters.next_account);
        self.counters.next_account += 1;
        let mut account = new_account(id, email.clone(), mode, self.today);
        let mut events = Vec::new();
        let line = renew_account(&mut account, &self.prices, &mut events);
        self.platforms[pi].accounts.push(account);
        self.emit(
            EventKind::AccountAdded {
                account: email,
                mode,
            },
            &[RuleId::R2],
        );
        for (kind, rules) in events {
            self.emit(kind, rules);
        }
        // R2: the first order is invoiced at once (S1, M2).
        self.issue_invoice(platform, vec![line], &[RuleId::R2, RuleId::S1, RuleId::M2]);
        Ok(())
    }

    /// M3: new demo prices, for future invoices.
    fn set_prices(&mut self, monthly: Amount, yearly: Amount) {
        let (monthly, yearly) = (monthly.value(), yearly.value());
        self.prices = Prices { monthly, yearly };
        self.emit(EventKind::PricesChanged { monthly, yearly }, &[RuleId::M3]);
    }

    /// N1: marks an e-mail read (UI bookkeeping: no journal event).
    fn mark_email_read(&mut self, id: u32) -> Result<(), Refusal> {
        let idx = self
            .inbox
            .binary_search_by_key(&id, |e| e.id)
            .map_err(|_| Refusal::UnknownEmail)?;
        self.inbox[idx].read = true;
        Ok(())
    }

    /// Adds a platform without an event (scenario set-up). Returns its id.
    pub fn add_platform(&mut self, name: &str, domain: &str, start: NaiveDate) -> PlatformId {
        let id = PlatformId(self.counters.next_platform);
        self.counters.next_platform += 1;
        self.platforms.push(Platform {
            id,
            name: name.to_string(),
            domain: domain.to_string(),
            start,
            accounts: Vec::new(),
            termination: None,
            status: PlatformStatus::Active,
        });
        id
    }

    /// Scenario set-up without an event: an account started on `start` whose periods up to
    /// today are already paid, so its expiry is the first renewal date after today (R7).
    pub fn seed_account(
        &mut self,
        platform: PlatformId,
        local: &str,
        mode: BillingMode,
        start: NaiveDate,
    ) -> Option<AccountId> {
        if mode == BillingMode::None {
            return None;
        }
        let pi = self.platforms.iter().position(|p| p.id == platform)?;
        let id = AccountId(self.counters.next_account);
        self.counters.next_account += 1;
        let email = format!("{local}@{}", self.platforms[pi].domain);
        let mut account = new_account(id, email, mode, start);
        while account.expiry <= self.today {
            account.periods += 1;
            account.expiry = super::state::renewal_date(account.anchor, mode, account.periods);
        }
        self.platforms[pi].accounts.push(account);
        Some(id)
    }
}

/// Whether the clock keeps to B5 and B7: always, but in the engine's benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clock {
    Bounded,
    Unbounded,
}

/// Where each account is, by id ([`State::account_positions`]).
pub(crate) struct AccountPositions(Vec<(AccountId, (usize, usize))>);

impl AccountPositions {
    /// (platform index, account index) of an account.
    pub(crate) fn get(&self, id: &AccountId) -> Option<&(usize, usize)> {
        let at = self.0.binary_search_by_key(id, |(a, _)| *a).ok()?;
        self.0.get(at).map(|(_, position)| position)
    }
}

/// An account that starts on `start`, before its first renewal (periods = 0, expiry = start).
fn new_account(
    id: AccountId,
    email: String,
    mode: BillingMode,
    start: NaiveDate,
) -> ExchangeAccount {
    ExchangeAccount {
        id,
        email,
        start,
        mode,
        pending_mode: None,
        anchor: start,
        periods: 0,
        expiry: start,
        status: AccountStatus::Active,
        pst_export: None,
    }
}
