//! U1: a situation as a form or a JSON file gives it (plain strings, numbers and booleans), and
//! its parsing into a [`Situation`], or into one typed error per field, each with the path of
//! its field, so that the form can show every error where it belongs and start nothing.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    Amount, AmountError, BillingMode, CardExpiry, CardExpiryError, LocalPart, LocalPartError,
    PaymentKind, RuleId, Subsidiary,
};

use super::{
    Situation, SituationAccount, SituationMethod, SituationMethodStatus, SituationPlatform,
};

/// The version of the situation's format. A saved situation records it: an older one is
/// migrated to this one by [`SituationInput::migrated`], a newer one is refused (never read as
/// something else).
pub const SITUATION_VERSION: u32 = 1;
/// The first date a situation may give.
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// The last date a situation may give, and the last day a forecast looks at: the run's date cap
/// (B5, [`crate::bounds::last_day`], the end of year 2100; a test keeps the two equal).
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};
// A situation's caps are a run's (B2, B3, B6): a situation can never ask for more than a run may.
use crate::bounds::{MAX_ACCOUNTS, MAX_METHODS, MAX_PLATFORMS};

/// U1: a situation as typed: every field a string (empty = not given), a number or a boolean.
/// `SituationInput::parse` turns it into a [`Situation`]. Missing JSON fields are empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SituationInput {
    /// [`SITUATION_VERSION`] when it was written; a missing one is the current version.
    pub version: u32,
    /// "FR" or "IT" (L2).
    pub subsidiary: String,
    /// The simulated today, "YYYY-MM-DD".
    pub today: String,
    pub platforms: Vec<SituationPlatformInput>,
    /// The OVH account's balance, "20.00", "-12,50"; empty = 0.
    pub balance: String,
    /// U3: when the balance is negative, the day the debt began, at most today.
    pub debt_since: String,
    /// U3: the platform of the debt's invoice (an index into `platforms`); none = the first.
    pub debt_platform: Option<usize>,
    pub methods: Vec<SituationMethodInput>,
    /// P4: the default method (an index into `methods`); none = the first valid one.
    pub default_method: Option<usize>,
    /// N2: the alert threshold; empty = none.
    pub alert_threshold: String,
}

/// One platform as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SituationPlatformInput {
    /// Empty = the domain.
    pub name: String,
    /// The accounts' mail domain, "example.com".
    pub domain: String,
    /// The next anniversary, "YYYY-MM-DD": after today, at most a year ahead (R6).
    pub anniversary: String,
    /// "monthly", "yearly" or "none": the mode of the accounts that follow the platform.
    pub mode: String,
    pub accounts: Vec<SituationAccountInput>,
}

/// One account as typed. An empty mode or expiry follows the platform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SituationAccountInput {
    /// The address before "@".
    pub local_part: String,
    /// "monthly", "yearly", "none"; empty = the platform's mode.
    pub mode: String,
    /// The next renewal, "YYYY-MM-DD", after today; empty = the platform's (U1).
    pub expiry: String,
    /// R5: whether a PST export was made.
    pub pst_exported: bool,
}

/// One payment method as typed: its kind, status, a card's expiry, and an optional label of
/// four digits. Never a card number or an IBAN.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SituationMethodInput {
    /// "card", "paypal" or "bank_account" (P1).
    pub kind: String,
    /// "valid", "pending" (a bank account whose mandate is awaited, P7) or "declining" (P6);
    /// empty = valid.
    pub status: String,
    /// A card's expiry, "MM/YY" or "MM/YYYY"; empty for the other kinds.
    pub card_expiry: String,
    /// Four digits shown in the method's label only; optional.
    pub last4: String,
}

impl Default for SituationInput {
    /// An empty form of the current version, for the FR subsidiary.
    fn default() -> Self {
        SituationInput {
            version: SITUATION_VERSION,
            subsidiary: Subsidiary::Fr.code().to_string(),
            today: String::new(),
            platforms: Vec::new(),
            balance: String::new(),
            debt_since: String::new(),
            debt_platform: None,
            methods: Vec::new(),
            default_method: None,
            alert_threshold: String::new(),
        }
    }
}

