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
    let mut sim = Simulator::new(Start::Scenario(ScenarioId::NoneAndTermination));
    let platforms: Vec<PlatformId> = sim.state.platforms.iter().map(|p| p.id).collect();
    let apply = |sim: &mut Simulator, action: Action| {
        sim.apply(action.clone())
            .unwrap_or_else(|r| panic!("the engine refused {action:?}: {r:?}"));
    };
    // Spread the orders over 24 days, four a day, alternating platforms, so renewals fall on
    // many different days (a busy clock), half monthly, half yearly.
    let mut n = sim.state.platforms.iter().map(|p| p.accounts.len()).sum::<usize>();
    let mut i = 0;
    while n < ACCOUNTS {
        let local = LocalPart::parse(&format!("user{i:03}")).expect("a valid local part");
        let mode = if i % 2 == 0 { BillingMode::Monthly } else { BillingMode::Yearly };
        let platform = platforms[i % platforms.len()];
        apply(&mut sim, Action::AddAccount { platform, email_local_part: local, mode });
        n += 1;
        i += 1;
        if i % 4 == 0 {
            apply(&mut sim, Action::Advance(Advance::Days(1)));
        }
    }
    // Then the clock, event by event, up to 1,000 actions: about three years of renewals.
    while sim.log.len() < ACTIONS {
        apply(&mut sim, Action::Advance(Advance::NextEvent));
    }
    let accounts: usize = sim.state.platforms.iter().map(|p| p.accounts.len()).sum();
    eprintln!(
        "bench save: {} actions, {} accounts on {} platforms, {} → {}, {} invoices, {} movements",
        sim.log.len(),
        accounts,
        sim.state.platforms.len(),
        Start::Scenario(ScenarioId::NoneAndTermination).state().today,
        sim.state.today,
        sim.state.invoices.len(),
        sim.state.account.movements.len(),
    );
    let store = Store::new(MemoryStore::new());
    println!("{}", store.envelope(&sim.saved(0), "2026-01-01T00:00:00Z"));
}
