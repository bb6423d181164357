//! Purchase orders (A2, D1): a credit or the debt's order, who pays it and how it was paid.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::method::MethodId;

/// Identifier of a purchase order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrderId(pub u32);

/// A purchase order (A2, D1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseOrder {
    pub id: OrderId,
    pub reference: String,
    pub created: NaiveDate,
    pub amount: Decimal,
    pub purpose: OrderPurpose,
    pub status: OrderStatus,
}

/// A2 / D1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderPurpose {
    /// Billing -> My OVH account -> Credit (A2, C1, C2, D1.3).
    Credit,
    /// The e-mail link's order for exactly the debt (S5, D1.2); may be under 10 €.
    Debt,
}

/// A2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderStatus {
    Open,
    Paid { on: NaiveDate, via: PaidVia },
    Cancelled { on: NaiveDate },
}

/// How an order was paid (A2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaidVia {
    Method(MethodId, String),
    BankTransfer,
}

/// Who pays an order (A2): a registered method, or a bank transfer (instant: a decision, decisions.md 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Payer {
    Method(MethodId),
    BankTransfer,
}

impl Payer {
    /// How a form names the payer (A2): the method's id ("3"), or "transfer".
    pub fn code(&self) -> String {
        match self {
            Payer::Method(id) => id.0.to_string(),
            Payer::BankTransfer => "transfer".to_string(),
        }
    }

    /// The payer a form names, as [`Payer::code`] writes it.
    pub fn from_code(code: &str) -> Option<Payer> {
        match code {
            "transfer" => Some(Payer::BankTransfer),
            id => id.parse().ok().map(|id| Payer::Method(MethodId(id))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a2_a_payer_is_named_by_its_code() {
        for payer in [Payer::Method(MethodId(3)), Payer::BankTransfer] {
            assert_eq!(Payer::from_code(&payer.code()), Some(payer));
        }
        assert_eq!(Payer::BankTransfer.code(), "transfer");
        assert_eq!(Payer::from_code("12"), Some(Payer::Method(MethodId(12))));
        assert_eq!(Payer::from_code("card"), None);
        assert_eq!(Payer::from_code("-1"), None);
    }
}
