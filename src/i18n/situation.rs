//! The words of the user's own situation (U1–U4), the months ahead (F1), the last safe days
//! (F2) and the comparison of two choices: what the domain returns as data, worded in the
//! user's language.
use super::describe::{amount_error, expiry_error, kind_name, local_part_error, mode_name, subsidiary_name};
use super::format::{date, money};
use super::{fill, Lang};
use crate::domain::forecast::{DebtReason, Warning};
use crate::domain::safe_days::Decision;
use crate::domain::{BillingMode, SituationError};
use chrono::{Datelike, NaiveDate};

/// "May 2026" in the user's language.
pub fn month_year(lang: Lang, day: NaiveDate) -> String {
    let name = lang.t().month_names.split(',').nth(day.month0() as usize).unwrap_or("").trim();
    format!("{name} {}", day.year())
}

/// A list of names: "a, b and c".
pub fn names(lang: Lang, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => fill(lang.t().ah_and, &[&rest.join(", "), last]),
    }
}

/// What is wrong with a field of the situation form, with the rule behind it.
pub fn situation_error(lang: Lang, error: &SituationError) -> String {
    use SituationError::*;
    let t = lang.t();
    let text = match error {
        Empty => t.sit_err_empty.to_string(),
        BadDate => t.sit_err_date.to_string(),
        DateOutOfRange { first, last } => fill(t.sit_err_range, &[&date(lang, *first), &date(lang, *last)]),
        UnknownSubsidiary => t.sit_err_subsidiary.to_string(),
        UnknownMode => t.sit_err_mode.to_string(),
        UnknownKind => t.sit_err_kind.to_string(),
        KindNotOffered { subsidiary, kind } => fill(t.sit_err_not_offered, &[kind_name(lang, *kind), subsidiary_name(lang, *subsidiary)]),
        UnknownStatus => t.sit_err_status.to_string(),
        NoPlatform => t.sit_err_no_platform.to_string(),
        TooManyPlatforms { max } => fill(t.sit_err_max_platforms, &[&max.to_string()]),
        TooManyAccounts { max } => fill(t.sit_err_max_accounts, &[&max.to_string()]),
        TooManyMethods { max } => fill(t.sit_err_max_methods, &[&max.to_string()]),
        NoAccount => t.sit_err_no_account.to_string(),
        BadName => t.sit_err_name.to_string(),
        BadDomain => t.sit_err_domain.to_string(),
        DuplicateDomain => t.sit_err_same_domain.to_string(),
        AnniversaryNotAfterToday | ExpiryNotAfterToday => t.sit_err_after_today.to_string(),
        AnniversaryTooFar { latest } | ExpiryTooFar { latest } => fill(t.sit_err_too_far, &[&date(lang, *latest)]),
        LocalPart(e) => local_part_error(lang, e).to_string(),
        DuplicateLocalPart => t.sit_err_same_address.to_string(),
        Amount(e) => amount_error(lang, e),
        DebtSinceAfterToday => t.sit_err_debt_since.to_string(),
        UnknownPlatform => t.sit_err_platform.to_string(),
        PendingNotBankAccount => t.sit_err_pending.to_string(),
        CardExpiry(e) => expiry_error(lang, e).to_string(),
        CardExpiryNotForKind => t.sit_err_expiry_kind.to_string(),
        BadLast4 => t.sit_err_last4.to_string(),
        UnknownMethod => t.sit_err_method.to_string(),
        DefaultPending => t.sit_err_default_pending.to_string(),
        NewerVersion { found, supported } => fill(t.sit_err_newer, &[&found.to_string(), &supported.to_string()]),
    };
    match error.rule() {
        Some(rule) => format!("{text} ({})", rule.code()),
        None => text,
    }
}

/// Why an invoice would be left as a debt (S4, S5, P6, P7).
pub fn debt_reason(lang: Lang, reason: &DebtReason) -> String {
    let t = lang.t();
    match reason {
        DebtReason::NoMethod => t.ah_reason_none.to_string(),
        DebtReason::MethodPending { label, validates_on } => fill(t.ah_reason_pending, &[label, &date(lang, *validates_on)]),
        DebtReason::CardExpired { label, last_valid_day, .. } => fill(t.ah_reason_expired, &[label, &date(lang, *last_valid_day)]),
        DebtReason::Declined { label } => fill(t.ah_reason_declined, &[label]),
    }
}

