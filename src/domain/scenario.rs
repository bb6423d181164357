//! Ready-made starting states.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::action::Action;
use super::input::{BillingMode, CardExpiry, CardNumber, MethodInput, NicHandle, Subsidiary};
use super::billing::vat_of;
use super::state::{
    Customer, Invoice, InvoiceId, InvoiceLine, InvoiceStatus, Movement, MovementKind, OrderId,
    OrderPurpose, OrderStatus, PaidVia, PurchaseOrder, State,
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
/// 10 March, no payment method, and a balance of 5.00 that its history explains: a Credit order
/// `BC-000001` paid by bank transfer on 9 February, then the February renewal's invoice
/// `…0000000` (both accounts, 10 February to 10 March) paid from the balance (S2, S3) on
/// 10 February. That invoice is a real one, listed with the others; it sits before the
/// simulator's own numbering, which starts at `…0000001`.
pub fn demo_with(subsidiary: Subsidiary) -> State {
    let mut s = State::new(date(2026, 3, 8), subsidiary);
    let start = date(2025, 3, 10);
    let p = s.add_platform("hosted-demo-1", "demo-exchange.example", start);
    s.seed_account(p, "contact", BillingMode::Monthly, start);
    s.seed_account(p, "sales", BillingMode::Monthly, start);
    let (credited, paid) = (date(2026, 2, 9), date(2026, 2, 10));
    let lines: Vec<InvoiceLine> = s.platforms[0]
        .accounts
        .iter()
        .map(|a| InvoiceLine {
            account: a.id,
            email: a.email.clone(),
            mode: a.mode,
            from: paid,
            to: a.expiry,
            price: s.prices.monthly,
        })
        .collect();
    let excl_vat: Decimal = lines.iter().map(|l| l.price).sum();
    let vat_rate = subsidiary.vat_rate();
    let vat = vat_of(excl_vat, vat_rate);
    let total = excl_vat + vat;
    let five = Decimal::new(500, 2);
    let credit = total + five;
    let invoice_ref = format!("{}0000000", subsidiary.code());
    s.orders.push(PurchaseOrder {
        id: OrderId(1),
        reference: "BC-000001".to_string(),
        created: credited,
        amount: credit,
        purpose: OrderPurpose::Credit,
        status: OrderStatus::Paid {
            on: credited,
            via: PaidVia::BankTransfer,
        },
    });
    s.counters.next_order = 2;
    s.invoices.push(Invoice {
        id: InvoiceId(0),
        reference: invoice_ref.clone(),
        date: paid,
        platform: p,
        lines,
        excl_vat,
        vat_rate,
        vat,
        total,
        covered_by_balance: total,
        charged: None,
        debited_to_account: Decimal::ZERO,
        status: InvoiceStatus::Paid { on: paid },
    });
    s.account.movements.push(Movement {
        date: credited,
        reference: "BC-000001".to_string(),
        kind: MovementKind::Credit,
        method: None,
        debit: Decimal::ZERO,
        credit,
        balance_after: credit,
    });
    s.account.movements.push(Movement {
        date: paid,
        reference: invoice_ref,
        kind: MovementKind::InvoiceDebit,
        method: None,
        debit: total,
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
