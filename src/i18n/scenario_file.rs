//! Scenario files in words (issue 18): the player's checks (what was expected, what the state
//! shows) and why a file or a link was refused, with the JSON path at fault.
use super::{date, fill, money, Lang};
use crate::domain::scenario_file::{
    Check, Expectation, Expected, InvoiceState, Language, Observed, PlatformState, Problem,
};
use crate::storage::scenario_file::{JsonKind, ScenarioFileError, TypeProblem};

/// The file's language for the interface's.
pub fn language(lang: Lang) -> Language {
    match lang {
        Lang::Fr => Language::Fr,
        Lang::It => Language::It,
        Lang::En => Language::En,
    }
}

/// "français", "italiano", "English": a language's name in the interface's.
pub fn language_name(lang: Lang, of: Language) -> &'static str {
    let t = lang.t();
    match of {
        Language::Fr => t.rec_lang_fr,
        Language::It => t.rec_lang_it,
        Language::En => t.rec_lang_en,
    }
}

/// What an expectation looks at: "Solde du compte OVH", "Facture FR0000001".
pub fn subject(lang: Lang, expectation: &Expectation) -> String {
    let t = lang.t();
    match &expectation.expected {
        Expected::Balance(_) => t.sf_subj_balance.to_string(),
        Expected::Today(_) => t.sf_subj_today.to_string(),
        Expected::Invoice { invoice, .. } => fill(t.sf_subj_invoice, &[invoice.as_str()]),
        Expected::AccountStatus { account, .. } => fill(t.sf_subj_account, &[account.as_str()]),
        Expected::AccountMode { account, .. } => fill(t.sf_subj_mode, &[account.as_str()]),
        Expected::AccountExpiry { account, .. } => fill(t.sf_subj_expiry, &[account.as_str()]),
        Expected::Platform { platform, .. } => fill(t.sf_subj_platform, &[platform.as_str()]),
        Expected::Emails { kind, .. } => fill(t.sf_subj_email, &[kind.name()]),
    }
}

/// A value as the check shows it: a sum, a day, a status.
pub fn observed(lang: Lang, value: &Observed) -> String {
    let t = lang.t();
    match value {
        Observed::Money(m) => money(lang, *m),
        Observed::Date(d) => date(lang, *d),
        Observed::Invoice(InvoiceState::Paid) => t.sf_paid.to_string(),
        Observed::Invoice(InvoiceState::Unpaid) => t.sf_unpaid.to_string(),
        Observed::Account(status) => super::account_status(lang, *status).to_string(),
        Observed::Mode(mode) => super::mode_name(lang, *mode).to_string(),
        Observed::Platform(PlatformState::Active) => t.sf_pl_active.to_string(),
        Observed::Platform(PlatformState::Terminating) => t.sf_pl_terminating.to_string(),
        Observed::Platform(PlatformState::Terminated) => t.sf_pl_terminated.to_string(),
        Observed::Count(n) => n.to_string(),
        Observed::AtLeastOne => t.sf_at_least_one.to_string(),
        Observed::Missing => t.sf_missing.to_string(),
    }
}

/// "✓ Conforme — Solde du compte OVH : attendu −6,98 €, obtenu −6,98 €" (or ✗).
pub fn check_text(lang: Lang, expectation: &Expectation, check: &Check) -> String {
    let t = lang.t();
    let template = if check.ok { t.sf_check_ok } else { t.sf_check_bad };
    fill(template, &[&subject(lang, expectation), &observed(lang, &check.expected), &observed(lang, &check.actual)])
}

