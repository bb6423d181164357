//! The raw mirror made typed: every string parsed, every number bounded, every reference shaped,
//! or the path of the first thing wrong and why. Parse, don't validate: what comes out holds no
//! raw string the engine could be handed.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::check::{MailKind, MAIL_NAMES};
use super::raw::{RawAction, RawExpectation, RawScenario, RawStart, RawTexts};
use super::*;
use crate::{AccountStatus, Amount, CardExpiry, CardNumber, GuideSection, Iban, LocalPart, MethodId, MethodInput, NicHandle, PaypalEmail, Subsidiary};

type Parsed<T> = Result<T, ScenarioError>;

fn fail<T>(path: FieldPath, problem: Problem) -> Parsed<T> {
    Err(ScenarioError::new(path, problem))
}

/// A value the file must give.
fn required<'a, T>(value: &'a Option<T>, path: &FieldPath, key: &str) -> Parsed<&'a T> {
    value.as_ref().ok_or_else(|| ScenarioError::new(path.key(key), Problem::Missing))
}

/// At most `max` items.
fn bounded<T>(items: &[T], path: FieldPath, max: usize) -> Parsed<&[T]> {
    if items.len() > max {
        return fail(path, Problem::TooMany { max });
    }
    Ok(items)
}

/// One of `names`, at `path`.
fn one_of(s: &str, names: &'static [&'static str], path: FieldPath) -> Parsed<usize> {
    names
        .iter()
        .position(|n| *n == s)
        .ok_or(ScenarioError::new(path, Problem::UnknownName { expected: names }))
}

/// A sum of money: an optional "-" (or "−"), digits, and at most 2 decimals after ".". Kept as
/// written, so "0" and "0.00" stay apart (a start built from either is saved as written).
pub(super) fn money(s: &str) -> Result<Decimal, Problem> {
    let (negative, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f) || f.len() > 2) || int.len() > 12 {
        return Err(Problem::Money);
    }
    let value = Decimal::from_str(body).map_err(|_| Problem::Money)?;
    Ok(if negative { -value } else { value })
}

fn amount(s: &str) -> Result<Amount, Problem> {
    Amount::parse(s).map_err(Problem::Amount)
}

/// A day, YYYY-MM-DD, between [`first_day`] and [`last_day`].
fn date(s: &str) -> Result<NaiveDate, Problem> {
    let shape_ok = s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let d = NaiveDate::from_str(s).ok().filter(|_| shape_ok).ok_or(Problem::Date)?;
    if d < first_day() || d > last_day() {
        return Err(Problem::DateOutOfRange { first: first_day(), last: last_day() });
    }
    Ok(d)
}

fn at<T>(path: FieldPath, r: Result<T, Problem>) -> Parsed<T> {
    r.map_err(|p| ScenarioError::new(path, p))
}

fn mode(s: &str, path: FieldPath) -> Parsed<BillingMode> {
    Ok([BillingMode::Monthly, BillingMode::Yearly, BillingMode::None][one_of(s, &MODES, path)?])
}

fn subsidiary(s: &str, path: FieldPath) -> Parsed<Subsidiary> {
    Ok([Subsidiary::Fr, Subsidiary::It][one_of(s, &SUBSIDIARIES, path)?])
}

fn texts(raw: &RawTexts, path: &FieldPath) -> Parsed<Texts> {
    let en = required(&raw.en, path, "en")?;
    Texts::new(en, raw.fr.as_deref(), raw.it.as_deref()).map_err(|(lang, p)| ScenarioError::new(path.key(lang.code()), p))
}

impl Scenario {
    /// The file, typed; or where it is wrong and why. The version must be [`FORMAT_VERSION`]
    /// (the app migrates an older file before).
    pub fn from_raw(raw: &RawScenario) -> Parsed<Scenario> {
        let root = FieldPath::root();
        if raw.version != FORMAT_VERSION {
            return fail(root.key("version"), Problem::Version { found: raw.version, supported: FORMAT_VERSION });
        }
        let title = texts(&raw.title, &root.key("title"))?;
        let summary = texts(&raw.summary, &root.key("summary"))?;
        let start = start(&raw.start, root.key("start"))?;
        let setup = bounded(&raw.setup, root.key("setup"), MAX_SETUP)?
            .iter()
            .enumerate()
            .map(|(i, a)| action(a, &root.key("setup").at(i)))
            .collect::<Parsed<Vec<_>>>()?;
        if raw.beats.is_empty() {
            return fail(root.key("beats"), Problem::Empty);
        }
        let beats = bounded(&raw.beats, root.key("beats"), MAX_BEATS)?
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let path = root.key("beats").at(i);
                Ok(ScenarioBeat {
                    action: action(&b.action, &path.key("action"))?,
                    caption: texts(&b.caption, &path.key("caption"))?,
                    pause: b.pause,
                })
            })
            .collect::<Parsed<Vec<_>>>()?;
        let expect = bounded(&raw.expect, root.key("expect"), MAX_EXPECT)?
            .iter()
            .enumerate()
            .map(|(i, e)| expectation(e, beats.len(), &root.key("expect").at(i)))
            .collect::<Parsed<Vec<_>>>()?;
        Ok(Scenario { title, summary, start, setup, beats, expect })
    }
}

