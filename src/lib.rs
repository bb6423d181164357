//! The Hosted Exchange renewal simulator. See docs/architecture.md for the map.
//!
//! The rules are the `hes-domain` crate (`crates/domain`), re-exported as [`domain`]: pure,
//! with no web dependency its manifest could even name.
pub use hes_domain as domain;
pub mod i18n;
pub mod session;
pub mod storage;
pub mod ui;
