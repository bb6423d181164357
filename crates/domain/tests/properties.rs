#![cfg(not(target_arch = "wasm32"))]
//! Property tests over random sequences of actions and clock moves (A3, S1–S5, D2, R5, R6, T3).

use std::collections::BTreeMap;

use hes_domain::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// An abstract step; indices are resolved against the current state.
#[derive(Debug, Clone)]
enum Op {
    LogIn(bool),
    LogOut,
    SetSubsidiary(bool),
    AddCard { months_ahead: u32 },
    AddBank,
    AddPaypal,
    RemoveMethod(usize),
    SetDefault(usize),
    SetDecline(usize, bool),
    Credit(i64),
    PayOrder(usize, Option<usize>),
    CancelOrder(usize),
    SetMode(u8, u8),
    ExportPst(usize),
    Terminate,
    CancelTermination,
    SetAlert(Option<i64>),
    AddAccount(u8, bool),
    SetPrices(i64, i64),
    Days(u32),
    NextEvent,
    MarkRead(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => any::<bool>().prop_map(Op::LogIn),
        1 => Just(Op::LogOut),
        1 => any::<bool>().prop_map(Op::SetSubsidiary),
        2 => (0u32..30).prop_map(|m| Op::AddCard { months_ahead: m }),
        1 => Just(Op::AddBank),
        1 => Just(Op::AddPaypal),
        1 => (0usize..4).prop_map(Op::RemoveMethod),
        1 => (0usize..4).prop_map(Op::SetDefault),
        2 => (0usize..4, any::<bool>()).prop_map(|(i, b)| Op::SetDecline(i, b)),
        2 => (1i64..20_000).prop_map(Op::Credit),
        3 => (0usize..8, proptest::option::of(0usize..4)).prop_map(|(i, m)| Op::PayOrder(i, m)),
        1 => (0usize..8).prop_map(Op::CancelOrder),
        2 => (any::<u8>(), 0u8..3).prop_map(|(mask, m)| Op::SetMode(mask, m)),
        1 => (0usize..6).prop_map(Op::ExportPst),
        1 => Just(Op::Terminate),
        1 => Just(Op::CancelTermination),
        1 => proptest::option::of(1i64..5_000).prop_map(Op::SetAlert),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(n, y)| Op::AddAccount(n, y)),
        1 => (1i64..2_000, 1i64..20_000).prop_map(|(m, y)| Op::SetPrices(m, y)),
        6 => (0u32..120).prop_map(Op::Days),
        4 => Just(Op::NextEvent),
        1 => (0usize..10).prop_map(Op::MarkRead),
    ]
}

fn pick<T>(v: &[T], i: usize) -> Option<&T> {
    if v.is_empty() {
        None
    } else {
        v.get(i % v.len())
    }
}

fn sub(b: bool) -> Subsidiary {
    if b {
        Subsidiary::It
    } else {
        Subsidiary::Fr
    }
}

fn cents(c: i64) -> Amount {
    Amount::from_decimal(Decimal::new(c, 2)).expect("positive amount")
}

