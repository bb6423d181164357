#![cfg(not(target_arch = "wasm32"))]
//! The walkthrough's and scenarios' texts (`public/guide/<lang>.json`) against the domain's
//! steps, sections and scenarios: a missing text fails here, not in front of a user.

use hosted_exchange_sim::domain::guide;
use hosted_exchange_sim::domain::scenario::ScenarioId;
use hosted_exchange_sim::domain::GuideSection;

/// The guide texts: every step, section and scenario has its text in every language (a missing
/// text fails here, not in front of a user).
/// A language's guide texts: the first screen's (`<lang>.core.json`) and the rest (`<lang>.json`).
fn guide_texts(lang: &str) -> serde_json::Map<String, serde_json::Value> {
    let mut all = serde_json::Map::new();
    for file in [format!("{lang}.core.json"), format!("{lang}.json")] {
        let path = format!("{}/public/guide/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let part: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
        for (key, value) in part {
            assert!(all.insert(key.clone(), value).is_none(), "{path}: {key} is in both files");
        }
    }
    all
}

#[test]
fn every_step_has_a_text_in_every_language() {
    for lang in ["fr", "it", "en"] {
        let texts = guide_texts(lang);
        let has = |key: &str| texts.get(key).and_then(|v| v.as_str()).is_some_and(|t| !t.trim().is_empty());
        let mut expected = Vec::new();
        for section in GuideSection::WALKTHROUGH {
            expected.push(format!("{}.title", section.slug()));
            expected.push(format!("{}.summary", section.slug()));
            expected.extend(guide::steps(section).iter().flat_map(|s| s.text_ids()).map(String::from));
        }
        for id in ScenarioId::ALL {
            expected.push(format!("{}.title", id.slug()));
            expected.push(format!("{}.summary", id.slug()));
            expected.extend((0..id.script().len()).map(|i| format!("{}.{i}", id.slug())));
        }
        for key in &expected {
            assert!(has(key), "{lang}: no text for {key}");
        }
        for key in texts.keys() {
            assert!(expected.contains(key), "{lang}: {key} is no step, section or scenario");
        }
    }
}


/// Issue 20, item 2: with the Italian subsidiary (no bank account, P1), G2's steps say nothing
/// of a bank account, an IBAN or its validation (P7), in any language; with the French one the
/// bank account is still offered.
#[test]
fn issue_20_g2_says_nothing_of_a_bank_account_in_italy() {
    use hosted_exchange_sim::domain::Subsidiary;
    let bank = ["IBAN", "compte bancaire", "conto bancario", "bank account", "mandat"];
    for lang in ["fr", "it", "en"] {
        let texts = guide_texts(lang);
        let text = |key: &str| texts.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let steps = guide::steps(GuideSection::G2);
        for step in steps {
            let italy = text(step.text_id(Subsidiary::It));
            assert!(!italy.is_empty(), "{lang}: {}", step.id);
            for word in bank {
                assert!(!italy.contains(word), "{lang} {} (Italy) speaks of {word}: {italy}", step.id);
            }
        }
        let france: String = steps.iter().map(|s| text(s.text_id(Subsidiary::Fr))).collect();
        assert!(france.contains("IBAN"), "{lang}: France still offers the bank account");
    }
}
