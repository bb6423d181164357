#![cfg(not(target_arch = "wasm32"))]
//! The user's own situation (U1–U4), the months ahead (F1), the last safe days (F2) and the
//! comparison of two choices, with the issue's worked case in FR and IT.

use chrono::NaiveDate;
use hes_domain::scenario::Start;
use hes_domain::*;
use hes_domain::bounds::MAX_ACCOUNTS;
use rust_decimal::Decimal;

mod common;
use common::{advance_to, d, eur, ok};

fn card(expiry: &str) -> SituationMethodInput {
    SituationMethodInput { kind: "card".into(), card_expiry: expiry.into(), last4: "4242".into(), ..Default::default() }
}

/// The issue's case: today 1 April 2026, 3 Exchange accounts yearly with the anniversary on
/// 15 June 2026, an OVH account at 20.00 €, a card expiring 05/26 (the default).
fn worked_case(subsidiary: &str) -> SituationInput {
    SituationInput {
        subsidiary: subsidiary.into(),
        today: "2026-04-01".into(),
        platforms: vec![SituationPlatformInput::following("example.com", "2026-06-15", BillingMode::Yearly, 3)],
        balance: "20.00".into(),
        methods: vec![card("05/26")],
        ..SituationInput::default()
    }
}

fn parsed(input: &SituationInput) -> Situation {
    match input.parse() {
        Ok(s) => s,
        Err(e) => panic!("should parse: {e}"),
    }
}

fn errors(input: &SituationInput) -> SituationErrors {
    input.parse().expect_err("should be refused")
}

fn account(s: &State, local: &str) -> AccountId {
    s.platforms.iter().flat_map(|p| &p.accounts).find(|a| a.email.starts_with(&format!("{local}@"))).expect("account").id
}

// ---------- U1: the form ----------

#[test]
fn u1_the_worked_case_is_a_count_one_mode_and_one_date() {
    let s = parsed(&worked_case("FR"));
    assert_eq!((s.subsidiary(), s.today(), s.balance()), (Subsidiary::Fr, d(2026, 4, 1), eur(2000)));
    let p = &s.platforms()[0];
    assert_eq!((p.name(), p.domain(), p.anniversary()), ("example.com", "example.com", d(2026, 6, 15)));
    let locals: Vec<&str> = p.accounts().iter().map(|a| a.local_part().as_str()).collect();
    assert_eq!(locals, ["user1", "user2", "user3"]);
    for a in p.accounts() {
        assert_eq!((a.mode(), a.expiry(), a.follows_mode(), a.follows_expiry()), (BillingMode::Yearly, d(2026, 6, 15), true, true));
    }
    // P4: the only valid method is the default.
    assert_eq!(s.default_method(), Some(0));
    assert_eq!(s.method_labels(), ["Card ••••4242"]);
}

#[test]
fn u1_each_account_is_editable_after() {
    let mut input = worked_case("FR");
    let p = &mut input.platforms[0];
    p.accounts[1].local_part = "sales".into();
    p.accounts[1].mode = "monthly".into();
    p.accounts[2].expiry = "2026-05-10".into();
    p.accounts[2].pst_exported = true;
    let s = parsed(&input);
    let a = s.platforms()[0].accounts();
    assert_eq!((a[1].local_part().as_str(), a[1].mode(), a[1].follows_mode()), ("sales", BillingMode::Monthly, false));
    // A monthly account that follows the platform renews on the anniversary's day (R7).
    assert_eq!((a[1].expiry(), a[1].follows_expiry()), (d(2026, 4, 15), true));
    assert_eq!((a[2].expiry(), a[2].follows_expiry(), a[2].pst_exported()), (d(2026, 5, 10), false, true));
    // The count can change without touching the accounts kept.
    let mut more = input.clone();
    more.platforms[0].set_account_count(5);
    let locals: Vec<&str> = more.platforms[0].accounts.iter().map(|a| a.local_part.as_str()).collect();
    assert_eq!(locals, ["user1", "sales", "user3", "user2", "user4"]);
    more.platforms[0].set_account_count(2);
    assert_eq!(more.platforms[0].accounts, input.platforms[0].accounts[..2]);
}

#[test]
fn u1_one_typed_error_per_field_with_its_path() {
    let mut input = worked_case("FR");
    input.platforms[0].accounts[2].expiry = "2026-04-01".into();
    input.platforms[0].accounts[1].local_part = "USER1".into();
    input.platforms[0].accounts[0].mode = "weekly".into();
    input.balance = "100000.01".into();
    input.methods.push(SituationMethodInput { kind: "bank_account".into(), status: "pending".into(), ..Default::default() });
    input.default_method = Some(1);
    input.alert_threshold = "abc".into();
    let e = errors(&input);
    let shown: Vec<String> = e.0.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        shown,
        [
            "platforms[0].accounts[0].mode: UnknownMode",
            "platforms[0].accounts[1].local_part: DuplicateLocalPart",
            "platforms[0].accounts[2].expiry: ExpiryNotAfterToday",
            "balance: Amount(OverCap)",
            "default_method: DefaultPending",
            "alert_threshold: Amount(NotANumber)",
        ]
    );
    assert_eq!(e.of(SituationField::Balance).and_then(|e| e.rule()), Some(RuleId::C3));
    assert_eq!(e.of(SituationField::DefaultMethod).and_then(|e| e.rule()), Some(RuleId::P4));
}

