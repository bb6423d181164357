#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the share-link decoder and the import parser (`storage::transfer`):
//! random and mutated inputs never panic, and every valid export (or link) reads back to an
//! equal simulation. The default number of cases keeps `cargo test` quick; raise it with
//! `PROPTEST_CASES=10000 cargo test --release --test transfer` (README, "Tests").

mod common;

use common::any_start;
use hosted_exchange_sim::domain::scenario::Start;
use hosted_exchange_sim::domain::*;
use hosted_exchange_sim::storage::transfer::{decode_link, encode_link, export_text, parse_import};
use proptest::prelude::*;

/// A simulation played from `start` by a sequence of small choices (refused actions skipped).
fn played(start: Start, choices: &[u8]) -> Simulator {
    let mut sim = Simulator::new(start);
    if sim.state.customer.is_none() {
        let nic = NicHandle::parse("ab12345-ovh").unwrap();
        let _ = sim.apply(Action::LogIn { nic, subsidiary: Subsidiary::Fr });
    }
    for (i, &c) in choices.iter().enumerate() {
        let action = match c % 9 {
            0 => Action::Advance(Advance::NextEvent),
            1 => Action::Advance(Advance::Days(u32::from(c) % 40)),
            2 => Action::Credit(Amount::parse(&format!("{}", 10 + u32::from(c))).unwrap()),
            3 => match sim.state.orders.iter().rev().find(|o| o.status == OrderStatus::Open) {
                Some(o) => Action::PayOrder(o.id, Payer::BankTransfer),
                None => continue,
            },
            4 => Action::AddMethod(MethodInput::Card {
                number: CardNumber::parse("4242 4242 4242 4242").unwrap(),
                expiry: CardExpiry::new(2030, 1 + u32::from(c) % 12).unwrap(),
            }),
            5 => Action::AddMethod(MethodInput::Paypal { email: PaypalEmail::parse("someone@example.com").unwrap() }),
            6 => match sim.state.platforms.first().and_then(|p| p.accounts.get(usize::from(c) % 2)) {
                Some(a) => Action::SetMode {
                    accounts: vec![a.id],
                    mode: [BillingMode::Monthly, BillingMode::Yearly, BillingMode::None][usize::from(c) % 3],
                },
                None => continue,
            },
            7 => match sim.state.methods.first() {
                Some(m) => Action::SetDeclineNext(m.id, c % 2 == 0),
                None => continue,
            },
            _ => {
                if i % 4 == 0 {
                    sim.snapshot(format!("snapshot {i}")).expect("under B4");
                }
                continue;
            }
        };
        let _ = sim.apply(action);
    }
    sim
}

proptest! {
    /// Every export imports back to an equal simulation, snapshots and step included.
    #[test]
    fn every_valid_export_imports_back_to_an_equal_simulation(start in any_start(), choices in prop::collection::vec(any::<u8>(), 0..30), step in 0usize..10) {
        let sim = played(start, &choices);
        let text = export_text(&sim.saved(step), "2026-11-22T10:00:00.000Z");
        let got = parse_import(&text).expect("a valid export imports");
        prop_assert_eq!(&got.sim, &sim);
        prop_assert_eq!(got.run.step, step);
    }

    /// Every link reads back to the same simulation (its snapshots stay behind).
    #[test]
    fn every_link_reads_back_to_the_same_simulation(start in any_start(), choices in prop::collection::vec(any::<u8>(), 0..30)) {
        let sim = played(start, &choices);
        let got = decode_link(&encode_link(&sim.saved(0))).expect("a valid link reads");
        prop_assert_eq!(&got.sim.state, &sim.state);
        prop_assert_eq!(&got.sim.log, &sim.log);
    }

    /// Random text never panics the link decoder or the import parser.
    #[test]
    fn random_input_never_panics(text in ".{0,400}", bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = decode_link(&text);
        let _ = decode_link(&format!("s={text}"));
        let _ = parse_import(&text);
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = decode_link(&format!("#s={lossy}"));
        let _ = parse_import(&lossy);
    }

    /// A valid link or file with bytes changed, cut or added never panics, and a change is
    /// never taken silently for something it is not: it is refused, or it reads to a
    /// simulation that passes every check.
    #[test]
    fn mutated_links_and_files_never_panic(choices in prop::collection::vec(any::<u8>(), 0..20),
                                           edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..6),
                                           cut in any::<usize>()) {
        let sim = played(Start::Demo, &choices);
        let link = encode_link(&sim.saved(0));
        let mut bytes = link.into_bytes();
        for (at, b) in &edits {
            let i = 2 + at % (bytes.len() - 2);
            bytes[i] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[usize::from(*b) % 64];
        }
        let mutated = String::from_utf8(bytes).unwrap();
        if let Ok(got) = decode_link(&mutated) {
            prop_assert!(got.sim.state.check_invariants().is_ok());
        }
        let _ = decode_link(&mutated[..2 + cut % (mutated.len() - 1)]);

        let mut file = export_text(&sim.saved(0), "").into_bytes();
        for (at, b) in &edits {
            let i = at % file.len();
            file[i] = *b;
        }
        let file = String::from_utf8_lossy(&file).into_owned();
        if let Ok(got) = parse_import(&file) {
            prop_assert!(got.sim.state.check_invariants().is_ok());
        }
        let _ = parse_import(&file[..file.char_indices().nth(cut % file.chars().count().max(1)).map_or(0, |(i, _)| i)]);
    }
}

