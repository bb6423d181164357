#![cfg(not(target_arch = "wasm32"))]
//! Scenario files (docs/scenario-format.md, `storage::scenario_file`): the seven built-in files
//! play exactly as the Rust scripts they stand for and pass their own expectations; a bad file
//! is refused with the path and the reason; whatever the recorder writes parses back to the
//! same scenario; a link carries a whole file; random and mutated files never panic.

mod common;

use std::collections::BTreeMap;

use common::any_start;

use hosted_exchange_sim::domain::scenario::{ScenarioId, Start};
use hosted_exchange_sim::domain::scenario_file::*;
use hosted_exchange_sim::domain::*;
use hosted_exchange_sim::storage::scenario_file::*;
use proptest::prelude::*;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// `text` with the first `from` replaced by `to` (which must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from} is not in the file");
    text.replacen(from, to, 1)
}

fn refused(text: &str) -> ScenarioFileError {
    parse_scenario_file(text).expect_err("refused")
}

fn invalid(text: &str) -> (String, Problem) {
    match refused(text) {
        ScenarioFileError::Invalid(e) => (e.path.to_string(), e.problem),
        other => panic!("not refused by the domain: {other:?}"),
    }
}

fn type_error(text: &str) -> (String, TypeProblem) {
    match refused(text) {
        ScenarioFileError::Type { path, problem } => (path.to_string(), problem),
        other => panic!("not a type error: {other:?}"),
    }
}

// ---------- the built-in scenarios ----------

/// T3: each built-in file starts from the very state its Rust start builds, and each beat is the
/// very action of the Rust script, so every state on the way (journal, inbox, ids, the scale of
/// every amount) is byte for byte the same: links, saves and the fingerprint of
/// `t3_rules_version_pins_the_engine` are unchanged.
#[test]
fn t3_every_builtin_file_plays_to_the_same_states_and_journal_as_its_script() {
    for id in ScenarioId::ALL {
        let file = builtin(id).unwrap_or_else(|e| panic!("{}: {e:?}", id.slug())).scenario;
        let mut from_file = file.start_state().unwrap();
        let mut from_rust = Start::Scenario(id, hosted_exchange_sim::domain::Subsidiary::Fr).state();
        assert_eq!(json(&from_file), json(&from_rust), "{}: the start", id.slug());
        assert_eq!(file.beats.len(), id.script().len(), "{}: the beats", id.slug());
        for (i, beat) in id.script().iter().enumerate() {
            let a = file.beat_action(i, &from_file).unwrap().unwrap();
            assert_eq!(Some(a.clone()), beat.action(&from_rust), "{} beat {i}", id.slug());
            let events = from_file.apply(a).unwrap();
            assert_eq!(events, from_rust.apply(beat.action(&from_rust).unwrap()).unwrap());
            assert_eq!(json(&from_file), json(&from_rust), "{} after beat {i}", id.slug());
        }
        assert!(file.beat_action(file.beats.len(), &from_file).is_none(), "nothing past the last beat");
    }
}

/// The built-in files carry the texts of `public/guide/<lang>.json` (which the guide's screens
/// and the e2e tests read), every one of them in every language: none falls back to English.
#[test]
fn every_builtin_file_has_the_guide_texts_in_every_language() {
    for (lang, code) in [(Language::Fr, "fr"), (Language::It, "it"), (Language::En, "en")] {
        let mut guide: BTreeMap<String, String> = BTreeMap::new();
        for file in [format!("{code}.core.json"), format!("{code}.json")] {
            let path = format!("{}/public/guide/{file}", env!("CARGO_MANIFEST_DIR"));
            let part: BTreeMap<String, String> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            guide.extend(part);
        }
        for id in ScenarioId::ALL {
            let file = builtin(id).unwrap().scenario;
            assert!(file.fell_back().is_empty(), "{}: every text in every language", id.slug());
            let slug = id.slug();
            let texts = [("title".to_string(), &file.title), ("summary".to_string(), &file.summary)]
                .into_iter()
                .chain(file.beats.iter().enumerate().map(|(i, b)| (i.to_string(), &b.caption)));
            for (key, text) in texts {
                let key = format!("{slug}.{key}");
                assert_eq!(Some(text.get(lang).text), guide.get(&key).map(String::as_str), "{code}: {key}");
            }
        }
    }
}

/// Each built-in file carries expectations along its story, and passes every one of them: a
/// change of rules that breaks a scenario's story fails here.
#[test]
fn every_builtin_file_passes_its_own_expectations() {
    for id in ScenarioId::ALL {
        let loaded = builtin(id).unwrap();
        let file = &loaded.scenario;
        assert!(file.expect.len() >= 3, "{}: a story checks itself", id.slug());
        assert!(file.expect.iter().any(|e| e.after == file.beats.len()), "{}: checked at its end", id.slug());
        assert_eq!(loaded.played.checks.len(), file.expect.len(), "every expectation is checked once");
        for c in &loaded.played.checks {
            assert!(c.check.ok, "{}: expect[{}] {:?}: {:?}", id.slug(), c.expectation, file.expect[c.expectation], c.check);
        }
        assert_eq!(loaded.migrated_from, None);
    }
}

/// The built-in files name their JSON Schema, which editors read (`"$schema"`).
#[test]
fn every_builtin_file_points_at_the_schema() {
    for id in ScenarioId::ALL {
        let doc: serde_json::Value = serde_json::from_str(builtin_text(id)).unwrap();
        assert_eq!(doc["$schema"], "../scenario.schema.json", "{}", id.slug());
        assert_eq!(doc["version"], FORMAT_VERSION);
    }
}

// ---------- a wrong expectation ----------

/// The hand-written fixture of the e2e test that shows ✗: it loads (a failed check never
/// refuses a file nor stops its play), its right check passes, its wrong one fails with both
/// values.
#[test]
fn a_wrong_expectation_loads_and_fails_with_both_values() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/scenarios/wrong-expectation.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let loaded = parse_scenario_file(&text).expect("a wrong expectation is no reason to refuse a file");
    let checks = &loaded.played.checks;
    assert_eq!(checks.len(), 2);
    assert_eq!(
        checks[0].check,
        Check { ok: true, expected: Observed::Invoice(InvoiceState::Unpaid), actual: Observed::Invoice(InvoiceState::Unpaid) }
    );
    assert_eq!(checks[1].expectation, 1);
    assert_eq!(
        checks[1].check,
        Check { ok: false, expected: Observed::Money(rust_decimal::Decimal::new(-500, 2)), actual: Observed::Money(rust_decimal::Decimal::new(-698, 2)) }
    );
    assert!(!loaded.played.all_ok());
    assert_eq!(loaded.played.state.today, chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(), "played to its end");
}

