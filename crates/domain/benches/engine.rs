#![cfg(not(target_arch = "wasm32"))]
//! Engine benchmarks: (a) 1,000 monthly accounts over 10 years, (b) 10 quiet years vs one
//! day, (c) JSON of the state from (a), (d) 40,000 *Next event* while in debt, timed per event
//! at 1k, 4k, 16k and 40k events (issue 16: the engine's cost is linear in its events), with
//! the ratio of the time per event at 40k to that at 1k, (e) the worst run the bounds let
//! through, replayed, and the probes of issue 16 refused before any replay.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{criterion_group, BatchSize, BenchmarkId, Criterion, Throughput};
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

/// The demo, logged in, in the worked example's debt once the clock moves (no payment method).
fn in_debt() -> State {
    let mut s = scenario::demo();
    let nic = NicHandle::parse("ab12345-ovh").expect("nic");
    s.apply(Action::LogIn { nic, subsidiary: Subsidiary::Fr }).expect("log in");
    s
}

/// `n` × *Next event* from [`in_debt`]: the debt is never paid, so every renewal adds an unpaid
/// invoice (D6). Unbounded: 40,000 events go far past B5's last day and B7's history, which is
/// the point (the bounds keep runs small; this measures that size does not cost more per event).
fn next_events(mut s: State, n: usize) -> State {
    for _ in 0..n {
        s.apply_unbounded(Action::Advance(Advance::NextEvent)).expect("next event");
    }
    s
}

const EVENTS: [usize; 4] = [1_000, 4_000, 16_000, 40_000];

fn bench_debt(c: &mut Criterion) {
    let mut g = c.benchmark_group("d_next_event_in_debt");
    g.sample_size(10);
    let s = in_debt();
    for n in EVENTS {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            // One state at a time: holding several 40,000-event states would measure the
            // machine's memory, not the engine.
            b.iter_batched(|| s.clone(), |s| black_box(next_events(s, n)), BatchSize::PerIteration)
        });
    }
    g.finish();
}

/// The time per event at `n` events: once the history holds `n` events, the time of the next
/// ones, the best of a few batches of 200 (the least disturbed by the rest of the machine).
/// Unlike an average from the start, it leaves out the cheap first events and the memory the
/// history takes, and compares what one more event costs.
fn per_event_at(state: &mut State, done: &mut usize, n: usize) -> Duration {
    while *done < n {
        state.apply_unbounded(Action::Advance(Advance::NextEvent)).expect("next event");
        *done += 1;
    }
    let batch = 200;
    (0..5)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                state.apply_unbounded(Action::Advance(Advance::NextEvent)).expect("next event");
            }
            *done += batch;
            t.elapsed() / batch as u32
        })
        .min()
        .unwrap_or_default()
}

/// (d), summed up: the time per event at each size, and the ratio 40k / 1k (target ≤ 1.5×).
fn report_debt_ratio() {
    let mut state = in_debt();
    let mut done = 0;
    let times: Vec<(usize, Duration)> = EVENTS.iter().map(|&n| (n, per_event_at(&mut state, &mut done, n))).collect();
    println!("d_next_event_in_debt, time per event once the history holds n events (best of 5 × 200):");
    for (n, t) in &times {
        println!("  {n:>6} events: {t:?} per event");
    }
    let ratio = times[3].1.as_secs_f64() / times[0].1.as_secs_f64();
    let verdict = if ratio <= 1.5 { "met" } else { "NOT MET" };
    println!("  ratio 40k / 1k per event: {ratio:.2}× (target ≤ 1.5×: {verdict})");
}

fn bench_bounds(c: &mut Criterion) {
    let mut g = c.benchmark_group("e_bounds");
    g.sample_size(10);
    let worst = probe::worst_valid(true, BillingMode::Yearly);
    assert!(worst.check_bounds().is_ok(), "the worst valid run is within the bounds");
    g.bench_function("replay_worst_valid_run", |b| {
        b.iter(|| black_box(Simulator::from_saved(&worst).expect("replays")))
    });
    let worst_link = SavedRun { snapshots: Vec::new(), ..worst.clone() };
    g.bench_function("replay_worst_valid_link", |b| {
        b.iter(|| black_box(Simulator::from_saved(&worst_link).expect("replays")))
    });
    let probe = probe::debt_next_events(43_682);
    g.bench_function("refuse_43682_next_events", |b| {
        b.iter(|| black_box(Replay::new(&probe).expect_err("over B1")))
    });
    g.finish();
}

criterion_group!(benches, bench_busy, bench_quiet, bench_json, bench_debt, bench_bounds);

fn main() {
    benches();
    // The ratio is printed after criterion's runs, from timings of its own, unless a filter
    // leaves (d) out.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let listing = args.iter().any(|a| a == "--list" || a == "--test");
    if !listing && (filters.is_empty() || filters.iter().any(|f| "d_next_event_in_debt".contains(f.as_str()))) {
        report_debt_ratio();
    }
    Criterion::default().configure_from_args().final_summary();
}
