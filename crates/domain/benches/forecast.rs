#![cfg(not(target_arch = "wasm32"))]
//! The months ahead (F1): the forecast for 24 months of 100 accounts on 2 platforms (the
//! issue's target: well under 16 ms), the last safe days (F2) and a comparison of two choices.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use hes_domain::*;

/// 2 platforms of 50 monthly accounts each (the most invoices: 24 a platform), anniversaries
/// on 31 January and 15 June, an OVH account at 20.00 € and a card valid until 2099.
fn hundred_accounts() -> State {
    let platform = |domain: &str, anniversary: &str| SituationPlatformInput::following(domain, anniversary, BillingMode::Monthly, 50);
    let input = SituationInput {
        today: "2026-04-01".into(),
        platforms: vec![platform("a.example", "2027-01-31"), platform("b.example", "2026-06-15")],
        balance: "20.00".into(),
        methods: vec![SituationMethodInput { kind: "card".into(), card_expiry: "12/99".into(), ..Default::default() }],
        ..SituationInput::default()
    };
    input.parse().expect("a valid situation").state()
}

fn bench_forecast(c: &mut Criterion) {
    let s = hundred_accounts();
    let mut g = c.benchmark_group("f1_100_accounts_2_platforms");
    g.bench_function("forecast_24_months", |b| b.iter(|| black_box(forecast(black_box(&s), Horizon::Months24))));
    g.bench_function("forecast_12_months", |b| b.iter(|| black_box(forecast(black_box(&s), Horizon::Months12))));
    g.bench_function("last_safe_days", |b| b.iter(|| black_box(last_safe_days(black_box(&s)))));
    let yearly = Alternative::SetMode { scope: AccountScope::All, mode: BillingMode::Yearly };
    g.bench_function("compare_24_months", |b| b.iter(|| black_box(compare(black_box(&s), &yearly, Horizon::Months24))));
    g.finish();
}

/// The browser benchmark's state (`scripts/bench-browser.sh`, `probe::busy`): 1,000 actions
/// from the two-platform scenario, which leave 100 accounts (half monthly, half yearly, renewing
/// on many days) and about 3 years of history (1,051 invoices) behind today.
fn bench_with_history(c: &mut Criterion) {
    let s = probe::busy(1_000, 100).state;
    let mut g = c.benchmark_group("f1_browser_save_100_accounts_3_years");
    g.bench_function("forecast_24_months", |b| b.iter(|| black_box(forecast(black_box(&s), Horizon::Months24))));
    g.bench_function("forecast_3_months", |b| b.iter(|| black_box(forecast(black_box(&s), Horizon::Months3))));
    g.bench_function("last_safe_days", |b| b.iter(|| black_box(last_safe_days(black_box(&s)))));
    g.finish();
}

criterion_group!(benches, bench_forecast, bench_with_history);
criterion_main!(benches);
