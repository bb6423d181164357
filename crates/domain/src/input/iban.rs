//! A bank account's IBAN (P1, P5): checked, then kept masked.

use serde::{Deserialize, Serialize};

/// A checked IBAN, of which only the masked form is kept (P5). Saved as that masked form
/// ("FR76 •••• 0189"), and read back only through [`Iban::from_masked`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban {
    country: String,
    /// The two check digits (not sensitive; shown as in "FR76 •••• 0189").
    check_digits: String,
    masked_last4: String,
}

/// Why an IBAN was rejected (P5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IbanError {
    Empty,
    BadFormat,
    BadChecksum,
}

impl Iban {
    /// Parses an IBAN (spaces allowed, any case) and checks its mod-97 checksum (P5).
    pub fn parse(s: &str) -> Result<Self, IbanError> {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(IbanError::Empty);
        }
        let b = compact.as_bytes();
        let shape_ok = (15..=34).contains(&b.len())
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..4].iter().all(u8::is_ascii_digit)
            && b[4..].iter().all(u8::is_ascii_alphanumeric);
        if !shape_ok {
            return Err(IbanError::BadFormat);
        }
        if iban_mod97(b) != 1 {
            return Err(IbanError::BadChecksum);
        }
        Ok(Iban {
            country: compact[..2].to_string(),
            check_digits: compact[2..4].to_string(),
            masked_last4: compact[compact.len() - 4..].to_string(),
        })
    }

    /// The country code, e.g. "FR".
    pub fn country(&self) -> &str {
        &self.country
    }

    /// "FR76 •••• 0189": country, check digits and last 4 characters (P5).
    pub fn masked(&self) -> String {
        format!(
            "{}{} •••• {}",
            self.country, self.check_digits, self.masked_last4
        )
    }

    /// Reads back a masked IBAN as [`Iban::masked`] writes it: country, check digits, " •••• ",
    /// and the last 4 characters (P5). Anything else is refused.
    pub fn from_masked(s: &str) -> Result<Self, IbanError> {
        let (head, last4) = s.split_once(" •••• ").ok_or(IbanError::BadFormat)?;
        let h = head.as_bytes();
        let head_ok = h.len() == 4 && h[..2].iter().all(u8::is_ascii_uppercase) && h[2..].iter().all(u8::is_ascii_digit);
        let tail_ok = last4.len() == 4
            && last4.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !(head_ok && tail_ok) {
            return Err(IbanError::BadFormat);
        }
        Ok(Iban {
            country: head[..2].to_string(),
            check_digits: head[2..].to_string(),
            masked_last4: last4.to_string(),
        })
    }
}

saved_as!(Iban, String, IbanError, read: |s| Iban::from_masked(s), write: Iban::masked);

messages!(IbanError => { Empty => "enter an IBAN", BadFormat => "this is not an IBAN", BadChecksum => "this IBAN's check digits are wrong" });

/// ISO 13616 checksum: move the first 4 characters to the end, letters as 10..35, mod 97.
fn iban_mod97(b: &[u8]) -> u32 {
    b[4..].iter().chain(&b[..4]).fold(0u32, |acc, &c| {
        if c.is_ascii_digit() {
            (acc * 10 + u32::from(c - b'0')) % 97
        } else {
            (acc * 100 + u32::from(c - b'A') + 10) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p5_an_iban_is_checked_and_masked() {
        let iban = Iban::parse("fr76 3000 6000 0112 3456 7890 189").unwrap();
        assert_eq!(iban.masked(), "FR76 •••• 0189");
        assert_eq!(
            Iban::parse("FR76 3000 6000 0112 3456 7890 188"),
            Err(IbanError::BadChecksum)
        );
        assert_eq!(Iban::parse("not an iban"), Err(IbanError::BadFormat));
        assert_eq!(Iban::parse(" "), Err(IbanError::Empty));
        assert!(Iban::parse("IT60 X054 2811 1010 0000 0123 456").is_ok());
    }

    #[test]
    fn p5_an_iban_is_saved_masked_and_read_back_only_from_its_masked_form() {
        let iban = Iban::parse("FR76 3000 6000 0112 3456 7890 189").unwrap();
        assert_eq!(iban.to_string(), "FR76 •••• 0189");
        assert_eq!(Iban::try_from(String::from(iban.clone())), Ok(iban));
        assert_eq!(Iban::try_from("FR7630006000011234567890189".to_string()), Err(IbanError::BadFormat));
    }
}