impl SituationPlatformInput {
    /// The common case in one call: `count` accounts that follow the platform's mode and
    /// anniversary, named `user1`, `user2`… (each editable after).
    pub fn following(domain: &str, anniversary: &str, mode: BillingMode, count: usize) -> Self {
        let mut p = SituationPlatformInput {
            name: String::new(),
            domain: domain.to_string(),
            anniversary: anniversary.to_string(),
            mode: mode.code().to_string(),
            accounts: Vec::new(),
        };
        p.set_account_count(count);
        p
    }

    /// Grows or shrinks the account list to `count`. New accounts follow the platform and get
    /// the first free name among `user1`, `user2`…; the ones kept are unchanged.
    pub fn set_account_count(&mut self, count: usize) {
        let count = count.min(MAX_ACCOUNTS);
        self.accounts.truncate(count);
        let mut n = 1;
        while self.accounts.len() < count {
            let name = format!("user{n}");
            n += 1;
            if !self.accounts.iter().any(|a| a.local_part.trim().eq_ignore_ascii_case(&name)) {
                self.accounts.push(SituationAccountInput {
                    local_part: name,
                    ..SituationAccountInput::default()
                });
            }
        }
    }
}

// ---------- the errors ----------

/// A field of the form, by its path: `platforms[0].accounts[2].expiry` (see `Display`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SituationField {
    Version,
    Subsidiary,
    Today,
    /// The list of platforms itself (none given, too many, too many accounts in all).
    Platforms,
    PlatformName(usize),
    PlatformDomain(usize),
    PlatformAnniversary(usize),
    PlatformMode(usize),
    /// A platform's list of accounts (none given).
    PlatformAccounts(usize),
    AccountLocalPart(usize, usize),
    AccountMode(usize, usize),
    AccountExpiry(usize, usize),
    Balance,
    DebtSince,
    DebtPlatform,
    /// The list of methods itself (too many).
    Methods,
    MethodKind(usize),
    MethodStatus(usize),
    MethodCardExpiry(usize),
    MethodLast4(usize),
    DefaultMethod,
    AlertThreshold,
}

impl fmt::Display for SituationField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SituationField::*;
        match *self {
            Version => f.write_str("version"),
            Subsidiary => f.write_str("subsidiary"),
            Today => f.write_str("today"),
            Platforms => f.write_str("platforms"),
            PlatformName(p) => write!(f, "platforms[{p}].name"),
            PlatformDomain(p) => write!(f, "platforms[{p}].domain"),
            PlatformAnniversary(p) => write!(f, "platforms[{p}].anniversary"),
            PlatformMode(p) => write!(f, "platforms[{p}].mode"),
            PlatformAccounts(p) => write!(f, "platforms[{p}].accounts"),
            AccountLocalPart(p, a) => write!(f, "platforms[{p}].accounts[{a}].local_part"),
            AccountMode(p, a) => write!(f, "platforms[{p}].accounts[{a}].mode"),
            AccountExpiry(p, a) => write!(f, "platforms[{p}].accounts[{a}].expiry"),
            Balance => f.write_str("balance"),
            DebtSince => f.write_str("debt_since"),
            DebtPlatform => f.write_str("debt_platform"),
            Methods => f.write_str("methods"),
            MethodKind(m) => write!(f, "methods[{m}].kind"),
            MethodStatus(m) => write!(f, "methods[{m}].status"),
            MethodCardExpiry(m) => write!(f, "methods[{m}].card_expiry"),
            MethodLast4(m) => write!(f, "methods[{m}].last4"),
            DefaultMethod => f.write_str("default_method"),
            AlertThreshold => f.write_str("alert_threshold"),
        }
    }
}

