#![cfg(not(target_arch = "wasm32"))]
//! Scenario files (docs/scenario-format.md, `storage::scenario_file`): the seven built-in files
//! play exactly as the Rust scripts they stand for and pass their own expectations; a bad file
//! is refused with the path and the reason; whatever the recorder writes parses back to the
//! same scenario; a link carries a whole file; random and mutated files never panic.

use std::collections::BTreeMap;

use hosted_exchange_sim::domain::scenario::{ScenarioId, Start};
use hosted_exchange_sim::domain::scenario_file::*;
use hosted_exchange_sim::domain::*;
use hosted_exchange_sim::storage::scenario_file::*;
use proptest::prelude::*;

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn path(p: &str) -> String {
    p.to_string()
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
        let mut from_rust = Start::Scenario(id).state();
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
        let guide_path = format!("{}/public/guide/{code}.json", env!("CARGO_MANIFEST_DIR"));
        let guide: BTreeMap<String, String> = serde_json::from_str(&std::fs::read_to_string(guide_path).unwrap()).unwrap();
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