fn start(raw: &RawStart, path: FieldPath) -> Parsed<ScenarioStart> {
    match raw {
        RawStart::Named(name) => {
            if name == "demo" {
                return Ok(ScenarioStart::Demo(DemoStart::default()));
            }
            match GuideSection::from_slug(name).filter(|s| s.slug() == name) {
                Some(section) => Ok(ScenarioStart::Section(section)),
                None => fail(path, Problem::UnknownName { expected: &STARTS }),
            }
        }
        RawStart::Object(object) => {
            let demo = match (&object.demo, &object.situation) {
                (Some(_), Some(_)) => return fail(path.key("situation"), Problem::NotAllowedHere),
                (None, None) => return fail(path, Problem::OneOf { expected: &START_OBJECTS }),
                (None, Some(situation)) => return situation_start(situation, path.key("situation")),
                (Some(demo), None) => demo,
            };
            let path = path.key("demo");
            let defaults = DemoStart::default();
            let subsidiary = match &demo.subsidiary {
                Some(s) => subsidiary(s, path.key("subsidiary"))?,
                None => defaults.subsidiary,
            };
            let balance = match &demo.balance {
                Some(b) => {
                    let value = at(path.key("balance"), money(b))?;
                    if value < Decimal::ZERO {
                        return fail(path.key("balance"), Problem::Negative);
                    }
                    if value > crate::amount_cap() {
                        return fail(path.key("balance"), Problem::Amount(crate::AmountError::OverCap));
                    }
                    value
                }
                None => defaults.balance,
            };
            let mut platforms: Vec<PlatformSeed> = Vec::new();
            let list = path.key("platforms");
            for (i, p) in bounded(&demo.platforms, list.clone(), MAX_PLATFORMS)?.iter().enumerate() {
                let path = list.at(i);
                let name = at(path.key("name"), Reference::parse(&p.name))?;
                if name.as_str() == "hosted-demo-1" || platforms.iter().any(|q| q.name == name.as_str()) {
                    return fail(path.key("name"), Problem::Duplicate);
                }
                let domain = at(path.key("domain"), mail_domain(&p.domain))?;
                let started = at(path.key("start"), date(&p.start))?;
                // The demo's today: a platform cannot start after it.
                let today = crate::scenario::demo().today;
                if started > today {
                    return fail(path.key("start"), Problem::DateOutOfRange { first: first_day(), last: today });
                }
                let mut accounts: Vec<AccountSeed> = Vec::new();
                let alist = path.key("accounts");
                if p.accounts.is_empty() {
                    return fail(alist, Problem::Empty);
                }
                for (j, a) in bounded(&p.accounts, alist.clone(), MAX_SEEDED_ACCOUNTS)?.iter().enumerate() {
                    let path = alist.at(j);
                    let local_part = at(path.key("local_part"), LocalPart::parse(&a.local_part).map_err(Problem::LocalPart))?;
                    if accounts.iter().any(|b| b.local_part == local_part) {
                        return fail(path.key("local_part"), Problem::Duplicate);
                    }
                    let mode = match mode(&a.mode, path.key("mode"))? {
                        BillingMode::None => return fail(path.key("mode"), Problem::UnknownName { expected: &MODES[..2] }),
                        m => m,
                    };
                    accounts.push(AccountSeed { local_part, mode });
                }
                platforms.push(PlatformSeed { name: name.as_str().to_string(), domain, started, accounts });
            }
            Ok(ScenarioStart::Demo(DemoStart { subsidiary, balance, platforms }))
        }
    }
}

