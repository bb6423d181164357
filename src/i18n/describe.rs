//! Turns the domain's data (events, e-mails, refusals, parse errors) into sentences in the
//! interface language. The domain stores facts; only this module knows how to say them.
use super::{date, fill, money, Lang};
use crate::domain::*;
use rust_decimal::Decimal;

fn m(lang: Lang, amount: Decimal) -> String {
    money(lang, amount)
}
fn d(lang: Lang, day: chrono::NaiveDate) -> String {
    date(lang, day)
}

pub fn mode_name(lang: Lang, mode: BillingMode) -> &'static str {
    let t = lang.t();
    match mode {
        BillingMode::Monthly => t.mode_monthly,
        BillingMode::Yearly => t.mode_yearly,
        BillingMode::None => t.mode_none,
    }
}

pub fn subsidiary_name(lang: Lang, subsidiary: Subsidiary) -> &'static str {
    match subsidiary {
        Subsidiary::Fr => lang.t().subsidiary_fr,
        Subsidiary::It => lang.t().subsidiary_it,
    }
}

/// The subsidiary offered at the login when none was chosen yet: the interface language's
/// (Italian: Italy; French and English: France). Issue 20, L1, L2.
pub fn default_subsidiary(lang: Lang) -> Subsidiary {
    match lang {
        Lang::It => Subsidiary::It,
        Lang::Fr | Lang::En => Subsidiary::Fr,
    }
}

pub fn kind_name(lang: Lang, kind: PaymentKind) -> &'static str {
    let t = lang.t();
    match kind {
        PaymentKind::BankAccount => t.kind_bank,
        PaymentKind::Card => t.kind_card,
        PaymentKind::Paypal => t.kind_paypal,
    }
}

pub fn account_status(lang: Lang, status: AccountStatus) -> &'static str {
    let t = lang.t();
    match status {
        AccountStatus::Active => t.acct_active,
        AccountStatus::SuspendedUnpaid => t.acct_suspended_unpaid,
        AccountStatus::SuspendedExpired => t.acct_suspended_expired,
        AccountStatus::Terminated => t.acct_terminated,
    }
}

pub fn method_status(lang: Lang, method: &PaymentMethod) -> String {
    let t = lang.t();
    match method.status {
        MethodStatus::Valid => t.status_valid.to_string(),
        MethodStatus::Expired => t.status_expired.to_string(),
        MethodStatus::PendingValidation => match method.validates_on {
            Some(day) => fill(t.status_pending, &[&d(lang, day)]),
            None => fill(t.status_pending, &["…"]),
        },
    }
}

pub fn purpose_name(lang: Lang, purpose: OrderPurpose) -> &'static str {
    match purpose {
        OrderPurpose::Credit => lang.t().purpose_credit,
        OrderPurpose::Debt => lang.t().purpose_debt,
    }
}

pub fn movement_kind(lang: Lang, kind: MovementKind) -> &'static str {
    let t = lang.t();
    match kind {
        MovementKind::Credit => t.mv_credit,
        MovementKind::InvoiceDebit => t.mv_invoice,
        MovementKind::DebtPayment => t.mv_debt_payment,
        MovementKind::Opening => t.mv_opening,
    }
}

pub fn paid_via(lang: Lang, via: &PaidVia) -> String {
    match via {
        PaidVia::Method(_, label) => label.clone(),
        PaidVia::BankTransfer => lang.t().bank_transfer.to_string(),
    }
}

pub fn section_name(lang: Lang, section: GuideSection) -> &'static str {
    let t = lang.t();
    match section {
        GuideSection::G1 => t.sec_g1,
        GuideSection::G2 => t.sec_g2,
        GuideSection::G3 => t.sec_g3,
        GuideSection::G4 => t.sec_g4,
        GuideSection::G5 => t.sec_g5,
        GuideSection::G6 => t.sec_g6,
        GuideSection::G7 => t.sec_g7,
        GuideSection::G8 => t.sec_g8,
        GuideSection::Billing => t.sec_other,
    }
}

