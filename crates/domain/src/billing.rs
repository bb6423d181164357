//! Money movements shared by actions and the day loop: journal and inbox helpers,
//! purchase orders (A2, D1), invoice settlement (S1–S5), debt (D2, D3) and alerts (N2).
//!
//! Every function here is infallible: callers check everything that can refuse first,
//! so that `State::apply` never leaves a half-applied action behind.

use rust_decimal::{Decimal, RoundingStrategy};

use super::journal::{Event, EventKind};
use super::order::{OrderId, OrderPurpose, OrderStatus, PaidVia, Payer, PurchaseOrder};
use super::rules::RuleId;
use super::state::{
    AccountStatus, Email, EmailKind, Invoice, InvoiceId, InvoiceLine, InvoiceStatus,
    Movement, MovementKind, PlatformId, State,
};

/// M2: `round_half_up(excl * rate, 2)`.
pub fn vat_of(excl_vat: Decimal, rate: Decimal) -> Decimal {
    (excl_vat * rate).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The minimum of a credit: 10.00 € (C1).
pub fn credit_floor() -> Decimal {
    Decimal::new(1000, 2)
}

impl State {
    /// T4: appends an event dated today.
    pub(crate) fn emit(&mut self, kind: EventKind, rules: &[RuleId]) {
        let seq = self.counters.next_event;
        self.counters.next_event += 1;
        self.journal.push(Event {
            seq,
            date: self.today,
            kind,
            rules: rules.to_vec(),
        });
    }

    /// N1: drops an e-mail in the simulated inbox.
    pub(crate) fn mail(&mut self, kind: EmailKind) {
        let id = self.counters.next_email;
        self.counters.next_email += 1;
        self.inbox.push(Email {
            id,
            date: self.today,
            kind,
            read: false,
        });
    }

    /// A3: every balance change is a movement, so the balance is the sum of the movements.
    fn push_movement(
        &mut self,
        reference: String,
        kind: MovementKind,
        method: Option<String>,
        debit: Decimal,
        credit: Decimal,
    ) {
        let balance_after = self.account.balance - debit + credit;
        self.account.balance = balance_after;
        self.account.movements.push(Movement {
            date: self.today,
            reference,
            kind,
            method,
            debit,
            credit,
            balance_after,
        });
    }

    /// A2: creates an open purchase order.
    pub(crate) fn create_order(
        &mut self,
        amount: Decimal,
        purpose: OrderPurpose,
        rules: &[RuleId],
    ) -> OrderId {
        let id = OrderId(self.counters.next_order);
        self.counters.next_order += 1;
        let reference = format!("BC-{:06}", id.0);
        let position = self.orders.len();
        let index = self.index_mut();
        index.open_orders.push(position);
        if purpose == OrderPurpose::Debt {
            index.open_debt_orders.push(position);
        }
        self.orders.push(PurchaseOrder {
            id,
            reference: reference.clone(),
            created: self.today,
            amount,
            purpose,
            status: OrderStatus::Open,
        });
        self.refit_index();
        self.emit(
            EventKind::OrderCreated {
                order: id,
                reference,
                amount,
                purpose,
            },
            rules,
        );
        id
    }

    /// Orders are stored in id order.
    pub(crate) fn order_index(&self, id: OrderId) -> Option<usize> {
        self.orders.binary_search_by_key(&id, |o| o.id).ok()
    }

    pub(crate) fn method_index(&self, id: super::method::MethodId) -> Option<usize> {
        self.methods.iter().position(|m| m.id == id)
    }

    /// The open Debt order of the e-mail link (S5, D1.2), if any (the newest, should there be
    /// more than one).
    pub(crate) fn open_debt_order(&self) -> Option<usize> {
        self.index().open_debt_orders.last().copied()
    }

    pub(crate) fn cancel_order_at(&mut self, idx: usize, rules: &[RuleId]) {
        let today = self.today;
        self.index_mut().order_closed(idx);
        let order = &mut self.orders[idx];
        order.status = OrderStatus::Cancelled { on: today };
        let reference = order.reference.clone();
        self.emit(EventKind::OrderCancelled { reference }, rules);
    }

    /// S5, D3: the e-mail link's order is always for exactly the current debt. Any open Debt
    /// order is cancelled and a new one created (decision: re-issue rather than update).
    pub(crate) fn reissue_debt_order(&mut self, rules: &[RuleId]) -> usize {
        if let Some(idx) = self.open_debt_order() {
            self.cancel_order_at(idx, rules);
        }
        let debt = self.account.debt();
        self.create_order(debt, OrderPurpose::Debt, rules);
        self.orders.len() - 1
    }

    /// The open Debt order, created for the current debt if there is none (D1.2).
    fn ensure_debt_order(&mut self) -> usize {
        match self.open_debt_order() {
            Some(idx) => idx,
            None => self.reissue_debt_order(&[RuleId::D1, RuleId::D4]),
        }
    }

    /// P6: one charge attempt. An unusable method does not pay; a declining one
    /// consumes its `decline_next` flag, and an e-mail says so.
    pub(crate) fn try_charge(&mut self, method_idx: usize, amount: Decimal) -> bool {
        let method = &mut self.methods[method_idx];
        if !method.is_usable() {
            return false;
        }
        if method.decline_next {
            method.decline_next = false;
            let label = method.label.clone();
            self.emit(
                EventKind::PaymentDeclined {
                    label: label.clone(),
                    amount,
                },
                &[RuleId::P6],
            );
            self.mail(EmailKind::PaymentDeclined {
                method: label,
                amount,
            });
            return false;
        }
        true
    }

    /// A2, D1: pays an open order (already checked). A declined charge leaves it open.
    pub(crate) fn pay_order_at(&mut self, idx: usize, payer: Payer) {
        let amount = self.orders[idx].amount;
        let is_debt = self.orders[idx].purpose == OrderPurpose::Debt;
        let via = match payer {
            Payer::BankTransfer => PaidVia::BankTransfer,
            Payer::Method(id) => {
                let Some(mi) = self.method_index(id) else {
                    return;
                };
                if !self.try_charge(mi, amount) {
                    return;
                }
                PaidVia::Method(id, self.methods[mi].label.clone())
            }
        };
        let label = match &via {
            PaidVia::Method(_, label) => Some(label.clone()),
            PaidVia::BankTransfer => None,
        };
        let today = self.today;
        self.index_mut().order_closed(idx);
        self.orders[idx].status = OrderStatus::Paid {
            on: today,
            via: via.clone(),
        };
        let reference = self.orders[idx].reference.clone();
        let rules: &[RuleId] = if is_debt {
            &[RuleId::A2, RuleId::D1]
        } else {
            &[RuleId::A2]
        };
        self.emit(
            EventKind::OrderPaid {
                reference: reference.clone(),
                amount,
                via,
            },
            rules,
        );
        let was_debtor = self.account.is_debtor();
        let kind = if is_debt {
            MovementKind::DebtPayment
        } else {
            MovementKind::Credit
        };
        self.push_movement(reference.clone(), kind, label, Decimal::ZERO, amount);
        let balance = self.account.balance;
        self.emit(
            EventKind::AccountCredited { amount, balance },
            &[RuleId::A1, RuleId::A3],
        );
        self.mail(EmailKind::PaymentReceived { amount, reference });
        if was_debtor {
            self.after_debt_payment();
        }
    }

    /// D2 when the balance is back to ≥ 0, else D3 (debt lowered, deadline unchanged).
    fn after_debt_payment(&mut self) {
        if self.account.is_debtor() {
            let debt = self.account.debt();
            let deadline = self.account.deadline().unwrap_or(self.today);
            self.emit(EventKind::DebtReduced { debt, deadline }, &[RuleId::D3]);
            self.reissue_debt_order(&[RuleId::D3, RuleId::D1]);
        } else {
            self.settle_debt();
        }
    }

    /// D1.1: charges a newly usable method for the whole debt at once, through the Debt order.
    pub(crate) fn charge_debt_with(&mut self, method_idx: usize) {
        if !self.account.is_debtor() {
            return;
        }
        let order = self.ensure_debt_order();
        let id = self.methods[method_idx].id;
        self.pay_order_at(order, Payer::Method(id));
    }

    /// D2: unpaid invoices are marked paid (oldest first), the debtor state ends, and accounts
    /// suspended for non-payment are reactivated.
    fn settle_debt(&mut self) {
        let today = self.today;
        self.account.debt_since = None;
        let index = self.index_mut();
        let unpaid = std::mem::take(&mut index.unpaid);
        index.unpaid_accounts.clear();
        let mut paid = Vec::with_capacity(unpaid.len());
        for i in unpaid {
            let inv = &mut self.invoices[i];
            inv.status = InvoiceStatus::Paid { on: today };
            paid.push(inv.reference.clone());
        }
        for reference in paid {
            self.emit(EventKind::InvoicePaid { reference }, &[RuleId::D2]);
        }
        if let Some(idx) = self.open_debt_order() {
            self.cancel_order_at(idx, &[RuleId::D2]);
        }
        let mut reactivated = Vec::new();
        // D2, D6: a service suspended for non-payment comes back, renewed or not meanwhile.
        for acc in self
            .platforms
            .iter_mut()
            .filter(|p| p.is_active())
            .flat_map(|p| p.accounts.iter_mut())
        {
            if acc.status == AccountStatus::SuspendedUnpaid {
                acc.status = AccountStatus::Active;
                reactivated.push(acc.email.clone());
            }
        }
        self.emit(EventKind::DebtSettled, &[RuleId::D2]);
        if !reactivated.is_empty() {
            self.emit(
                EventKind::Reactivated {
                    accounts: reactivated.clone(),
                },
                &[RuleId::D2],
            );
        }
        self.mail(EmailKind::DebtSettled { reactivated });
    }

    /// S1–S5: issues one invoice for the given lines (one platform, one day) and settles it.
    /// `rules` are those its `InvoiceIssued` event cites (why it is issued, S1, M2).
    pub(crate) fn issue_invoice(
        &mut self,
        platform: PlatformId,
        lines: Vec<InvoiceLine>,
        rules: &[RuleId],
    ) {
        let excl_vat: Decimal = lines.iter().map(|l| l.price).sum();
        let vat_rate = self.subsidiary.vat_rate();
        let vat = vat_of(excl_vat, vat_rate);
        let total = excl_vat + vat;
        let id = InvoiceId(self.counters.next_invoice);
        self.counters.next_invoice += 1;
        let reference = format!("{}{:07}", self.subsidiary.reference_prefix(), id.0);
        let accounts = lines.len();
        self.emit(
            EventKind::InvoiceIssued {
                reference: reference.clone(),
                accounts,
                excl_vat,
                vat,
                total,
            },
            rules,
        );
        // S2: a positive balance pays first.
        let covered = self.account.balance.max(Decimal::ZERO).min(total);
        if covered > Decimal::ZERO {
            self.push_movement(
                reference.clone(),
                MovementKind::InvoiceDebit,
                None,
                covered,
                Decimal::ZERO,
            );
            self.emit(
                EventKind::InvoiceCoveredByBalance {
                    reference: reference.clone(),
                    amount: covered,
                },
                &[RuleId::S2],
            );
        }
        let rest = total - covered;
        let mut charged = None;
        let mut paid_rule = RuleId::S3;
        if rest > Decimal::ZERO {
            // S4: the rest goes to the default method.
            if let Some(mi) = self.methods.iter().position(|m| m.is_default) {
                if self.try_charge(mi, rest) {
                    let m = &self.methods[mi];
                    charged = Some((m.id, m.label.clone(), rest));
                    let label = m.label.clone();
                    self.emit(
                        EventKind::InvoiceCharged {
                            reference: reference.clone(),
                            label,
                            amount: rest,
                        },
                        &[RuleId::S4],
                    );
                    paid_rule = RuleId::S4;
                }
            }
        }
        let debited = if rest > Decimal::ZERO && charged.is_none() {
            rest
        } else {
            Decimal::ZERO
        };
        let status = if debited > Decimal::ZERO {
            InvoiceStatus::Unpaid
        } else {
            self.emit(
                EventKind::InvoicePaid {
                    reference: reference.clone(),
                },
                &[paid_rule],
            );
            InvoiceStatus::Paid { on: self.today }
        };
        let debt_order =
            (debited > Decimal::ZERO).then(|| self.debit_for_invoice(&reference, debited));
        let method = charged.as_ref().map(|c| c.1.clone());
        let charged_amount = charged.as_ref().map_or(Decimal::ZERO, |c| c.2);
        let position = self.invoices.len();
        let index = self.index_mut();
        index.lines += lines.len();
        if status == InvoiceStatus::Unpaid {
            index.unpaid.push(position);
            index.unpaid_accounts.extend(lines.iter().map(|l| l.account));
        }
        self.invoices.push(Invoice {
            id,
            reference: reference.clone(),
            date: self.today,
            platform,
            lines,
            excl_vat,
            vat_rate,
            vat,
            total,
            covered_by_balance: covered,
            charged,
            debited_to_account: debited,
            status,
        });
        self.refit_index();
        self.mail(EmailKind::InvoiceIssued {
            invoice: id,
            reference,
            total,
            covered,
            charged: charged_amount,
            method,
            debt: debited,
        });
        if let Some(order_idx) = debt_order {
            self.mail_debtor(order_idx);
        }
    }

    /// S5: debits the rest, starts the debt if needed (D4: a later invoice does not move it),
    /// and re-issues the Debt order for exactly the debt. Returns the order's index.
    fn debit_for_invoice(&mut self, reference: &str, amount: Decimal) -> usize {
        self.push_movement(
            reference.to_string(),
            MovementKind::InvoiceDebit,
            None,
            amount,
            Decimal::ZERO,
        );
        let balance = self.account.balance;
        self.emit(
            EventKind::AccountDebited {
                reference: reference.to_string(),
                amount,
                balance,
            },
            &[RuleId::S5],
        );
        if self.account.debt_since.is_none() {
            self.account.debt_since = Some(self.today);
            let debt = self.account.debt();
            let deadline = self.account.deadline().unwrap_or(self.today);
            self.emit(
                EventKind::DebtorStarted { debt, deadline },
                &[RuleId::S5, RuleId::D4],
            );
        }
        self.reissue_debt_order(&[RuleId::S5, RuleId::D1])
    }

    /// S5: the e-mail with the link to the Debt order.
    fn mail_debtor(&mut self, order_idx: usize) {
        let order = &self.orders[order_idx];
        let kind = EmailKind::AccountDebtor {
            debt: self.account.debt(),
            deadline: self.account.deadline().unwrap_or(self.today),
            order: order.id,
            order_reference: order.reference.clone(),
        };
        self.mail(kind);
    }

    /// D5 (assumption): the reminder, 2 days before the deadline.
    pub(crate) fn send_reminder(&mut self) {
        let idx = self.ensure_debt_order();
        let debt = self.account.debt();
        let deadline = self.account.deadline().unwrap_or(self.today);
        let (order, order_reference) = (self.orders[idx].id, self.orders[idx].reference.clone());
        self.emit(
            EventKind::ReminderSent { debt, deadline },
            &[RuleId::D4, RuleId::D5],
        );
        self.mail(EmailKind::DebtReminder {
            debt,
            deadline,
            order,
            order_reference,
        });
    }

    /// D5 (assumption), after D4's deadline: every active account with an unpaid invoice is
    /// suspended for non-payment.
    pub(crate) fn suspend_unpaid(&mut self) {
        let index = self.index_mut();
        if index.unpaid_accounts.is_empty() {
            return;
        }
        let unpaid = std::mem::take(&mut index.unpaid_accounts);
        let mut suspended = Vec::new();
        for acc in self
            .platforms
            .iter_mut()
            .filter(|p| p.is_active())
            .flat_map(|p| p.accounts.iter_mut())
        {
            if acc.status == AccountStatus::Active && unpaid.contains(&acc.id) {
                acc.status = AccountStatus::SuspendedUnpaid;
                suspended.push(acc.email.clone());
            }
        }
        self.index.unpaid_accounts = unpaid;
        if !suspended.is_empty() {
            self.emit(
                EventKind::SuspendedUnpaid {
                    accounts: suspended.clone(),
                },
                &[RuleId::D4, RuleId::D5],
            );
            self.mail(EmailKind::SuspendedUnpaid {
                accounts: suspended,
            });
        }
    }

    /// N2: one e-mail per crossing below the threshold; re-armed once the balance is back
    /// at or above it.
    pub(crate) fn check_alert(&mut self) {
        let Some(threshold) = self.account.alert_threshold else {
            return;
        };
        let balance = self.account.balance;
        if balance >= threshold {
            self.account.alert_sent = false;
        } else if !self.account.alert_sent {
            self.account.alert_sent = true;
            self.emit(
                EventKind::BalanceAlert { balance, threshold },
                &[RuleId::N2],
            );
            self.mail(EmailKind::BalanceAlert { balance, threshold });
        }
    }
}