/// Turns an abstract step into an action (or none when nothing fits).
fn to_action(s: &State, op: &Op) -> Option<Action> {
    let method = |i: usize| pick(&s.methods, i).map(|m| m.id);
    let accounts: Vec<AccountId> = s
        .platforms
        .iter()
        .flat_map(|p| &p.accounts)
        .map(|a| a.id)
        .collect();
    let platform = s.platforms.first().map(|p| p.id);
    Some(match op {
        Op::LogIn(it) => Action::LogIn {
            nic: NicHandle::parse("ab12345-ovh").ok()?,
            subsidiary: sub(*it),
        },
        Op::LogOut => Action::LogOut,
        Op::SetSubsidiary(it) => Action::SetSubsidiary(sub(*it)),
        Op::AddCard { months_ahead } => {
            use chrono::Datelike;
            let total = s.today.year() * 12 + s.today.month0() as i32 + *months_ahead as i32 - 1;
            let expiry = CardExpiry::new(total / 12, (total % 12) as u32 + 1)?;
            Action::AddMethod(MethodInput::Card {
                number: CardNumber::parse("4111111111111111").ok()?,
                expiry,
            })
        }
        Op::AddBank => Action::AddMethod(MethodInput::BankAccount {
            iban: Iban::parse("FR7630006000011234567890189").ok()?,
        }),
        Op::AddPaypal => Action::AddMethod(MethodInput::Paypal {
            email: PaypalEmail::parse("bob@example.com").ok()?,
        }),
        Op::RemoveMethod(i) => Action::RemoveMethod(method(*i)?),
        Op::SetDefault(i) => Action::SetDefaultMethod(method(*i)?),
        Op::SetDecline(i, on) => Action::SetDeclineNext(method(*i)?, *on),
        Op::Credit(c) => Action::Credit(cents(*c)),
        Op::PayOrder(i, m) => {
            let order = pick(&s.orders, *i)?.id;
            let payer = match m {
                Some(j) => Payer::Method(method(*j)?),
                None => Payer::BankTransfer,
            };
            Action::PayOrder(order, payer)
        }
        Op::CancelOrder(i) => Action::CancelOrder(pick(&s.orders, *i)?.id),
        Op::SetMode(mask, m) => {
            let chosen = accounts
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << (i % 8)) != 0)
                .map(|(_, a)| *a)
                .collect();
            let mode = [BillingMode::Monthly, BillingMode::Yearly, BillingMode::None][*m as usize];
            Action::SetMode {
                accounts: chosen,
                mode,
            }
        }
        Op::ExportPst(i) => Action::ExportPst(*pick(&accounts, *i)?),
        Op::Terminate => Action::Terminate(platform?),
        Op::CancelTermination => Action::CancelTermination(platform?),
        Op::SetAlert(t) => Action::SetAlertThreshold(t.map(cents)),
        Op::AddAccount(n, yearly) => Action::AddAccount {
            platform: platform?,
            email_local_part: LocalPart::parse(&format!("u{}", n % 6)).ok()?,
            mode: if *yearly {
                BillingMode::Yearly
            } else {
                BillingMode::Monthly
            },
        },
        Op::SetPrices(m, y) => Action::SetPrices {
            monthly: cents(*m),
            yearly: cents(*y),
        },
        Op::Days(n) => Action::Advance(Advance::Days(*n)),
        Op::NextEvent => Action::Advance(Advance::NextEvent),
        Op::MarkRead(i) => Action::MarkEmailRead(pick(&s.inbox, *i)?.id),
    })
}

fn start(logged_in: bool) -> State {
    let mut s = scenario::demo();
    if logged_in {
        let nic = NicHandle::parse("ab12345-ovh").expect("nic");
        s.apply(Action::LogIn {
            nic,
            subsidiary: Subsidiary::Fr,
        })
        .expect("login");
    }
    s
}

/// Runs the steps, checking the invariants after each; returns the final state.
fn run_checked(logged_in: bool, ops: &[Op]) -> Result<State, TestCaseError> {
    let mut s = start(logged_in);
    let mut paid: BTreeMap<InvoiceId, InvoiceStatus> = BTreeMap::new();
    for op in ops {
        let Some(action) = to_action(&s, op) else {
            continue;
        };
        let before = s.clone();
        match s.apply(action.clone()) {
            Err(_) => prop_assert_eq!(&s, &before, "refused {:?} changed the state", action),
            Ok(events) => {
                prop_assert!(s.today >= before.today, "T2: time only moves forward");
                prop_assert_eq!(s.journal.len(), before.journal.len() + events.len());
            }
        }
        // The engine's index of unpaid invoices and open orders is the one the history gives.
        prop_assert!(s.index_is_exact(), "the index drifted from the history after {:?}", action);
        check_invariants(&s, &mut paid)?;
    }
    Ok(s)
}

