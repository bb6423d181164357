//! Amounts of euros typed by the user (C1, C3, M1).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::rules::RuleId;

/// The demo cap on any amount typed by the user: 100,000.00 € (C3, assumption).
pub fn amount_cap() -> Decimal {
    Decimal::new(10_000_000, 2)
}

/// A positive amount of euros with at most 2 decimals (C1, M1), at most 100,000.00 (C3).
///
/// Always stored with exactly 2 decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct Amount(Decimal);

/// Why an amount was rejected (C1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AmountError {
    Empty,
    NotANumber,
    TooManyDecimals,
    NotPositive,
    OverCap,
}

impl AmountError {
    /// The rule behind the message: C3's demo cap, else C1's amount field.
    pub fn rule(&self) -> RuleId {
        match self {
            AmountError::OverCap => RuleId::C3,
            _ => RuleId::C1,
        }
    }
}

impl Amount {
    /// Parses what the user typed: digits, optionally "," or "." and 1–2 decimals (C1).
    ///
    /// Accepts `"10"`, `"10,5"`, `" 10.50 "`; rejects `"1 000"`, `"1e3"`, `"+5"`.
    pub fn parse(s: &str) -> Result<Amount, AmountError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(AmountError::Empty);
        }
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int_part, frac_part) = match body.find([',', '.']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
            return Err(AmountError::NotANumber);
        }
        let frac = frac_part.unwrap_or("");
        if frac.len() > 2 {
            return Err(AmountError::TooManyDecimals);
        }
        let int_trimmed = int_part.trim_start_matches('0');
        if int_trimmed.len() > 9 {
            // Far beyond the cap; avoid overflowing Decimal.
            return Err(if negative {
                AmountError::NotPositive
            } else {
                AmountError::OverCap
            });
        }
        let normalised = format!(
            "{}.{:0<2}",
            if int_trimmed.is_empty() {
                "0"
            } else {
                int_trimmed
            },
            frac
        );
        let value = Decimal::from_str(&normalised).map_err(|_| AmountError::NotANumber)?;
        if negative {
            return Err(AmountError::NotPositive);
        }
        Self::from_decimal(value)
    }

    /// Builds an amount from a decimal, with the same checks as [`Amount::parse`] (C1).
    pub fn from_decimal(d: Decimal) -> Result<Amount, AmountError> {
        if d.normalize().scale() > 2 {
            return Err(AmountError::TooManyDecimals);
        }
        if d <= Decimal::ZERO {
            return Err(AmountError::NotPositive);
        }
        if d > amount_cap() {
            return Err(AmountError::OverCap);
        }
        let mut v = d;
        v.rescale(2);
        Ok(Amount(v))
    }

    /// The amount in euros, 2 decimal places (M1).
    pub fn value(&self) -> Decimal {
        self.0
    }
}

saved_as!(Amount, Decimal, AmountError, read: |d| Amount::from_decimal(*d), write: |a| a.0);

messages!(AmountError => {
    Empty => "enter an amount",
    NotANumber => "digits only, with \",\" or \".\" before the cents",
    TooManyDecimals => "at most 2 decimals",
    NotPositive => "the amount must be more than 0",
    OverCap => "at most 100,000.00 €",
});

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(cents: i64) -> Decimal {
        Decimal::new(cents, 2)
    }

    #[test]
    fn c1_amount_field_digits_and_at_most_two_decimals() {
        assert_eq!(Amount::parse(" 10,50 ").unwrap().value(), eur(1050));
        assert_eq!(Amount::parse("10.5").unwrap().value(), eur(1050));
        assert_eq!(Amount::parse("10").unwrap().value(), eur(1000));
        assert_eq!(Amount::parse(""), Err(AmountError::Empty));
        assert_eq!(Amount::parse("abc"), Err(AmountError::NotANumber));
        assert_eq!(Amount::parse("1 000"), Err(AmountError::NotANumber));
        assert_eq!(Amount::parse("1e3"), Err(AmountError::NotANumber));
        assert_eq!(Amount::parse("+5"), Err(AmountError::NotANumber));
        assert_eq!(Amount::parse("-5"), Err(AmountError::NotPositive));
        assert_eq!(Amount::parse("0"), Err(AmountError::NotPositive));
        assert_eq!(Amount::parse("0,00"), Err(AmountError::NotPositive));
        assert_eq!(Amount::parse("10,001"), Err(AmountError::TooManyDecimals));
        assert_eq!(Amount::parse("100000,01"), Err(AmountError::OverCap));
        assert_eq!(Amount::parse("100000").unwrap().value(), eur(10_000_000));
        assert_eq!(
            Amount::parse("99999999999999999999999999999999"),
            Err(AmountError::OverCap)
        );
    }

    #[test]
    fn m1_an_amount_is_saved_as_its_decimal_and_read_back_through_its_checks() {
        let a = Amount::parse("10,5").unwrap();
        assert_eq!(a.to_string(), "10.50");
        assert_eq!(Decimal::from(a), eur(1050));
        assert_eq!(Amount::try_from(eur(1050)), Ok(a));
        assert_eq!(Amount::try_from(Decimal::new(10_001, 3)), Err(AmountError::TooManyDecimals));
        assert_eq!(Amount::try_from(Decimal::ZERO), Err(AmountError::NotPositive));
    }
}
