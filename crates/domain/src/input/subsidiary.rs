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

    /// "FR" / "IT": prefix of invoice references (S1).
    pub fn reference_prefix(&self) -> &'static str {
        match self {
            Subsidiary::Fr => "FR",
            Subsidiary::It => "IT",
        }
    }

    /// Every subsidiary, in the order the screens offer them (L2).
    pub const ALL: [Subsidiary; 2] = [Subsidiary::Fr, Subsidiary::It];

    /// "fr" / "it": the subsidiary's code, as a form or a link writes it (L2).
    pub fn code(&self) -> &'static str {
        match self {
            Subsidiary::Fr => "fr",
            Subsidiary::It => "it",
        }
    }

    /// The subsidiary of a code that [`Subsidiary::code`] writes, in any case (L2).
    pub fn from_code(code: &str) -> Option<Subsidiary> {
        Subsidiary::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l2_a_subsidiary_is_named_by_its_code() {
        for s in Subsidiary::ALL {
            assert_eq!(Subsidiary::from_code(s.code()), Some(s));
        }
        assert_eq!(Subsidiary::It.code(), "it");
        assert_eq!(Subsidiary::from_code("FR"), Some(Subsidiary::Fr));
        assert_eq!(Subsidiary::from_code("de"), None);
        assert_eq!(Subsidiary::It.reference_prefix(), "IT");
    }
}
