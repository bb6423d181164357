//! The customer's OVHcloud subsidiary (L2): its VAT rate (M2) and its payment kinds (P1).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::PaymentKind;

/// The customer's OVHcloud subsidiary (L2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Subsidiary {
    Fr,
    It,
}

impl Subsidiary {
    /// VAT rate: FR 20 %, IT 22 % (M2).
    pub fn vat_rate(&self) -> Decimal {
        match self {
            Subsidiary::Fr => Decimal::new(20, 2),
            Subsidiary::It => Decimal::new(22, 2),
        }
    }

    /// Payment kinds on offer: FR bank account, card, PayPal; IT card, PayPal (P1).
    pub fn payment_kinds(&self) -> &'static [PaymentKind] {
        match self {
            Subsidiary::Fr => &[
                PaymentKind::BankAccount,
                PaymentKind::Card,
                PaymentKind::Paypal,
            ],
            Subsidiary::It => &[PaymentKind::Card, PaymentKind::Paypal],
        }
    }

    /// "FR" / "IT": prefix of invoice references.
    pub fn code(&self) -> &'static str {
        match self {
            Subsidiary::Fr => "FR",
            Subsidiary::It => "IT",
        }
    }
}
