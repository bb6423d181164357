//! F2: the last safe days: for each decision with a cut-off, the last day on which it still has
//! its effect, and what happens after. Read off the state and its 12-month forecast (F1).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    add_days, forecast, renewal_date, AccountId, BillingMode, DebtReason, EventKind, Forecast, Horizon, PlatformId, RuleId, State,
    SuspensionCause, Warning,
};

/// F2: a decision and the last day it can be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeDay {
    pub last_day: NaiveDate,
    pub decision: Decision,
    pub rules: Vec<RuleId>,
}

/// A decision with a cut-off, and what happens after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// R3: a billing mode changed by the last day applies at `renewal`; changed later, only at
    /// `renewal_after`. `mode` is what the renewal will use as things stand; when it is None
    /// there is no renewal after: the accounts are suspended on `renewal` (R5).
    ChangeMode {
        platform: PlatformId,
        accounts: Vec<AccountId>,
        emails: Vec<String>,
        mode: BillingMode,
        renewal: NaiveDate,
        renewal_after: Option<NaiveDate>,
    },
    /// R6: cancellable until the day before; after, the platform and its accounts end on
    /// `effective_on`.
    CancelTermination { platform: PlatformId, name: String, effective_on: NaiveDate },
    /// D4: payable until the end of the deadline; after, the unpaid services are suspended on
    /// `suspension_day` (D5). `current`: the debt exists today; else the forecast shows it begin.
    PayDebt { debt: Decimal, deadline: NaiveDate, suspension_day: NaiveDate, current: bool },
    /// R5, D5, R6: the last day a PST export can be made before the account stops on
    /// `stopped_on`; none can be made after.
    ExportPst { account: AccountId, email: String, stopped_on: NaiveDate, cause: SuspensionCause },
    /// S4: register or fix a payment method by the day before the invoice that would otherwise be
    /// left as a debt (S5).
    PaymentMethod { invoice_date: NaiveDate, reference: String, platform: String, debt: Decimal, reason: DebtReason },
}

impl Decision {
    /// The order of decisions due on the same day.
    fn rank(&self) -> u8 {
        match self {
            Decision::PaymentMethod { .. } => 0,
            Decision::PayDebt { .. } => 1,
            Decision::ExportPst { .. } => 2,
            Decision::CancelTermination { .. } => 3,
            Decision::ChangeMode { .. } => 4,
        }
    }
}

/// The accounts of a platform that renew on one day in one mode (R3).
struct Renewal {
    renewal: NaiveDate,
    mode: BillingMode,
    accounts: Vec<AccountId>,
    emails: Vec<String>,
    renewal_after: Option<NaiveDate>,
}

/// The day before `d` (cut-offs are "the day before" in days, R3, R6, F2).
fn day_before(d: NaiveDate) -> NaiveDate {
    d.pred_opt().unwrap_or(d)
}

/// F2: every decision that has a cut-off from today, in the order of their last days.
pub fn last_safe_days(state: &State) -> Vec<SafeDay> {
    last_safe_days_from(state, &forecast(state, Horizon::Months12))
}

