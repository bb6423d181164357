//! The Hosted Exchange renewal simulator. See README.md, "Architecture", for the map.
pub mod domain;
pub mod i18n;
pub mod storage;
pub mod ui;
