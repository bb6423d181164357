#![cfg(not(target_arch = "wasm32"))]
//! Engine benchmarks: (a) 1,000 monthly accounts over 10 years, (b) 10 quiet years vs one
//! day, (c) JSON of the state from (a).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use hes_domain::*;

fn start_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date")
}

/// 1 platform, 1,000 monthly accounts, a valid card as default (every invoice paid, S4).
fn busy() -> State {
    scenario::with_accounts(start_day(), 1_000, BillingMode::Monthly)
}

/// Nothing ever happens: a platform whose only account was suspended on expiry (R5).
fn quiet() -> State {
    let mut s = scenario::with_accounts(start_day(), 1, BillingMode::Monthly);
    s.methods.clear();
    for a in s.platforms.iter_mut().flat_map(|p| p.accounts.iter_mut()) {
        a.status = AccountStatus::SuspendedExpired;
    }
    s
}

fn advance(mut s: State, days: u32) -> State {
    s.apply(Action::Advance(Advance::Days(days)))
        .expect("advance");
    s
}

fn bench_busy(c: &mut Criterion) {
    let mut g = c.benchmark_group("a_1000_accounts");
    g.sample_size(10);
    let s = busy();
    g.bench_function("advance_3650_days", |b| {
        b.iter_batched(
            || s.clone(),
            |s| black_box(advance(s, 3650)),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn bench_quiet(c: &mut Criterion) {
    let mut g = c.benchmark_group("b_quiet");
    let s = quiet();
    g.bench_function("advance_3650_days", |b| {
        b.iter_batched(
            || s.clone(),
            |s| black_box(advance(s, 3650)),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("advance_1_day", |b| {
        b.iter_batched(
            || s.clone(),
            |s| black_box(advance(s, 1)),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn bench_json(c: &mut Criterion) {
    let mut g = c.benchmark_group("c_json");
    g.sample_size(10);
    let s = advance(busy(), 3650);
    let json = serde_json::to_string(&s).expect("serialise");
    g.bench_function("serialize", |b| {
        b.iter(|| black_box(serde_json::to_string(&s).expect("serialise")))
    });
    g.bench_function("parse", |b| {
        b.iter(|| black_box(serde_json::from_str::<State>(&json).expect("parse")))
    });
    g.finish();
}

criterion_group!(benches, bench_busy, bench_quiet, bench_json);
criterion_main!(benches);
