#![cfg(not(target_arch = "wasm32"))]
//! Scenario files in the domain (`hes_domain::scenario_file`): every action named and resolved
//! back, every kind of expectation checked, the typed parse of small values. The JSON side (the
//! built-in files, type errors, links, fuzzing) is the app crate's `tests/scenario_file.rs`.

use chrono::NaiveDate;
use hes_domain::scenario::Start;
use hes_domain::scenario_file::raw::{RawAction, RawScenario};
use hes_domain::scenario_file::*;
use hes_domain::*;
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn texts(en: &str) -> Texts {
    Texts::new(en, None, None).unwrap()
}

fn nic() -> NicHandle {
    NicHandle::parse("ab12345-ovh").unwrap()
}

/// A run that takes every kind of action once at least, from the demo; returns its log.
fn every_action() -> (State, Vec<Action>) {
    let start = Start::Demo.state();
    let mut s = start.clone();
    let mut log = Vec::new();
    let mut act = |s: &mut State, a: Action| {
        s.apply(a.clone()).unwrap_or_else(|r| panic!("{a:?}: {r:?}"));
        log.push(a);
    };
    act(&mut s, Action::SetPrices { monthly: Amount::parse("4.99").unwrap(), yearly: Amount::parse("49.90").unwrap() });
    act(&mut s, Action::LogIn { nic: nic(), subsidiary: Subsidiary::Fr });
    act(&mut s, Action::AddMethod(MethodInput::Card { number: CardNumber::parse("4242 4242 4242 4242").unwrap(), expiry: CardExpiry::new(2030, 6).unwrap() }));
    act(&mut s, Action::AddMethod(MethodInput::BankAccount { iban: Iban::parse("FR76 3000 6000 0112 3456 7890 189").unwrap() }));
    act(&mut s, Action::AddMethod(MethodInput::Paypal { email: PaypalEmail::parse("someone@example.com").unwrap() }));
    act(&mut s, Action::SetDefaultMethod(MethodId(3)));
    act(&mut s, Action::RemoveMethod(MethodId(1)));
    act(&mut s, Action::SetDeclineNext(MethodId(3), true));
    act(&mut s, Action::SetDeclineNext(MethodId(3), false));
    act(&mut s, Action::Credit(Amount::parse("15").unwrap()));
    let order = s.orders.last().unwrap().id;
    act(&mut s, Action::CancelOrder(order));
    act(&mut s, Action::Credit(Amount::parse("12.50").unwrap()));
    let order = s.orders.last().unwrap().id;
    act(&mut s, Action::PayOrder(order, Payer::Method(MethodId(3))));
    act(&mut s, Action::SetAlertThreshold(Some(Amount::parse("30").unwrap())));
    act(&mut s, Action::SetAlertThreshold(None));
    let p = s.platforms[0].id;
    act(&mut s, Action::AddAccount { platform: p, email_local_part: LocalPart::parse("new.one").unwrap(), mode: BillingMode::Yearly });
    let contact = s.platforms[0].accounts[0].id;
    let sales = s.platforms[0].accounts[1].id;
    act(&mut s, Action::SetMode { accounts: vec![contact, sales], mode: BillingMode::Yearly });
    act(&mut s, Action::ExportPst(contact));
    act(&mut s, Action::Terminate(p));
    act(&mut s, Action::CancelTermination(p));
    act(&mut s, Action::Advance(Advance::Days(3)));
    act(&mut s, Action::Advance(Advance::NextEvent));
    let first_mail = s.inbox[0].id;
    act(&mut s, Action::MarkEmailRead(first_mail));
    act(&mut s, Action::RemoveMethod(MethodId(2)));
    act(&mut s, Action::SetSubsidiary(Subsidiary::It));
    act(&mut s, Action::LogOut);
    act(&mut s, Action::Advance(Advance::Days(0)));
    (start, log)
}

fn recording(setup: usize) -> Recording {
    let (_, log) = every_action();
    Recording {
        title: Texts::new("Everything", Some("Tout"), Some("Tutto")).unwrap(),
        summary: texts("Every action once."),
        start: ScenarioStart::Demo(DemoStart::default()),
        setup: log[..setup].to_vec(),
        beats: log[setup..]
            .iter()
            .enumerate()
            .map(|(i, a)| RecordedBeat { action: a.clone(), caption: texts(&format!("Beat {i}.")), pause: i % 3 == 0 })
            .collect(),
        expect: Vec::new(),
    }
}

/// Every action the engine takes is named by the recorder, written, read back (through JSON)
/// and resolved into the very same action in the very same state.
#[test]
fn t3_every_action_is_named_written_and_read_back_to_itself() {
    for setup in [0, 2, 10] {
        let rec = recording(setup);
        let scenario = record(&rec).unwrap();
        let text = serde_json::to_string_pretty(&scenario.to_raw()).unwrap();
        let raw: RawScenario = serde_json::from_str(&text).unwrap();
        assert_eq!(Scenario::from_raw(&raw).unwrap(), scenario);
        let (mut state, actions) = scenario.setup_actions().unwrap();
        assert_eq!(actions, rec.setup);
        for (i, beat) in rec.beats.iter().enumerate() {
            let a = scenario.beat_action(i, &state).unwrap().unwrap();
            assert_eq!(a, beat.action, "beat {i}");
            state.apply(a).unwrap();
        }
        assert_eq!(scenario.play().unwrap().state, state);
    }
}