/// What is wrong with one field; the UI words it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SituationError {
    /// A required field is empty.
    Empty,
    /// Not a date written "YYYY-MM-DD".
    BadDate,
    /// A date before [`FIRST_DATE`] or after [`LAST_DATE`].
    DateOutOfRange { first: NaiveDate, last: NaiveDate },
    /// Not "FR" or "IT" (L2).
    UnknownSubsidiary,
    /// Not "monthly", "yearly" or "none" (R2).
    UnknownMode,
    /// Not "card", "paypal" or "bank_account" (P1).
    UnknownKind,
    /// Not "valid", "pending" or "declining".
    UnknownStatus,
    /// No platform given (U1: one or more).
    NoPlatform,
    TooManyPlatforms { max: usize },
    TooManyAccounts { max: usize },
    TooManyMethods { max: usize },
    /// A platform with no account (U1).
    NoAccount,
    /// A platform's name over 64 characters, or with control characters.
    BadName,
    /// Not a mail domain such as "example.com".
    BadDomain,
    /// Another platform has this domain.
    DuplicateDomain,
    /// U1: the next anniversary is after today.
    AnniversaryNotAfterToday,
    /// The next anniversary is at most a year ahead.
    AnniversaryTooFar { latest: NaiveDate },
    LocalPart(LocalPartError),
    /// Another account of the platform has this local part.
    DuplicateLocalPart,
    /// U1: an account's expiry is after today (one of today has already renewed, T1).
    ExpiryNotAfterToday,
    /// An account's next renewal is at most a year ahead.
    ExpiryTooFar { latest: NaiveDate },
    /// The balance or the threshold (C1's amount field, C3's cap).
    Amount(AmountError),
    /// U3: the debt began at most today.
    DebtSinceAfterToday,
    /// U3: `debt_platform` is not one of the platforms.
    UnknownPlatform,
    /// P1: this subsidiary does not offer this kind.
    KindNotOffered { subsidiary: Subsidiary, kind: PaymentKind },
    /// P3, P7: only a bank account waits for validation.
    PendingNotBankAccount,
    CardExpiry(CardExpiryError),
    /// Only a card has an expiry.
    CardExpiryNotForKind,
    /// Not exactly four digits.
    BadLast4,
    /// P4: `default_method` is not one of the methods.
    UnknownMethod,
    /// P4: a bank account awaiting validation cannot be the default.
    DefaultPending,
    /// Written by a newer build, which this one cannot read without changing it.
    NewerVersion { found: u32, supported: u32 },
}

impl SituationError {
    /// The rule behind the error, where one of RULES.md's rules applies beyond U1.
    pub fn rule(&self) -> Option<RuleId> {
        use SituationError::*;
        Some(match self {
            UnknownSubsidiary => RuleId::L2,
            UnknownMode => RuleId::R2,
            Amount(e) => e.rule(),
            DebtSinceAfterToday | UnknownPlatform => RuleId::D4,
            UnknownKind | KindNotOffered { .. } => RuleId::P1,
            PendingNotBankAccount => RuleId::P3,
            CardExpiry(_) => RuleId::P5,
            UnknownMethod | DefaultPending => RuleId::P4,
            AnniversaryNotAfterToday | AnniversaryTooFar { .. } => RuleId::R6,
            ExpiryNotAfterToday => RuleId::T1,
            ExpiryTooFar { .. } => RuleId::R7,
            _ => return None,
        })
    }
}

/// One field's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldError {
    pub field: SituationField,
    pub error: SituationError,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.field, self.error)
    }
}

/// Every field's error, at most one per field, in the form's order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SituationErrors(pub Vec<FieldError>);

impl SituationErrors {
    /// The error of one field, if it has one.
    pub fn of(&self, field: SituationField) -> Option<SituationError> {
        self.0.iter().find(|e| e.field == field).map(|e| e.error)
    }

    fn push(&mut self, field: SituationField, error: SituationError) {
        if self.of(field).is_none() {
            self.0.push(FieldError { field, error });
        }
    }

    /// The value, or `None` after recording its error at `field`.
    fn take<T>(&mut self, field: SituationField, r: Result<T, SituationError>) -> Option<T> {
        r.map_err(|e| self.push(field, e)).ok()
    }
}

impl fmt::Display for SituationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SituationErrors {}

// ---------- the codes of the form's choices ----------

impl BillingMode {
    /// "monthly", "yearly", "none": the form's and the file's value.
    pub fn code(self) -> &'static str {
        match self {
            BillingMode::Monthly => "monthly",
            BillingMode::Yearly => "yearly",
            BillingMode::None => "none",
        }
    }
}

impl PaymentKind {
    /// "bank_account", "card", "paypal": the form's and the file's value.
    pub fn code(self) -> &'static str {
        match self {
            PaymentKind::BankAccount => "bank_account",
            PaymentKind::Card => "card",
            PaymentKind::Paypal => "paypal",
        }
    }
}