#[test]
fn u1_dates_in_range_and_after_today() {
    let mut input = worked_case("FR");
    input.today = "2026-13-01".into();
    assert_eq!(errors(&input).of(SituationField::Today), Some(SituationError::BadDate));
    input.today = "1 April 2026".into();
    assert_eq!(errors(&input).of(SituationField::Today), Some(SituationError::BadDate));
    input.today = "2101-01-01".into();
    assert_eq!(errors(&input).of(SituationField::Today), Some(SituationError::DateOutOfRange { first: FIRST_DATE, last: LAST_DATE }));
    input.today = "".into();
    assert_eq!(errors(&input).of(SituationField::Today), Some(SituationError::Empty));
    let mut input = worked_case("FR");
    input.platforms[0].anniversary = "2026-04-01".into();
    assert_eq!(errors(&input).of(SituationField::PlatformAnniversary(0)), Some(SituationError::AnniversaryNotAfterToday));
    input.platforms[0].anniversary = "2027-04-02".into();
    assert_eq!(
        errors(&input).of(SituationField::PlatformAnniversary(0)),
        Some(SituationError::AnniversaryTooFar { latest: d(2027, 4, 1) })
    );
    // U1: an expiry of today has already renewed at 00:00 (T1); one day after is fine.
    let mut input = worked_case("FR");
    input.platforms[0].accounts[0].expiry = "2026-04-02".into();
    assert!(input.parse().is_ok());
    input.platforms[0].accounts[0].expiry = "2027-04-02".into();
    assert_eq!(
        errors(&input).of(SituationField::AccountExpiry(0, 0)),
        Some(SituationError::ExpiryTooFar { latest: d(2027, 4, 1) })
    );
}

#[test]
fn u1_p1_methods_for_the_subsidiary() {
    let mut input = worked_case("IT");
    input.methods = vec![SituationMethodInput { kind: "bank_account".into(), ..Default::default() }];
    assert_eq!(
        errors(&input).of(SituationField::MethodKind(0)),
        Some(SituationError::KindNotOffered { subsidiary: Subsidiary::It, kind: PaymentKind::BankAccount })
    );
    input.subsidiary = "fr".into();
    assert!(input.parse().is_ok(), "FR offers a bank account (P1)");
    let cases = [
        (SituationMethodInput { kind: "paypal".into(), status: "pending".into(), ..Default::default() }, SituationField::MethodStatus(0), SituationError::PendingNotBankAccount),
        (SituationMethodInput { kind: "card".into(), ..Default::default() }, SituationField::MethodCardExpiry(0), SituationError::Empty),
        (SituationMethodInput { kind: "card".into(), card_expiry: "13/26".into(), ..Default::default() }, SituationField::MethodCardExpiry(0), SituationError::CardExpiry(CardExpiryError::BadFormat)),
        (SituationMethodInput { kind: "paypal".into(), card_expiry: "05/26".into(), ..Default::default() }, SituationField::MethodCardExpiry(0), SituationError::CardExpiryNotForKind),
        (SituationMethodInput { kind: "card".into(), card_expiry: "05/26".into(), last4: "4242 4242 4242 4242".into(), ..Default::default() }, SituationField::MethodLast4(0), SituationError::BadLast4),
        (SituationMethodInput { kind: "cheque".into(), ..Default::default() }, SituationField::MethodKind(0), SituationError::UnknownKind),
        (SituationMethodInput { kind: "paypal".into(), status: "blocked".into(), ..Default::default() }, SituationField::MethodStatus(0), SituationError::UnknownStatus),
    ];
    for (method, field, error) in cases {
        let mut input = worked_case("FR");
        input.methods = vec![method];
        assert_eq!(errors(&input).of(field), Some(error), "{field}");
    }
    let mut input = worked_case("FR");
    input.default_method = Some(3);
    assert_eq!(errors(&input).of(SituationField::DefaultMethod), Some(SituationError::UnknownMethod));
}

