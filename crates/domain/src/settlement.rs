//! How an invoice was settled (S2–S5), as the screens show it: what the balance covered, who
//! paid the rest, and the guide's arithmetic line by line, each line with the rules behind it.
//! Also which method declined a charge (P6), which the invoice itself does not record.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::action::Preview;
use super::journal::{Event, EventKind};
use super::method::MethodId;
use super::rules::RuleId;
use super::state::{Invoice, State};

/// How an invoice was settled at issue (S2–S5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// S2: what the positive balance covered.
    pub covered: Decimal,
    /// What was left to pay after the balance: the total less what it covered.
    pub rest: Decimal,
    /// Who paid the rest (S3, S4 or S5).
    pub paid_by: PaidBy,
}

/// Who paid what the balance did not cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaidBy {
    /// S3: nothing was left; the balance paid it all.
    Balance,
    /// S4: the rest was charged to the default method, which paid.
    Method {
        method: MethodId,
        label: String,
        amount: Decimal,
    },
    /// S4 charged nothing (no usable method, or the method declined, P6: `declined` names it),
    /// and S5 debited the rest to the account: it became `debt`.
    Debt {
        declined: Option<String>,
        debt: Decimal,
    },
}

impl PaidBy {
    /// The rule that settled the rest: S3, S4 or S5.
    pub fn rule(&self) -> RuleId {
        match self {
            PaidBy::Balance => RuleId::S3,
            PaidBy::Method { .. } => RuleId::S4,
            PaidBy::Debt { .. } => RuleId::S5,
        }
    }
}

/// One line of the guide's arithmetic of a settlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettlementLine {
    /// M2: the invoice's total excl. VAT, its VAT at the subsidiary's rate, the total.
    Total,
    /// S2: what the positive balance covered.
    Covered(Decimal),
    /// S3: the balance paid the invoice.
    PaidByBalance,
    /// S4: the rest, charged to a method.
    Charged { label: String, amount: Decimal },
    /// S4: the charged method paid.
    MethodPaid,
    /// S4: no usable method, so the rest was not charged.
    NotCharged { rest: Decimal },
    /// S4, P6: the method declined the charge.
    Declined { label: String },
    /// S5: the rest was debited to the account and is owed.
    Debt(Decimal),
}

impl SettlementLine {
    /// The rules behind the line.
    pub fn rules(&self) -> &'static [RuleId] {
        match self {
            SettlementLine::Total => &[RuleId::M2],
            SettlementLine::Covered(_) => &[RuleId::S2],
            SettlementLine::PaidByBalance => &[RuleId::S3],
            SettlementLine::Charged { .. }
            | SettlementLine::MethodPaid
            | SettlementLine::NotCharged { .. } => &[RuleId::S4],
            SettlementLine::Declined { .. } => &[RuleId::S4, RuleId::P6],
            SettlementLine::Debt(_) => &[RuleId::S5],
        }
    }
}

impl Settlement {
    /// Every rule the settlement applied: S2, then S3; or S4; or S4 (with P6 when the method
    /// declined) and S5.
    pub fn rules(&self) -> Vec<RuleId> {
        let mut rules: Vec<RuleId> = Vec::new();
        for line in self.lines().iter().skip(1) {
            for rule in line.rules() {
                if !rules.contains(rule) {
                    rules.push(*rule);
                }
            }
        }
        rules
    }

    /// The guide's arithmetic, a line per step (M2, S2–S5, P6): the total, what the balance
    /// covered, then who paid the rest.
    pub fn lines(&self) -> Vec<SettlementLine> {
        let mut lines = vec![SettlementLine::Total, SettlementLine::Covered(self.covered)];
        match &self.paid_by {
            PaidBy::Balance => lines.push(SettlementLine::PaidByBalance),
            PaidBy::Method { label, amount, .. } => {
                lines.push(SettlementLine::Charged { label: label.clone(), amount: *amount });
                lines.push(SettlementLine::MethodPaid);
            }
            PaidBy::Debt { declined, debt } => {
                lines.push(match declined {
                    Some(label) => SettlementLine::Declined { label: label.clone() },
                    None => SettlementLine::NotCharged { rest: self.rest },
                });
                lines.push(SettlementLine::Debt(*debt));
            }
        }
        lines
    }
}

impl Invoice {
    /// S2–S5: how the invoice was settled at issue. `declined` is the label of the method that
    /// declined the charge that day, if one did (P6): the journal knows it, not the invoice
    /// (see [`State::declined_on`], [`Preview::declined`]).
    pub fn settlement(&self, declined: Option<&str>) -> Settlement {
        let rest = self.total - self.covered_by_balance;
        let paid_by = if rest.is_zero() {
            PaidBy::Balance
        } else if let Some((method, label, amount)) = &self.charged {
            PaidBy::Method { method: *method, label: label.clone(), amount: *amount }
        } else {
            PaidBy::Debt { declined: declined.map(str::to_string), debt: self.debited_to_account }
        };
        Settlement { covered: self.covered_by_balance, rest, paid_by }
    }
}

/// P6: the first method among `events` that declined a charge.
fn first_decline<'a>(mut events: impl Iterator<Item = &'a Event>) -> Option<String> {
    events.find_map(|e| match &e.kind {
        EventKind::PaymentDeclined { label, .. } => Some(label.clone()),
        _ => None,
    })
}

impl State {
    /// P6: the method that declined a charge on `date`, from the journal (the last one that
    /// day): what happened to an invoice issued that day.
    pub fn declined_on(&self, date: NaiveDate) -> Option<String> {
        first_decline(
            self.journal
                .iter()
                .rev()
                .take_while(|e| e.date >= date)
                .filter(|e| e.date == date),
        )
    }
}

impl Preview {
    /// P6: the method that would decline a charge on the previewed day, if one would.
    pub fn declined(&self) -> Option<String> {
        first_decline(self.events.iter())
    }
}