impl SituationMethodStatus {
    /// "valid", "pending", "declining": the form's and the file's value.
    pub fn code(self) -> &'static str {
        match self {
            SituationMethodStatus::Valid => "valid",
            SituationMethodStatus::Pending => "pending",
            SituationMethodStatus::Declining => "declining",
        }
    }
}

/// The value among `choices` whose code is `s` (trimmed, any case).
fn choose<T: Copy>(s: &str, choices: &[T], code: fn(T) -> &'static str, unknown: SituationError) -> Result<T, SituationError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(SituationError::Empty);
    }
    choices.iter().copied().find(|&c| code(c).eq_ignore_ascii_case(s)).ok_or(unknown)
}

fn mode(s: &str) -> Result<BillingMode, SituationError> {
    const MODES: [BillingMode; 3] = [BillingMode::Monthly, BillingMode::Yearly, BillingMode::None];
    choose(s, &MODES, BillingMode::code, SituationError::UnknownMode)
}

/// "YYYY-MM-DD" (what a date field gives), between [`FIRST_DATE`] and [`LAST_DATE`].
fn date(s: &str) -> Result<NaiveDate, SituationError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(SituationError::Empty);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let [y, m, d] = parts[..] else {
        return Err(SituationError::BadDate);
    };
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(SituationError::BadDate);
    }
    let number = |p: &str| p.parse::<u32>().map_err(|_| SituationError::BadDate);
    let year = i32::try_from(number(y)?).map_err(|_| SituationError::BadDate)?;
    let day = NaiveDate::from_ymd_opt(year, number(m)?, number(d)?).ok_or(SituationError::BadDate)?;
    if !(FIRST_DATE..=LAST_DATE).contains(&day) {
        return Err(SituationError::DateOutOfRange { first: FIRST_DATE, last: LAST_DATE });
    }
    Ok(day)
}

/// The balance: an amount as C1's field takes it, optionally negative, zero allowed, at most
/// C3's cap either way; empty = 0.
pub(super) fn balance(s: &str) -> Result<Decimal, SituationError> {
    let s = s.trim();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    if body.is_empty() && !negative {
        return Ok(Decimal::new(0, 2));
    }
    let magnitude = match Amount::parse(body) {
        Ok(a) => a.value(),
        // "0", "0,00": Amount refuses zero, a balance takes it.
        Err(AmountError::NotPositive) if !body.starts_with('-') => Decimal::new(0, 2),
        Err(AmountError::Empty) | Err(AmountError::NotPositive) => return Err(SituationError::Amount(AmountError::NotANumber)),
        Err(e) => return Err(SituationError::Amount(e)),
    };
    Ok(if negative && !magnitude.is_zero() { -magnitude } else { magnitude })
}

/// A mail domain: dot-separated labels of letters, digits and '-', lower-cased.
fn domain(s: &str) -> Result<String, SituationError> {
    let s = s.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Err(SituationError::Empty);
    }
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if s.len() <= 253 && s.split('.').count() >= 2 && s.split('.').all(label_ok) {
        Ok(s)
    } else {
        Err(SituationError::BadDomain)
    }
}

/// A platform's name: trimmed, at most 64 characters, no control characters.
fn name(s: &str) -> Result<Option<String>, SituationError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > 64 || s.chars().any(char::is_control) {
        return Err(SituationError::BadName);
    }
    Ok(Some(s.to_string()))
}

/// The next date strictly after `after`, counted from `anchor` in whole periods (R7).
pub(super) fn first_renewal_after(anchor: NaiveDate, mode: BillingMode, after: NaiveDate) -> NaiveDate {
    let mut k = 1;
    loop {
        let d = crate::renewal_date(anchor, mode, k);
        if d > after || d == NaiveDate::MAX {
            return d;
        }
        k += 1;
    }
}

/// A year after `today` (end-of-month clamped): the latest next renewal or anniversary.
fn a_year_after(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX)
}

impl SituationInput {
    /// This input in the current version's form. Version 1 is the first, so no migration
    /// exists yet: each later version adds one step here (v → v + 1), which rewrites the fields
    /// it changed so that they mean what they meant. A version above [`SITUATION_VERSION`] is
    /// refused: this build cannot know what it means, and never reads it as something else.
    pub fn migrated(&self) -> Result<SituationInput, SituationError> {
        match self.version {
            v if v > SITUATION_VERSION => Err(SituationError::NewerVersion {
                found: v,
                supported: SITUATION_VERSION,
            }),
            // 0 is written by nobody: it stands for "not given" and reads as the current version.
            _ => Ok(SituationInput { version: SITUATION_VERSION, ..self.clone() }),
        }
    }