#[test]
fn u1_platforms_accounts_and_the_balance() {
    let mut input = worked_case("FR");
    input.platforms.clear();
    assert_eq!(errors(&input).0, [FieldError { field: SituationField::Platforms, error: SituationError::NoPlatform }]);
    let mut input = worked_case("FR");
    input.platforms[0].accounts.clear();
    assert_eq!(errors(&input).of(SituationField::PlatformAccounts(0)), Some(SituationError::NoAccount));
    let mut input = worked_case("FR");
    input.platforms.push(input.platforms[0].clone());
    assert_eq!(errors(&input).of(SituationField::PlatformDomain(1)), Some(SituationError::DuplicateDomain));
    input.platforms[1].domain = "not a domain".into();
    assert_eq!(errors(&input).of(SituationField::PlatformDomain(1)), Some(SituationError::BadDomain));
    input.platforms[1].domain = "other.example".into();
    input.platforms[1].name = "Team".into();
    let s = parsed(&input);
    assert_eq!(s.platforms()[1].name(), "Team");
    let mut input = worked_case("FR");
    input.platforms[0].set_account_count(MAX_ACCOUNTS);
    input.platforms.push(SituationPlatformInput::following("b.example", "2026-06-15", BillingMode::Yearly, 1));
    assert_eq!(errors(&input).of(SituationField::Platforms), Some(SituationError::TooManyAccounts { max: MAX_ACCOUNTS }));
    for (text, balance) in [("", eur(0)), ("0", eur(0)), ("-0,00", eur(0)), ("12,5", eur(1250)), (" -7.25 ", eur(-725))] {
        let mut input = worked_case("FR");
        input.balance = text.into();
        input.debt_since = "2026-03-30".into();
        assert_eq!(parsed(&input).balance(), balance, "{text:?}");
    }
    for (text, error) in [("-", AmountError::NotANumber), ("--5", AmountError::NotANumber), ("1.234", AmountError::TooManyDecimals), ("-100000.01", AmountError::OverCap)] {
        let mut input = worked_case("FR");
        input.balance = text.into();
        input.debt_since = "2026-03-30".into();
        assert_eq!(errors(&input).of(SituationField::Balance), Some(SituationError::Amount(error)), "{text:?}");
    }
    // U3: a debt asks for the day it began, at most today.
    let mut input = worked_case("FR");
    input.balance = "-10".into();
    assert_eq!(errors(&input).of(SituationField::DebtSince), Some(SituationError::Empty));
    input.debt_since = "2026-04-02".into();
    assert_eq!(errors(&input).of(SituationField::DebtSince), Some(SituationError::DebtSinceAfterToday));
    input.debt_since = "2026-04-01".into();
    input.debt_platform = Some(1);
    assert_eq!(errors(&input).of(SituationField::DebtPlatform), Some(SituationError::UnknownPlatform));
}

#[test]
fn u1_situation_input_json_round_trip() {
    let mut input = worked_case("IT");
    input.platforms[0].accounts[1].mode = "none".into();
    input.platforms[0].accounts[2].expiry = "2026-05-31".into();
    input.balance = "-12.50".into();
    input.debt_since = "2026-03-20".into();
    input.methods.push(SituationMethodInput { kind: "paypal".into(), status: "declining".into(), ..Default::default() });
    input.alert_threshold = "15".into();
    let json = serde_json::to_string(&input).expect("serialise");
    let back: SituationInput = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, input);
    // The typed situation is saved as its form and parsed again on load: it comes back equal,
    // and its form gives it back too.
    let s = parsed(&input);
    let json = serde_json::to_string(&s).expect("serialise");
    let back: Situation = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, s);
    assert_eq!(parsed(&s.input()), s);
    // A file need not give every field: what is missing is empty, the version is the current one.
    let short = r#"{"subsidiary":"FR","today":"2026-04-01","platforms":[{"domain":"example.com","anniversary":"2026-06-15","mode":"yearly","accounts":[{"local_part":"a"}]}]}"#;
    let input: SituationInput = serde_json::from_str(short).expect("parse");
    assert_eq!(input.version, SITUATION_VERSION);
    assert_eq!(parsed(&input).platforms()[0].accounts()[0].expiry(), d(2026, 6, 15));
}

#[test]
fn u1_a_newer_version_is_refused_never_read_as_another() {
    let mut input = worked_case("FR");
    input.version = SITUATION_VERSION + 1;
    assert_eq!(
        errors(&input).0,
        [FieldError { field: SituationField::Version, error: SituationError::NewerVersion { found: SITUATION_VERSION + 1, supported: SITUATION_VERSION } }]
    );
    // In a save, the start cannot be read: the save is set aside, not changed.
    let sim = Simulator::new(Start::situation(parsed(&worked_case("FR"))));
    let json = serde_json::to_string(&sim.saved(0)).expect("serialise");
    let newer = json.replace(&format!("\"version\":{SITUATION_VERSION}"), &format!("\"version\":{}", SITUATION_VERSION + 1));
    assert_ne!(newer, json);
    assert!(serde_json::from_str::<SavedRun>(&newer).is_err());
    // A tampered save (an expiry of today) is refused the same way.
    let tampered = json.replace("\"today\":\"2026-04-01\"", "\"today\":\"2026-06-15\"");
    assert!(serde_json::from_str::<SavedRun>(&tampered).is_err());
}

// ---------- U2–U4: the start ----------

#[test]
fn u2_the_simulation_starts_that_day_logged_in_with_an_opening_balance() {
    let s = parsed(&worked_case("FR")).state();
    assert_eq!(s.today, d(2026, 4, 1));
    assert_eq!(s.customer.as_ref().map(|c| c.subsidiary), Some(Subsidiary::Fr));
    assert_eq!(s.account.movements.len(), 1);
    let m = &s.account.movements[0];
    assert_eq!((m.date, m.kind, m.credit, m.debit, m.balance_after), (d(2026, 4, 1), MovementKind::Opening, eur(2000), eur(0), eur(2000)));
    // A3 holds from the first day; nothing is dated after today.
    assert_eq!(s.check_invariants(), Ok(()));
    assert!(s.inbox.is_empty(), "no e-mail for what happened before the start");
    assert!(s.invoices.is_empty() && s.orders.is_empty());
    let emails: Vec<&str> = s.platforms[0].accounts.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(emails, ["user1@example.com", "user2@example.com", "user3@example.com"]);
    // R6: terminating now takes effect on the anniversary given.
    assert_eq!(s.plan_termination(s.platforms[0].id).map(|p| p.termination.effective_on), Ok(d(2026, 6, 15)));
    // A zero balance opens with a movement too.
    let mut zero = worked_case("FR");
    zero.balance = String::new();
    let s = parsed(&zero).state();
    assert_eq!(s.account.movements.iter().map(|m| (m.kind, m.balance_after)).collect::<Vec<_>>(), [(MovementKind::Opening, eur(0))]);
}

