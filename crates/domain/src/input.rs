//! Parsed input types: "parse, don't validate".
//!
//! A raw string typed by the user never goes past these constructors. Each
//! constructor returns a typed error that the UI translates (C1, P5, L1).
//! After parsing, only the masked form of payment data is kept (P5).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

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
    pub fn rule(&self) -> super::journal::RuleId {
        match self {
            AmountError::OverCap => super::journal::RuleId::C3,
            _ => super::journal::RuleId::C1,
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

impl TryFrom<Decimal> for Amount {
    type Error = AmountError;
    fn try_from(d: Decimal) -> Result<Self, Self::Error> {
        Amount::from_decimal(d)
    }
}

impl From<Amount> for Decimal {
    fn from(a: Amount) -> Decimal {
        a.0
    }
}

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

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NicHandle {
    type Error = NicError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        NicHandle::parse(&s)
    }
}

impl From<NicHandle> for String {
    fn from(n: NicHandle) -> String {
        n.0
    }
}

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
}

impl Iban {
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

impl TryFrom<String> for Iban {
    type Error = IbanError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iban::from_masked(&s)
    }
}

impl From<Iban> for String {
    fn from(i: Iban) -> String {
        i.masked()
    }
}

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

impl TryFrom<String> for CardNumber {
    type Error = CardNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CardNumber::from_masked(&s)
    }
}

impl From<CardNumber> for String {
    fn from(c: CardNumber) -> String {
        c.masked()
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
}

impl CardExpiry {
    /// P5: the card's last valid day is before `today`.
    pub fn is_past(&self, today: NaiveDate) -> bool {
        self.last_valid_day() < today
    }
}

impl TryFrom<String> for CardExpiry {
    type Error = CardExpiryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CardExpiry::parse(&s)
    }
}

impl From<CardExpiry> for String {
    fn from(e: CardExpiry) -> String {
        format!("{:02}/{}", e.month, e.year)
    }
}

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

impl PaypalEmail {
    /// Checks the e-mail's shape: `local@domain.tld`, no spaces (P5).
    pub fn parse(s: &str) -> Result<Self, EmailError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::BadShape)?;
        let labels_ok = domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty());
        let chars_ok =
            s.chars().all(|c| !c.is_whitespace() && !c.is_control()) && !domain.contains('@');
        if local.is_empty() || !labels_ok || !chars_ok {
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
        let labels_ok = domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty());
        let chars_ok = domain
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && c != '@' && c != '•');
        if head.chars().count() != 1 || !labels_ok || !chars_ok {
            return Err(EmailError::BadShape);
        }
        Ok(PaypalEmail {
            masked: s.to_string(),
        })
    }
}

impl TryFrom<String> for PaypalEmail {
    type Error = EmailError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PaypalEmail::from_masked(&s)
    }
}

impl From<PaypalEmail> for String {
    fn from(e: PaypalEmail) -> String {
        e.masked
    }
}

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

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LocalPart {
    type Error = LocalPartError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        LocalPart::parse(&s)
    }
}

impl From<LocalPart> for String {
    fn from(l: LocalPart) -> String {
        l.0
    }
}

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

    /// "FR" / "IT": prefix of invoice references.
    pub fn code(&self) -> &'static str {
        match self {
            Subsidiary::Fr => "FR",
            Subsidiary::It => "IT",
        }
    }
}

/// The kinds of payment method (P1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PaymentKind {
    BankAccount,
    Card,
    Paypal,
}

/// An Exchange account's billing mode (R2). `None` = not renewed (R5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BillingMode {
    Monthly,
    Yearly,
    None,
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

/// English fallback messages (the UI translates the variants itself).
macro_rules! impl_error {
    ($($ty:ty => { $($variant:ident => $msg:literal),+ $(,)? })+) => {$(
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(match self { $(Self::$variant => $msg),+ })
            }
        }
        impl std::error::Error for $ty {}
    )+};
}

impl_error! {
    AmountError => {
        Empty => "enter an amount",
        NotANumber => "digits only, with \",\" or \".\" before the cents",
        TooManyDecimals => "at most 2 decimals",
        NotPositive => "the amount must be more than 0",
        OverCap => "at most 100,000.00 €",
    }
    NicError => { Empty => "enter your NIC handle", BadShape => "a NIC handle looks like ab12345-ovh" }
    IbanError => { Empty => "enter an IBAN", BadFormat => "this is not an IBAN", BadChecksum => "this IBAN's check digits are wrong" }
    CardNumberError => { Empty => "enter a card number", BadFormat => "12 to 19 digits", BadChecksum => "this card number is not valid" }
    CardExpiryError => { Empty => "enter the expiry date", BadFormat => "MM/YY" }
    EmailError => { Empty => "enter an e-mail address", BadShape => "this is not an e-mail address" }
    LocalPartError => { Empty => "enter a name", BadShape => "letters, digits, '.', '-' and '_' only" }
}
