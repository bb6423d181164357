//! The pure rules engine of the Hosted Exchange renewal simulator.
//!
//! No I/O, no wall clock, no randomness (T3): the same state and the same actions always give
//! the same result. Rule IDs (M1, S5, D4, ...) refer to `RULES.md`.

pub mod action;
mod billing;
mod days;
pub mod engine;
pub mod guide;
pub mod input;
pub mod journal;
mod plans;
pub mod scenario;
pub mod scenario_file;
pub mod sim;
pub mod state;

pub use action::*;
pub use billing::{credit_floor, vat_of};
pub use engine::BANK_VALIDATION_DAYS;
pub use input::*;
pub use journal::*;
pub use plans::*;
pub use sim::*;
pub use state::*;
