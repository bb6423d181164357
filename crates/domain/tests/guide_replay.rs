#![cfg(not(target_arch = "wasm32"))]
//! Issue 19: an embed's `step=N` starts a section at step N with its state as if the earlier
//! steps had been done: every section is moved on to its end by `guide::step_move` alone.

use hes_domain::guide::{self, StepMove, Tour};
use hes_domain::scenario::Start;
use hes_domain::*;

/// Moves `tour` on to step `n` (or its end); returns the state and how many actions it took.
fn forward(section: GuideSection, n: usize) -> (State, Tour, usize) {
    let mut state = Start::Section(section, hes_domain::Subsidiary::Fr).state();
    let mut tour = Tour::new(section);
    let mut acted = 0;
    for _ in 0..100 {
        if tour.step >= n {
            break;
        }
        match guide::step_move(&tour, &state) {
            StepMove::Skip => tour.step += 1,
            StepMove::Act(action) => {
                let events = state.apply(action).expect("a step's own action is accepted");
                tour.on_events(&events, "", &state);
                acted += 1;
            }
            StepMove::Stop => break,
        }
    }
    (state, tour, acted)
}

#[test]
fn issue19_every_section_is_moved_on_to_its_end_by_its_own_steps() {
    for section in GuideSection::WALKTHROUGH {
        let len = guide::steps(section).len();
        let (_, tour, _) = forward(section, len);
        assert!(tour.is_finished(), "{section:?} stopped at step {} of {len}", tour.step);
        assert_eq!(guide::step_move(&tour, &Start::Section(section, hes_domain::Subsidiary::Fr).state()), StepMove::Stop);
    }
}

#[test]
fn issue19_g8_at_step_4_has_issued_the_invoice_and_made_the_customer_a_debtor_d4() {
    // G8's steps: situation, arithmetic, invoice (Next event), debtor (step 4).
    let (state, tour, acted) = forward(GuideSection::G8, 3);
    assert_eq!(tour.current().map(|s| s.id), Some("g8.debtor"));
    assert_eq!(acted, 1, "one Next event: the 10 March invoice");
    assert!(state.account.is_debtor(), "the worked example's debt (D4)");
    // Moving on to a reading step takes no action.
    let (state, tour, acted) = forward(GuideSection::G8, 2);
    assert_eq!((tour.step, acted), (2, 0));
    assert!(!state.account.is_debtor());
}

#[test]
fn issue19_g2_steps_log_in_and_add_a_method_l1_p3() {
    let (state, tour, _) = forward(GuideSection::G2, guide::steps(GuideSection::G2).len() - 1);
    assert_eq!(tour.current().map(|s| s.id), Some("g2.listed"));
    assert!(state.customer.is_some());
    assert_eq!(state.methods.len(), 1);
}
