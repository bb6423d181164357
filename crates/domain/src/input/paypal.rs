//! A PayPal login e-mail (P1, P5): checked by its shape, then kept masked.

use serde::{Deserialize, Serialize};

/// A PayPal login e-mail, checked by its shape, of which only the masked form is kept (P5):
/// "a•••@example.com". The full address never leaves [`PaypalEmail::parse`], so it is never
/// saved. Read back only through [`PaypalEmail::from_masked`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PaypalEmail {
    masked: String,
}

/// Why an e-mail was rejected (P5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EmailError {
    Empty,
    BadShape,
    /// Longer than [`MAX_EMAIL_CHARS`] characters (issue 16).
    TooLong { max: usize },
    /// Holds a bidirectional control character ([`is_bidi_control`]), which can make an
    /// address read as another one (issue 16).
    BidiControl,
}

/// The longest e-mail address accepted, in characters: the longest a mail server accepts in a
/// path (RFC 5321's 256 octets, less its two angle brackets).
pub const MAX_EMAIL_CHARS: usize = 254;

/// Whether `c` is a bidirectional control character: the embeddings and overrides U+202A–U+202E,
/// the isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C. Invisible, they can make an
/// address (or a label it ends up in) display as another one ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `example.com`: at least two labels, none empty.
fn labels_ok(domain: &str) -> bool {
    domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty())
}

impl PaypalEmail {
    /// Checks the e-mail's shape: `local@domain.tld`, no spaces (P5), no bidirectional control
    /// character, at most [`MAX_EMAIL_CHARS`] characters.
    pub fn parse(s: &str) -> Result<Self, EmailError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.chars().any(is_bidi_control) {
            return Err(EmailError::BidiControl);
        }
        if s.chars().count() > MAX_EMAIL_CHARS {
            return Err(EmailError::TooLong { max: MAX_EMAIL_CHARS });
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::BadShape)?;
        let chars_ok =
            s.chars().all(|c| !c.is_whitespace() && !c.is_control()) && !domain.contains('@');
        if local.is_empty() || !labels_ok(domain) || !chars_ok {
            return Err(EmailError::BadShape);
        }
        let first: String = local.chars().take(1).collect::<String>().to_lowercase();
        Ok(PaypalEmail {
            masked: format!("{first}•••@{}", domain.to_ascii_lowercase()),
        })
    }

    /// "a•••@example.com" (P5).
    pub fn masked(&self) -> String {
        self.masked.clone()
    }

    /// Reads back a masked address as [`PaypalEmail::masked`] writes it: one character, "•••@",
    /// then the domain (P5). A full address is refused, so none can be smuggled into a save.
    pub fn from_masked(s: &str) -> Result<Self, EmailError> {
        let (head, domain) = s.split_once("•••@").ok_or(EmailError::BadShape)?;
        let chars_ok = domain
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !is_bidi_control(c) && c != '@' && c != '•');
        if head.chars().count() != 1 || is_bidi_control(head.chars().next().unwrap_or(' ')) || !labels_ok(domain) || !chars_ok {
            return Err(EmailError::BadShape);
        }
        Ok(PaypalEmail {
            masked: s.to_string(),
        })
    }
}

saved_as!(PaypalEmail, String, EmailError, read: |s| PaypalEmail::from_masked(s), write: PaypalEmail::masked);

impl std::fmt::Display for EmailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmailError::Empty => f.write_str("enter an e-mail address"),
            EmailError::BadShape => f.write_str("this is not an e-mail address"),
            EmailError::TooLong { max } => write!(f, "an e-mail address has at most {max} characters"),
            EmailError::BidiControl => f.write_str("the address holds an invisible text-direction character"),
        }
    }
}

impl std::error::Error for EmailError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p5_a_paypal_email_is_checked_by_its_shape_and_masked() {
        assert_eq!(PaypalEmail::parse("bob@"), Err(EmailError::BadShape));
        assert_eq!(
            PaypalEmail::parse("bob example.com"),
            Err(EmailError::BadShape)
        );
        assert_eq!(PaypalEmail::parse(" "), Err(EmailError::Empty));
        assert_eq!(PaypalEmail::parse("Alice@Example.COM").unwrap().masked(), "a•••@example.com");
    }

    /// Issue 16: U+202E made "moc.elpmaxe@ecila" display as another address; each bidi
    /// control character is refused wherever it is, with its own message.
    #[test]
    fn p5_a_paypal_email_with_a_bidi_control_character_is_refused() {
        let bidi = ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}'];
        for c in bidi {
            assert!(is_bidi_control(c), "U+{:04X}", c as u32);
            for address in [format!("{c}alice@example.com"), format!("ali{c}ce@example.com"), format!("alice@exam{c}ple.com"), format!("alice@example.com{c}")] {
                assert_eq!(PaypalEmail::parse(&address), Err(EmailError::BidiControl), "U+{:04X} in {address:?}", c as u32);
            }
            assert_eq!(PaypalEmail::from_masked(&format!("{c}•••@example.com")), Err(EmailError::BadShape));
            assert_eq!(PaypalEmail::from_masked(&format!("a•••@exa{c}mple.com")), Err(EmailError::BadShape));
        }
        // Their neighbours are no bidi controls (and a plain address still parses).
        for c in ['\u{2029}', '\u{202F}', '\u{2065}', '\u{206A}', '\u{200D}', '\u{061B}'] {
            assert!(!is_bidi_control(c), "U+{:04X}", c as u32);
        }
        assert!(PaypalEmail::parse("alice@example.com").is_ok());
    }

    /// Issue 16: a 5,005-character address was accepted; 254 characters is the most.
    #[test]
    fn p5_a_paypal_email_is_at_most_254_characters() {
        let at_most = format!("{}@example.com", "a".repeat(MAX_EMAIL_CHARS - "@example.com".len()));
        assert_eq!(at_most.chars().count(), 254);
        assert!(PaypalEmail::parse(&at_most).is_ok());
        let over = format!("a{at_most}");
        assert_eq!(PaypalEmail::parse(&over), Err(EmailError::TooLong { max: 254 }));
        let issue = format!("{}@example.com", "a".repeat(5_005 - "@example.com".len()));
        assert_eq!(PaypalEmail::parse(&issue), Err(EmailError::TooLong { max: 254 }));
        // Characters, not bytes: 254 accented letters are within the limit.
        let accented = format!("{}@example.com", "é".repeat(MAX_EMAIL_CHARS - "@example.com".len()));
        assert!(PaypalEmail::parse(&accented).is_ok());
        // The spaces around it are not counted (they are trimmed).
        assert!(PaypalEmail::parse(&format!("  {at_most}  ")).is_ok());
    }

    #[test]
    fn p5_a_paypal_email_is_read_back_only_from_its_masked_form() {
        let e = PaypalEmail::parse("alice@example.com").unwrap();
        assert_eq!(e.to_string(), "a•••@example.com");
        assert_eq!(PaypalEmail::try_from(String::from(e.clone())), Ok(e));
        assert_eq!(PaypalEmail::try_from("alice@example.com".to_string()), Err(EmailError::BadShape));
        assert_eq!(PaypalEmail::try_from("a•••@example".to_string()), Err(EmailError::BadShape));
    }
}