/// One line explaining a rule, in the interface language.
pub fn rule_text(lang: Lang, rule: RuleId) -> &'static str {
    let t = lang.t();
    use RuleId::*;
    match rule {
        M1 => t.rule_m1, M2 => t.rule_m2, M3 => t.rule_m3,
        T1 => t.rule_t1, T2 => t.rule_t2, T3 => t.rule_t3, T4 => t.rule_t4,
        L1 => t.rule_l1, L2 => t.rule_l2,
        P1 => t.rule_p1, P2 => t.rule_p2, P3 => t.rule_p3, P7 => t.rule_p7, P4 => t.rule_p4, P5 => t.rule_p5,
        P6 => t.rule_p6,
        A1 => t.rule_a1, A2 => t.rule_a2, A3 => t.rule_a3, C1 => t.rule_c1, C3 => t.rule_c3, C2 => t.rule_c2,
        R1 => t.rule_r1, R2 => t.rule_r2, R3 => t.rule_r3, R4 => t.rule_r4, R5 => t.rule_r5, R6 => t.rule_r6, R7 => t.rule_r7,
        R8 => t.rule_r8,
        S1 => t.rule_s1, S2 => t.rule_s2, S3 => t.rule_s3, S4 => t.rule_s4, S5 => t.rule_s5,
        D1 => t.rule_d1, D2 => t.rule_d2, D3 => t.rule_d3, D4 => t.rule_d4, D5 => t.rule_d5, D6 => t.rule_d6,
        N1 => t.rule_n1, N2 => t.rule_n2,
        B1 => t.rule_b1, B2 => t.rule_b2, B3 => t.rule_b3, B4 => t.rule_b4, B5 => t.rule_b5, B6 => t.rule_b6,
        B7 => t.rule_b7,
    }
}

/// What is wrong with a typed amount; the demo cap names its rule, an assumption (C3).
pub fn amount_error(lang: Lang, error: &AmountError) -> String {
    let t = lang.t();
    match error {
        AmountError::Empty => t.err_amount_empty.to_string(),
        AmountError::NotANumber => t.err_amount_nan.to_string(),
        AmountError::TooManyDecimals => t.err_amount_decimals.to_string(),
        AmountError::NotPositive => t.err_amount_not_positive.to_string(),
        AmountError::OverCap => format!("{} ({})", t.err_amount_over_cap, rule_label(lang, error.rule())),
    }
}

/// "Rule C2", or "Rule R8, assumption" for the rules RULES.md marks as assumptions.
pub fn rule_label(lang: Lang, rule: RuleId) -> String {
    let t = lang.t();
    let label = fill(t.ref_rule, &[rule.code()]);
    if rule.is_assumption() {
        fill(t.rule_with_assumption, &[&label, t.assumption_word])
    } else {
        label
    }
}

/// A lasting notice, in words.
pub fn notice_text(lang: Lang, notice: &crate::session::Notice) -> String {
    use crate::session::Notice;
    let t = lang.t();
    match notice {
        Notice::MemoryOnly => t.notice_memory_only.to_string(),
        Notice::Full => t.notice_full.to_string(),
        Notice::WriteRefused(name) => fill(t.notice_write_refused, &[name]),
        Notice::SetAside { reason, dropped } => {
            let mut text = fill(t.notice_set_aside, &[&aside_reason_text(lang, reason)]);
            if *dropped > 0 {
                text.push(' ');
                text.push_str(&super::plural(lang, *dropped as u64, t.notice_aside_dropped));
            }
            text
        }
        Notice::Blocked => t.notice_blocked.to_string(),
        Notice::FromOtherTab => t.notice_other_tab.to_string(),
        Notice::Conflict => t.notice_conflict.to_string(),
        Notice::LangFailed => t.notice_lang_failed.to_string(),
        Notice::UpdateReady => t.notice_update_ready.to_string(),
    }
}