/// P5: a recorded file holds the masked payment details only; they read back as they were.
#[test]
fn p5_a_recorded_file_holds_masked_payment_details_only() {
    let text = serde_json::to_string(&record(&recording(0)).unwrap().to_raw()).unwrap();
    assert!(text.contains("Visa ••••4242") && text.contains("FR76 •••• 0189") && text.contains("s•••@example.com"), "{text}");
    assert!(!text.contains("4242 4242") && !text.contains("someone@") && !text.contains("3000 6000"));
    // A day moved to is written as that day.
    assert!(text.contains(r#""do":"advance_to","date":"2026-03-11""#), "{text}");
}

#[test]
fn every_argument_key_belongs_to_an_action() {
    let keys: Vec<&str> = RawAction::default().given().iter().map(|(k, _)| *k).collect();
    for key in &keys {
        assert!(ACTIONS.iter().any(|a| action_arguments(a).contains(key)), "{key} is no action's");
    }
    for a in ACTIONS {
        for arg in action_arguments(a) {
            assert!(keys.contains(arg), "{a}: {arg} is not a key of the file");
        }
    }
}

/// Names resolve against the state they are played in: nothing there, no action.
#[test]
fn a_name_that_names_nothing_resolves_to_no_action() {
    let s = Start::Demo.state();
    let account = |a: &str| ScenarioAction::ExportPst(AccountRef::parse(a).unwrap());
    assert!(account("contact").resolve(&s).is_ok());
    assert!(account("CONTACT@demo-exchange.example").resolve(&s).is_ok(), "addresses ignore case");
    assert_eq!(account("contact@other.example").resolve(&s), Err(Problem::NoTarget));
    assert_eq!(ScenarioAction::PayDebtOrder { method: None }.resolve(&s), Err(Problem::NoTarget), "no debt, no order to pay");
    assert_eq!(ScenarioAction::AdvanceTo(d(2026, 3, 7)).resolve(&s), Err(Problem::BeforeToday { today: d(2026, 3, 8) }));
    assert_eq!(ScenarioAction::AdvanceTo(d(2026, 3, 8)).resolve(&s), Ok(Action::Advance(Advance::Days(0))));
    assert_eq!(ScenarioAction::AdvanceDays(36_525).resolve(&s), Err(Problem::PastLastDay { last: last_day() }));
    assert_eq!(AccountRef::parse("a@b@c"), Err(Problem::BadName));
    assert_eq!(AccountRef::parse(""), Err(Problem::Empty));
}

fn expect(expected: Expected) -> Expectation {
    Expectation { after: 0, expected }
}

/// Each kind of expectation, against the worked example's debt on 10 March (G4's start).
#[test]
fn every_kind_of_expectation_is_checked_with_both_values() {
    let s = Start::Section(GuideSection::G4, Subsidiary::Fr).state();
    let contact = || AccountRef::parse("contact").unwrap();
    let reference = |r: &str| Reference::parse(r).unwrap();
    let cases = [
        (Expected::Balance(Decimal::new(-698, 2)), true, Observed::Money(Decimal::new(-698, 2))),
        (Expected::Balance(Decimal::new(-5, 0)), false, Observed::Money(Decimal::new(-698, 2))),
        (Expected::Today(d(2026, 3, 10)), true, Observed::Date(d(2026, 3, 10))),
        (Expected::Invoice { invoice: reference("FR0000001"), status: InvoiceState::Unpaid }, true, Observed::Invoice(InvoiceState::Unpaid)),
        (Expected::Invoice { invoice: reference("FR0000000"), status: InvoiceState::Unpaid }, false, Observed::Invoice(InvoiceState::Paid)),
        (Expected::Invoice { invoice: reference("FR0000009"), status: InvoiceState::Paid }, false, Observed::Missing),
        (Expected::AccountStatus { account: contact(), status: AccountStatus::Active }, true, Observed::Account(AccountStatus::Active)),
        (Expected::AccountStatus { account: AccountRef::parse("nobody").unwrap(), status: AccountStatus::Active }, false, Observed::Missing),
        (Expected::AccountMode { account: contact(), mode: BillingMode::Yearly }, false, Observed::Mode(BillingMode::Monthly)),
        (Expected::AccountExpiry { account: contact(), on: d(2026, 4, 10) }, true, Observed::Date(d(2026, 4, 10))),
        (Expected::Platform { platform: reference("hosted-demo-1"), status: PlatformState::Active }, true, Observed::Platform(PlatformState::Active)),
        (Expected::Platform { platform: reference("hosted-demo-2"), status: PlatformState::Active }, false, Observed::Missing),
        (Expected::Emails { kind: MailKind::AccountDebtor, count: None }, true, Observed::Count(1)),
        (Expected::Emails { kind: MailKind::AccountDebtor, count: Some(2) }, false, Observed::Count(1)),
        (Expected::Emails { kind: MailKind::DebtReminder, count: None }, false, Observed::Count(0)),
        (Expected::Emails { kind: MailKind::DebtReminder, count: Some(0) }, true, Observed::Count(0)),
    ];
    for (expected, ok, actual) in cases {
        let check = expect(expected.clone()).check(&s);
        assert_eq!((check.ok, &check.actual), (ok, &actual), "{expected:?}");
    }
    assert_eq!(expect(Expected::Emails { kind: MailKind::AccountDebtor, count: None }).check(&s).expected, Observed::AtLeastOne);
}

/// R6: a platform whose termination is scheduled is "terminating" until its anniversary.
#[test]
fn r6_a_platform_being_terminated_is_terminating() {
    let mut s = Start::Section(GuideSection::G7, Subsidiary::Fr).state();
    let p = s.platforms[0].id;
    s.apply(Action::Terminate(p)).unwrap();
    let e = expect(Expected::Platform { platform: Reference::parse("hosted-demo-1").unwrap(), status: PlatformState::Terminating });
    assert!(e.check(&s).ok);
}

/// "Add a check here": the current balance, an invoice's status, an account's status, each
/// passing on the state it was taken from.
#[test]
fn a_check_added_here_passes_here() {
    let s = Start::Section(GuideSection::G4, Subsidiary::Fr).state();
    let checks = [
        Some(Expectation::of_balance(2, &s)),
        Expectation::of_invoice(2, &s, s.invoices.last().unwrap().id),
        Expectation::of_account(2, &s, s.platforms[0].accounts[1].id),
    ];
    for e in checks {
        let e = e.unwrap();
        assert_eq!(e.after, 2);
        assert!(e.check(&s).ok, "{e:?}");
    }
    assert_eq!(Expectation::of_invoice(0, &s, InvoiceId(42)), None);
    assert_eq!(Expectation::of_account(0, &s, AccountId(42)), None);
}

#[test]
fn a_text_falls_back_to_english_and_says_so() {
    let t = Texts::new(" Hello ", Some("Bonjour"), None).unwrap();
    assert_eq!(t.get(Language::Fr), Localised { text: "Bonjour", fell_back: false });
    assert_eq!(t.get(Language::It), Localised { text: "Hello", fell_back: true });
    assert_eq!(t.own(Language::It), None);
    assert_eq!(Texts::new("", None, None), Err((Language::En, Problem::Empty)));
    assert_eq!(Texts::new("a", None, Some("b\u{7}")), Err((Language::It, Problem::ControlCharacter)));
    assert!(Texts::new("two\nlines", None, None).is_ok());
    assert_eq!(Texts::new("a", Some(&"x".repeat(MAX_TEXT + 1)), None), Err((Language::Fr, Problem::TooLong { max: MAX_TEXT })));
}

#[test]
fn a_path_is_written_as_in_the_file() {
    let p = FieldPath::root().key("beats").at(3).key("action").key("amount");
    assert_eq!(p.to_string(), "beats[3].action.amount");
    assert_eq!(p.last_key(), Some("amount"));
    assert_eq!(FieldPath::root().to_string(), "");
    assert!(FieldPath::root().is_root());
    let e = ScenarioError::new(p, Problem::Missing);
    assert_eq!(e.to_string(), "beats[3].action.amount: Missing");
}

/// The demo with other figures is the demo, its balance and its added platforms aside; the
/// plain demo is `Start::Demo`'s very state.
#[test]
fn the_demo_with_other_figures() {
    assert_eq!(ScenarioStart::Demo(DemoStart::default()).state(), Start::Demo.state());
    for (g, section) in GuideSection::WALKTHROUGH.iter().enumerate() {
        assert_eq!(ScenarioStart::Section(*section).state(), Start::Section(*section, Subsidiary::Fr).state(), "g{}", g + 1);
    }
    let demo = DemoStart {
        subsidiary: Subsidiary::It,
        balance: Decimal::new(2000, 2),
        platforms: vec![PlatformSeed {
            name: "hosted-it-2".into(),
            domain: "esempio.example".into(),
            started: d(2024, 5, 31),
            accounts: vec![AccountSeed { local_part: LocalPart::parse("info").unwrap(), mode: BillingMode::Yearly }],
        }],
    };
    let s = ScenarioStart::Demo(demo).state();
    assert_eq!(s.subsidiary, Subsidiary::It);
    assert_eq!(s.account.balance, Decimal::new(2000, 2));
    assert!(s.check_invariants().is_ok(), "the credit explains the balance (A3)");
    let info = &s.platforms[1].accounts[0];
    assert_eq!((info.email.as_str(), info.expiry), ("info@esempio.example", d(2026, 5, 31)));
}
