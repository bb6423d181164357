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
            for i in 0..id.script().len() {
                for sub in hosted_exchange_sim::domain::Subsidiary::ALL {
                    let key = id.caption_id(i, sub);
                    if !expected.contains(&key) {
                        expected.push(key);
                    }
                }
            }
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

/// Issue 20, item 2 (M2, S1): a section or a scenario on the Italian subsidiary quotes the
/// Italian run's figures, in every language: the invoice `IT0000001`, 12.18 incl. 2.20 of VAT
/// (22 %), a debt of 7.18; never France's (`FR0000001`, 11.98, 6.98). Those figures are the
/// engine's (`issue_20_sections_and_scenarios_run_on_their_subsidiary` in the domain's tests).
#[test]
fn issue_20_the_italian_subsidiarys_texts_quote_its_own_figures() {
    use hosted_exchange_sim::domain::Subsidiary;
    for lang in ["fr", "it", "en"] {
        let texts = guide_texts(lang);
        let text = |key: &str| texts.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let mut italy = Vec::new();
        for section in GuideSection::WALKTHROUGH {
            italy.extend(guide::steps(section).iter().map(|s| (s.id.to_string(), text(s.text_id(Subsidiary::It)))));
        }
        for id in ScenarioId::ALL {
            italy.extend((0..id.script().len()).map(|i| (id.caption_id(i, Subsidiary::It), text(&id.caption_id(i, Subsidiary::It)))));
        }
        for (key, t) in &italy {
            for french in ["FR0000001", "11,98", "11.98", "6,98", "6.98", "16,98", "16.98", "3,02", "3.02", "8,02", "8.02"] {
                assert!(!t.contains(french), "{lang} {key} (Italy) quotes France's {french}: {t}");
            }
        }
        let g8: String = guide::steps(GuideSection::G8).iter().map(|s| text(s.text_id(Subsidiary::It))).collect();
        for figure in ["IT0000001", "12", "18", "2", "20", "7"] {
            assert!(g8.contains(figure), "{lang}: G8 in Italy quotes {figure}");
        }
        let sep = if lang == "en" { "." } else { "," };
        for figure in ["12{}18", "2{}20", "7{}18"] {
            let figure = figure.replace("{}", sep);
            assert!(g8.contains(&figure), "{lang}: G8 in Italy quotes {figure}");
        }
        let france: String = guide::steps(GuideSection::G8).iter().map(|s| text(s.text_id(Subsidiary::Fr))).collect();
        assert!(france.contains("FR0000001"), "{lang}: France's G8 keeps its own figures");
    }
}

/// Issue 20, item 14: G3 in Italian speaks the Italian guide's words where it has them
/// (`renewal-guide.it.md`, "Il conto OVH"), and none of the French guide's sentences the Italian
/// one lacks ("Si vous ne souhaitez pas enregistrer…", "fonctionne comme un compte bancaire"),
/// whatever the subsidiary.
#[test]
fn issue_20_g3_in_italian_follows_the_italian_guide() {
    use hosted_exchange_sim::domain::Subsidiary;
    let texts = guide_texts("it");
    let text = |key: &str| texts.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
    for sub in Subsidiary::ALL {
        let g3: String = guide::steps(GuideSection::G3).iter().map(|s| text(s.text_id(sub)) + " ").collect();
        for french in ["Se non vuoi registrare", "funziona come un conto bancario", "non è stato accreditato", "importo insufficiente"] {
            assert!(!g3.contains(french), "G3 ({sub:?}) translates the French guide: {french}");
        }
        for guide_it in [
            "Per saldare le tue fatture, puoi utilizzare il conto OVH",
            "Il saldo del conto OVH, di default, è 0.",
            "Quando viene emessa una fattura Microsoft, l'importo viene prelevato e il tuo conto OVH diventa negativo.",
            "Se il credito non è sufficiente, hai 7 giorni di tempo per ricaricare ed effettuare il pagamento.",
        ] {
            let words = guide_it.trim_end_matches('.');
            assert!(g3.contains(words), "G3 ({sub:?}) quotes the Italian guide: {guide_it}");
        }
    }
}
