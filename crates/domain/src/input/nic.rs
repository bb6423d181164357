//! The NIC handle typed at login (L1).

use serde::{Deserialize, Serialize};

/// An OVH NIC handle such as `ab12345-ovh`, lower-cased (L1).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NicHandle(String);

/// Why a NIC handle was rejected (L1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NicError {
    Empty,
    BadShape,
}

impl NicHandle {
    /// Parses `[a-z]{2}[0-9]{1,6}-ovh`, any case, surrounding spaces ignored (L1).
    pub fn parse(s: &str) -> Result<Self, NicError> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err(NicError::Empty);
        }
        let stem = s.strip_suffix("-ovh").ok_or(NicError::BadShape)?;
        let bytes = stem.as_bytes();
        let letters_ok = bytes.len() >= 3 && bytes[..2].iter().all(u8::is_ascii_lowercase);
        let digits = &bytes[2.min(bytes.len())..];
        let digits_ok = (1..=6).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit);
        if letters_ok && digits_ok {
            Ok(NicHandle(s))
        } else {
            Err(NicError::BadShape)
        }
    }
}

saved_as!(NicHandle(String), NicError, read: |s| NicHandle::parse(s));

messages!(NicError => { Empty => "enter your NIC handle", BadShape => "a NIC handle looks like ab12345-ovh" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l1_nic_handle_shape() {
        assert_eq!(
            NicHandle::parse(" AB12345-OVH ").unwrap().as_str(),
            "ab12345-ovh"
        );
        assert_eq!(NicHandle::parse(""), Err(NicError::Empty));
        assert_eq!(NicHandle::parse("ab-ovh"), Err(NicError::BadShape));
        assert_eq!(NicHandle::parse("a12345-ovh"), Err(NicError::BadShape));
        assert_eq!(NicHandle::parse("ab1234567-ovh"), Err(NicError::BadShape));
    }

    #[test]
    fn l1_a_nic_handle_is_saved_as_its_text_and_read_back_through_parse() {
        let nic = NicHandle::parse("AB1-OVH").unwrap();
        assert_eq!(nic.to_string(), "ab1-ovh");
        assert_eq!(String::from(nic.clone()), "ab1-ovh");
        assert_eq!(NicHandle::try_from("ab1-ovh".to_string()), Ok(nic));
        assert_eq!(NicHandle::try_from("ab-ovh".to_string()), Err(NicError::BadShape));
    }
}
