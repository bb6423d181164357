//! The pure rules engine of the Hosted Exchange renewal simulator.
//!
//! No I/O, no wall clock, no randomness (T3): the same state and the same actions always give
//! the same result. Rule IDs (M1, S5, D4, ...) refer to `RULES.md`.

pub mod action;
mod billing;
pub mod compare;
pub mod bounds;
mod days;
pub mod engine;
pub mod forecast;
pub mod guide;
mod index;
pub mod input;
pub mod journal;
mod method;
mod order;
mod plans;
mod rules;
pub mod safe_days;
pub mod probe;
pub mod scenario;
mod section;
mod settlement;
pub mod scenario_file;
pub mod sim;
pub mod situation;
pub mod state;

pub use action::*;
pub use billing::{credit_floor, vat_of};
pub use compare::*;
pub use bounds::{BoundsError, Reach, RunSummary};
pub use engine::BANK_VALIDATION_DAYS;
pub use forecast::*;
pub use input::*;
pub use journal::*;
pub use method::*;
pub use order::*;
pub use plans::*;
pub use rules::*;
pub use section::*;
pub use settlement::*;
pub use safe_days::*;
pub use sim::*;
pub use situation::*;
pub use state::*;
