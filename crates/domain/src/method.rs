//! A registered payment method (P1–P7): its identifier, its masked label and its status.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::input::PaymentKind;

/// Identifier of a payment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MethodId(pub u32);

/// A registered payment method; only its masked label is kept (P5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub id: MethodId,
    pub kind: PaymentKind,
    pub label: String,
    pub status: MethodStatus,
    pub is_default: bool,
    pub decline_next: bool,
    pub added_on: NaiveDate,
    /// A card's last valid day (P6).
    pub card_expiry: Option<NaiveDate>,
    /// A bank account's validation day (P3).
    pub validates_on: Option<NaiveDate>,
}

impl PaymentMethod {
    /// A method pays only if it is valid (P3, P6); `decline_next` is checked at charge time.
    pub fn is_usable(&self) -> bool {
        self.status == MethodStatus::Valid
    }
}

/// P3, P6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MethodStatus {
    Valid,
    PendingValidation,
    Expired,
}