/// Issue 16's probe runs (`tests/fixtures/probes/*.json`, written by the domain's
/// `probe_fixtures_are_the_probes…` test) as share links (`*.link`, for the e2e suite): each
/// link is what `encode_link` makes of its run, and reads back refused by the bound that the
/// domain names (before any replay), or accepted within the bounds. The same run as an import
/// file reads the same. `HES_WRITE_FIXTURES=1 cargo test --test transfer probe` writes the links.
#[test]
fn probe_links_are_refused_by_their_bound_or_read_within_the_bounds() {
    use hosted_exchange_sim::storage::transfer::TransferError;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/probes");
    let write = std::env::var_os("HES_WRITE_FIXTURES").is_some();
    let probes = [
        ("debt-next-events-43682", Some(RuleId::B1)),
        ("centuries-2700", Some(RuleId::B5)),
        ("accounts-2000-next-events-4000", Some(RuleId::B1)),
        ("worst-valid", None),
    ];
    for (name, bound) in probes {
        let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let run: SavedRun = serde_json::from_str(&text).unwrap();
        let link = encode_link(&run);
        let path = dir.join(format!("{name}.link"));
        if write {
            std::fs::write(&path, &link).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), link, "{name}.link is not the run's link: rewrite it");
        // The export file, without its indentation (the largest probe is then just under the
        // import's size limit, as the was).
        let export: serde_json::Value = serde_json::from_str(&export_text(&run, "")).unwrap();
        let file = serde_json::to_string(&export).unwrap();
        for read in [decode_link(&link), parse_import(&file)] {
            match (bound, read) {
                (Some(rule), Err(TransferError::Bounds(error))) => assert_eq!(error.rule(), rule, "{name}"),
                (None, Ok(received)) => assert!(received.sim.state.check_invariants().is_ok(), "{name}"),
                (_, other) => panic!("{name}: {:?}", other.map(|r| r.run.actions.len())),
            }
        }
    }
}

/// Issue 17 (U1–U4, T3): the worked case's situation, played a little.
fn situation_run() -> Simulator {
    let input = SituationInput {
        subsidiary: "it".into(),
        today: "2026-04-01".into(),
        platforms: vec![SituationPlatformInput::following("example.com", "2026-06-15", BillingMode::Yearly, 3)],
        balance: "20.00".into(),
        methods: vec![SituationMethodInput { kind: "card".into(), card_expiry: "05/26".into(), ..Default::default() }],
        ..SituationInput::default()
    };
    let mut sim = Simulator::new(Start::situation(input.parse().expect("the worked case parses")));
    sim.apply(Action::Advance(Advance::NextEvent)).expect("the clock moves");
    sim
}

#[test]
fn u2_t3_a_situation_survives_a_link_and_an_export_round_trip() {
    let sim = situation_run();
    let got = decode_link(&encode_link(&sim.saved(0))).expect("a situation's link reads");
    assert_eq!(got.sim.state, sim.state);
    assert_eq!(got.sim.start, sim.start);
    let got = parse_import(&export_text(&sim.saved(0), "2026-12-03T10:00:00.000Z")).expect("a situation's file imports");
    assert_eq!(got.sim, sim);
}

#[test]
fn u1_a_bad_situation_in_a_file_is_refused_and_nothing_is_read() {
    let sim = situation_run();
    let text = export_text(&sim.saved(0), "2026-12-03T10:00:00.000Z");
    // The domain is edited by hand into something that is no domain: the file is refused whole.
    let bad = text.replacen("\"domain\": \"example.com\"", "\"domain\": \"not a domain\"", 1);
    assert_ne!(bad, text);
    assert!(parse_import(&bad).is_err(), "a situation that does not parse is refused");
    // A situation from a newer build is refused too, never silently changed.
    let newer = text.replacen("\"version\": 1,", "\"version\": 99,", 1);
    assert_ne!(newer, text, "the file carries the situation's version");
    assert!(parse_import(&newer).is_err());
}
