//! A card's number (P1, P5): Luhn-checked, then only its brand and last 4 digits are kept.

use serde::{Deserialize, Serialize};

/// A card brand, guessed from the number's prefix (for the masked label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CardBrand {
    Visa,
    Mastercard,
    Amex,
    Other,
}

/// A Luhn-checked card number, of which only the last 4 digits are kept (P5). Saved as its
/// masked form ("Visa ••••4242"), read back only through [`CardNumber::from_masked`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CardNumber {
    last4: String,
    brand: CardBrand,
}

/// Why a card number was rejected (P5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CardNumberError {
    Empty,
    BadFormat,
    BadChecksum,
}

impl CardNumber {
    /// Parses 12–19 digits (spaces and dashes allowed) and checks Luhn (P5).
    pub fn parse(s: &str) -> Result<Self, CardNumberError> {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if compact.is_empty() {
            return Err(CardNumberError::Empty);
        }
        if !(12..=19).contains(&compact.len()) || !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CardNumberError::BadFormat);
        }
        if !luhn_ok(compact.as_bytes()) {
            return Err(CardNumberError::BadChecksum);
        }
        Ok(CardNumber {
            last4: compact[compact.len() - 4..].to_string(),
            brand: brand_of(&compact),
        })
    }

    pub fn last4(&self) -> &str {
        &self.last4
    }

    pub fn brand(&self) -> CardBrand {
        self.brand
    }

    /// "Visa ••••4242" (P5).
    pub fn masked(&self) -> String {
        format!("{} ••••{}", self.brand.name(), self.last4)
    }

    /// Reads back a masked number as [`CardNumber::masked`] writes it (P5).
    pub fn from_masked(s: &str) -> Result<Self, CardNumberError> {
        let (name, last4) = s.split_once(" ••••").ok_or(CardNumberError::BadFormat)?;
        let brand = CardBrand::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or(CardNumberError::BadFormat)?;
        if last4.len() != 4 || !last4.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CardNumberError::BadFormat);
        }
        Ok(CardNumber {
            last4: last4.to_string(),
            brand,
        })
    }
}

saved_as!(CardNumber, String, CardNumberError, read: |s| CardNumber::from_masked(s), write: CardNumber::masked);

messages!(CardNumberError => { Empty => "enter a card number", BadFormat => "12 to 19 digits", BadChecksum => "this card number is not valid" });

impl CardBrand {
    const ALL: [CardBrand; 4] = [
        CardBrand::Visa,
        CardBrand::Mastercard,
        CardBrand::Amex,
        CardBrand::Other,
    ];

    /// The brand's name in a masked label (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            CardBrand::Visa => "Visa",
            CardBrand::Mastercard => "Mastercard",
            CardBrand::Amex => "Amex",
            CardBrand::Other => "Card",
        }
    }
}

fn luhn_ok(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| {
            let d = u32::from(c - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn brand_of(n: &str) -> CardBrand {
    let prefix2: u32 = n[..2].parse().unwrap_or(0);
    let prefix4: u32 = n[..4].parse().unwrap_or(0);
    if n.starts_with('4') {
        CardBrand::Visa
    } else if (51..=55).contains(&prefix2) || (2221..=2720).contains(&prefix4) {
        CardBrand::Mastercard
    } else if prefix2 == 34 || prefix2 == 37 {
        CardBrand::Amex
    } else {
        CardBrand::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p5_a_card_number_is_luhn_checked_and_masked() {
        let n = CardNumber::parse("4242-4242-4242-4242").unwrap();
        assert_eq!(n.masked(), "Visa ••••4242");
        assert_eq!(
            CardNumber::parse("4242 4242 4242 4241"),
            Err(CardNumberError::BadChecksum)
        );
        assert_eq!(CardNumber::parse("4242"), Err(CardNumberError::BadFormat));
        assert_eq!(
            CardNumber::parse("5555555555554444").unwrap().brand(),
            CardBrand::Mastercard
        );
        let serialized = serde_json::to_string(&n).unwrap();
        assert!(
            !serialized.contains("42424242"),
            "only the masked form is kept"
        );
    }

    #[test]
    fn p5_a_card_number_is_read_back_only_from_its_masked_form() {
        let n = CardNumber::parse("4242 4242 4242 4242").unwrap();
        assert_eq!(n.to_string(), "Visa ••••4242");
        assert_eq!(CardNumber::try_from(String::from(n.clone())), Ok(n));
        assert_eq!(CardNumber::try_from("4242424242424242".to_string()), Err(CardNumberError::BadFormat));
        assert_eq!(CardNumber::try_from("Diners ••••4242".to_string()), Err(CardNumberError::BadFormat));
    }
}