/// Which bound a saved run is over (B1–B6), in words, with the bound's rule.
pub fn bounds_text(lang: Lang, error: &BoundsError) -> String {
    let t = lang.t();
    let reason = match error {
        BoundsError::Actions { max, .. } => fill(t.ref_too_many_actions, &[&max.to_string()]),
        BoundsError::Accounts { max, .. } => fill(t.ref_too_many_accounts, &[&max.to_string()]),
        BoundsError::Platforms { max, .. } => fill(t.ref_too_many_platforms, &[&max.to_string()]),
        BoundsError::Snapshots { max, .. } => fill(t.ref_too_many_snapshots, &[&max.to_string()]),
        BoundsError::PastLastDay { last_day, .. } => fill(t.ref_past_last_day, &[&d(lang, *last_day)]),
        BoundsError::Methods { max, .. } => fill(t.ref_too_many_methods, &[&max.to_string()]),
        BoundsError::SnapshotActions { max, .. } => fill(t.ref_snapshot_actions_full, &[&max.to_string()]),
        BoundsError::SnapshotHistory { max } => fill(t.ref_snapshot_history_full, &[&max.to_string()]),
    };
    format!("{reason} ({})", rule_label(lang, error.rule()))
}

/// Why a save was set aside, in words.
pub fn aside_reason_text(lang: Lang, reason: &crate::storage::AsideReason) -> String {
    use crate::storage::{AsideReason, LoadError};
    let t = lang.t();
    match reason {
        AsideReason::Unreadable(LoadError::FutureSchema { found, .. }) => fill(t.reason_future_schema, &[&found.to_string()]),
        AsideReason::Unreadable(LoadError::Migration { from }) => fill(t.reason_migration, &[&from.to_string()]),
        AsideReason::Unreadable(_) => t.reason_unreadable.to_string(),
        AsideReason::OtherRules { found } => fill(t.reason_other_rules, &[&found.to_string()]),
        AsideReason::Replay { index } => fill(t.reason_replay, &[&(index + 1).to_string()]),
        AsideReason::Bounds(error) => fill(t.reason_bounds, &[&bounds_text(lang, error)]),
        AsideReason::Conflict => t.reason_conflict.to_string(),
        AsideReason::Replaced => t.reason_replaced.to_string(),
    }
}

/// Why a shared link or an imported file was refused (nothing changed), in words.
pub fn transfer_error_text(lang: Lang, error: &crate::storage::transfer::TransferError) -> String {
    use crate::storage::transfer::TransferError;
    let t = lang.t();
    let reason = match error {
        TransferError::TooLarge { max } => fill(t.transfer_too_large, &[&(max / 1024).to_string()]),
        TransferError::Damaged => t.transfer_damaged.to_string(),
        TransferError::NotOurs => t.transfer_not_ours.to_string(),
        TransferError::FutureSchema { found, supported } => {
            fill(t.transfer_future_schema, &[&found.to_string(), &supported.to_string()])
        }
        TransferError::Refused { index } => fill(t.transfer_refused, &[&(index + 1).to_string()]),
        TransferError::Broken(_) => t.transfer_broken.to_string(),
        TransferError::Bounds(error) => fill(t.transfer_bounds, &[&bounds_text(lang, error)]),
    };
    format!("{reason} {}", t.transfer_nothing_changed)
}

pub fn nic_error(lang: Lang, error: &NicError) -> &'static str {
    match error {
        NicError::Empty => lang.t().err_nic_empty,
        NicError::BadShape => lang.t().err_nic_shape,
    }
}

pub fn iban_error(lang: Lang, error: &IbanError) -> &'static str {
    match error {
        IbanError::Empty => lang.t().err_iban_empty,
        IbanError::BadFormat => lang.t().err_iban_format,
        IbanError::BadChecksum => lang.t().err_iban_checksum,
    }
}

pub fn card_error(lang: Lang, error: &CardNumberError) -> &'static str {
    match error {
        CardNumberError::Empty => lang.t().err_card_empty,
        CardNumberError::BadFormat => lang.t().err_card_format,
        CardNumberError::BadChecksum => lang.t().err_card_checksum,
    }
}