    /// U1: the typed situation, or every field's error (one per field, in the form's order).
    pub fn parse(&self) -> Result<Situation, SituationErrors> {
        let mut errors = SituationErrors(Vec::new());
        let input = match self.migrated() {
            Ok(input) => input,
            Err(e) => {
                errors.push(SituationField::Version, e);
                return Err(errors);
            }
        };
        let subsidiary = choose(&input.subsidiary, &[Subsidiary::Fr, Subsidiary::It], |s| s.code(), SituationError::UnknownSubsidiary);
        let subsidiary = errors.take(SituationField::Subsidiary, subsidiary);
        let today = errors.take(SituationField::Today, date(&input.today));
        let platforms = input.parse_platforms(today, &mut errors);
        let balance = errors.take(SituationField::Balance, balance(&input.balance));
        let debt = match (balance, today) {
            (Some(b), Some(today)) if b < Decimal::ZERO => {
                let since = date(&input.debt_since).and_then(|d| if d > today { Err(SituationError::DebtSinceAfterToday) } else { Ok(d) });
                let since = errors.take(SituationField::DebtSince, since);
                let index = input.debt_platform.unwrap_or(0);
                let platform = if index < input.platforms.len() || input.platforms.is_empty() { Ok(index) } else { Err(SituationError::UnknownPlatform) };
                let platform = errors.take(SituationField::DebtPlatform, platform);
                since.zip(platform)
            }
            _ => None,
        };
        let methods = input.parse_methods(subsidiary, &mut errors);
        let default_method = methods.as_ref().and_then(|methods| {
            let chosen = match input.default_method {
                Some(i) => match methods.get(i) {
                    None => Err(SituationError::UnknownMethod),
                    Some(m) if m.status == SituationMethodStatus::Pending => Err(SituationError::DefaultPending),
                    Some(_) => Ok(Some(i)),
                },
                // P4: the first valid method is the default.
                None => Ok(today.and_then(|today| methods.iter().position(|m| m.is_valid_on(today)))),
            };
            errors.take(SituationField::DefaultMethod, chosen)
        });
        let threshold = input.alert_threshold.trim();
        let alert_threshold = if threshold.is_empty() {
            Some(None)
        } else {
            errors.take(SituationField::AlertThreshold, Amount::parse(threshold).map(Some).map_err(SituationError::Amount))
        };
        match (subsidiary, today, platforms, balance, methods, default_method, alert_threshold) {
            (Some(subsidiary), Some(today), Some(platforms), Some(balance), Some(methods), Some(default_method), Some(alert_threshold))
                if errors.0.is_empty() =>
            {
                Ok(Situation {
                    version: SITUATION_VERSION,
                    subsidiary,
                    today,
                    platforms,
                    balance,
                    debt_since: debt.map(|d| d.0),
                    debt_platform: debt.map_or(0, |d| d.1),
                    methods,
                    default_method,
                    alert_threshold,
                })
            }
            _ => Err(errors),
        }
    }

