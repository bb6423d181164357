//! Comparing two choices: the forecast as things stand beside the forecast after an
//! alternative's actions, the same actions the user could take by hand (F1, T3).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    forecast, AccountId, Action, Amount, BillingMode, Forecast, Horizon, MethodId, MethodInput, OrderId,
    Payer, PaymentKind, PlatformId, Refusal, State,
};

/// Which accounts a mode change is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountScope {
    One(AccountId),
    /// Every account whose mode can be changed (active, on an active platform).
    All,
}

/// A choice to compare with doing nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Alternative {
    /// R2, R3: switch one or all accounts to a mode.
    SetMode { scope: AccountScope, mode: BillingMode },
    /// P1–P4: add a card, a PayPal account (or a bank account), which becomes the default when
    /// it is valid at once (P4: as the user would choose it).
    AddMethod(MethodInput),
    /// A2, C1, C2: credit the OVH account, the order paid by bank transfer at once.
    Credit(Amount),
    /// R5: stop renewing an account.
    SetNone(AccountId),
    /// R6: terminate a platform.
    Terminate(PlatformId),
}

impl Alternative {
    /// The actions that carry it out, as the user would take them by hand, or the refusal the
    /// first of them would meet (nothing is changed: they are tried on a copy).
    pub fn actions(&self, state: &State) -> Result<Vec<Action>, Refusal> {
        self.tried(state).map(|(actions, _)| actions)
    }

    /// The actions, and the state they lead to on a copy of `state`.
    fn tried(&self, state: &State) -> Result<(Vec<Action>, State), Refusal> {
        let actions = match self {
            Alternative::SetMode { scope, mode } => {
                let accounts = match scope {
                    AccountScope::One(id) => vec![*id],
                    AccountScope::All => state
                        .platforms
                        .iter()
                        .filter(|p| p.is_active())
                        .flat_map(|p| &p.accounts)
                        .filter(|a| a.can_change_mode())
                        .map(|a| a.id)
                        .collect(),
                };
                vec![Action::SetMode { accounts, mode: *mode }]
            }
            Alternative::AddMethod(input) => {
                let mut actions = vec![Action::AddMethod(input.clone())];
                let valid_at_once = input.kind() != PaymentKind::BankAccount;
                if valid_at_once && state.methods.iter().any(|m| m.is_default) {
                    actions.push(Action::SetDefaultMethod(MethodId(state.counters.next_method)));
                }
                actions
            }
            Alternative::Credit(amount) => vec![
                Action::Credit(*amount),
                Action::PayOrder(OrderId(state.counters.next_order), Payer::BankTransfer),
            ],
            Alternative::SetNone(id) => vec![Action::SetMode { accounts: vec![*id], mode: BillingMode::None }],
            Alternative::Terminate(id) => vec![Action::Terminate(*id)],
        };
        let mut trial = state.live_copy();
        for a in &actions {
            trial.apply(a.clone())?;
        }
        Ok((actions, trial))
    }
}

/// One column of a comparison, in figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlook {
    pub invoiced: Decimal,
    /// Paid on the invoices, from the balance and by the methods (S2–S4).
    pub paid: Decimal,
    pub left_as_debt: Decimal,
    /// Days ending in debt (D4).
    pub debt_days: u32,
    /// Accounts suspended or ended, counted once per stop (R5, R6, D5).
    pub suspensions: usize,
    /// The first day an account stops without a PST export.
    pub data_lost_on: Option<NaiveDate>,
    pub balance_at_end: Decimal,
}

impl Forecast {
    /// The figures a comparison sets side by side.
    pub fn outlook(&self) -> Outlook {
        let t = self.total();
        Outlook {
            invoiced: t.invoiced,
            paid: t.paid(),
            left_as_debt: t.left_as_debt,
            debt_days: self.debt_days,
            suspensions: self.suspensions.iter().map(|s| s.accounts.len()).sum(),
            data_lost_on: self.data_lost_on(),
            balance_at_end: self.balance_at_end,
        }
    }
}

/// Both futures side by side over one horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub alternative: Alternative,
    /// What "Apply this choice" dispatches, in order.
    pub actions: Vec<Action>,
    pub without: Forecast,
    pub with: Forecast,
}

/// The forecast without and with `alternative` (its actions taken today, on a copy).
pub fn compare(state: &State, alternative: &Alternative, horizon: Horizon) -> Result<Comparison, Refusal> {
    let (actions, with) = alternative.tried(state)?;
    Ok(Comparison {
        alternative: alternative.clone(),
        without: forecast(state, horizon),
        with: forecast(&with, horizon),
        actions,
    })
}