pub fn expiry_error(lang: Lang, error: &CardExpiryError) -> &'static str {
    match error {
        CardExpiryError::Empty => lang.t().err_expiry_empty,
        CardExpiryError::BadFormat => lang.t().err_expiry_format,
    }
}

pub fn email_error(lang: Lang, error: &EmailError) -> String {
    match error {
        EmailError::Empty => lang.t().err_email_empty.to_string(),
        EmailError::BadShape => lang.t().err_email_shape.to_string(),
        EmailError::TooLong { max } => super::fill(lang.t().err_email_too_long, &[&max.to_string()]),
        EmailError::BidiControl => lang.t().err_email_bidi.to_string(),
    }
}

pub fn local_part_error(lang: Lang, error: &LocalPartError) -> &'static str {
    match error {
        LocalPartError::Empty => lang.t().err_local_empty,
        LocalPartError::BadShape => lang.t().err_local_shape,
    }
}

/// The refusal's reason followed by the rule that refused, e.g. "… (Rule C2)".
pub fn refusal_text(lang: Lang, refusal: &Refusal) -> String {
    let t = lang.t();
    let reason = match refusal {
        Refusal::NotLoggedIn => t.ref_not_logged_in.to_string(),
        Refusal::AlreadyLoggedIn => t.ref_already_logged_in.to_string(),
        Refusal::KindNotOffered { subsidiary, .. } => {
            fill(t.ref_kind_not_offered, &[subsidiary_name(lang, *subsidiary)])
        }
        Refusal::CardExpired => t.ref_card_expired.to_string(),
        Refusal::CannotRemoveDefault => t.ref_cannot_remove_default.to_string(),
        Refusal::MethodNotUsable => t.ref_method_not_usable.to_string(),
        Refusal::CreditBelowMinimum { minimum } => fill(t.ref_credit_below_min, &[&m(lang, *minimum)]),
        Refusal::CreditBelowDebt { minimum } => fill(t.ref_credit_below_debt, &[&m(lang, *minimum)]),
        Refusal::OrderNotOpen => t.ref_order_not_open.to_string(),
        Refusal::NoAccountsSelected => t.ref_no_accounts.to_string(),
        Refusal::AccountNotActive => t.ref_account_not_active.to_string(),
        Refusal::ModeUnchanged => t.ref_mode_unchanged.to_string(),
        Refusal::ExportAfterSuspension => t.ref_export_after_suspension.to_string(),
        Refusal::PlatformNotActive => t.ref_platform_not_active.to_string(),
        Refusal::AlreadyTerminating => t.ref_already_terminating.to_string(),
        Refusal::NotTerminating => t.ref_not_terminating.to_string(),
        Refusal::TooLateToCancel { last_day } => fill(t.ref_too_late_to_cancel, &[&d(lang, *last_day)]),
        Refusal::TerminateWhileDebtor { debt } => fill(t.ref_terminate_while_debtor, &[&m(lang, *debt)]),
        Refusal::SubsidiaryHasBankAccount => t.ref_subsidiary_bank.to_string(),
        Refusal::DuplicateAccount => t.ref_duplicate_account.to_string(),
        Refusal::OrderWhileTerminating { on } => fill(t.ref_order_while_terminating, &[&d(lang, *on)]),
        Refusal::FirstOrderNeedsPeriod => t.ref_first_order_needs_period.to_string(),
        Refusal::CannotCancelDebtOrder => t.ref_cannot_cancel_debt_order.to_string(),
        Refusal::AdvanceTooFar { max_days } => fill(t.ref_advance_too_far, &[&max_days.to_string()]),
        Refusal::TooManyActions { max } => fill(t.ref_too_many_actions, &[&max.to_string()]),
        Refusal::TooManyAccounts { max } => fill(t.ref_too_many_accounts, &[&max.to_string()]),
        Refusal::TooManySnapshots { max } => fill(t.ref_too_many_snapshots, &[&max.to_string()]),
        Refusal::PastLastDay { last_day } => fill(t.ref_past_last_day, &[&d(lang, *last_day)]),
        Refusal::TooManyMethods { max } => fill(t.ref_too_many_methods, &[&max.to_string()]),
        Refusal::HistoryFull { max } => fill(t.ref_history_full, &[&max.to_string()]),
        Refusal::SnapshotActionsFull { max } => fill(t.ref_snapshot_actions_full, &[&max.to_string()]),
        Refusal::SnapshotHistoryFull { max } => fill(t.ref_snapshot_history_full, &[&max.to_string()]),
        Refusal::UnknownMethod
        | Refusal::UnknownOrder
        | Refusal::UnknownAccount
        | Refusal::UnknownSnapshot
        | Refusal::UnknownPlatform
        | Refusal::UnknownEmail => t.ref_unknown.to_string(),
    };
    format!("{reason} ({})", rule_label(lang, refusal.rule()))
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// One journal line.
pub fn event_text(lang: Lang, kind: &EventKind) -> String {
    let t = lang.t();
    use EventKind as E;
    match kind {
        E::LoggedIn { nic, subsidiary } => fill(t.ev_logged_in, &[nic, subsidiary_name(lang, *subsidiary)]),
        E::LoggedOut => t.ev_logged_out.to_string(),
        E::SubsidiaryChanged { subsidiary } => fill(t.ev_subsidiary, &[subsidiary_name(lang, *subsidiary)]),
        E::MethodAdded { label, status, .. } => {
            let status = match status {
                MethodStatus::Valid => t.status_valid,
                MethodStatus::Expired => t.status_expired,
                MethodStatus::PendingValidation => t.status_pending_short,
            };
            fill(t.ev_method_added, &[label, status])
        }
        E::MethodValidated { label, .. } => fill(t.ev_method_validated, &[label]),
        E::MethodExpired { label, .. } => fill(t.ev_method_expired, &[label]),
        E::MethodRemoved { label } => fill(t.ev_method_removed, &[label]),
        E::DefaultMethodSet { label } => fill(t.ev_default_set, &[label]),
        E::DeclineNextSet { label, on } => fill(if *on { t.ev_decline_on } else { t.ev_decline_off }, &[label]),
        E::OrderCreated { reference, amount, purpose, .. } => {
            fill(t.ev_order_created, &[reference, &m(lang, *amount), purpose_name(lang, *purpose)])
        }
        E::OrderPaid { reference, amount, via } => {
            fill(t.ev_order_paid, &[reference, &m(lang, *amount), &paid_via(lang, via)])
        }
        E::OrderCancelled { reference } => fill(t.ev_order_cancelled, &[reference]),
        E::PaymentDeclined { label, amount } => fill(t.ev_payment_declined, &[label, &m(lang, *amount)]),
        E::AccountCredited { amount, balance } => fill(t.ev_credited, &[&m(lang, *amount), &m(lang, *balance)]),
        E::InvoiceIssued { reference, accounts, excl_vat, vat, total } => fill(
            t.ev_invoice_issued,
            &[reference, &super::plural(lang, *accounts as u64, t.n_accounts), &m(lang, *excl_vat), &m(lang, *vat), &m(lang, *total)],
        ),
        E::InvoiceCoveredByBalance { reference, amount } => fill(t.ev_invoice_covered, &[reference, &m(lang, *amount)]),
        E::InvoiceCharged { reference, label, amount } => {
            fill(t.ev_invoice_charged, &[reference, label, &m(lang, *amount)])
        }
        E::InvoicePaid { reference } => fill(t.ev_invoice_paid, &[reference]),
        E::AccountDebited { reference, amount, balance } => {
            fill(t.ev_account_debited, &[reference, &m(lang, *amount), &m(lang, *balance)])
        }
        E::DebtorStarted { debt, deadline } => fill(t.ev_debtor, &[&m(lang, *debt), &d(lang, *deadline)]),
        E::DebtReduced { debt, deadline } => fill(t.ev_debt_reduced, &[&m(lang, *debt), &d(lang, *deadline)]),
        E::DebtSettled => t.ev_debt_settled.to_string(),
        E::ReminderSent { debt, deadline } => fill(t.ev_reminder, &[&m(lang, *debt), &d(lang, *deadline)]),
        E::SuspendedUnpaid { accounts } => fill(t.ev_suspended_unpaid, &[&list(accounts)]),
        E::Reactivated { accounts } => fill(t.ev_reactivated, &[&list(accounts)]),
        E::ModeChangeScheduled { account, mode, from } => {
            fill(t.ev_mode_scheduled, &[account, mode_name(lang, *mode), &d(lang, *from)])
        }
        E::ModeApplied { account, mode } => fill(t.ev_mode_applied, &[account, mode_name(lang, *mode)]),
        E::AccountRenewed { account, mode, until } => {
            fill(t.ev_renewed, &[account, mode_name(lang, *mode), &d(lang, *until)])
        }
        E::SuspendedOnExpiry { account } => fill(t.ev_suspended_expiry, &[account]),
        E::PstExported { account } => fill(t.ev_pst, &[account]),
        E::TerminationScheduled { platform, on } => fill(t.ev_term_scheduled, &[platform, &d(lang, *on)]),
        E::TerminationCancelled { platform } => fill(t.ev_term_cancelled, &[platform]),
        E::PlatformTerminated { platform } => fill(t.ev_terminated, &[platform]),
        E::AlertThresholdSet { threshold: Some(value) } => fill(t.ev_alert_set, &[&m(lang, *value)]),
        E::AlertThresholdSet { threshold: None } => t.ev_alert_off.to_string(),
        E::BalanceAlert { balance, threshold } => fill(t.ev_alert, &[&m(lang, *balance), &m(lang, *threshold)]),
        E::AccountAdded { account, mode } => fill(t.ev_account_added, &[account, mode_name(lang, *mode)]),
        E::PricesChanged { monthly, yearly } => fill(t.ev_prices, &[&m(lang, *monthly), &m(lang, *yearly)]),
        E::ClockAdvanced { from, to } => fill(t.ev_clock, &[&d(lang, *from), &d(lang, *to)]),
    }
}

/// An e-mail's subject and body paragraphs.
pub fn email_text(lang: Lang, kind: &EmailKind) -> (String, Vec<String>) {
    let t = lang.t();
    use EmailKind as K;
    match kind {
        K::InvoiceIssued { reference, total, covered, charged, method, debt, .. } => {
            let body = if !debt.is_zero() {
                fill(t.mail_invoice_debt, &[reference, &m(lang, *total), &m(lang, *covered + *charged), &m(lang, *debt)])
            } else if charged.is_zero() {
                fill(t.mail_invoice_paid_balance, &[reference, &m(lang, *total)])
            } else {
                fill(t.mail_invoice_paid, &[
                    reference,
                    &m(lang, *total),
                    &m(lang, *covered),
                    &m(lang, *charged),
                    method.as_deref().unwrap_or(""),
                ])
            };
            (fill(t.mail_invoice_subject, &[reference]), vec![body])
        }
        K::AccountDebtor { debt, deadline, order_reference, .. } => (
            t.mail_debtor_subject.to_string(),
            vec![fill(t.mail_debtor_body, &[&m(lang, *debt), &d(lang, *deadline), order_reference])],
        ),
        K::DebtReminder { debt, deadline, .. } => (
            t.mail_reminder_subject.to_string(),
            vec![fill(t.mail_reminder_body, &[&m(lang, *debt), &d(lang, *deadline)])],
        ),
        K::SuspendedUnpaid { accounts } => (
            t.mail_suspended_subject.to_string(),
            vec![fill(t.mail_suspended_body, &[&list(accounts)])],
        ),
        K::PaymentReceived { amount, reference } => (
            t.mail_payment_subject.to_string(),
            vec![fill(t.mail_payment_body, &[&m(lang, *amount), reference])],
        ),
        K::DebtSettled { reactivated } => {
            let mut body = vec![t.mail_settled_body.to_string()];
            if !reactivated.is_empty() {
                body.push(fill(t.mail_settled_reactivated, &[&list(reactivated)]));
            }
            (t.mail_settled_subject.to_string(), body)
        }
        K::BillingModeChanged { accounts, mode, from } => (
            t.mail_mode_subject.to_string(),
            vec![fill(t.mail_mode_body, &[mode_name(lang, *mode), &list(accounts), &d(lang, *from)])],
        ),
        K::TerminationScheduled { platform, on, last_cancel_day } => (
            t.mail_term_subject.to_string(),
            vec![fill(t.mail_term_body, &[platform, &d(lang, *on), &d(lang, *last_cancel_day)])],
        ),
        K::TerminationCancelled { platform } => (
            t.mail_term_cancel_subject.to_string(),
            vec![fill(t.mail_term_cancel_body, &[platform])],
        ),
        K::PlatformTerminated { platform } => (
            t.mail_terminated_subject.to_string(),
            vec![fill(t.mail_terminated_body, &[platform])],
        ),
        K::SuspendedOnExpiry { account } => (
            t.mail_expiry_subject.to_string(),
            vec![fill(t.mail_expiry_body, &[account])],
        ),
        K::BalanceAlert { balance, threshold } => (
            t.mail_alert_subject.to_string(),
            vec![fill(t.mail_alert_body, &[&m(lang, *balance), &m(lang, *threshold)])],
        ),
        K::PaymentDeclined { method, amount } => (
            t.mail_declined_subject.to_string(),
            vec![fill(t.mail_declined_body, &[method, &m(lang, *amount)])],
        ),
        K::MethodValidated { method } => (
            t.mail_validated_subject.to_string(),
            vec![fill(t.mail_validated_body, &[method])],
        ),
        K::CardExpired { method } => (
            t.mail_card_expired_subject.to_string(),
            vec![fill(t.mail_card_expired_body, &[method])],
        ),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn on(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    /// Issue 20, item 2: the login offers Italy to an Italian user, France otherwise (L1, L2).
    #[test]
    fn issue_20_the_login_subsidiary_defaults_to_the_interface_language() {
        assert_eq!(default_subsidiary(Lang::It), Subsidiary::It);
        assert_eq!(default_subsidiary(Lang::Fr), Subsidiary::Fr);
        assert_eq!(default_subsidiary(Lang::En), Subsidiary::Fr);
    }

    /// Issue 20: the journal's and the e-mails' dates take each language's article, days 1, 8
    /// and 11 (FR "1er", IT "l'8", "dall'11", "ad"/"alla modalità" before a mode).
    #[test]
    fn issue_20_events_and_emails_put_the_right_article_before_days_1_8_and_11() {
        let clock = |lang, from, to| event_text(lang, &EventKind::ClockAdvanced { from: on(from), to: on(to) });
        assert_eq!(clock(Lang::It, 8, 11), "L'orologio è passato dall'8 marzo 2026 all'11 marzo 2026.");
        assert_eq!(clock(Lang::It, 1, 8), "L'orologio è passato dal 1º marzo 2026 all'8 marzo 2026.");
        let fr = clock(Lang::Fr, 1, 8);
        assert!(fr.contains("1er mars 2026") && fr.contains("8 mars 2026"), "{fr}");
        assert!(!clock(Lang::Fr, 11, 11).contains("l'11"));
        let scheduled = |lang, day| {
            event_text(
                lang,
                &EventKind::ModeChangeScheduled { account: "a@b.c".into(), mode: BillingMode::Yearly, from: on(day) },
            )
        };
        assert_eq!(scheduled(Lang::It, 8), "a@b.c passerà alla modalità Annuale al rinnovo dell'8 marzo 2026.");
        assert_eq!(scheduled(Lang::It, 11), "a@b.c passerà alla modalità Annuale al rinnovo dell'11 marzo 2026.");
        assert_eq!(scheduled(Lang::It, 1), "a@b.c passerà alla modalità Annuale al rinnovo del 1º marzo 2026.");
        assert!(scheduled(Lang::Fr, 1).contains("1er mars 2026"), "{}", scheduled(Lang::Fr, 1));
        let debtor = |lang, day| event_text(lang, &EventKind::DebtorStarted { debt: Decimal::new(500, 2), deadline: on(day) });
        assert!(debtor(Lang::It, 8).ends_with("entro la fine dell'8 marzo 2026."), "{}", debtor(Lang::It, 8));
        assert!(debtor(Lang::It, 11).ends_with("entro la fine dell'11 marzo 2026."));
        assert!(debtor(Lang::It, 1).ends_with("entro la fine del 1º marzo 2026."));
        assert!(debtor(Lang::Fr, 1).contains("du 1er mars 2026"), "{}", debtor(Lang::Fr, 1));
        assert!(debtor(Lang::Fr, 8).contains("du 8 mars 2026"));
        assert!(debtor(Lang::Fr, 11).contains("du 11 mars 2026"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod no_spec_names {
    use super::*;

    /// Issue 20, item 13: a user never sees the name of a spec file ("RULES' worked example").
    /// Every text of every language, the catalogue and the guide files, whatever they are split in.
    #[test]
    fn issue_20_no_text_names_the_spec_file() {
        let forbidden = ["RULES", "worked example", "exemple travaillé", "esempio svolto", ".md"];
        for lang in [Lang::Fr, Lang::It, Lang::En] {
            for (key, text) in lang.t().entries() {
                for word in forbidden {
                    assert!(!text.contains(word), "{lang:?} {key}: {text}");
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
        let mut files = 0;
        for dir in ["i18n", "guide"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "json") {
                    files += 1;
                    let text = std::fs::read_to_string(&path).unwrap();
                    for word in forbidden {
                        assert!(!text.contains(word), "{}: {word}", path.display());
                    }
                }
            }
        }
        assert!(files >= 6, "the catalogue and guide files were found");
    }

    /// Issue 20, item 15 (WCAG 2.5.3): a button's accessible name `X_named` contains the text
    /// `X` it shows, in every language ("Elimina" was named "Rimuovi — …" in Italian).
    #[test]
    fn issue_20_every_named_label_contains_the_visible_text() {
        for lang in [Lang::Fr, Lang::It, Lang::En] {
            let entries = lang.t().entries();
            let mut checked = 0;
            for (key, named) in entries.iter() {
                let Some(base) = key.strip_suffix("_named") else { continue };
                let Some((_, shown)) = entries.iter().find(|(k, _)| *k == base) else { continue };
                checked += 1;
                assert!(named.to_lowercase().contains(&shown.to_lowercase()), "{lang:?} {key}: {named:?} does not contain {shown:?}");
            }
            assert!(checked >= 5, "{lang:?}: the named labels were found");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod rules_in_messages {
    use super::*;

    /// R8 (assumption): the refusal of an order on a platform whose termination is scheduled
    /// gives the termination's date, in each language, and names R8 with its assumption label.
    #[test]
    fn r8_the_refusal_names_the_termination_date_in_each_language() {
        let on = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        let refusal = Refusal::OrderWhileTerminating { on };
        for (lang, day) in [(Lang::Fr, "15 janvier 2027"), (Lang::It, "15 gennaio 2027"), (Lang::En, "15 January 2027")] {
            let text = refusal_text(lang, &refusal);
            assert!(text.contains(day), "{lang:?}: {text}");
            assert!(text.contains(&rule_label(lang, RuleId::R8)), "{lang:?}: {text}");
            assert!(rule_label(lang, RuleId::R8) != "R8", "the assumption is labelled: {}", rule_label(lang, RuleId::R8));
        }
    }
}