fn check_invariants(
    s: &State,
    paid: &mut BTreeMap<InvoiceId, InvoiceStatus>,
) -> Result<(), TestCaseError> {
    // A3: the balance is the sum of the movements, and the last balance_after.
    let sum: Decimal = s.account.movements.iter().map(|m| m.credit - m.debit).sum();
    prop_assert_eq!(sum, s.account.balance);
    if let Some(last) = s.account.movements.last() {
        prop_assert_eq!(last.balance_after, s.account.balance);
    }
    // D4 / D2: debtor iff the debt has a start date; unpaid invoices only while debtor.
    prop_assert_eq!(s.account.debt_since.is_some(), s.account.is_debtor());
    let any_unpaid = s.invoices.iter().any(|i| i.status == InvoiceStatus::Unpaid);
    prop_assert!(!any_unpaid || s.account.is_debtor());
    // M2, S2–S5: the invoice's parts add up.
    for inv in &s.invoices {
        prop_assert_eq!(inv.total, inv.excl_vat + inv.vat);
        let charged = inv.charged.as_ref().map_or(Decimal::ZERO, |c| c.2);
        prop_assert_eq!(
            inv.covered_by_balance + charged + inv.debited_to_account,
            inv.total
        );
    }
    // A paid invoice stays paid (and is never paid twice).
    for (id, status) in paid.iter() {
        let inv = s.invoices.iter().find(|i| i.id == *id);
        prop_assert_eq!(inv.map(|i| &i.status), Some(status));
    }
    for inv in &s.invoices {
        if let InvoiceStatus::Paid { .. } = inv.status {
            paid.entry(inv.id).or_insert_with(|| inv.status.clone());
        }
    }
    let mut paid_refs = std::collections::BTreeSet::new();
    for e in &s.journal {
        if let EventKind::InvoicePaid { reference } = &e.kind {
            prop_assert!(
                paid_refs.insert(reference.clone()),
                "invoice {} paid twice",
                reference
            );
        }
    }
    // R5, R6: no period billed from the suspension-on-expiry or termination date on.
    for p in &s.platforms {
        let terminated_on = match p.status {
            PlatformStatus::Terminated { on } => Some(on),
            PlatformStatus::Active => None,
        };
        for a in &p.accounts {
            let end = match a.status {
                AccountStatus::SuspendedExpired => Some(a.expiry),
                AccountStatus::Terminated => terminated_on,
                _ => None,
            };
            if let Some(end) = end {
                for inv in s.invoices.iter().filter(|i| i.platform == p.id) {
                    for l in inv.lines.iter().filter(|l| l.account == a.id) {
                        prop_assert!(
                            l.from < end,
                            "{} billed from {} after its end {}",
                            a.email,
                            l.from,
                            end
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// A3, S1–S5, D2, R5, R6, T2, atomicity of `apply`.
    #[test]
    fn invariants_hold_after_every_step(logged_in in prop::bool::weighted(0.8), ops in prop::collection::vec(op(), 1..40)) {
        run_checked(logged_in, &ops)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// T3: the same sequence always gives the same state.
    #[test]
    fn same_sequence_same_state(ops in prop::collection::vec(op(), 1..40)) {
        let a = run_checked(true, &ops)?;
        let b = run_checked(true, &ops)?;
        prop_assert_eq!(a, b);
    }

    /// The whole state survives JSON.
    #[test]
    fn state_json_round_trip(ops in prop::collection::vec(op(), 1..40)) {
        let s = run_checked(true, &ops)?;
        let json = serde_json::to_string(&s).expect("serialise");
        let back: State = serde_json::from_str(&json).expect("parse");
        prop_assert_eq!(back, s);
    }

    /// T3 as the browser uses it: the saved log of actions (through JSON), replayed from the
    /// start, gives back the same simulator, snapshots included.
    #[test]
    fn saved_log_replays_to_the_same_simulator(ops in prop::collection::vec(op(), 1..40)) {
        let mut sim = Simulator::new(scenario::Start::Demo);
        sim.apply(Action::LogIn {
            nic: NicHandle::parse("ab12345-ovh").expect("nic"),
            subsidiary: Subsidiary::Fr,
        })
        .expect("login");
        for (i, op) in ops.iter().enumerate() {
            if i == ops.len() / 2 {
                sim.snapshot(format!("step {i}")).expect("under B4");
            }
            if let Some(action) = to_action(&sim.state, op) {
                let _ = sim.apply(action);
            }
        }
        let json = serde_json::to_string(&sim.saved(0)).expect("serialise");
        let run: SavedRun = serde_json::from_str(&json).expect("parse");
        let back = Simulator::from_saved(&run).expect("replays");
        prop_assert_eq!(back, sim);
    }
}
