//! A payment method as the user enters it (P1, P5): its kind and its parsed, masked details.

use serde::{Deserialize, Serialize};

use super::{CardExpiry, CardNumber, Iban, PaypalEmail};

/// The kinds of payment method (P1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PaymentKind {
    BankAccount,
    Card,
    Paypal,
}

/// A parsed payment method, ready for `Action::AddMethod` (P1, P5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MethodInput {
    BankAccount {
        iban: Iban,
    },
    Card {
        number: CardNumber,
        expiry: CardExpiry,
    },
    Paypal {
        email: PaypalEmail,
    },
}

impl MethodInput {
    pub fn kind(&self) -> PaymentKind {
        match self {
            MethodInput::BankAccount { .. } => PaymentKind::BankAccount,
            MethodInput::Card { .. } => PaymentKind::Card,
            MethodInput::Paypal { .. } => PaymentKind::Paypal,
        }
    }

    /// The masked label kept in the state (P5).
    pub fn label(&self) -> String {
        match self {
            MethodInput::BankAccount { iban } => iban.masked(),
            MethodInput::Card { number, .. } => number.masked(),
            MethodInput::Paypal { email } => email.masked(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> MethodInput {
        MethodInput::Card {
            number: CardNumber::parse("4242 4242 4242 4242").unwrap(),
            expiry: CardExpiry::parse("12/30").unwrap(),
        }
    }

    fn bank() -> MethodInput {
        MethodInput::BankAccount {
            iban: Iban::parse("FR76 3000 6000 0112 3456 7890 189").unwrap(),
        }
    }

    fn paypal() -> MethodInput {
        MethodInput::Paypal {
            email: PaypalEmail::parse("alice@example.com").unwrap(),
        }
    }

    #[test]
    fn p5_inputs_are_saved_masked_and_read_back_only_through_their_checked_constructors() {
        let inputs = [card(), bank(), paypal()];
        for input in &inputs {
            let json = serde_json::to_string(input).unwrap();
            for secret in ["4242424242424242", "4242 4242 4242 4242", "30006000011234567890189", "alice@"] {
                assert!(!json.contains(secret), "{json} holds {secret}");
            }
            let back: MethodInput = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, input, "the masked form reads back to the same input");
        }
        assert_eq!(serde_json::to_string(&paypal()).unwrap(), r#"{"Paypal":{"email":"a•••@example.com"}}"#);
        // A stored form that its constructor would refuse does not deserialize.
        for bad in [
            r#"{"Paypal":{"email":"alice@example.com"}}"#,
            r#"{"Card":{"number":"4242424242424242","expiry":"12/2030"}}"#,
            r#"{"Card":{"number":"Visa ••••4242","expiry":"13/2030"}}"#,
            r#"{"BankAccount":{"iban":"FR7630006000011234567890189"}}"#,
            r#"{"BankAccount":{"iban":{"country":"FR","check_digits":"76","masked_last4":"0189"}}}"#,
        ] {
            assert!(serde_json::from_str::<MethodInput>(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn p5_the_label_kept_is_the_masked_form() {
        assert_eq!(card().label(), "Visa ••••4242");
        assert_eq!(bank().label(), "FR76 •••• 0189");
        assert_eq!(paypal().label(), "a•••@example.com");
        assert_eq!(bank().kind(), PaymentKind::BankAccount);
    }
}
