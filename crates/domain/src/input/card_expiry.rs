//! A card's expiry month (P5, P6).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A card's expiry month (P5, P6). Whether it is in the past is checked against the
/// simulated today by the action (`Refusal::CardExpired`). Saved as "MM/YYYY" and read back
/// through [`CardExpiry::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CardExpiry {
    year: i32,
    month: u32,
}

/// Why a card expiry was rejected (P5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CardExpiryError {
    Empty,
    BadFormat,
}

impl CardExpiry {
    /// Parses "MM/YY" or "MM/YYYY" (P5).
    pub fn parse(s: &str) -> Result<Self, CardExpiryError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(CardExpiryError::Empty);
        }
        let (m, y) = s.split_once('/').ok_or(CardExpiryError::BadFormat)?;
        let (m, y) = (m.trim(), y.trim());
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(m) || !digits(y) || m.len() > 2 || !(y.len() == 2 || y.len() == 4) {
            return Err(CardExpiryError::BadFormat);
        }
        let month: u32 = m.parse().map_err(|_| CardExpiryError::BadFormat)?;
        let mut year: i32 = y.parse().map_err(|_| CardExpiryError::BadFormat)?;
        if y.len() == 2 {
            year += 2000;
        }
        Self::new(year, month).ok_or(CardExpiryError::BadFormat)
    }

    /// Builds an expiry from a year (4 digits) and a month (1–12).
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (2000..=9999).contains(&year))
            .then_some(CardExpiry { year, month })
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> u32 {
        self.month
    }

    /// The last day on which the card is valid: the last day of its month (P6).
    pub fn last_valid_day(&self) -> NaiveDate {
        let (ny, nm) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(ny, nm, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// P5: the card's last valid day is before `today`.
    pub fn is_past(&self, today: NaiveDate) -> bool {
        self.last_valid_day() < today
    }
}

saved_as!(CardExpiry, String, CardExpiryError, read: |s| CardExpiry::parse(s), write: |e| format!("{:02}/{}", e.month, e.year));

messages!(CardExpiryError => { Empty => "enter the expiry date", BadFormat => "MM/YY" });

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn p5_a_card_expiry_is_a_month_whose_last_day_is_its_last_valid_day() {
        assert_eq!(
            CardExpiry::parse("02/2028").unwrap().last_valid_day(),
            d(2028, 2, 29)
        );
        assert_eq!(CardExpiry::parse("13/28"), Err(CardExpiryError::BadFormat));
        assert_eq!(CardExpiry::parse(""), Err(CardExpiryError::Empty));
    }

    #[test]
    fn p5_a_card_expiry_is_past_the_day_after_its_last_valid_day() {
        let e = CardExpiry::parse("02/26").unwrap();
        assert!(!e.is_past(d(2026, 2, 28)));
        assert!(e.is_past(d(2026, 3, 1)));
    }

    #[test]
    fn p5_a_card_expiry_is_saved_as_mm_yyyy() {
        let e = CardExpiry::parse("3/30").unwrap();
        assert_eq!(e.to_string(), "03/2030");
        assert_eq!(CardExpiry::try_from(String::from(e)), Ok(e));
        assert_eq!(CardExpiry::try_from("13/2030".to_string()), Err(CardExpiryError::BadFormat));
    }
}