/// U1: a situation start, parsed as the situation form parses it; its first error (in the form's
/// order) named by its path under `start.situation` (`start.situation.platforms[0].anniversary`).
/// Its `version` is the situation's format's: an older one migrated, a newer one (or 0, which no
/// one writes) refused, never read as something else.
fn situation_start(raw: &super::raw::RawSituation, path: FieldPath) -> Parsed<ScenarioStart> {
    if raw.version == 0 {
        return fail(path.key("version"), Problem::Version { found: 0, supported: crate::SITUATION_VERSION });
    }
    match raw.input().parse() {
        Ok(situation) => Ok(ScenarioStart::Situation(std::sync::Arc::new(situation))),
        Err(errors) => {
            let first = errors.0.first().copied();
            let (field, error) = first.map_or((crate::SituationField::Platforms, crate::SituationError::Empty), |e| (e.field, e.error));
            fail(situation_path(&path, field), Problem::Situation(error))
        }
    }
}

/// A situation form's field as a path under `base`.
fn situation_path(base: &FieldPath, field: crate::SituationField) -> FieldPath {
    use crate::SituationField as F;
    let platform = |p: usize| base.key("platforms").at(p);
    let account = |p: usize, a: usize| platform(p).key("accounts").at(a);
    let method = |m: usize| base.key("methods").at(m);
    match field {
        F::Version => base.key("version"),
        F::Subsidiary => base.key("subsidiary"),
        F::Today => base.key("today"),
        F::Platforms => base.key("platforms"),
        F::PlatformName(p) => platform(p).key("name"),
        F::PlatformDomain(p) => platform(p).key("domain"),
        F::PlatformAnniversary(p) => platform(p).key("anniversary"),
        F::PlatformMode(p) => platform(p).key("mode"),
        F::PlatformAccounts(p) => platform(p).key("accounts"),
        F::AccountLocalPart(p, a) => account(p, a).key("local_part"),
        F::AccountMode(p, a) => account(p, a).key("mode"),
        F::AccountExpiry(p, a) => account(p, a).key("expiry"),
        F::Balance => base.key("balance"),
        F::DebtSince => base.key("debt_since"),
        F::DebtPlatform => base.key("debt_platform"),
        F::Methods => base.key("methods"),
        F::MethodKind(m) => method(m).key("kind"),
        F::MethodStatus(m) => method(m).key("status"),
        F::MethodCardExpiry(m) => method(m).key("card_expiry"),
        F::MethodLast4(m) => method(m).key("last4"),
        F::DefaultMethod => base.key("default_method"),
        F::AlertThreshold => base.key("alert_threshold"),
    }
}

