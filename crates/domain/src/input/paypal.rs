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
}

/// `example.com`: at least two labels, none empty.
fn labels_ok(domain: &str) -> bool {
    domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty())
}

impl PaypalEmail {
    /// Checks the e-mail's shape: `local@domain.tld`, no spaces (P5).
    pub fn parse(s: &str) -> Result<Self, EmailError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
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
            .all(|c| !c.is_whitespace() && !c.is_control() && c != '@' && c != '•');
        if head.chars().count() != 1 || !labels_ok(domain) || !chars_ok {
            return Err(EmailError::BadShape);
        }
        Ok(PaypalEmail {
            masked: s.to_string(),
        })
    }
}

saved_as!(PaypalEmail, String, EmailError, read: |s| PaypalEmail::from_masked(s), write: PaypalEmail::masked);

messages!(EmailError => { Empty => "enter an e-mail address", BadShape => "this is not an e-mail address" });

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

    #[test]
    fn p5_a_paypal_email_is_read_back_only_from_its_masked_form() {
        let e = PaypalEmail::parse("alice@example.com").unwrap();
        assert_eq!(e.to_string(), "a•••@example.com");
        assert_eq!(PaypalEmail::try_from(String::from(e.clone())), Ok(e));
        assert_eq!(PaypalEmail::try_from("alice@example.com".to_string()), Err(EmailError::BadShape));
        assert_eq!(PaypalEmail::try_from("a•••@example".to_string()), Err(EmailError::BadShape));
    }
}