#[test]
fn u2_r7_renewal_dates_from_the_given_expiry() {
    let mut input = worked_case("FR");
    input.platforms[0].anniversary = "2027-01-31".into();
    input.platforms[0].accounts[0].mode = "monthly".into();
    input.platforms[0].accounts[1].expiry = "2026-06-15".into();
    let mut s = parsed(&input).state();
    let monthly = account(&s, "user1");
    let yearly = account(&s, "user2");
    let find = |s: &State, id: AccountId| s.platforms[0].accounts.iter().find(|a| a.id == id).map(|a| a.expiry);
    // A monthly account anchored on 31 January: 30 April, 31 May, 30 June (R7, month ends).
    assert_eq!(find(&s, monthly), Some(d(2026, 4, 30)));
    advance_to(&mut s, d(2026, 4, 30));
    assert_eq!(find(&s, monthly), Some(d(2026, 5, 31)));
    advance_to(&mut s, d(2026, 5, 31));
    assert_eq!(find(&s, monthly), Some(d(2026, 6, 30)));
    // A yearly account expiring 15 June 2026 renews 15 June 2026, then 15 June 2027.
    advance_to(&mut s, d(2026, 6, 15));
    assert_eq!(find(&s, yearly), Some(d(2027, 6, 15)));
    let renewed: Vec<_> = s.invoices.iter().filter(|i| i.lines.iter().any(|l| l.account == yearly)).map(|i| i.date).collect();
    assert_eq!(renewed, [d(2026, 6, 15)]);
    // A 29 February anniversary comes back in leap years (R6, R7).
    let mut leap = worked_case("FR");
    leap.today = "2027-06-01".into();
    leap.platforms[0].anniversary = "2028-02-29".into();
    leap.methods.clear();
    let s = parsed(&leap).state();
    assert_eq!(s.platforms[0].next_anniversary(d(2028, 3, 1)), d(2029, 2, 28));
    assert_eq!(s.platforms[0].next_anniversary(s.today), d(2028, 2, 29));
    assert_eq!(s.platforms[0].accounts[0].expiry, d(2028, 2, 29));
}

#[test]
fn u3_a_debt_is_one_unpaid_invoice_with_its_order_and_deadline() {
    let mut input = worked_case("FR");
    input.balance = "-35.94".into();
    input.debt_since = "2026-03-28".into();
    input.methods.clear();
    let s = parsed(&input).state();
    assert!(s.account.is_debtor());
    assert_eq!((s.account.debt_since, s.account.deadline()), (Some(d(2026, 3, 28)), Some(d(2026, 4, 4))));
    assert_eq!(s.invoices.len(), 1);
    let inv = &s.invoices[0];
    assert_eq!((inv.date, inv.total, inv.debited_to_account, inv.is_unpaid()), (d(2026, 3, 28), eur(3594), eur(3594), true));
    assert_eq!(inv.excl_vat + inv.vat, inv.total);
    assert_eq!(inv.excl_vat, eur(2995));
    assert_eq!(inv.lines.iter().map(|l| l.price).sum::<Decimal>(), inv.excl_vat);
    assert_eq!(inv.lines.len(), 3);
    let order = s.debt_order().and_then(|id| s.orders.iter().find(|o| o.id == id)).expect("debt order");
    assert_eq!((order.amount, order.purpose), (eur(3594), OrderPurpose::Debt));
    assert_eq!(s.account.movements[0].reference, inv.reference);
    assert!(s.inbox.is_empty());
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::Active), "the deadline has not passed");
    assert_eq!(s.check_invariants(), Ok(()));
    // D5 runs on: suspended on 5 April, then paid (D1.2), reactivated (D2).
    let mut s = s;
    let ev = advance_to(&mut s, d(2026, 4, 5));
    // The reminder is due on 2 April, after the start: it is sent then (D5).
    assert!(ev.iter().any(|e| e.date == d(2026, 4, 2) && matches!(e.kind, EventKind::ReminderSent { .. })));
    assert!(ev.iter().any(|e| matches!(&e.kind, EventKind::SuspendedUnpaid { accounts } if accounts.len() == 3)));
    let order = s.debt_order().expect("order");
    ok(&mut s, Action::PayOrder(order, Payer::BankTransfer));
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::Active));
    assert!(!s.account.is_debtor());
}

