//! Ready-made starting states.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::action::Action;
use super::input::{BillingMode, CardExpiry, CardNumber, MethodInput, NicHandle, Subsidiary};
use super::state::{
    Customer, Movement, MovementKind, OrderPurpose, OrderStatus, PaidVia, PurchaseOrder, State,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// RULES.md's worked example, ready to play (FR): see [`demo_with`].
pub fn demo() -> State {
    demo_with(Subsidiary::Fr)
}

/// The demo for a subsidiary: logged out, today 2026-03-08, platform "hosted-demo-1" started
/// 2025-03-10 with 2 monthly accounts (contact@, sales@demo-exchange.example) renewing on
/// 10 March, no payment method, balance 5.00 explained by its movements: a paid 10.00 Credit
/// order (2025-03-01, bank transfer) and a 5.00 debit of an earlier invoice whose history is
/// not modelled (reference `…0000000`, outside the simulator's numbering).
pub fn demo_with(subsidiary: Subsidiary) -> State {
    let mut s = State::new(date(2026, 3, 8), subsidiary);
    let start = date(2025, 3, 10);
    let p = s.add_platform("hosted-demo-1", "demo-exchange.example", start);
    s.seed_account(p, "contact", BillingMode::Monthly, start);
    s.seed_account(p, "sales", BillingMode::Monthly, start);
    let ten = Decimal::new(1000, 2);
    let five = Decimal::new(500, 2);
    s.orders.push(PurchaseOrder {
        id: super::state::OrderId(1),
        reference: "BC-000001".to_string(),
        created: date(2025, 3, 1),
        amount: ten,
        purpose: OrderPurpose::Credit,
        status: OrderStatus::Paid {
            on: date(2025, 3, 1),
            via: PaidVia::BankTransfer,
        },
    });
    s.counters.next_order = 2;
    s.account.movements.push(Movement {
        date: date(2025, 3, 1),
        reference: "BC-000001".to_string(),
        kind: MovementKind::Credit,
        method: None,
        debit: Decimal::ZERO,
        credit: ten,
        balance_after: ten,
    });
    s.account.movements.push(Movement {
        date: start,
        reference: format!("{}0000000", subsidiary.code()),
        kind: MovementKind::InvoiceDebit,
        method: None,
        debit: five,
        credit: Decimal::ZERO,
        balance_after: five,
    });
    s.account.balance = five;
    s
}

/// A busy state for benchmarks and tests: logged in (FR), one platform started on `today`
/// with `n` accounts in `mode` (already invoiced for their first period) and a valid Visa
/// card expiring in 2099 as the default method, so that every invoice gets paid (S4).
pub fn with_accounts(today: NaiveDate, n: u32, mode: BillingMode) -> State {
    let mut s = State::new(today, Subsidiary::Fr);
    if let Ok(nic) = NicHandle::parse("ab12345-ovh") {
        s.customer = Some(Customer {
            nic,
            subsidiary: Subsidiary::Fr,
        });
    }
    if let (Ok(number), Some(expiry)) = (
        CardNumber::parse("4242 4242 4242 4242"),
        CardExpiry::new(2099, 12),
    ) {
        let _ = s.apply(Action::AddMethod(MethodInput::Card { number, expiry }));
    }
    let p = s.add_platform("hosted-ab12345-1", "bench.example", today);
    for i in 0..n {
        s.seed_account(p, &format!("user{i:05}"), mode, today);
    }
    s
}
