//! Helpers shared by the domain's test files (`mod common;`); each file uses some of them.
#![allow(dead_code)]

use chrono::NaiveDate;
use hes_domain::{Action, Advance, Event, State};
use rust_decimal::Decimal;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub fn eur(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Applies an action that must be accepted.
pub fn ok(s: &mut State, a: Action) -> Vec<Event> {
    match s.apply(a.clone()) {
        Ok(ev) => ev,
        Err(r) => panic!("{a:?} refused: {r:?}"),
    }
}

/// Advances the clock to `to` (T2).
pub fn advance_to(s: &mut State, to: NaiveDate) -> Vec<Event> {
    let n = (to - s.today).num_days();
    assert!(n >= 0);
    ok(s, Action::Advance(Advance::Days(n as u32)))
}