#[test]
fn u3_a_deadline_already_passed_suspends_the_platform_from_the_day_after() {
    let mut input = worked_case("FR");
    input.platforms.push(SituationPlatformInput::following("team.example", "2026-09-01", BillingMode::Monthly, 2));
    input.balance = "-10.00".into();
    input.debt_since = "2026-03-24".into();
    input.debt_platform = Some(1);
    let s = parsed(&input).state();
    // Deadline 31 March, suspended from 1 April (today): only the debt's platform.
    assert!(s.platforms[1].accounts.iter().all(|a| a.status == AccountStatus::SuspendedUnpaid));
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::Active));
    assert!(s.inbox.is_empty() && s.journal.iter().all(|e| !e.is_adverse()));
    assert_eq!(s.invoices[0].platform, s.platforms[1].id);
    // The day before, the deadline is today: nothing is suspended yet.
    input.debt_since = "2026-03-25".into();
    let s = parsed(&input).state();
    assert!(s.platforms[1].accounts.iter().all(|a| a.status == AccountStatus::Active));
    assert_eq!(s.next_event_date(), Some(d(2026, 4, 2)));
}

#[test]
fn u4_methods_expired_pending_and_declining() {
    let mut input = worked_case("FR");
    input.methods = vec![
        card("03/26"),
        SituationMethodInput { kind: "bank_account".into(), status: "pending".into(), last4: "0189".into(), ..Default::default() },
        SituationMethodInput { kind: "paypal".into(), status: "declining".into(), ..Default::default() },
    ];
    let situation = parsed(&input);
    // P4: the first valid method is the default (the card has expired, the bank account waits).
    assert_eq!(situation.default_method(), Some(2));
    let mut s = situation.state();
    let status: Vec<_> = s.methods.iter().map(|m| (m.label.as_str(), m.status, m.is_default, m.decline_next)).collect();
    assert_eq!(
        status,
        [
            ("Card ••••4242", MethodStatus::Expired, false, false),
            ("IBAN ••••0189", MethodStatus::PendingValidation, false, false),
            ("PayPal", MethodStatus::Valid, true, true),
        ]
    );
    assert_eq!(s.methods[1].validates_on, Some(d(2026, 4, 3)));
    let ev = advance_to(&mut s, d(2026, 4, 3));
    assert!(ev.iter().any(|e| matches!(&e.kind, EventKind::MethodValidated { label, .. } if label == "IBAN ••••0189")));
    // The declining PayPal declines the 15 June charge (P6): 159.64 left as a debt.
    let ev = advance_to(&mut s, d(2026, 6, 15));
    assert!(ev.iter().any(|e| matches!(&e.kind, EventKind::PaymentDeclined { label, amount } if label == "PayPal" && *amount == eur(15964))));
    assert_eq!(s.account.balance, eur(-15964));
    // A card of this month is still valid (U4: its month is not before today's).
    let mut input = worked_case("FR");
    input.methods = vec![card("04/26")];
    let s = parsed(&input).state();
    assert_eq!(s.methods[0].status, MethodStatus::Valid);
}

#[test]
fn t3_a_situation_start_is_saved_whole_and_replayed() {
    let start = Start::situation(parsed(&worked_case("IT")));
    assert_eq!(start.slug(), "situation");
    let mut sim = Simulator::new(start.clone());
    sim.apply(Action::Advance(Advance::NextEvent)).expect("advance");
    sim.snapshot("June".into()).expect("within B4");
    sim.apply(Action::Advance(Advance::Days(30))).expect("advance");
    let json = serde_json::to_string(&sim.saved(0)).expect("serialise");
    assert!(json.contains("\"anniversary\":\"2026-06-15\""), "the situation is carried in full");
    let run: SavedRun = serde_json::from_str(&json).expect("parse");
    assert_eq!(run.start, start);
    assert_eq!(Simulator::from_saved(&run).expect("replays"), sim);
    assert_eq!(start.state(), parsed(&worked_case("IT")).state(), "T3: built the same way every time");
}

// ---------- F1: the worked case ----------

fn worked_forecast(subsidiary: &str) -> Forecast {
    forecast(&parsed(&worked_case(subsidiary)).state(), Horizon::Months3)
}