    fn parse_platforms(&self, today: Option<NaiveDate>, errors: &mut SituationErrors) -> Option<Vec<SituationPlatform>> {
        let before = errors.0.len();
        if self.platforms.is_empty() {
            errors.push(SituationField::Platforms, SituationError::NoPlatform);
        } else if self.platforms.len() > MAX_PLATFORMS {
            errors.push(SituationField::Platforms, SituationError::TooManyPlatforms { max: MAX_PLATFORMS });
        } else if self.platforms.iter().map(|p| p.accounts.len()).sum::<usize>() > MAX_ACCOUNTS {
            errors.push(SituationField::Platforms, SituationError::TooManyAccounts { max: MAX_ACCOUNTS });
        }
        if errors.0.len() > before {
            return None;
        }
        let mut domains = BTreeSet::new();
        let mut out = Vec::with_capacity(self.platforms.len());
        for (pi, p) in self.platforms.iter().enumerate() {
            let name = errors.take(SituationField::PlatformName(pi), name(&p.name));
            let domain = domain(&p.domain).and_then(|d| if domains.insert(d.clone()) { Ok(d) } else { Err(SituationError::DuplicateDomain) });
            let domain = errors.take(SituationField::PlatformDomain(pi), domain);
            let anniversary = date(&p.anniversary).and_then(|d| match today {
                Some(today) if d <= today => Err(SituationError::AnniversaryNotAfterToday),
                Some(today) if d > a_year_after(today) => Err(SituationError::AnniversaryTooFar { latest: a_year_after(today) }),
                _ => Ok(d),
            });
            let anniversary = errors.take(SituationField::PlatformAnniversary(pi), anniversary);
            let platform_mode = errors.take(SituationField::PlatformMode(pi), mode(&p.mode));
            if p.accounts.is_empty() {
                errors.push(SituationField::PlatformAccounts(pi), SituationError::NoAccount);
            }
            let mut locals = BTreeSet::new();
            let mut accounts = Vec::with_capacity(p.accounts.len());
            for (ai, a) in p.accounts.iter().enumerate() {
                let local = LocalPart::parse(&a.local_part).map_err(SituationError::LocalPart).and_then(|l| {
                    if locals.insert(l.as_str().to_string()) { Ok(l) } else { Err(SituationError::DuplicateLocalPart) }
                });
                let local = errors.take(SituationField::AccountLocalPart(pi, ai), local);
                let own_mode = if a.mode.trim().is_empty() { Ok(None) } else { mode(&a.mode).map(Some) };
                let own_mode = errors.take(SituationField::AccountMode(pi, ai), own_mode);
                let own_expiry = if a.expiry.trim().is_empty() {
                    Ok(None)
                } else {
                    date(&a.expiry).and_then(|d| match today {
                        Some(today) if d <= today => Err(SituationError::ExpiryNotAfterToday),
                        Some(today) if d > a_year_after(today) => Err(SituationError::ExpiryTooFar { latest: a_year_after(today) }),
                        _ => Ok(Some(d)),
                    })
                };
                let own_expiry = errors.take(SituationField::AccountExpiry(pi, ai), own_expiry);
                if let (Some(local), Some(own_mode), Some(own_expiry)) = (local, own_mode, own_expiry) {
                    accounts.push((local, own_mode, own_expiry, a.pst_exported));
                }
            }
            if let (Some(name), Some(domain), Some(anniversary), Some(platform_mode), Some(today)) = (name, domain, anniversary, platform_mode, today) {
                let mut platform = SituationPlatform {
                    name: name.unwrap_or_else(|| domain.clone()),
                    domain,
                    anniversary,
                    mode: platform_mode,
                    accounts: Vec::with_capacity(accounts.len()),
                };
                for (local_part, own_mode, own_expiry, pst_exported) in accounts {
                    let mode = own_mode.unwrap_or(platform_mode);
                    let expiry = own_expiry.unwrap_or_else(|| platform.followed_expiry(mode, today));
                    platform.accounts.push(SituationAccount {
                        local_part,
                        mode,
                        follows_mode: own_mode.is_none(),
                        expiry,
                        follows_expiry: own_expiry.is_none(),
                        pst_exported,
                    });
                }
                out.push(platform);
            }
        }
        (errors.0.len() == before).then_some(out)
    }

