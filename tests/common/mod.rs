//! Helpers the property tests share (`tests/transfer.rs`, `tests/scenario_file.rs`).

use hosted_exchange_sim::domain::scenario::{ScenarioId, Start};
use hosted_exchange_sim::domain::GuideSection;
use proptest::prelude::*;

/// Any start a run may have: the demo, a section, a built-in scenario.
pub fn any_start() -> impl Strategy<Value = Start> {
    prop_oneof![
        Just(Start::Demo),
        (0usize..8).prop_map(|i| Start::Section(GuideSection::WALKTHROUGH[i])),
        (0usize..7).prop_map(|i| Start::Scenario(ScenarioId::ALL[i])),
    ]
}