/// A mail domain: dot-separated labels of lower-case letters, digits and "-", two at least.
fn mail_domain(s: &str) -> Result<String, Problem> {
    let s = name(s)?;
    let labels_ok = s.split('.').count() >= 2
        && s.split('.').all(|l| {
            !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if labels_ok {
        Ok(s)
    } else {
        Err(Problem::BadName)
    }
}

fn method_input(raw: &RawAction, path: &FieldPath) -> Parsed<MethodInput> {
    let masked = |s: &str| s.contains('•');
    let given: Vec<&str> = [("card", raw.card.is_some()), ("paypal", raw.paypal.is_some()), ("iban", raw.iban.is_some())]
        .into_iter()
        .filter_map(|(k, g)| g.then_some(k))
        .collect();
    match given.as_slice() {
        [] => fail(path.clone(), Problem::OneOf { expected: &["card", "paypal", "iban"] }),
        [_, second, ..] => fail(path.key(second), Problem::NotAllowedHere),
        ["card"] => {
            let s = required(&raw.card, path, "card")?;
            let number = if masked(s) { CardNumber::from_masked(s) } else { CardNumber::parse(s) };
            let number = at(path.key("card"), number.map_err(Problem::CardNumber))?;
            let expiry = required(&raw.expiry, path, "expiry")?;
            let expiry = at(path.key("expiry"), CardExpiry::parse(expiry).map_err(Problem::CardExpiry))?;
            Ok(MethodInput::Card { number, expiry })
        }
        [kind] => {
            if raw.expiry.is_some() {
                return fail(path.key("expiry"), Problem::NotAllowedHere);
            }
            if *kind == "paypal" {
                let s = required(&raw.paypal, path, "paypal")?;
                let email = if masked(s) { PaypalEmail::from_masked(s) } else { PaypalEmail::parse(s) };
                Ok(MethodInput::Paypal { email: at(path.key("paypal"), email.map_err(Problem::Paypal))? })
            } else {
                let s = required(&raw.iban, path, "iban")?;
                let iban = if masked(s) { Iban::from_masked(s) } else { Iban::parse(s) };
                Ok(MethodInput::BankAccount { iban: at(path.key("iban"), iban.map_err(Problem::Iban))? })
            }
        }
    }
}

/// A method's or an e-mail's number: 1 or more.
fn number(n: u32, path: FieldPath) -> Parsed<u32> {
    if n == 0 {
        return fail(path, Problem::NumberOutOfRange { min: 1, max: u64::from(u32::MAX) });
    }
    Ok(n)
}

fn action(raw: &RawAction, path: &FieldPath) -> Parsed<ScenarioAction> {
    let name = ACTIONS[one_of(&raw.act, &ACTIONS, path.key("do"))?];
    let allowed = action_arguments(name);
    if let Some((key, _)) = raw.given().into_iter().find(|(k, g)| *g && !allowed.contains(k)) {
        return fail(path.key(key), Problem::NotAllowedHere);
    }
    let method = |path: &FieldPath| -> Parsed<MethodId> {
        Ok(MethodId(number(*required(&raw.method, path, "method")?, path.key("method"))?))
    };
    let optional_method = || raw.method.map(|n| number(n, path.key("method")).map(MethodId)).transpose();
    let reference = |key: &str, value: &Option<String>| -> Parsed<Reference> {
        at(path.key(key), Reference::parse(required(value, path, key)?))
    };
    let account = |value: &str, path: FieldPath| at(path, AccountRef::parse(value));
    let money_arg = |key: &str, value: &Option<String>| -> Parsed<Amount> { at(path.key(key), amount(required(value, path, key)?)) };
    use ScenarioAction as A;
    Ok(match name {
        "log_in" => A::LogIn {
            nic: at(path.key("nic"), NicHandle::parse(required(&raw.nic, path, "nic")?).map_err(Problem::Nic))?,
            subsidiary: subsidiary(required(&raw.subsidiary, path, "subsidiary")?, path.key("subsidiary"))?,
        },
        "log_out" => A::LogOut,
        "set_subsidiary" => A::SetSubsidiary(subsidiary(required(&raw.subsidiary, path, "subsidiary")?, path.key("subsidiary"))?),
        "add_method" => A::AddMethod(method_input(raw, path)?),
        "remove_method" => A::RemoveMethod(method(path)?),
        "set_default_method" => A::SetDefaultMethod(method(path)?),
        "set_decline_next" => A::SetDeclineNext { method: method(path)?, on: *required(&raw.on, path, "on")? },
        "credit" => A::Credit(money_arg("amount", &raw.amount)?),
        "pay_order" => A::PayOrder { order: reference("order", &raw.order)?, method: optional_method()? },
        "pay_debt_order" => A::PayDebtOrder { method: optional_method()? },
        "cancel_order" => A::CancelOrder(reference("order", &raw.order)?),
        "set_mode" => {
            let list = required(&raw.accounts, path, "accounts")?;
            let lpath = path.key("accounts");
            if list.is_empty() {
                return fail(lpath, Problem::Empty);
            }
            let accounts = bounded(list, lpath.clone(), MAX_SEEDED_ACCOUNTS * (MAX_PLATFORMS + 1))?
                .iter()
                .enumerate()
                .map(|(i, a)| account(a, lpath.at(i)))
                .collect::<Parsed<Vec<_>>>()?;
            A::SetMode { accounts, mode: mode(required(&raw.mode, path, "mode")?, path.key("mode"))? }
        }
        "export_pst" => A::ExportPst(account(required(&raw.account, path, "account")?, path.key("account"))?),
        "terminate" => A::Terminate(reference("platform", &raw.platform)?),
        "cancel_termination" => A::CancelTermination(reference("platform", &raw.platform)?),
        "set_alert_threshold" => A::SetAlertThreshold(raw.amount.as_deref().map(|a| at(path.key("amount"), amount(a))).transpose()?),
        "add_account" => A::AddAccount {
            platform: reference("platform", &raw.platform)?,
            local_part: at(
                path.key("local_part"),
                LocalPart::parse(required(&raw.local_part, path, "local_part")?).map_err(Problem::LocalPart),
            )?,
            mode: mode(required(&raw.mode, path, "mode")?, path.key("mode"))?,
        },
        "set_prices" => A::SetPrices { monthly: money_arg("monthly", &raw.monthly)?, yearly: money_arg("yearly", &raw.yearly)? },
        "next_event" => A::NextEvent,
        "advance_days" => {
            let days = *required(&raw.days, path, "days")?;
            if days > crate::MAX_ADVANCE_DAYS {
                return fail(path.key("days"), Problem::NumberOutOfRange { min: 0, max: u64::from(crate::MAX_ADVANCE_DAYS) });
            }
            A::AdvanceDays(days)
        }
        "advance_to" => A::AdvanceTo(at(path.key("date"), date(required(&raw.date, path, "date")?))?),
        _ => A::MarkEmailRead(number(*required(&raw.email, path, "email")?, path.key("email"))?),
    })
}

impl Expectation {
    /// One expectation of the file's words, typed (the recorder's checks, kept as the file
    /// writes them); `beats` bounds its `after`.
    pub fn from_raw(raw: &RawExpectation, beats: usize) -> Result<Expectation, ScenarioError> {
        expectation(raw, beats, &FieldPath::root())
    }
}

fn expectation(raw: &RawExpectation, beats: usize, path: &FieldPath) -> Parsed<Expectation> {
    if raw.after > beats {
        return fail(path.key("after"), Problem::AfterLastBeat { beats });
    }
    let given = raw.given();
    let mut subjects = given.iter().filter(|(k, g)| *g && SUBJECTS.contains(k));
    let Some((subject, _)) = subjects.next() else {
        return fail(path.clone(), Problem::OneOf { expected: &SUBJECTS });
    };
    if let Some((second, _)) = subjects.next() {
        return fail(path.key(second), Problem::NotAllowedHere);
    }
    let allowed = subject_arguments(subject);
    if let Some((key, _)) = given.iter().find(|(k, g)| *g && !SUBJECTS.contains(k) && !allowed.contains(k)) {
        return fail(path.key(key), Problem::NotAllowedHere);
    }
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let status = |names: &'static [&'static str]| -> Parsed<usize> { one_of(required(&raw.status, path, "status")?, names, path.key("status")) };
    let expected = match *subject {
        "balance" => Expected::Balance(at(path.key("balance"), money(&value(&raw.balance)))?),
        "today" => Expected::Today(at(path.key("today"), date(&value(&raw.today)))?),
        "invoice" => Expected::Invoice {
            invoice: at(path.key("invoice"), Reference::parse(&value(&raw.invoice)))?,
            status: [InvoiceState::Paid, InvoiceState::Unpaid][status(&INVOICE_STATES)?],
        },
        "platform" => Expected::Platform {
            platform: at(path.key("platform"), Reference::parse(&value(&raw.platform)))?,
            status: [PlatformState::Active, PlatformState::Terminating, PlatformState::Terminated][status(&PLATFORM_STATES)?],
        },
        "email" => Expected::Emails {
            kind: MailKind::ALL[one_of(&value(&raw.email), &MAIL_NAMES, path.key("email"))?],
            count: raw.count,
        },
        _ => {
            let account = at(path.key("account"), AccountRef::parse(&value(&raw.account)))?;
            let what: Vec<&str> = ["status", "mode", "expiry"].into_iter().filter(|k| given.iter().any(|(g, on)| g == k && *on)).collect();
            match what.as_slice() {
                [] => return fail(path.clone(), Problem::OneOf { expected: &["status", "mode", "expiry"] }),
                [_, second, ..] => return fail(path.key(second), Problem::NotAllowedHere),
                ["status"] => Expected::AccountStatus { account, status: ACCOUNT_STATUS_VALUES[status(&ACCOUNT_STATES)?] },
                ["mode"] => Expected::AccountMode { account, mode: mode(&value(&raw.mode), path.key("mode"))? },
                _ => Expected::AccountExpiry { account, on: at(path.key("expiry"), date(&value(&raw.expiry)))? },
            }
        }
    };
    Ok(Expectation { after: raw.after, expected })
}

/// The statuses an expectation names, in the file.
pub const INVOICE_STATES: [&str; 2] = ["paid", "unpaid"];
pub const PLATFORM_STATES: [&str; 3] = ["active", "terminating", "terminated"];
pub const ACCOUNT_STATES: [&str; 4] = ["active", "suspended_unpaid", "suspended_expired", "terminated"];
pub(super) const ACCOUNT_STATUS_VALUES: [AccountStatus; 4] =
    [AccountStatus::Active, AccountStatus::SuspendedUnpaid, AccountStatus::SuspendedExpired, AccountStatus::Terminated];