fn check_worked_case(f: &Forecast, vat: i64, total: i64, debt: i64) {
    assert_eq!((f.from, f.until), (d(2026, 4, 1), d(2026, 7, 1)));
    let rows: Vec<&ForecastInvoice> = f.invoices().collect();
    assert_eq!(rows.len(), 1);
    let row = rows[0];
    assert_eq!(row.date, d(2026, 6, 15));
    assert_eq!(row.lines.len(), 3);
    assert_eq!(row.lines.iter().map(|l| l.price).collect::<Vec<_>>(), [eur(4990); 3]);
    // 3 × 49.90 = 149.70 excl. VAT; the VAT and the total, hand-computed.
    assert_eq!((row.excl_vat.amount, row.vat.amount, row.total.amount), (eur(14970), eur(vat), eur(total)));
    assert_eq!(row.vat.rules, [RuleId::M2]);
    assert_eq!(row.from_balance, Some(Figure { amount: eur(2000), rules: vec![RuleId::S2] }));
    assert_eq!(row.charged, None);
    assert_eq!(row.debt, Some(Figure { amount: eur(debt), rules: vec![RuleId::S5] }));
    assert!(!row.paid);
    assert_eq!(row.balance_after, eur(-debt));
    assert_eq!(row.rules, [RuleId::R1, RuleId::R7, RuleId::S1, RuleId::M2]);
    // The card expires at 00:00 on 1 June (P6), before the invoice.
    let events: Vec<(NaiveDate, &EventKind)> = f.events().map(|e| (e.date, &e.kind)).collect();
    assert!(matches!(events[0], (day, EventKind::MethodExpired { label, .. }) if day == d(2026, 6, 1) && label == "Card ••••4242"));
    assert!(events.iter().any(|(day, k)| *day == d(2026, 6, 15) && matches!(k, EventKind::DebtorStarted { deadline, .. } if *deadline == d(2026, 6, 22))));
    assert!(events.iter().any(|(day, k)| *day == d(2026, 6, 20) && matches!(k, EventKind::ReminderSent { .. })));
    assert!(events.iter().any(|(day, k)| *day == d(2026, 6, 23) && matches!(k, EventKind::SuspendedUnpaid { accounts } if accounts.len() == 3)));
    // The warnings: the card, then the debt's deadline and suspension, then the data.
    assert_eq!(
        f.warnings[0],
        Warning::CardExpiresBeforeInvoice {
            method: MethodId(1),
            label: "Card ••••4242".into(),
            last_valid_day: d(2026, 5, 31),
            invoice_date: d(2026, 6, 15),
            reference: row.reference.clone(),
            debt: eur(debt),
        }
    );
    assert!(matches!(
        &f.warnings[1],
        Warning::InvoiceBecomesDebt { invoice_date, debt: dd, reason: DebtReason::CardExpired { .. }, deadline, suspension_day, .. }
            if *invoice_date == d(2026, 6, 15) && *dd == eur(debt) && *deadline == d(2026, 6, 22) && *suspension_day == d(2026, 6, 23)
    ));
    assert!(matches!(&f.warnings[2], Warning::DataLost { date, cause: SuspensionCause::Unpaid, accounts } if *date == d(2026, 6, 23) && accounts.len() == 3));
    assert_eq!(f.warnings.len(), 3);
    assert_eq!(f.debt_days, 17, "in debt from 15 June to 1 July");
    assert_eq!(f.totals, [ForecastTotals { from: f.from, until: f.until, invoiced: eur(total), from_balance: eur(2000), charged: eur(0), left_as_debt: eur(debt) }]);
}

#[test]
fn f1_worked_case_fr() {
    check_worked_case(&worked_forecast("FR"), 2994, 17964, 15964);
}

#[test]
fn f1_worked_case_it() {
    check_worked_case(&worked_forecast("IT"), 3293, 18263, 16263);
}

