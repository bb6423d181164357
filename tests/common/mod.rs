//! Helpers the property tests share (`tests/transfer.rs`, `tests/scenario_file.rs`).

use hosted_exchange_sim::domain::scenario::{ScenarioId, Start};
use hosted_exchange_sim::domain::{GuideSection, Subsidiary};
use proptest::prelude::*;

/// Any start a run may have: the demo, a section, a built-in scenario (on either subsidiary).
pub fn any_start() -> impl Strategy<Value = Start> {
    prop_oneof![
        Just(Start::Demo),
        (0usize..8, 0usize..2).prop_map(|(i, s)| Start::Section(GuideSection::WALKTHROUGH[i], Subsidiary::ALL[s])),
        (0usize..7, 0usize..2).prop_map(|(i, s)| Start::Scenario(ScenarioId::ALL[i], Subsidiary::ALL[s])),
    ]
}
