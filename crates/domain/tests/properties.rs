#![cfg(not(target_arch = "wasm32"))]
//! Property tests over random sequences of actions and clock moves (A3, S1–S5, D2, R5, R6, T3),
//! and over random situations (U1–U4) with the forecast against the clock (F1).

use std::collections::BTreeMap;

mod common;
use common::d;
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
    run_from(start(logged_in), ops)
}

/// Runs the steps from `s`, checking the invariants after each; returns the final state.
fn run_from(mut s: State, ops: &[Op]) -> Result<State, TestCaseError> {
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

// ---------- F1: the forecast is the clock, from random situations (U1–U4) ----------

/// A random valid situation, as a form gives it: FR or IT, today in 2026–2034, one to three
/// platforms of one to five accounts that follow them or not, a balance in credit, zero or in
/// debt (begun up to 20 days ago), up to three methods of every kind and status, a threshold.
fn situation_input() -> impl Strategy<Value = SituationInput> {
    const MODES: [&str; 3] = ["monthly", "yearly", "none"];
    let platform = (1u32..=365, 0u8..3, prop::collection::vec((proptest::option::of(0u8..3), proptest::option::of(1u32..=365), any::<bool>()), 1..5));
    let method = (0u8..3, 0u8..3, -3i32..30, proptest::option::of(0u16..10_000));
    (
        any::<bool>(),
        0u32..3_000,
        prop::collection::vec(platform, 1..4),
        prop_oneof![Just(0i64), -6_000i64..6_000],
        0u32..20,
        0usize..3,
        prop::collection::vec(method, 0..4),
        proptest::option::of(0usize..4),
        proptest::option::of(1i64..5_000),
    )
        .prop_map(|(it, day, platforms, balance, since, debt_platform, methods, default_method, threshold)| {
            use chrono::Datelike;
            let today = add_days(d(2026, 1, 1), u64::from(day));
            let date = |days: u32| add_days(today, u64::from(days)).to_string();
            let methods: Vec<SituationMethodInput> = methods
                .iter()
                .map(|&(kind, status, months, last4)| {
                    let kind = match kind {
                        0 if !it => "bank_account",
                        0 | 1 => "card",
                        _ => "paypal",
                    };
                    let status = match status {
                        1 if kind == "bank_account" => "pending",
                        2 => "declining",
                        _ => "valid",
                    };
                    let total = today.year() * 12 + today.month0() as i32 + months;
                    SituationMethodInput {
                        kind: kind.into(),
                        status: status.into(),
                        card_expiry: if kind == "card" { format!("{:02}/{}", total % 12 + 1, total / 12) } else { String::new() },
                        last4: last4.map(|n| format!("{n:04}")).unwrap_or_default(),
                    }
                })
                .collect();
            let default_method = default_method.filter(|&i| methods.get(i).is_some_and(|m| m.status != "pending"));
            SituationInput {
                subsidiary: if it { "IT" } else { "FR" }.into(),
                today: today.to_string(),
                debt_platform: Some(debt_platform % platforms.len()),
                platforms: platforms
                    .iter()
                    .enumerate()
                    .map(|(i, (anniversary, mode, accounts))| SituationPlatformInput {
                        name: if i == 0 { String::new() } else { format!("Platform {i}") },
                        domain: format!("p{i}.example"),
                        anniversary: date(*anniversary),
                        mode: MODES[*mode as usize].into(),
                        accounts: accounts
                            .iter()
                            .enumerate()
                            .map(|(j, (own_mode, own_expiry, pst))| SituationAccountInput {
                                local_part: format!("a{j}"),
                                mode: own_mode.map(|m| MODES[m as usize].to_string()).unwrap_or_default(),
                                expiry: own_expiry.map(date).unwrap_or_default(),
                                pst_exported: *pst,
                            })
                            .collect(),
                    })
                    .collect(),
                balance: Decimal::new(balance, 2).to_string(),
                debt_since: today.checked_sub_days(chrono::Days::new(u64::from(since))).map(|d| d.to_string()).unwrap_or_default(),
                methods,
                default_method,
                alert_threshold: threshold.map(|t| Decimal::new(t, 2).to_string()).unwrap_or_default(),
                ..SituationInput::default()
            }
        })
}

/// F1: the forecast of `s` against the clock advanced over the same days, in chunks (or day by
/// day, which also counts the days in debt): the same events, in the same order, the same
/// invoices and settlements, the same balances.
fn forecast_is_the_clock(s: &State, horizon: Horizon, chunks: &[u32], daily: bool) -> Result<(), TestCaseError> {
    let f = forecast(s, horizon);
    prop_assert_eq!((f.from, f.until), (s.today, horizon.end(s.today)));
    let mut real = s.clone();
    let (journal, invoices) = (real.journal.len(), real.invoices.len());
    let mut debt_days = 0;
    let mut steps = chunks.iter().cycle();
    while real.today < f.until {
        let left = u32::try_from((f.until - real.today).num_days()).unwrap_or(u32::MAX);
        let n = if daily { 1 } else { steps.next().copied().unwrap_or(1).clamp(1, left) };
        if let Err(r) = real.apply(Action::Advance(Advance::Days(n))) {
            return Err(TestCaseError::fail(format!("the clock refused {n} days: {r:?}")));
        }
        if real.account.is_debtor() {
            debt_days += 1;
        }
    }
    let hidden = |k: &EventKind| matches!(k, EventKind::ClockAdvanced { .. } | EventKind::OrderCreated { .. } | EventKind::OrderCancelled { .. });
    let seen = |e: &Event| (e.date, e.kind.clone(), e.rules.clone());
    let clock: Vec<_> = real.journal[journal..].iter().filter(|e| !hidden(&e.kind)).map(seen).collect();
    let told: Vec<_> = f
        .items
        .iter()
        .flat_map(|i| match i {
            ForecastItem::Invoice(inv) => inv.events.iter().map(seen).collect::<Vec<_>>(),
            ForecastItem::Event(e) => vec![seen(e)],
        })
        .collect();
    prop_assert_eq!(told, clock);
    let rows: Vec<&ForecastInvoice> = f.invoices().collect();
    let issued = &real.invoices[invoices..];
    prop_assert_eq!(rows.len(), issued.len());
    for (row, inv) in rows.iter().zip(issued) {
        prop_assert_eq!((row.date, &row.reference, row.platform, &row.lines), (inv.date, &inv.reference, inv.platform, &inv.lines));
        prop_assert_eq!((row.excl_vat.amount, row.vat.amount, row.total.amount), (inv.excl_vat, inv.vat, inv.total));
        prop_assert_eq!(row.from_balance_amount(), inv.covered_by_balance);
        prop_assert_eq!(row.charged.as_ref().map(|c| (c.method, c.label.clone(), c.amount.amount)), inv.charged.clone());
        prop_assert_eq!((row.debt_amount(), row.paid), (inv.debited_to_account, inv.debited_to_account.is_zero()));
        if let Some(m) = real.account.movements.iter().rev().find(|m| m.reference == inv.reference) {
            prop_assert_eq!(row.balance_after, m.balance_after);
        }
    }
    prop_assert_eq!(f.balance_at_end, real.account.balance);
    let total = f.total();
    let sum = |pick: fn(&ForecastTotals) -> Decimal| f.totals.iter().map(pick).sum::<Decimal>();
    prop_assert_eq!(
        (sum(|t| t.invoiced), sum(|t| t.from_balance), sum(|t| t.charged), sum(|t| t.left_as_debt)),
        (total.invoiced, total.from_balance, total.charged, total.left_as_debt)
    );
    prop_assert_eq!(total.invoiced, total.from_balance + total.charged + total.left_as_debt);
    if daily {
        prop_assert_eq!(f.debt_days, debt_days);
    }
    Ok(())
}

proptest! {
    // No explicit case count: 256 by default, PROPTEST_CASES=10000 for the long run.

    /// U1–U4 and F1: every generated situation parses and starts a state that keeps the
    /// invariants (A3, D4, S1–S5); from it, and after random actions, the forecast (F1) is what
    /// the clock shows over the same months.
    #[test]
    fn f1_forecast_equals_the_clock(
        input in situation_input(),
        ops in prop::collection::vec(op(), 0..30),
        horizon in prop::sample::select(Horizon::ALL.to_vec()),
        chunks in prop::collection::vec(1u32..90, 1..6),
        daily in any::<bool>(),
    ) {
        let situation = input.parse().map_err(|e| TestCaseError::fail(format!("a valid situation was refused: {e}")))?;
        let start = situation.state();
        prop_assert_eq!(start.check_invariants(), Ok(()));
        check_invariants(&start, &mut BTreeMap::new())?;
        prop_assert!(start.inbox.is_empty(), "U3: no e-mail for what happened before the start");
        forecast_is_the_clock(&start, horizon, &chunks, daily)?;
        let end = run_from(start, &ops)?;
        forecast_is_the_clock(&end, horizon, &chunks, daily)?;
    }
}