#[test]
fn f1_worked_case_safe_days() {
    let s = parsed(&worked_case("FR")).state();
    let safe = last_safe_days(&s);
    // F2: the year ahead's screen reads them off the 12-month forecast it already has.
    assert_eq!(last_safe_days_from(&s, &forecast(&s, Horizon::Months12)), safe);
    let kinds: Vec<(NaiveDate, &str)> = safe
        .iter()
        .map(|sd| {
            let kind = match sd.decision {
                Decision::PaymentMethod { .. } => "payment method",
                Decision::ChangeMode { .. } => "mode",
                Decision::PayDebt { .. } => "pay",
                Decision::ExportPst { .. } => "export",
                Decision::CancelTermination { .. } => "cancel",
            };
            (sd.last_day, kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (d(2026, 6, 14), "payment method"),
            (d(2026, 6, 14), "mode"),
            (d(2026, 6, 22), "pay"),
            (d(2026, 6, 22), "export"),
            (d(2026, 6, 22), "export"),
            (d(2026, 6, 22), "export"),
        ]
    );
}

#[test]
fn f1_the_forecast_is_the_clock() {
    let mut input = worked_case("FR");
    input.platforms.push(SituationPlatformInput::following("team.example", "2026-09-30", BillingMode::Monthly, 2));
    input.methods.push(SituationMethodInput { kind: "bank_account".into(), status: "pending".into(), ..Default::default() });
    let s = parsed(&input).state();
    let f = forecast(&s, Horizon::Months24);
    let mut real = s.clone();
    advance_to(&mut real, f.until);
    let real_invoices: Vec<_> = real.invoices.iter().map(|i| (i.date, i.reference.clone(), i.total, i.covered_by_balance, i.debited_to_account)).collect();
    let rows: Vec<_> = f.invoices().map(|i| (i.date, i.reference.clone(), i.total.amount, i.from_balance_amount(), i.debt_amount())).collect();
    assert_eq!(rows, real_invoices);
    assert_eq!(f.balance_at_end, real.account.balance);
    assert_eq!(f.totals.len(), 2);
    assert_eq!(f.totals.iter().map(|t| t.invoiced).sum::<Decimal>(), f.total().invoiced);
    // The bank account validates on 3 April (P7) but the card stays the default (P4): the
    // 30 April invoice (11.98) is paid from the balance (S3), the rest of the 30 May one is
    // charged to the card (S4), the June ones are debts.
    assert!(f.events().any(|e| e.date == d(2026, 4, 3) && matches!(e.kind, EventKind::MethodValidated { .. })));
    let charged: Vec<NaiveDate> = f.invoices().filter(|i| i.charged.is_some()).map(|i| i.date).collect();
    assert_eq!(charged, [d(2026, 5, 30)]);
    assert_eq!(f.invoices().next().map(|i| (i.date, i.from_balance_amount(), i.paid)), Some((d(2026, 4, 30), eur(1198), true)));
    assert!(f.invoices().all(|i| i.charged.as_ref().is_none_or(|c| c.method == MethodId(1) && c.label == "Card ••••4242")));
    let reasons: Vec<_> = f.warnings.iter().filter_map(|w| match w {
        Warning::InvoiceBecomesDebt { invoice_date, reason, .. } => Some((*invoice_date, reason.clone())),
        _ => None,
    }).collect();
    assert_eq!(reasons.first().map(|r| r.0), Some(d(2026, 6, 15)));
    assert!(reasons.iter().all(|r| matches!(r.1, DebtReason::CardExpired { .. })));
}

#[test]
fn f1_horizons_and_the_date_cap() {
    assert_eq!(Horizon::Months12.end(d(2026, 1, 31)), d(2027, 1, 31));
    assert_eq!(Horizon::Months3.end(d(2026, 11, 30)), d(2027, 2, 28));
    assert_eq!(Horizon::Months24.end(d(2100, 6, 1)), LAST_DATE);
    let mut input = worked_case("FR");
    input.today = "2100-12-01".into();
    input.platforms[0].anniversary = "2100-12-15".into();
    input.methods.clear();
    let f = forecast(&parsed(&input).state(), Horizon::Months24);
    assert_eq!(f.until, LAST_DATE);
    assert_eq!(f.invoices().count(), 1);
}

// ---------- comparing two choices ----------

#[test]
fn f1_compare_switch_to_monthly_and_add_a_card() {
    let s = parsed(&worked_case("FR")).state();
    let new_card = MethodInput::Card {
        number: CardNumber::parse("5555 5555 5555 4444").expect("card"),
        expiry: CardExpiry::parse("12/30").expect("expiry"),
    };
    let alternatives = [
        Alternative::AddMethod(new_card),
        Alternative::SetMode { scope: AccountScope::All, mode: BillingMode::Monthly },
        Alternative::SetMode { scope: AccountScope::One(account(&s, "user2")), mode: BillingMode::Monthly },
        Alternative::Credit(Amount::parse("200").expect("amount")),
        Alternative::SetNone(account(&s, "user3")),
        Alternative::Terminate(s.platforms[0].id),
    ];
    for alternative in &alternatives {
        let c = compare(&s, alternative, Horizon::Months12).expect("allowed");
        assert_eq!(c.without, forecast(&s, Horizon::Months12));
        // The same actions by hand, then the forecast: the "with" column.
        let mut by_hand = s.clone();
        for a in &c.actions {
            ok(&mut by_hand, a.clone());
        }
        assert_eq!(c.with, forecast(&by_hand, Horizon::Months12), "{alternative:?}");
        assert_eq!(c.actions, alternative.actions(&s).expect("allowed"));
    }
    // Adding a card: it becomes the default (P4, as the user would choose), every invoice is
    // paid, no debt, no suspension, no data lost.
    let c = compare(&s, &alternatives[0], Horizon::Months12).expect("allowed");
    assert_eq!(c.actions.len(), 2);
    let (without, with) = (c.without.outlook(), c.with.outlook());
    assert_eq!((without.left_as_debt, without.debt_days, without.suspensions), (eur(15964), 291, 3));
    assert_eq!(without.data_lost_on, Some(d(2026, 6, 23)));
    assert_eq!((with.left_as_debt, with.debt_days, with.suspensions, with.data_lost_on), (eur(0), 0, 0, None));
    assert_eq!(with.paid, eur(17964));
    // Crediting 200.00 pays the June invoice from the balance (S2, S3).
    let c = compare(&s, &alternatives[3], Horizon::Months12).expect("allowed");
    assert_eq!(c.with.outlook().left_as_debt, eur(0));
    assert_eq!(c.with.invoices().next().map(|i| i.from_balance_amount()), Some(eur(17964)));
    // Terminating: the platform ends on 15 June with no invoice (R6), its data lost then.
    let c = compare(&s, &alternatives[5], Horizon::Months12).expect("allowed");
    assert_eq!(c.with.invoices().count(), 0);
    assert_eq!(c.with.outlook().data_lost_on, Some(d(2026, 6, 15)));
}

#[test]
fn f1_compare_refuses_what_the_engine_refuses() {
    let mut input = worked_case("FR");
    input.balance = "-5".into();
    input.debt_since = "2026-03-31".into();
    let s = parsed(&input).state();
    // R6: no termination while in debt; C2 is the engine's too.
    assert_eq!(Alternative::Terminate(s.platforms[0].id).actions(&s), Err(Refusal::TerminateWhileDebtor { debt: eur(500) }));
    assert!(compare(&s, &Alternative::SetMode { scope: AccountScope::All, mode: BillingMode::Yearly }, Horizon::Months3).is_err());
    let before = s.clone();
    let _ = compare(&s, &Alternative::Credit(Amount::parse("10").expect("amount")), Horizon::Months3);
    assert_eq!(s, before);
}

// ---------- F2: last safe days ----------

#[test]
fn f2_r3_r6_the_day_before() {
    let mut input = worked_case("FR");
    input.methods = vec![card("12/30")];
    let mut s = parsed(&input).state();
    let platform = s.platforms[0].id;
    ok(&mut s, Action::Terminate(platform));
    let safe = last_safe_days(&s);
    // R6: cancellable until 14 June; R3 has nothing to renew once the platform ends on 15 June.
    assert!(safe.iter().all(|sd| !matches!(sd.decision, Decision::ChangeMode { .. })));
    let cancel = safe.iter().find(|sd| matches!(sd.decision, Decision::CancelTermination { .. })).expect("cancel");
    assert_eq!(cancel.last_day, d(2026, 6, 14));
    assert_eq!(cancel.rules, [RuleId::R6]);
    // R5, R6: each account to export by 14 June.
    let exports: Vec<_> = safe.iter().filter(|sd| matches!(sd.decision, Decision::ExportPst { cause: SuspensionCause::Terminated, .. })).map(|sd| sd.last_day).collect();
    assert_eq!(exports, [d(2026, 6, 14); 3]);
    // An export removes it from the list.
    let user1 = account(&s, "user1");
    ok(&mut s, Action::ExportPst(user1));
    assert_eq!(last_safe_days(&s).iter().filter(|sd| matches!(sd.decision, Decision::ExportPst { .. })).count(), 2);
    // R3 on a paid-up state: change by 14 June for the 15 June renewal, else from 15 June 2027.
    let s = parsed(&input).state();
    let mode = last_safe_days(&s).into_iter().find(|sd| matches!(sd.decision, Decision::ChangeMode { .. })).expect("mode");
    assert_eq!(mode.last_day, d(2026, 6, 14));
    assert!(matches!(mode.decision, Decision::ChangeMode { renewal, renewal_after: Some(after), ref accounts, .. } if renewal == d(2026, 6, 15) && after == d(2027, 6, 15) && accounts.len() == 3));
}

#[test]
fn f2_r5_d4_d5_none_accounts_and_debts() {
    let mut input = worked_case("FR");
    input.platforms[0].accounts[0].mode = "none".into();
    input.balance = "-20".into();
    input.debt_since = "2026-03-30".into();
    let s = parsed(&input).state();
    let safe = last_safe_days(&s);
    // D4: today's debt is payable until 6 April; else suspended on 7 April (D5) and, without an
    // export, each account's data is out of reach from then (R5, D5).
    let pay = safe.iter().find(|sd| matches!(sd.decision, Decision::PayDebt { current: true, .. })).expect("pay");
    assert_eq!(pay.last_day, d(2026, 4, 6));
    let exports: Vec<_> = safe.iter().filter_map(|sd| match &sd.decision {
        Decision::ExportPst { email, cause, .. } => Some((sd.last_day, email.as_str(), *cause)),
        _ => None,
    }).collect();
    assert_eq!(exports.len(), 3);
    assert!(exports.iter().all(|(day, _, cause)| *day == d(2026, 4, 6) && *cause == SuspensionCause::Unpaid));
    // R3, R5: the None account can be switched back until 14 June.
    let none = safe.iter().find(|sd| matches!(sd.decision, Decision::ChangeMode { mode: BillingMode::None, .. })).expect("none");
    assert_eq!((none.last_day, none.rules.clone()), (d(2026, 6, 14), vec![RuleId::R3, RuleId::R5]));
    // Once paid (D1.2): no more debt decision today.
    let mut paid = s.clone();
    let order = paid.debt_order().expect("order");
    ok(&mut paid, Action::PayOrder(order, Payer::BankTransfer));
    assert!(!last_safe_days(&paid).iter().any(|sd| matches!(sd.decision, Decision::PayDebt { current: true, .. })));
    // The exported None account: suspended on expiry (R5) without losing anything.
    let mut exported = paid.clone();
    let user1 = account(&exported, "user1");
    ok(&mut exported, Action::ExportPst(user1));
    let f = forecast(&exported, Horizon::Months3);
    assert!(f.suspensions.iter().any(|s| s.cause == SuspensionCause::Expiry && s.not_exported.is_empty()));
}

#[test]
fn f2_s4_a_pending_bank_account_after_the_invoice() {
    let mut input = worked_case("FR");
    input.today = "2026-06-14".into();
    input.methods = vec![SituationMethodInput { kind: "bank_account".into(), status: "pending".into(), ..Default::default() }];
    let s = parsed(&input).state();
    let safe = last_safe_days(&s);
    let pm = safe.iter().find(|sd| matches!(sd.decision, Decision::PaymentMethod { .. })).expect("payment method");
    assert_eq!(pm.last_day, d(2026, 6, 14), "today is the last day");
    assert!(matches!(&pm.decision, Decision::PaymentMethod { reason: DebtReason::MethodPending { validates_on, .. }, debt, .. } if *validates_on == d(2026, 6, 16) && *debt == eur(15964)));
    assert_eq!(pm.rules, [RuleId::S4, RuleId::S5, RuleId::P7]);
    // P7, D1.1: the bank account validates on 16 June and pays the debt at once: no suspension.
    let f = forecast(&s, Horizon::Months3);
    assert!(f.events().any(|e| e.date == d(2026, 6, 16) && matches!(e.kind, EventKind::DebtSettled)));
    assert!(f.suspensions.is_empty());
    assert_eq!(f.debt_days, 1);
}

/// U1 and B2/B3/B5/B6: a situation can never ask for more than a run may (docs/rules.md, "Bounds").
#[test]
fn u1_a_situation_stays_within_the_bounds_of_a_run() {
    assert_eq!(LAST_DATE, hes_domain::bounds::last_day());
}
