//! Writes the save the browser benchmark loads (`scripts/bench-browser.sh`, README
//! "Performance"): exactly 1,000 accepted actions from the two-platform scenario start, which
//! leave 100 accounts on 2 platforms and about 3 years of history. Printed as the storage
//! envelope the app keeps under `hes.save`, so the benchmark page replays it on load (T3).
//!
//! `cargo run --release --example bench_save > target/bench-save.json`

use hosted_exchange_sim::domain::scenario::{ScenarioId, Start};
use hosted_exchange_sim::domain::*;
use hosted_exchange_sim::storage::{MemoryStore, Store};

const ACTIONS: usize = 1_000;
const ACCOUNTS: usize = 100;

fn main() {
    // The run itself is the domain's (`probe::busy`), so that its tests and benchmarks use the
    // same one.
    let sim = probe::busy(ACTIONS, ACCOUNTS);
    assert_eq!(sim.log.len(), ACTIONS, "the engine refused an action of the benchmark's run");
    let accounts: usize = sim.state.platforms.iter().map(|p| p.accounts.len()).sum();
    eprintln!(
        "bench save: {} actions, {} accounts on {} platforms, {} → {}, {} invoices, {} movements",
        sim.log.len(),
        accounts,
        sim.state.platforms.len(),
        Start::Scenario(ScenarioId::NoneAndTermination, hosted_exchange_sim::domain::Subsidiary::Fr).state().today,
        sim.state.today,
        sim.state.invoices.len(),
        sim.state.account.movements.len(),
    );
    let store = Store::new(MemoryStore::new());
    println!("{}", store.envelope(&sim.saved(0), "2026-01-01T00:00:00Z"));
}
