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