/// [`last_safe_days`] from the 12-month forecast of `state` already computed
/// (`forecast(state, Horizon::Months12)`: the year ahead's screen has it), so that the screen
/// computes it once.
pub fn last_safe_days_from(state: &State, ahead: &Forecast) -> Vec<SafeDay> {
    let today = state.today;
    let mut out = Vec::new();
    // R3: the next renewal of each group of accounts (one platform, one date, one mode).
    for p in state.platforms.iter().filter(|p| p.is_active()) {
        let mut groups: Vec<Renewal> = Vec::new();
        for a in p.accounts.iter().filter(|a| a.can_change_mode()) {
            // R6: nothing renews on or after a termination's date.
            if p.termination.as_ref().is_some_and(|t| t.effective_on <= a.expiry) {
                continue;
            }
            let mode = a.next_mode();
            let after = (mode != BillingMode::None).then(|| {
                let (anchor, k) = if mode == a.mode { (a.anchor, a.periods) } else { (a.expiry, 0) };
                renewal_date(anchor, mode, k + 1)
            });
            match groups.iter_mut().find(|g| g.renewal == a.expiry && g.mode == mode) {
                Some(g) => {
                    g.accounts.push(a.id);
                    g.emails.push(a.email.clone());
                }
                None => groups.push(Renewal { renewal: a.expiry, mode, accounts: vec![a.id], emails: vec![a.email.clone()], renewal_after: after }),
            }
        }
        for Renewal { renewal, mode, accounts, emails, renewal_after } in groups {
            let rules = if mode == BillingMode::None { vec![RuleId::R3, RuleId::R5] } else { vec![RuleId::R3] };
            out.push(SafeDay {
                last_day: day_before(renewal),
                decision: Decision::ChangeMode { platform: p.id, accounts, emails, mode, renewal, renewal_after },
                rules,
            });
        }
        // R6: the last day to cancel.
        if let Some(t) = &p.termination {
            out.push(SafeDay {
                last_day: t.last_cancel_day(),
                decision: Decision::CancelTermination { platform: p.id, name: p.name.clone(), effective_on: t.effective_on },
                rules: vec![RuleId::R6],
            });
        }
    }
    // D4: today's debt, then the debts the forecast shows begin.
    if let Some(deadline) = state.account.deadline().filter(|d| state.account.is_debtor() && *d >= today) {
        out.push(SafeDay {
            last_day: deadline,
            decision: Decision::PayDebt { debt: state.account.debt(), deadline, suspension_day: add_days(deadline, 1), current: true },
            rules: vec![RuleId::D4, RuleId::D5],
        });
    }
    for e in ahead.events() {
        if let EventKind::DebtorStarted { debt, deadline } = &e.kind {
            out.push(SafeDay {
                last_day: *deadline,
                decision: Decision::PayDebt { debt: *debt, deadline: *deadline, suspension_day: add_days(*deadline, 1), current: false },
                rules: vec![RuleId::D4, RuleId::D5],
            });
        }
    }
    // R5, D5, R6: the day before each account stops without an export (its first stop only).
    let mut seen: Vec<&str> = Vec::new();
    for s in &ahead.suspensions {
        for email in &s.not_exported {
            if seen.contains(&email.as_str()) {
                continue;
            }
            seen.push(email);
            let account = state.platforms.iter().flat_map(|p| &p.accounts).find(|a| &a.email == email && a.can_export_pst());
            if let Some(a) = account {
                let rules = match s.cause {
                    SuspensionCause::Unpaid => vec![RuleId::R5, RuleId::D5],
                    SuspensionCause::Expiry => vec![RuleId::R5],
                    SuspensionCause::Terminated => vec![RuleId::R5, RuleId::R6],
                };
                out.push(SafeDay {
                    last_day: day_before(s.date),
                    decision: Decision::ExportPst { account: a.id, email: email.clone(), stopped_on: s.date, cause: s.cause },
                    rules,
                });
            }
        }
    }
    // S4: the day before the first invoice the balance and the default method would not pay.
    let unpaid = ahead.warnings.iter().find_map(|w| match w {
        Warning::InvoiceBecomesDebt { invoice_date, reference, platform, debt, reason, .. } => {
            Some((*invoice_date, reference.clone(), platform.clone(), *debt, reason.clone()))
        }
        _ => None,
    });
    if let Some((invoice_date, reference, platform, debt, reason)) = unpaid {
        let mut rules = vec![RuleId::S4, RuleId::S5];
        match reason {
            DebtReason::CardExpired { .. } | DebtReason::Declined { .. } => rules.push(RuleId::P6),
            DebtReason::MethodPending { .. } => rules.push(RuleId::P7),
            DebtReason::NoMethod => {}
        }
        out.push(SafeDay {
            last_day: day_before(invoice_date),
            decision: Decision::PaymentMethod { invoice_date, reference, platform, debt, reason },
            rules,
        });
    }
    out.sort_by_key(|s| (s.last_day, s.decision.rank()));
    out
}