    fn parse_methods(&self, subsidiary: Option<Subsidiary>, errors: &mut SituationErrors) -> Option<Vec<SituationMethod>> {
        const KINDS: [PaymentKind; 3] = [PaymentKind::BankAccount, PaymentKind::Card, PaymentKind::Paypal];
        const STATUSES: [SituationMethodStatus; 3] =
            [SituationMethodStatus::Valid, SituationMethodStatus::Pending, SituationMethodStatus::Declining];
        if self.methods.len() > MAX_METHODS {
            errors.push(SituationField::Methods, SituationError::TooManyMethods { max: MAX_METHODS });
            return None;
        }
        let before = errors.0.len();
        let mut out = Vec::with_capacity(self.methods.len());
        for (mi, m) in self.methods.iter().enumerate() {
            let kind = choose(&m.kind, &KINDS, PaymentKind::code, SituationError::UnknownKind).and_then(|kind| match subsidiary {
                Some(subsidiary) if !subsidiary.payment_kinds().contains(&kind) => Err(SituationError::KindNotOffered { subsidiary, kind }),
                _ => Ok(kind),
            });
            let kind = errors.take(SituationField::MethodKind(mi), kind);
            let status = if m.status.trim().is_empty() {
                Ok(SituationMethodStatus::Valid)
            } else {
                choose(&m.status, &STATUSES, SituationMethodStatus::code, SituationError::UnknownStatus)
            };
            let status = status.and_then(|s| match kind {
                Some(k) if s == SituationMethodStatus::Pending && k != PaymentKind::BankAccount => Err(SituationError::PendingNotBankAccount),
                _ => Ok(s),
            });
            let status = errors.take(SituationField::MethodStatus(mi), status);
            let expiry_text = m.card_expiry.trim();
            let card_expiry = match kind {
                Some(PaymentKind::Card) => CardExpiry::parse(expiry_text)
                    .map_err(|e| match e {
                        CardExpiryError::Empty => SituationError::Empty,
                        e => SituationError::CardExpiry(e),
                    })
                    .and_then(|e| {
                        if e.last_valid_day() > LAST_DATE {
                            Err(SituationError::DateOutOfRange { first: FIRST_DATE, last: LAST_DATE })
                        } else {
                            Ok(Some(e))
                        }
                    }),
                Some(_) if !expiry_text.is_empty() => Err(SituationError::CardExpiryNotForKind),
                _ => Ok(None),
            };
            let card_expiry = errors.take(SituationField::MethodCardExpiry(mi), card_expiry);
            let last4 = m.last4.trim();
            let last4 = if last4.is_empty() {
                Ok(None)
            } else if last4.len() == 4 && last4.bytes().all(|b| b.is_ascii_digit()) {
                Ok(Some(last4.to_string()))
            } else {
                Err(SituationError::BadLast4)
            };
            let last4 = errors.take(SituationField::MethodLast4(mi), last4);
            if let (Some(kind), Some(status), Some(card_expiry), Some(last4)) = (kind, status, card_expiry, last4) {
                out.push(SituationMethod { kind, status, card_expiry, last4 });
            }
        }
        (errors.0.len() == before).then_some(out)
    }
}

impl From<&Situation> for SituationInput {
    /// The form that gives back this situation: what follows the platform is left empty.
    fn from(s: &Situation) -> Self {
        let date = |d: NaiveDate| d.to_string();
        SituationInput {
            version: s.version,
            subsidiary: s.subsidiary.code().to_string(),
            today: date(s.today),
            platforms: s
                .platforms
                .iter()
                .map(|p| SituationPlatformInput {
                    name: p.name.clone(),
                    domain: p.domain.clone(),
                    anniversary: date(p.anniversary),
                    mode: p.mode.code().to_string(),
                    accounts: p
                        .accounts
                        .iter()
                        .map(|a| SituationAccountInput {
                            local_part: a.local_part.as_str().to_string(),
                            mode: if a.follows_mode { String::new() } else { a.mode.code().to_string() },
                            expiry: if a.follows_expiry { String::new() } else { date(a.expiry) },
                            pst_exported: a.pst_exported,
                        })
                        .collect(),
                })
                .collect(),
            balance: s.balance.to_string(),
            debt_since: s.debt_since.map(date).unwrap_or_default(),
            debt_platform: s.debt_since.map(|_| s.debt_platform),
            methods: s
                .methods
                .iter()
                .map(|m| SituationMethodInput {
                    kind: m.kind.code().to_string(),
                    status: m.status.code().to_string(),
                    card_expiry: m.card_expiry.map(String::from).unwrap_or_default(),
                    last4: m.last4.clone().unwrap_or_default(),
                })
                .collect(),
            default_method: s.default_method,
            alert_threshold: s.alert_threshold.map(|a| a.value().to_string()).unwrap_or_default(),
        }
    }
}

impl From<Situation> for SituationInput {
    fn from(s: Situation) -> Self {
        SituationInput::from(&s)
    }
}

impl TryFrom<SituationInput> for Situation {
    type Error = SituationErrors;
    /// A saved or shared situation is parsed again on load: one that no longer parses (a newer
    /// version, a tampered file) is refused whole, never changed.
    fn try_from(input: SituationInput) -> Result<Self, Self::Error> {
        input.parse()
    }
}