/// A warning of the months ahead, in plain words.
pub fn warning(lang: Lang, warning: &Warning) -> String {
    let t = lang.t();
    match warning {
        Warning::CardExpiresBeforeInvoice { label, last_valid_day, invoice_date, debt, .. } => fill(
            t.ah_warn_card,
            &[label, &month_year(lang, *last_valid_day), &date(lang, *invoice_date), &money(lang, *debt)],
        ),
        Warning::InvoiceBecomesDebt { invoice_date, platform, debt, reason, deadline, suspension_day, .. } => fill(
            t.ah_warn_debt,
            &[
                &date(lang, *invoice_date),
                platform,
                &money(lang, *debt),
                &debt_reason(lang, reason),
                &date(lang, *deadline),
                &date(lang, *suspension_day),
            ],
        ),
        Warning::DataLost { date: day, accounts, .. } => fill(t.ah_warn_data, &[&date(lang, *day), &names(lang, accounts)]),
    }
}

/// A decision with a cut-off (F2): what to do by its last day, and what happens after.
pub fn decision(lang: Lang, decision: &Decision) -> String {
    let t = lang.t();
    match decision {
        Decision::ChangeMode { emails, mode, renewal, renewal_after, .. } => match (mode, renewal_after) {
            (BillingMode::None, _) | (_, None) => fill(t.sd_mode_none, &[&names(lang, emails), &date(lang, *renewal)]),
            (mode, Some(after)) => fill(
                t.sd_mode,
                &[&names(lang, emails), mode_name(lang, *mode), &date(lang, *renewal), &date(lang, *after)],
            ),
        },
        Decision::CancelTermination { name, effective_on, .. } => fill(t.sd_cancel, &[name, &date(lang, *effective_on)]),
        Decision::PayDebt { debt, suspension_day, current, .. } => fill(
            if *current { t.sd_pay } else { t.sd_pay_coming },
            &[&money(lang, *debt), &date(lang, *suspension_day)],
        ),
        Decision::ExportPst { email, stopped_on, .. } => fill(t.sd_export, &[email, &date(lang, *stopped_on)]),
        Decision::PaymentMethod { invoice_date, platform, debt, reason, .. } => fill(
            t.sd_method,
            &[&date(lang, *invoice_date), platform, &money(lang, *debt), &debt_reason(lang, reason)],
        ),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::{AmountError, PaymentKind, Subsidiary};

    #[test]
    fn u1_every_situation_error_is_worded_in_each_language() {
        let day = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
        let errors = [
            SituationError::Empty,
            SituationError::BadDate,
            SituationError::DateOutOfRange { first: day, last: day },
            SituationError::UnknownKind,
            SituationError::KindNotOffered { subsidiary: Subsidiary::It, kind: PaymentKind::BankAccount },
            SituationError::AnniversaryTooFar { latest: day },
            SituationError::Amount(AmountError::OverCap),
            SituationError::NewerVersion { found: 3, supported: 1 },
        ];
        for lang in [Lang::Fr, Lang::It, Lang::En] {
            for error in &errors {
                let text = situation_error(lang, error);
                assert!(!text.is_empty() && !text.contains('{'), "{lang:?} {error:?}: {text}");
            }
        }
        assert_eq!(
            situation_error(Lang::It, &SituationError::KindNotOffered { subsidiary: Subsidiary::It, kind: PaymentKind::BankAccount }),
            format!("{} (P1)", fill(Lang::It.t().sit_err_not_offered, &[kind_name(Lang::It, PaymentKind::BankAccount), "Italia"]))
        );
        assert_ne!(situation_error(Lang::Fr, &SituationError::UnknownKind), situation_error(Lang::Fr, &SituationError::KindNotOffered { subsidiary: Subsidiary::It, kind: PaymentKind::BankAccount }));
    }

    #[test]
    fn f1_the_card_warning_names_the_month_the_invoice_and_the_debt() {
        let warning = Warning::CardExpiresBeforeInvoice {
            method: crate::domain::MethodId(1),
            label: "Visa ••••4242".into(),
            last_valid_day: NaiveDate::from_ymd_opt(2026, 5, 31).unwrap(),
            invoice_date: NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(),
            reference: "FR0000001".into(),
            debt: rust_decimal::Decimal::new(15964, 2),
        };
        let en = super::warning(Lang::En, &warning);
        assert!(en.contains("Visa ••••4242") && en.contains("May 2026") && en.contains("15 June 2026") && en.contains("€159.64"), "{en}");
        let fr = super::warning(Lang::Fr, &warning);
        assert!(fr.contains("mai 2026") && fr.contains("159,64"), "{fr}");
        let it = super::warning(Lang::It, &warning);
        assert!(it.contains("maggio 2026") && it.contains("159,64"), "{it}");
    }

    #[test]
    fn names_are_joined_in_each_language() {
        let list = ["a@x".to_string(), "b@x".to_string(), "c@x".to_string()];
        assert_eq!(names(Lang::En, &list), "a@x, b@x and c@x");
        assert_eq!(names(Lang::Fr, &list[..2]), "a@x et b@x");
        assert_eq!(names(Lang::It, &list[..1]), "a@x");
    }
}