/// Why the domain refused a scenario, without where.
pub fn problem(lang: Lang, problem: &Problem) -> String {
    let t = lang.t();
    let names = |n: &[&str]| n.join(", ");
    match problem {
        Problem::Version { found, supported } => fill(t.sf_p_version, &[&found.to_string(), &supported.to_string()]),
        Problem::Missing => t.sf_p_missing.to_string(),
        Problem::NotAllowedHere => t.sf_p_not_allowed.to_string(),
        Problem::UnknownName { expected } => fill(t.sf_p_unknown_name, &[&names(expected)]),
        Problem::OneOf { expected } => fill(t.sf_p_one_of, &[&names(expected)]),
        Problem::Empty => t.sf_p_empty.to_string(),
        Problem::TooLong { max } => fill(t.sf_p_too_long, &[&max.to_string()]),
        Problem::TooMany { max } => fill(t.sf_p_too_many, &[&max.to_string()]),
        Problem::ControlCharacter => t.sf_p_control.to_string(),
        Problem::BadName => t.sf_p_bad_name.to_string(),
        Problem::Money => t.sf_p_money.to_string(),
        Problem::Negative => t.sf_p_negative.to_string(),
        Problem::Amount(e) => super::amount_error(lang, e),
        Problem::Date => t.sf_p_date.to_string(),
        Problem::DateOutOfRange { first, last } => fill(t.sf_p_date_range, &[&date(lang, *first), &date(lang, *last)]),
        Problem::NumberOutOfRange { min, max } => fill(t.sf_p_number_range, &[&min.to_string(), &max.to_string()]),
        Problem::Nic(e) => super::nic_error(lang, e).to_string(),
        Problem::CardNumber(e) => super::card_error(lang, e).to_string(),
        Problem::CardExpiry(e) => super::expiry_error(lang, e).to_string(),
        Problem::Iban(e) => super::iban_error(lang, e).to_string(),
        Problem::Paypal(e) => super::email_error(lang, e).to_string(),
        Problem::LocalPart(e) => super::local_part_error(lang, e).to_string(),
        Problem::Duplicate => t.sf_p_duplicate.to_string(),
        Problem::AfterLastBeat { beats } => fill(t.sf_p_after_last, &[&beats.to_string()]),
        Problem::NoTarget => t.sf_p_no_target.to_string(),
        Problem::BeforeToday { today } => fill(t.sf_p_before_today, &[&date(lang, *today)]),
        Problem::PastLastDay { last } => fill(t.sf_p_past_last, &[&date(lang, *last)]),
        Problem::Refused(refusal) => fill(t.sf_p_refused, &[&super::refusal_text(lang, refusal)]),
        Problem::Broken(_) => t.sf_p_broken.to_string(),
        Problem::Unnamed => t.sf_p_unnamed.to_string(),
        Problem::Situation(e) => super::situation::situation_error(lang, e),
    }
}

/// Why a scenario file or link was refused: where (its JSON path, `beats[3].action.amount`) and
/// why, then that nothing changed.
pub fn file_error(lang: Lang, error: &ScenarioFileError) -> String {
    let t = lang.t();
    let at = |path: String, why: String| if path.is_empty() { why } else { fill(t.sf_err_at, &[&path, &why]) };
    let reason = match error {
        ScenarioFileError::TooLarge { max } => fill(t.sf_err_too_large, &[&(max / 1024).to_string()]),
        ScenarioFileError::Damaged => t.sf_err_damaged.to_string(),
        ScenarioFileError::NotJson { line, column } => fill(t.sf_err_not_json, &[&line.to_string(), &column.to_string()]),
        ScenarioFileError::FutureVersion { found, supported } => {
            at(error.path().to_string(), fill(t.sf_err_future, &[&found.to_string(), &supported.to_string()]))
        }
        ScenarioFileError::Type { path, problem } => {
            let why = match problem {
                TypeProblem::Missing => t.sf_p_missing,
                TypeProblem::NotInFormat => t.sf_p_not_in_format,
                TypeProblem::Expected(JsonKind::Text) => t.sf_p_text,
                TypeProblem::Expected(JsonKind::Number) => t.sf_p_number,
                TypeProblem::Expected(JsonKind::Bool) => t.sf_p_bool,
                TypeProblem::Expected(JsonKind::List) => t.sf_p_list,
                TypeProblem::Expected(JsonKind::Object) => t.sf_p_object,
                TypeProblem::Expected(JsonKind::Start) => t.sf_p_start,
                TypeProblem::Expected(JsonKind::Other) => t.sf_p_other,
            };
            at(path.to_string(), why.to_string())
        }
        ScenarioFileError::Invalid(e) => at(e.path.to_string(), problem(lang, &e.problem)),
    };
    format!("{reason} {}", t.transfer_nothing_changed)
}
