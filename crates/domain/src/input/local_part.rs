//! The local part of a new Exchange account's address (R2: *Add an account*).

use serde::{Deserialize, Serialize};

/// The local part of a new Exchange account's address (before the platform's domain). Saved
/// as text and read back through [`LocalPart::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalPart(String);

/// Why a local part was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LocalPartError {
    Empty,
    BadShape,
}

impl LocalPart {
    /// `[a-z0-9._-]{1,64}`, lower-cased, not starting or ending with '.', no "..".
    pub fn parse(s: &str) -> Result<Self, LocalPartError> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err(LocalPartError::Empty);
        }
        let chars_ok = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        let dots_ok = !s.starts_with('.') && !s.ends_with('.') && !s.contains("..");
        if chars_ok && dots_ok && s.len() <= 64 {
            Ok(LocalPart(s))
        } else {
            Err(LocalPartError::BadShape)
        }
    }
}

saved_as!(LocalPart(String), LocalPartError, read: |s| LocalPart::parse(s));

messages!(LocalPartError => { Empty => "enter a name", BadShape => "letters, digits, '.', '-' and '_' only" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_a_local_part_is_saved_as_its_text_and_read_back_through_parse() {
        let local: LocalPart = serde_json::from_str(r#""sales""#).unwrap();
        assert_eq!(local.as_str(), "sales");
        assert!(serde_json::from_str::<LocalPart>(r#""a b""#).is_err());
    }

    #[test]
    fn r2_a_local_part_is_lower_case_letters_digits_dots_dashes() {
        assert_eq!(LocalPart::parse(" Sales.Team ").unwrap().as_str(), "sales.team");
        assert_eq!(LocalPart::parse(""), Err(LocalPartError::Empty));
        for bad in [".sales", "sales.", "sa..les", "sales@x", "a b"] {
            assert_eq!(LocalPart::parse(bad), Err(LocalPartError::BadShape), "{bad}");
        }
        assert!(LocalPart::parse(&"a".repeat(65)).is_err());
    }
}
