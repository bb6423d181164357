#![cfg(not(target_arch = "wasm32"))]
//! The walkthrough's and scenarios' texts (`public/guide/<lang>.json`) against the domain's
//! steps, sections and scenarios: a missing text fails here, not in front of a user.

use hosted_exchange_sim::domain::guide;
use hosted_exchange_sim::domain::scenario::ScenarioId;
use hosted_exchange_sim::domain::GuideSection;

/// The guide texts: every step, section and scenario has its text in every language (a missing
/// text fails here, not in front of a user).
#[test]
fn every_step_has_a_text_in_every_language() {
    for lang in ["fr", "it", "en"] {
        let path = format!("{}/public/guide/{lang}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let texts: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
        let has = |key: &str| texts.get(key).and_then(|v| v.as_str()).is_some_and(|t| !t.trim().is_empty());
        let mut expected = Vec::new();
        for section in GuideSection::WALKTHROUGH {
            expected.push(format!("{}.title", section.slug()));
            expected.push(format!("{}.summary", section.slug()));
            expected.extend(guide::steps(section).iter().map(|s| s.id.to_string()));
        }
        for id in ScenarioId::ALL {
            expected.push(format!("{}.title", id.slug()));
            expected.push(format!("{}.summary", id.slug()));
            expected.extend((0..id.script().len()).map(|i| format!("{}.{i}", id.slug())));
        }
        for key in &expected {
            assert!(has(key), "{path}: no text for {key}");
        }
        for key in texts.keys() {
            assert!(expected.contains(key), "{path}: {key} is no step, section or scenario");
        }
    }
}