// ---------- a bad file: the path and the reason ----------

/// The smallest file: the demo, one beat.
const SMALL: &str = r#"{"version": 1,
  "title": {"en": "Small"}, "summary": {"en": "One beat."},
  "start": "demo", "setup": [{"do": "log_in", "nic": "ab12345-ovh", "subsidiary": "fr"}],
  "beats": [{"action": {"do": "next_event"}, "caption": {"en": "The clock moves."}}],
  "expect": [{"after": 1, "balance": "-6.98"}]}"#;

/// `SMALL` with its one beat's action replaced.
fn small_doing(action: &str) -> String {
    edit(SMALL, r#"{"do": "next_event"}"#, action)
}

#[test]
fn the_smallest_file_loads_and_falls_back_to_english() {
    let loaded = parse_scenario_file(SMALL).unwrap();
    assert!(loaded.played.all_ok());
    assert_eq!(loaded.scenario.fell_back(), vec![Language::Fr, Language::It], "the app says so");
    let title = loaded.scenario.title.get(Language::It);
    assert_eq!((title.text, title.fell_back), ("Small", true));
    assert_eq!(loaded.scenario.title.get(Language::En).fell_back, false);
}

/// Type errors name the key at fault: wrong types, a key missing, a key the format lacks.
#[test]
fn a_type_error_names_its_path() {
    use JsonKind::*;
    use TypeProblem::*;
    for (text, path, problem) in [
        (small_doing(r#"{"do": "advance_days", "days": "7"}"#), "beats[0].action.days", Expected(Number)),
        (small_doing(r#"{"do": "advance_days", "days": -1}"#), "beats[0].action.days", Expected(Number)),
        (small_doing(r#"{"do": "set_decline_next", "method": 1, "on": "yes"}"#), "beats[0].action.on", Expected(Bool)),
        (small_doing(r#"{"do": "credit", "amount": 10}"#), "beats[0].action.amount", Expected(Text)),
        (small_doing(r#"{"do": "set_mode", "accounts": "contact", "mode": "none"}"#), "beats[0].action.accounts", Expected(List)),
        (small_doing(r#"{"do": "next_event", "amout": "1"}"#), "beats[0].action.amout", NotInFormat),
        (small_doing(r#"{"go": "next_event"}"#), "beats[0].action.go", NotInFormat),
        (edit(SMALL, r#""caption""#, r#""captoin""#), "beats[0].captoin", NotInFormat),
        (edit(SMALL, r#", "caption": {"en": "The clock moves."}"#, ""), "beats[0].caption", Missing),
        (edit(SMALL, r#""summary": {"en": "One beat."},"#, ""), "summary", Missing),
        (edit(SMALL, r#""title": {"en": "Small"}"#, r#""title": "Small""#), "title", Expected(Object)),
        (edit(SMALL, r#""title": {"en": "Small"}"#, r#""title": {"de": "Klein", "en": "Small"}"#), "title.de", NotInFormat),
        (edit(SMALL, r#""start": "demo""#, r#""start": 4"#), "start", Expected(Start)),
        (edit(SMALL, r#""start": "demo""#, r#""start": {"demo": {"balance": 5}}"#), "start.demo.balance", Expected(Text)),
        (edit(SMALL, r#""start": "demo""#, r#""start": {"demo": {"platforms": [{"name": "x"}]}}"#), "start.demo.platforms[0].domain", Missing),
        (edit(SMALL, r#""start": "demo""#, r#""start": {"situation": {}}"#), "start.situation.version", Missing),
        (edit(SMALL, r#""start": "demo""#, r#""start": {"situation": {"version": 1, "subsidiary": "fr", "today": "2026-04-01", "platforms": [], "colour": "red"}}"#), "start.situation.colour", NotInFormat),
        (edit(SMALL, r#""after": 1"#, r#""after": "1""#), "expect[0].after", Expected(Number)),
        (edit(SMALL, r#""beats": ["#, r#""beats": [3, "#), "beats[0]", Expected(Object)),
    ] {
        assert_eq!(type_error(&text), (path.to_string(), problem), "{text}");
    }
}

/// The domain's parse names the path and a typed reason.
#[test]
fn a_wrong_value_names_its_path_and_reason() {
    use Problem::*;
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    for (text, path, problem) in [
        (small_doing(r#"{"do": "next_evnt"}"#), "beats[0].action.do", UnknownName { expected: &ACTIONS }),
        (small_doing(r#"{"do": "credit", "amount": "ten"}"#), "beats[0].action.amount", Amount(AmountError::NotANumber)),
        (small_doing(r#"{"do": "credit", "amount": "10.001"}"#), "beats[0].action.amount", Amount(AmountError::TooManyDecimals)),
        (small_doing(r#"{"do": "credit"}"#), "beats[0].action.amount", Missing),
        (small_doing(r#"{"do": "next_event", "amount": "10"}"#), "beats[0].action.amount", NotAllowedHere),
        (small_doing(r#"{"do": "set_mode", "accounts": ["contact"], "mode": "weekly"}"#), "beats[0].action.mode", UnknownName { expected: &MODES }),
        (small_doing(r#"{"do": "set_mode", "accounts": [], "mode": "none"}"#), "beats[0].action.accounts", Empty),
        (small_doing(r#"{"do": "set_mode", "accounts": ["con tact"], "mode": "none"}"#), "beats[0].action.accounts[0]", BadName),
        (small_doing(r#"{"do": "add_method", "card": "4242 4242 4242 4241", "expiry": "12/30"}"#), "beats[0].action.card", CardNumber(CardNumberError::BadChecksum)),
        (small_doing(r#"{"do": "add_method", "card": "4242 4242 4242 4242"}"#), "beats[0].action.expiry", Missing),
        (small_doing(r#"{"do": "add_method", "card": "4242 4242 4242 4242", "expiry": "12/30", "paypal": "a@b.c"}"#), "beats[0].action.paypal", NotAllowedHere),
        (small_doing(r#"{"do": "add_method"}"#), "beats[0].action", OneOf { expected: &["card", "paypal", "iban"] }),
        (small_doing(r#"{"do": "add_method", "paypal": "nobody"}"#), "beats[0].action.paypal", Paypal(EmailError::BadShape)),
        (small_doing(r#"{"do": "remove_method", "method": 0}"#), "beats[0].action.method", NumberOutOfRange { min: 1, max: u64::from(u32::MAX) }),
        (small_doing(r#"{"do": "advance_days", "days": 40000}"#), "beats[0].action.days", NumberOutOfRange { min: 0, max: 36_525 }),
        (small_doing(r#"{"do": "advance_to", "date": "10/03/2026"}"#), "beats[0].action.date", Date),
        (small_doing(r#"{"do": "advance_to", "date": "2026-02-30"}"#), "beats[0].action.date", Date),
        (small_doing(r#"{"do": "advance_to", "date": "2101-01-01"}"#), "beats[0].action.date", DateOutOfRange { first: date(2000, 1, 1), last: date(2100, 12, 31) }),
        (small_doing(r#"{"do": "log_in", "nic": "nobody", "subsidiary": "fr"}"#), "beats[0].action.nic", Nic(NicError::BadShape)),
        (edit(SMALL, r#""title": {"en": "Small"}"#, r#""title": {"fr": "Petit"}"#), "title.en", Missing),
        (edit(SMALL, r#""title": {"en": "Small"}"#, r#""title": {"en": "Small", "it": "  "}"#), "title.it", Empty),
        (edit(SMALL, r#""start": "demo""#, r#""start": "g9""#), "start", UnknownName { expected: &STARTS }),
        (edit(SMALL, r#""start": "demo""#, r#""start": {}"#), "start", OneOf { expected: &START_OBJECTS }),
        (edit(SMALL, r#""start": "demo""#, r#""start": {"demo": {"balance": "-1"}}"#), "start.demo.balance", Negative),
        (edit(SMALL, r#""start": "demo""#, r#""start": {"demo": {"balance": "5,00"}}"#), "start.demo.balance", Money),
        (
            edit(SMALL, r#""start": "demo""#, r#""start": {"demo": {"platforms": [{"name": "hosted-demo-1", "domain": "a.example", "start": "2025-01-01", "accounts": [{"local_part": "a", "mode": "monthly"}]}]}}"#),
            "start.demo.platforms[0].name",
            Duplicate,
        ),
        (
            edit(SMALL, r#""start": "demo""#, r#""start": {"demo": {"platforms": [{"name": "p", "domain": "a.example", "start": "2026-03-09", "accounts": [{"local_part": "a", "mode": "monthly"}]}]}}"#),
            "start.demo.platforms[0].start",
            DateOutOfRange { first: date(2000, 1, 1), last: date(2026, 3, 8) },
        ),
        (
            edit(SMALL, r#""start": "demo""#, r#""start": {"demo": {"platforms": [{"name": "p", "domain": "a.example", "start": "2025-03-09", "accounts": [{"local_part": "a", "mode": "none"}]}]}}"#),
            "start.demo.platforms[0].accounts[0].mode",
            UnknownName { expected: &MODES[..2] },
        ),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 2, "balance": "-6.98"}"#), "expect[0].after", AfterLastBeat { beats: 1 }),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 1}"#), "expect[0]", OneOf { expected: &SUBJECTS }),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 1, "balance": "-6.98", "today": "2026-03-10"}"#), "expect[0].today", NotAllowedHere),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 1, "balance": "-6.98", "status": "paid"}"#), "expect[0].status", NotAllowedHere),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 1, "invoice": "FR0000001"}"#), "expect[0].status", Missing),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 1, "account": "contact", "mode": "yearly", "expiry": "2027-03-10"}"#), "expect[0].expiry", NotAllowedHere),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 1, "email": "debtor"}"#), "expect[0].email", UnknownName { expected: &MAIL_NAMES }),
        (edit(SMALL, r#"{"after": 1, "balance": "-6.98"}"#, r#"{"after": 1, "platform": "hosted-demo-1", "status": "gone"}"#), "expect[0].status", UnknownName { expected: &PLATFORM_STATES }),
        (edit(SMALL, r#""beats": [{"action": {"do": "next_event"}, "caption": {"en": "The clock moves."}}]"#, r#""beats": []"#), "beats", Empty),
    ] {
        assert_eq!(invalid(&text), (path.to_string(), problem), "{text}");
    }
}

/// The bounded replay refuses a file that does not play to its end, by the beat at fault:
/// nothing there to act on, an action the engine refuses, a clock that goes back or too far.
#[test]
fn a_file_that_does_not_play_is_refused_by_its_beat() {
    use Problem::*;
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    for (text, path, problem) in [
        (small_doing(r#"{"do": "pay_debt_order"}"#), "beats[0].action", NoTarget),
        (small_doing(r#"{"do": "export_pst", "account": "nobody"}"#), "beats[0].action", NoTarget),
        (small_doing(r#"{"do": "terminate", "platform": "hosted-demo-9"}"#), "beats[0].action", NoTarget),
        (small_doing(r#"{"do": "pay_order", "order": "BC-999999"}"#), "beats[0].action", NoTarget),
        (small_doing(r#"{"do": "log_in", "nic": "ab12345-ovh", "subsidiary": "fr"}"#), "beats[0].action", Refused(Refusal::AlreadyLoggedIn)),
        (small_doing(r#"{"do": "credit", "amount": "5"}"#), "beats[0].action", Refused(Refusal::CreditBelowMinimum { minimum: rust_decimal::Decimal::new(1000, 2) })),
        (small_doing(r#"{"do": "advance_to", "date": "2026-03-01"}"#), "beats[0].action", BeforeToday { today: date(2026, 3, 8) }),
        (small_doing(r#"{"do": "advance_days", "days": 36525}"#), "beats[0].action", PastLastDay { last: date(2100, 12, 31) }),
        (edit(SMALL, r#""setup": [{"do": "log_in", "nic": "ab12345-ovh", "subsidiary": "fr"}]"#, r#""setup": [{"do": "log_out"}]"#), "setup[0]", Refused(Refusal::NotLoggedIn)),
    ] {
        assert_eq!(invalid(&text), (path.to_string(), problem), "{text}");
    }
}

/// The size, the JSON and the version are checked before anything else.
#[test]
fn the_size_the_json_and_the_version_come_first() {
    assert_eq!(refused(&format!("{SMALL}{}", " ".repeat(1024 * 1024))), ScenarioFileError::TooLarge { max: 1024 * 1024 });
    assert_eq!(refused("{\"version\": 1,\n  \"title\": }"), ScenarioFileError::NotJson { line: 2, column: 12 });
    assert_eq!(refused("[1, 2]"), ScenarioFileError::Type { path: FieldPath::root(), problem: TypeProblem::Expected(JsonKind::Object) });
    assert_eq!(type_error(&edit(SMALL, r#""version": 1,"#, "")), ("version".to_string(), TypeProblem::Missing));
    assert_eq!(type_error(&edit(SMALL, r#""version": 1"#, r#""version": "1""#)), ("version".to_string(), TypeProblem::Expected(JsonKind::Number)));
    // A newer version is refused by its number, whatever else it holds.
    let newer = edit(SMALL, r#""version": 1"#, r#""version": 7, "colour": "blue""#);
    assert_eq!(refused(&newer), ScenarioFileError::FutureVersion { found: 7, supported: FORMAT_VERSION });
    assert_eq!(refused(&newer).path().to_string(), "version");
    assert_eq!(invalid(&edit(SMALL, r#""version": 1"#, r#""version": 0"#)), ("version".to_string(), Problem::Version { found: 0, supported: 1 }));
}

#[test]
fn the_limits_are_the_formats() {
    let beat = r#"{"action": {"do": "advance_days", "days": 1}, "caption": {"en": "A day."}}"#;
    let beats = |n: usize| vec![beat; n].join(", ");
    let with = |n| edit(SMALL, r#"{"action": {"do": "next_event"}, "caption": {"en": "The clock moves."}}"#, &beats(n));
    let at_most = parse_scenario_file(&with(MAX_BEATS).replace(r#""after": 1, "balance": "-6.98""#, r#""after": 1, "today": "2026-03-09""#)).unwrap();
    assert_eq!(at_most.scenario.beats.len(), MAX_BEATS);
    assert_eq!(invalid(&with(MAX_BEATS + 1)), ("beats".to_string(), Problem::TooMany { max: MAX_BEATS }));
    let long = "x".repeat(MAX_TEXT + 1);
    assert_eq!(invalid(&edit(SMALL, r#""en": "Small""#, &format!(r#""en": "{long}""#))), ("title.en".to_string(), Problem::TooLong { max: MAX_TEXT }));
}

// ---------- the recorder ----------

/// A run played by a sequence of small choices (refused actions skipped), as tests/transfer.rs
/// plays one: returns the log.
fn choices_to_actions(mut state: State, choices: &[u8]) -> Vec<Action> {
    let mut log = Vec::new();
    if state.customer.is_none() {
        let a = Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr };
        state.apply(a.clone()).unwrap();
        log.push(a);
    }
    for &c in choices {
        let accounts: Vec<AccountId> = state.platforms.iter().flat_map(|p| &p.accounts).map(|a| a.id).collect();
        let action = match c % 12 {
            0 => Action::Advance(Advance::NextEvent),
            1 => Action::Advance(Advance::Days(u32::from(c) % 40)),
            2 => Action::Credit(Amount::parse(&format!("{}.{:02}", 10 + u32::from(c), c % 100)).unwrap()),
            3 => match state.orders.iter().rev().find(|o| o.status == OrderStatus::Open) {
                Some(o) => Action::PayOrder(o.id, if c % 2 == 0 { Payer::BankTransfer } else { Payer::Method(MethodId(1)) }),
                None => continue,
            },
            4 => Action::AddMethod(MethodInput::Card {
                number: CardNumber::parse("4242 4242 4242 4242").unwrap(),
                expiry: CardExpiry::new(2030, 1 + u32::from(c) % 12).unwrap(),
            }),
            5 => Action::AddMethod(MethodInput::Paypal { email: PaypalEmail::parse("someone@example.com").unwrap() }),
            6 => match accounts.get(usize::from(c) % accounts.len().max(1)) {
                Some(&a) => Action::SetMode { accounts: vec![a], mode: [BillingMode::Monthly, BillingMode::Yearly, BillingMode::None][usize::from(c) % 3] },
                None => continue,
            },
            7 => Action::SetDeclineNext(MethodId(1 + u32::from(c) % 2), c % 2 == 0),
            8 => match accounts.get(usize::from(c) % accounts.len().max(1)) {
                Some(&a) => Action::ExportPst(a),
                None => continue,
            },
            9 => match state.platforms.get(usize::from(c) % 2) {
                Some(p) if c % 3 == 0 => Action::CancelTermination(p.id),
                Some(p) => Action::Terminate(p.id),
                None => continue,
            },
            10 => Action::SetAlertThreshold(if c % 2 == 0 { None } else { Some(Amount::parse("20").unwrap()) }),
            _ => match state.inbox.last() {
                Some(m) => Action::MarkEmailRead(m.id),
                None => continue,
            },
        };
        if state.apply(action.clone()).is_ok() {
            log.push(action);
        }
    }
    log
}

fn caption() -> impl Strategy<Value = Texts> {
    let text = "[A-Za-z0-9éàç€ ,.'()-]{0,30}[A-Za-z]";
    (text, prop::option::of(text), prop::option::of(text)).prop_map(|(en, fr, it)| Texts::new(&en, fr.as_deref(), it.as_deref()).unwrap())
}

/// Records a run: the log's first `split` actions as the set-up, the rest as beats with
/// captions, and a check of the balance, of an invoice or of an account at some beats.
fn recording(start: &Start, choices: &[u8], split: usize, captions: Vec<Texts>, pauses: &[bool], checks: &[(usize, u8)]) -> (Recording, Vec<State>) {
    let (scenario_start, before) = recording_start(start).unwrap();
    let mut state = scenario_start.state();
    for a in &before {
        state.apply(a.clone()).unwrap();
    }
    let log = choices_to_actions(state.clone(), choices);
    let split = split.min(log.len());
    for a in &log[..split] {
        state.apply(a.clone()).unwrap();
    }
    let mut states = vec![state.clone()];
    let beats: Vec<RecordedBeat> = log[split..]
        .iter()
        .enumerate()
        .map(|(i, a)| {
            state.apply(a.clone()).unwrap();
            states.push(state.clone());
            RecordedBeat { action: a.clone(), caption: captions[i % captions.len()].clone(), pause: pauses[i % pauses.len()] }
        })
        .collect();
    let expect = checks
        .iter()
        .filter_map(|&(at, kind)| {
            let after = at % (beats.len() + 1);
            let s = &states[after];
            match kind % 3 {
                0 => Some(Expectation::of_balance(after, s)),
                1 => s.invoices.last().and_then(|i| Expectation::of_invoice(after, s, i.id)),
                _ => s.platforms.iter().flat_map(|p| &p.accounts).nth(usize::from(kind) % 3).and_then(|a| Expectation::of_account(after, s, a.id)),
            }
        })
        .collect();
    let setup = before.into_iter().chain(log[..split].iter().cloned()).collect();
    let rec = Recording {
        title: Texts::new("A recording", Some("Un enregistrement"), None).unwrap(),
        summary: Texts::new("What the user did.", None, None).unwrap(),
        start: scenario_start,
        setup,
        beats,
        expect,
    };
    (rec, states)
}

proptest! {
    /// Whatever the recorder writes parses back to the same scenario, plays back the very
    /// actions recorded into the very states, and passes the checks taken from those states.
    #[test]
    fn every_file_the_recorder_writes_parses_back_to_the_same_scenario(
        start in any_start(),
        choices in prop::collection::vec(any::<u8>(), 0..30),
        split in 0usize..10,
        captions in prop::collection::vec(caption(), 1..4),
        pauses in prop::collection::vec(any::<bool>(), 1..4),
        checks in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6),
    ) {
        let (rec, states) = recording(&start, &choices, split, captions, &pauses, &checks);
        prop_assume!(!rec.beats.is_empty());
        let scenario = record(&rec).expect("a recorded run makes a scenario");
        let loaded = parse_scenario_file(&scenario_text(&scenario)).expect("what the recorder writes loads");
        prop_assert_eq!(&loaded.scenario, &scenario);
        prop_assert!(loaded.played.all_ok(), "{:?}", loaded.played.checks);
        prop_assert_eq!(loaded.played.checks.len(), rec.expect.len());
        // Played back beat by beat, the very actions, into the very states.
        let mut state = loaded.scenario.start_state().unwrap();
        prop_assert_eq!(&state, &states[0]);
        for (i, beat) in rec.beats.iter().enumerate() {
            let action = loaded.scenario.beat_action(i, &state).unwrap().unwrap();
            prop_assert_eq!(&action, &beat.action);
            state.apply(action).unwrap();
            prop_assert_eq!(&state, &states[i + 1]);
        }
        // And a link carries it whole.
        let linked = decode_scenario_link(&encode_scenario_link(&scenario)).expect("a link reads");
        prop_assert_eq!(&linked.scenario, &scenario);
    }
}

/// The recorder refuses what it could not write back: an action the engine refuses.
#[test]
fn the_recorder_refuses_a_refused_action_by_its_beat() {
    let rec = Recording {
        title: Texts::new("t", None, None).unwrap(),
        summary: Texts::new("s", None, None).unwrap(),
        start: ScenarioStart::Demo(DemoStart::default()),
        setup: Vec::new(),
        beats: vec![RecordedBeat { action: Action::LogOut, caption: Texts::new("c", None, None).unwrap(), pause: false }],
        expect: Vec::new(),
    };
    let err = record(&rec).unwrap_err();
    assert_eq!((err.path.to_string(), err.problem), ("beats[0].action".to_string(), Problem::Refused(Refusal::NotLoggedIn)));
    let unknown = Recording {
        beats: vec![RecordedBeat { action: Action::ExportPst(AccountId(99)), ..rec.beats[0].clone() }],
        setup: vec![Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr }],
        ..rec.clone()
    };
    let err = record(&unknown).unwrap_err();
    assert_eq!((err.path.to_string(), err.problem), ("beats[0].action".to_string(), Problem::Unnamed));
}

// ---------- a link carrying a whole file ----------

#[test]
fn a_scenario_link_carries_a_whole_file() {
    for id in ScenarioId::ALL {
        let scenario = builtin(id).unwrap().scenario;
        let link = encode_scenario_link(&scenario);
        assert!(link.starts_with("f="));
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)), "URL-safe");
        assert!(link.len() < 4096, "{}: {} characters", id.slug(), link.len());
        let got = decode_scenario_link(&format!("#{link}")).unwrap();
        assert_eq!(got.scenario, scenario);
    }
}

#[test]
fn a_truncated_tampered_or_oversized_scenario_link_is_refused() {
    let link = encode_scenario_link(&builtin(ScenarioId::DebtUnpaid).unwrap().scenario);
    assert_eq!(decode_scenario_link(&link[..link.len() / 2]), Err(ScenarioFileError::Damaged));
    assert_eq!(decode_scenario_link("s=abc"), Err(ScenarioFileError::Damaged), "a share link is not a scenario link");
    assert_eq!(decode_scenario_link("f=not base64!"), Err(ScenarioFileError::Damaged));
    assert_eq!(decode_scenario_link(&format!("f={}", "A".repeat(48 * 1024 + 1))), Err(ScenarioFileError::TooLarge { max: 48 * 1024 }));
    let payload = &link[2..];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for i in (0..payload.len()).step_by(3) {
        let mut changed = payload.as_bytes().to_vec();
        changed[i] = alphabet[(alphabet.iter().position(|&c| c == changed[i]).unwrap() + 1 + i) % 64];
        match decode_scenario_link(&format!("f={}", String::from_utf8(changed).unwrap())) {
            Err(ScenarioFileError::Damaged) => {}
            // Padding bits change no data: the same file comes out, which is no harm.
            Ok(got) => assert_eq!(got.scenario, builtin(ScenarioId::DebtUnpaid).unwrap().scenario, "character {i}"),
            Err(other) => panic!("character {i}: {other:?}"),
        }
    }
}

// ---------- fuzzing ----------

/// Every place in a JSON document, as a list of steps.
fn places(doc: &serde_json::Value, at: Vec<serde_json::Value>, out: &mut Vec<Vec<serde_json::Value>>) {
    out.push(at.clone());
    match doc {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let mut p = at.clone();
                p.push(k.clone().into());
                places(v, p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut p = at.clone();
                p.push(i.into());
                places(v, p, out);
            }
        }
        _ => {}
    }
}

fn place_mut<'a>(doc: &'a mut serde_json::Value, at: &[serde_json::Value]) -> &'a mut serde_json::Value {
    at.iter().fold(doc, |d, step| match step {
        serde_json::Value::String(k) => &mut d[k.as_str()],
        n => &mut d[n.as_u64().unwrap() as usize],
    })
}

fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(Into::into),
        any::<i64>().prop_map(Into::into),
        (0u32..300).prop_map(Into::into),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Into::into),
        ".{0,12}".prop_map(serde_json::Value::from),
        prop::sample::select(vec!["demo", "g4", "next_event", "credit", "10.00", "-6.98", "2026-03-10", "contact", "hosted-demo-2", "BC-000002", "FR0000001", "yearly", "none", "paid", "account_debtor", "4242 4242 4242 4242", "Visa ••••4242"]).prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4).prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Random text never panics the file reader nor the link decoder.
    #[test]
    fn random_input_never_panics(text in ".{0,400}", bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_scenario_file(&text);
        let _ = decode_scenario_link(&text);
        let _ = decode_scenario_link(&format!("f={text}"));
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = parse_scenario_file(&lossy);
        let _ = decode_scenario_link(&format!("#f={lossy}"));
    }

    /// A built-in file with any of its values replaced by any other (a key added, removed or
    /// changed, a type changed) never panics; it is either refused with the path of something
    /// in the file, or it loads and plays with every invariant kept.
    #[test]
    fn mutated_files_never_panic_and_are_refused_with_a_path(
        which in 0usize..7,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any_json(), 0u8..4, "[a-z_$]{1,8}"), 1..4),
    ) {
        let id = ScenarioId::ALL[which];
        let mut doc: serde_json::Value = serde_json::from_str(builtin_text(id)).unwrap();
        for (index, value, how, key) in &edits {
            let mut all = Vec::new();
            places(&doc, Vec::new(), &mut all);
            let at = index.get(&all[1..]).clone();
            let (last, parent_at) = at.split_last().unwrap();
            let parent = place_mut(&mut doc, parent_at);
            match (how, parent) {
                (0, serde_json::Value::Object(map)) => { map.remove(last.as_str().unwrap()); }
                (1, serde_json::Value::Object(map)) => { map.insert(key.clone(), value.clone()); }
                (2, serde_json::Value::Array(items)) => { items.insert(last.as_u64().unwrap() as usize, value.clone()); }
                (_, parent) => *place_mut(parent, &[last.clone()]) = value.clone(),
            }
        }
        let text = serde_json::to_string(&doc).unwrap();
        match parse_scenario_file(&text) {
            Ok(loaded) => prop_assert!(loaded.played.state.check_invariants().is_ok()),
            Err(ScenarioFileError::FutureVersion { .. }) => {}
            Err(e) => prop_assert!(!e.path().is_root(), "{:?} has no path", e),
        }
    }

    /// The same with bytes of the text changed or cut: never a panic; a refusal inside a
    /// document that is still an object names a path.
    #[test]
    fn files_with_bytes_changed_or_cut_never_panic(which in 0usize..7,
                                                   edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6),
                                                   cut in any::<usize>()) {
        let mut bytes = builtin_text(ScenarioId::ALL[which]).as_bytes().to_vec();
        for (at, b) in &edits {
            let i = at % bytes.len();
            bytes[i] = *b;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok(loaded) = parse_scenario_file(&text) {
            prop_assert!(loaded.played.state.check_invariants().is_ok());
        }
        let end = text.char_indices().nth(cut % text.chars().count().max(1)).map_or(0, |(i, _)| i);
        let _ = parse_scenario_file(&text[..end]);
    }
}

// ---------- the documentation and the JSON Schema ----------

/// Every whole file in docs/scenario-format.md loads and passes its own expectations.
#[test]
fn the_documentations_examples_load_and_pass() {
    let doc = std::fs::read_to_string(format!("{}/docs/scenario-format.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let examples: Vec<&str> = doc.split("```json\n").skip(1).filter_map(|b| b.split("```").next()).filter(|b| b.contains("\"version\"")).collect();
    assert!(!examples.is_empty());
    for example in examples {
        let loaded = parse_scenario_file(example).unwrap_or_else(|e| panic!("{e:?} in\n{example}"));
        assert!(loaded.played.all_ok(), "{:?}", loaded.played.checks);
        assert!(!loaded.scenario.expect.is_empty());
    }
}

/// The JSON Schema says what the parser reads: the same actions with the same arguments, the
/// same subjects, the same names.
#[test]
fn the_json_schema_matches_the_parser() {
    let text = std::fs::read_to_string(format!("{}/public/scenario.schema.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let defs = &schema["$defs"];
    let keys = |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let names = |v: &serde_json::Value| -> Vec<String> { v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect() };
    let strings = |a: &[&str]| -> Vec<String> { a.iter().map(|s| s.to_string()).collect() };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let branches = defs["action"]["oneOf"].as_array().unwrap();
    assert_eq!(branches.iter().map(|b| b["properties"]["do"]["const"].as_str().unwrap().to_string()).collect::<Vec<_>>(), strings(&ACTIONS));
    for b in branches {
        let act = b["properties"]["do"]["const"].as_str().unwrap();
        let args: Vec<String> = keys(&b["properties"]).into_iter().filter(|k| k != "do").collect();
        assert_eq!(sorted(args), sorted(strings(action_arguments(act))), "{act}");
        assert_eq!(b["additionalProperties"], false, "{act}");
    }
    let subjects = defs["expectation"]["oneOf"].as_array().unwrap();
    assert_eq!(subjects.iter().map(|b| b["title"].as_str().unwrap().to_string()).collect::<Vec<_>>(), strings(&SUBJECTS));
    for b in subjects {
        let subject = b["title"].as_str().unwrap();
        let args: Vec<String> = keys(&b["properties"]).into_iter().filter(|k| k != "after" && k != subject).collect();
        assert_eq!(sorted(args), sorted(strings(subject_arguments(subject))), "{subject}");
        assert_eq!(b["additionalProperties"], false, "{subject}");
    }
    assert_eq!(names(&defs["mode"]["enum"]), strings(&MODES));
    assert_eq!(names(&defs["subsidiary"]["enum"]), strings(&SUBSIDIARIES));
    assert_eq!(names(&defs["start"]["oneOf"][0]["enum"]), strings(&STARTS));
    assert_eq!(names(&subjects[5]["properties"]["email"]["enum"]), strings(&MAIL_NAMES));
    assert_eq!(names(&subjects[2]["properties"]["status"]["enum"]), strings(&INVOICE_STATES));
    assert_eq!(names(&subjects[3]["properties"]["status"]["enum"]), strings(&ACCOUNT_STATES));
    assert_eq!(names(&subjects[4]["properties"]["status"]["enum"]), strings(&PLATFORM_STATES));
    assert_eq!(schema["properties"]["version"]["const"], FORMAT_VERSION);
    assert_eq!(schema["properties"]["beats"]["maxItems"], MAX_BEATS);
    assert_eq!(schema["properties"]["setup"]["maxItems"], MAX_SETUP);
    assert_eq!(schema["properties"]["expect"]["maxItems"], MAX_EXPECT);
    assert_eq!(defs["text"]["maxLength"], MAX_TEXT);
    assert_eq!(defs["name"]["maxLength"], MAX_NAME);
    let mut top = keys(&schema["properties"]);
    top.retain(|k| k != "$schema");
    assert_eq!(sorted(top), sorted(strings(&["version", "title", "summary", "start", "setup", "beats", "expect"])));
}

// ---------- a file as a run's start (guide18) ----------

/// A run that plays a file carries the file in its start (`Start::File`): its share link and
/// its export file bring back the same run, its reset goes back to the file's first beat, and
/// a save whose file the gate would refuse is refused as a whole (T3, issue 18's bad input).
#[test]
fn t3_a_file_run_travels_with_its_file_and_replays() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/scenarios/wrong-expectation.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let loaded = parse_scenario_file(&text).unwrap();
    let start = file_start(&loaded).unwrap();
    let mut sim = Simulator::new(start.clone());
    assert_eq!(sim.state, loaded.scenario.start_state().unwrap(), "the run starts after the file's set-up");
    for i in 0..loaded.scenario.beats.len() {
        let action = loaded.scenario.beat_action(i, &sim.state).unwrap().unwrap();
        sim.apply(action).unwrap();
    }
    assert_eq!(sim.state, loaded.played.state, "Step by Step is the file's own play");
    let run = sim.saved(sim.log.len());
    let link = hosted_exchange_sim::storage::transfer::encode_link(&run);
    let back = hosted_exchange_sim::storage::transfer::decode_link(&link).unwrap();
    assert_eq!(back.run.start, start);
    assert_eq!(back.sim.state, sim.state);
    let file = hosted_exchange_sim::storage::transfer::export_text(&run, "2026-03-10T00:00:00Z");
    let imported = hosted_exchange_sim::storage::transfer::parse_import(&file).unwrap();
    assert_eq!(imported.sim.state, sim.state);
    sim.reset();
    assert_eq!(sim.state, loaded.scenario.start_state().unwrap());
    // The same export, its file's beat made to name an order that is not there.
    fn break_beat(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::Object(map) if map.get("do") == Some(&serde_json::json!("next_event")) => {
                *v = serde_json::json!({"do": "cancel_order", "order": "BC-999999"});
                true
            }
            serde_json::Value::Object(map) => map.values_mut().any(break_beat),
            serde_json::Value::Array(items) => items.iter_mut().any(break_beat),
            _ => false,
        }
    }
    let mut doc: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert!(break_beat(&mut doc), "the file is in the export");
    let broken = doc.to_string();
    assert!(hosted_exchange_sim::storage::transfer::parse_import(&broken).is_err(), "a file that does not play is no start");
}

/// Issue 20: a run of a section or a scenario on the Italian subsidiary is recorded from the
/// demo on that subsidiary, with the set-up that leads to its start: the recording starts from
/// the very state the run started from (on France, from the format's named starts as before).
#[test]
fn issue_20_a_recording_starts_where_its_run_did_on_every_subsidiary() {
    use hosted_exchange_sim::domain::Subsidiary;
    for subsidiary in Subsidiary::ALL {
        for start in Start::all_on(subsidiary) {
            let (file_start, setup) = recording_start(&start).unwrap();
            let mut state = file_start.state();
            for a in setup {
                state.apply(a).unwrap();
            }
            assert_eq!(json(&state), json(&start.state()), "{start:?}");
        }
    }
}


// ---------- a situation as a file's start (f18) ----------

fn situation_file() -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/scenarios/situation.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// U1, U2, T3: a file whose `start` is a situation parses into the very situation the form
/// gives, starts from the state that situation starts from (logged in, its figures on its day),
/// plays to its end and checks its expectations there (✓ and ✗ alike); what it writes back
/// parses to the same scenario, and a run of it travels with the file.
#[test]
fn u1_u2_t3_a_file_that_starts_from_a_situation_parses_plays_and_checks_its_expectations() {
    let loaded = parse_scenario_file(&situation_file()).unwrap();
    let ScenarioStart::Situation(situation) = &loaded.scenario.start else { panic!("a situation start") };
    let form = SituationInput {
        subsidiary: "FR".into(),
        today: "2026-04-01".into(),
        platforms: vec![SituationPlatformInput::following("example.com", "2026-06-15", BillingMode::Yearly, 3)],
        balance: "20.00".into(),
        methods: vec![SituationMethodInput { kind: "card".into(), card_expiry: "05/2026".into(), last4: "4242".into(), ..Default::default() }],
        ..SituationInput::default()
    };
    assert_eq!(**situation, form.parse().unwrap(), "U1: the form's situation");
    // U2, T3: the start is the situation's own state, built the same way every time.
    assert_eq!(json(&loaded.scenario.start_state().unwrap()), json(&Start::situation(form.parse().unwrap()).state()));
    assert!(loaded.scenario.start_state().unwrap().customer.is_some(), "L1: logged in");
    assert_eq!(loaded.played.checks.len(), loaded.scenario.expect.len());
    assert!(loaded.played.all_ok(), "{:?}", loaded.played.checks);
    assert_eq!(loaded.played.state.account.balance, rust_decimal::Decimal::ZERO);
    // Written back, the same scenario; a link carries it whole.
    assert_eq!(parse_scenario_file(&scenario_text(&loaded.scenario)).unwrap().scenario, loaded.scenario);
    assert_eq!(decode_scenario_link(&encode_scenario_link(&loaded.scenario)).unwrap().scenario, loaded.scenario);
    // A wrong expectation on it shows both values and stops nothing.
    let wrong = edit(&situation_file(), r#"{ "after": 1, "balance": "-159.64" }"#, r#"{ "after": 1, "balance": "-150.00" }"#);
    let played = parse_scenario_file(&wrong).unwrap().played;
    let bad: Vec<_> = played.checks.iter().filter(|c| !c.check.ok).collect();
    assert_eq!(bad.len(), 1, "{:?}", played.checks);
    assert_eq!(bad[0].check.expected, Observed::Money(rust_decimal::Decimal::new(-15000, 2)));
    assert_eq!(bad[0].check.actual, Observed::Money(rust_decimal::Decimal::new(-15964, 2)));
    assert_eq!(played.state, loaded.played.state, "the play went on to the end");
    // T3: a run of the file replays from the file.
    let start = file_start(&loaded).unwrap();
    let run = Simulator::new(start.clone());
    let link = hosted_exchange_sim::storage::transfer::encode_link(&run.saved(0));
    assert_eq!(hosted_exchange_sim::storage::transfer::decode_link(&link).unwrap().run.start, start);
}

/// U1: a bad situation in a file is refused by its path under `start.situation`, with the
/// situation form's own reason; its version is the situation's (a newer one refused, named).
#[test]
fn u1_a_bad_situation_in_a_file_is_refused_with_its_path() {
    let file = situation_file();
    use SituationError as E;
    let cases = [
        (edit(&file, r#""anniversary": "2026-06-15""#, r#""anniversary": "2026-03-15""#), "start.situation.platforms[0].anniversary", Problem::Situation(E::AnniversaryNotAfterToday)),
        (edit(&file, r#""anniversary": "2026-06-15""#, r#""anniversary": "15/06/2026""#), "start.situation.platforms[0].anniversary", Problem::Situation(E::BadDate)),
        (edit(&file, r#""subsidiary": "fr""#, r#""subsidiary": "de""#), "start.situation.subsidiary", Problem::Situation(E::UnknownSubsidiary)),
        (edit(&file, r#"{ "local_part": "user2" }"#, r#"{ "local_part": "user1" }"#), "start.situation.platforms[0].accounts[1].local_part", Problem::Situation(E::DuplicateLocalPart)),
        (edit(&file, r#""card_expiry": "05/2026""#, r#""card_expiry": "13/2026""#), "start.situation.methods[0].card_expiry", Problem::Situation(E::CardExpiry(CardExpiryError::BadFormat))),
        (edit(&file, r#""version": 1,
      "subsidiary""#, r#""version": 2,
      "subsidiary""#), "start.situation.version", Problem::Situation(E::NewerVersion { found: 2, supported: SITUATION_VERSION })),
        (edit(&file, r#""version": 1,
      "subsidiary""#, r#""version": 0,
      "subsidiary""#), "start.situation.version", Problem::Version { found: 0, supported: SITUATION_VERSION }),
        (edit(&file, r#""start": {"#, r#""start": { "demo": {},"#), "start.situation", Problem::NotAllowedHere),
    ];
    for (text, path, problem) in cases {
        assert_eq!(invalid(&text), (path.to_string(), problem), "{path}");
    }
    use TypeProblem::*;
    let types = [
        (edit(&file, r#""today": "2026-04-01","#, ""), "start.situation.today", Missing),
        (edit(&file, r#""balance": "20.00""#, r#""balance": 20"#), "start.situation.balance", Expected(JsonKind::Text)),
        (edit(&file, r#""last4": "4242""#, r#""last4": "4242", "number": "4242424242424242""#), "start.situation.methods[0].number", NotInFormat),
    ];
    for (text, path, problem) in types {
        assert_eq!(type_error(&text), (path.to_string(), problem), "{path}");
    }
}

/// U2, T3: a run that started from a situation is recorded as a file with that start: what the
/// recorder writes parses back to the same scenario, starts from the very state the run did,
/// and plays the very actions into the very states.
#[test]
fn u2_t3_a_run_from_a_situation_is_recorded_as_a_file_with_that_start() {
    let loaded = parse_scenario_file(&situation_file()).unwrap();
    let ScenarioStart::Situation(situation) = loaded.scenario.start.clone() else { panic!() };
    let run = Start::Situation(situation.clone());
    let (start, setup) = recording_start(&run).unwrap();
    assert_eq!(start, ScenarioStart::Situation(situation));
    assert!(setup.is_empty());
    let mut state = run.state();
    let mut beats = Vec::new();
    for action in choices_to_actions(state.clone(), &[3, 7, 1, 9, 4, 0, 2]) {
        state.apply(action.clone()).unwrap();
        beats.push(RecordedBeat { action, caption: Texts::new("A beat", Some("Une étape"), None).unwrap(), pause: false });
    }
    assert!(!beats.is_empty());
    let expect = vec![Expectation::of_balance(beats.len(), &state)];
    let rec = Recording {
        title: Texts::new("From my situation", Some("Depuis ma situation"), None).unwrap(),
        summary: Texts::new("What I did.", None, None).unwrap(),
        start,
        setup,
        beats,
        expect,
    };
    let scenario = record(&rec).unwrap();
    let text = scenario_text(&scenario);
    assert!(text.contains("\"situation\""), "{text}");
    let back = parse_scenario_file(&text).unwrap();
    assert_eq!(back.scenario, scenario);
    assert!(back.played.all_ok());
    assert_eq!(json(&back.played.state), json(&state));
    assert_eq!(json(&back.scenario.start_state().unwrap()), json(&run.state()));
}
