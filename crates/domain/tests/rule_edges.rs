#![cfg(not(target_arch = "wasm32"))]
//! The edges of the rules that `rules.rs` tests once: boundaries of dates, caps and thresholds,
//! the order of a day's rules, and properties over random runs. Each test's name starts with
//! the rule ID it checks (RULES.md), and the last test checks that every rule ID of
//! `docs/rules.md` is named by at least one test.

use chrono::{Datelike, NaiveDate};
use hes_domain::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

mod common;
use common::{advance_to, d, eur, ok};

// ---------- helpers (as in rules.rs) ----------

fn amount(s: &str) -> Amount {
    Amount::parse(s).expect("valid amount")
}

fn refused(s: &mut State, a: Action) -> Refusal {
    let before = s.clone();
    let r = s.apply(a).expect_err("should be refused");
    assert_eq!(*s, before, "a refused action must not change the state");
    r
}

fn login(s: &mut State, sub: Subsidiary) {
    ok(s, Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: sub });
}

/// The demo, logged in (FR): 8 March 2026, balance 5.00, two monthly accounts renewing 10 March.
fn demo_in() -> State {
    let mut s = scenario::demo();
    login(&mut s, Subsidiary::Fr);
    s
}

/// Demo after the worked example's invoice: debtor for 6.98 since 10 March, deadline 17 March.
fn demo_debtor() -> State {
    let mut s = demo_in();
    advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(s.account.balance, eur(-698));
    s
}

fn card_input(expiry: &str) -> MethodInput {
    MethodInput::Card { number: CardNumber::parse("4242 4242 4242 4242").unwrap(), expiry: CardExpiry::parse(expiry).unwrap() }
}

fn card() -> MethodInput {
    card_input("12/30")
}

fn bank() -> MethodInput {
    MethodInput::BankAccount { iban: Iban::parse("FR76 3000 6000 0112 3456 7890 189").unwrap() }
}

fn paypal() -> MethodInput {
    MethodInput::Paypal { email: PaypalEmail::parse("alice@example.com").unwrap() }
}

fn has<F: Fn(&EventKind) -> bool>(events: &[Event], f: F) -> bool {
    events.iter().any(|e| f(&e.kind))
}

fn position<F: Fn(&EventKind) -> bool>(events: &[Event], f: F) -> usize {
    events.iter().position(|e| f(&e.kind)).expect("the event")
}

fn mails<F: Fn(&EmailKind) -> bool>(s: &State, f: F) -> Vec<&Email> {
    s.inbox.iter().filter(|e| f(&e.kind)).collect()
}

fn account(s: &State, id: AccountId) -> &ExchangeAccount {
    s.platforms.iter().flat_map(|p| &p.accounts).find(|a| a.id == id).unwrap()
}

fn account_ids(s: &State) -> Vec<AccountId> {
    s.platforms[0].accounts.iter().map(|a| a.id).collect()
}

fn open_debt_order(s: &State) -> &PurchaseOrder {
    s.orders
        .iter()
        .rev()
        .find(|o| o.purpose == OrderPurpose::Debt && o.status == OrderStatus::Open)
        .expect("an open debt order")
}

/// The invoices issued during the simulation (the demo's seeded history invoice left out).
fn issued(s: &State) -> &[Invoice] {
    let history = s.invoices.iter().take_while(|i| i.is_seeded()).count();
    &s.invoices[history..]
}

/// A logged-in FR state with one empty platform started on `start`.
fn empty_platform(start: NaiveDate) -> (State, PlatformId) {
    let mut s = State::new(start, Subsidiary::Fr);
    let p = s.add_platform("hosted-ab12345-1", "ex.example", start);
    login(&mut s, Subsidiary::Fr);
    (s, p)
}

fn add_account(s: &mut State, p: PlatformId, local: &str, mode: BillingMode) -> AccountId {
    ok(s, Action::AddAccount { platform: p, email_local_part: LocalPart::parse(local).unwrap(), mode });
    s.platforms.iter().find(|x| x.id == p).unwrap().accounts.last().unwrap().id
}

/// Credits `value` and pays the order by bank transfer (A2).
fn credit_paid(s: &mut State, value: &str) {
    ok(s, Action::Credit(amount(value)));
    let o = s.orders.last().unwrap().id;
    ok(s, Action::PayOrder(o, Payer::BankTransfer));
}

// ---------- A: the OVH account ----------

/// A1: the balance starts at 0 and, like a bank account's, moves only by its movements: the
/// first movement of any state starts from 0.
#[test]
fn a1_the_balance_starts_at_zero_and_the_first_movement_starts_from_it() {
    let (mut s, _) = empty_platform(d(2026, 1, 1));
    assert_eq!((s.account.balance, s.account.debt_since, s.account.is_debtor()), (Decimal::ZERO, None, false));
    assert!(s.account.movements.is_empty());
    assert_eq!(s.account.balance_before(d(2026, 1, 1)), Decimal::ZERO);
    credit_paid(&mut s, "25,50");
    assert_eq!(s.account.balance, eur(2550), "0 + the credit, to the cent");
    let m = &s.account.movements[0];
    assert_eq!((m.credit, m.debit, m.balance_after), (eur(2550), Decimal::ZERO, eur(2550)));
    // The demo's 5.00 has a history that starts from 0 too.
    let demo = scenario::demo();
    let first = &demo.account.movements[0];
    assert_eq!(first.balance_after, first.credit - first.debit);
}

/// A2: a credit is a purchase order; the balance does not move until it is paid, however many
/// days pass, and then moves by exactly the order's amount.
#[test]
fn a2_the_balance_moves_only_when_the_order_is_paid_by_a_valid_method() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let c = s.methods[0].id;
    let ev = ok(&mut s, Action::Credit(amount("20")));
    assert!(ev.iter().all(|e| e.rules.contains(&RuleId::A2)));
    assert!(has(&ev, |k| matches!(k, EventKind::OrderCreated { amount, purpose: OrderPurpose::Credit, .. } if *amount == eur(2000))));
    assert!(!has(&ev, |k| matches!(k, EventKind::AccountCredited { .. })));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::Advance(Advance::Days(1)));
    assert_eq!(s.account.balance, eur(500), "an open order moves nothing");
    assert_eq!(s.orders.last().unwrap().status, OrderStatus::Open);
    let ev = ok(&mut s, Action::PayOrder(o, Payer::Method(c)));
    assert!(has(&ev, |k| matches!(k, EventKind::OrderPaid { .. })));
    assert_eq!(s.account.balance, eur(2500));
    let m = s.account.movements.last().unwrap();
    assert_eq!((m.kind, m.credit, m.method.as_deref()), (MovementKind::Credit, eur(2000), Some("Visa ••••4242")));
    assert_eq!(s.orders.last().unwrap().status, OrderStatus::Paid { on: d(2026, 3, 9), via: PaidVia::Method(c, "Visa ••••4242".into()) });
}

/// A2: only a valid method pays an order: a pending bank account and an expired card are
/// refused, and a declining one leaves the order open and the balance where it was (P6).
#[test]
fn a2_a_pending_expired_or_declining_method_does_not_pay_the_order() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(bank()));
    ok(&mut s, Action::AddMethod(card_input("03/26")));
    let (b, c) = (s.methods[0].id, s.methods[1].id);
    ok(&mut s, Action::Credit(amount("10")));
    let o = s.orders.last().unwrap().id;
    assert_eq!(refused(&mut s, Action::PayOrder(o, Payer::Method(b))), Refusal::MethodNotUsable);
    ok(&mut s, Action::SetDeclineNext(c, true));
    let ev = ok(&mut s, Action::PayOrder(o, Payer::Method(c)));
    assert!(has(&ev, |k| matches!(k, EventKind::PaymentDeclined { amount, .. } if *amount == eur(1000))));
    assert!(!has(&ev, |k| matches!(k, EventKind::AccountCredited { .. })));
    assert_eq!((s.account.balance, s.orders.last().unwrap().status.clone()), (eur(500), OrderStatus::Open));
    // 1 April: the card has expired (its last valid day was 31 March).
    let mut later = s.clone();
    advance_to(&mut later, d(2026, 4, 1));
    assert_eq!(later.methods[1].status, MethodStatus::Expired);
    assert_eq!(refused(&mut later, Action::PayOrder(o, Payer::Method(c))), Refusal::MethodNotUsable);
    // The decline was consumed: the next attempt pays.
    ok(&mut s, Action::PayOrder(o, Payer::Method(c)));
    assert_eq!(s.account.balance, eur(1500));
}

// ---------- C3: the demo cap ----------

/// C3 (assumption): a credit over 100,000.00 € is refused, to the cent; 100,000.00 itself is
/// a credit like any other. The cap holds for an amount read back from a save too.
#[test]
fn c3_a_credit_of_100000_00_is_accepted_and_one_cent_more_is_refused() {
    assert!(RuleId::C3.is_assumption());
    for over in ["100000,01", "100000.01", "100001", "999999,99"] {
        assert_eq!(Amount::parse(over), Err(AmountError::OverCap), "{over}");
    }
    assert_eq!(Amount::from_decimal(eur(10_000_001)), Err(AmountError::OverCap));
    assert_eq!(AmountError::OverCap.rule(), RuleId::C3);
    let mut s = demo_in();
    let ev = ok(&mut s, Action::Credit(amount("100000,00")));
    assert!(has(&ev, |k| matches!(k, EventKind::OrderCreated { amount, .. } if *amount == eur(10_000_000))));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    assert_eq!(s.account.balance, eur(10_000_500));
    // A saved action carrying one cent more is not read back.
    let json = serde_json::to_string(&Action::Credit(amount("100000"))).unwrap();
    assert!(json.contains("100000.00"), "{json}");
    assert!(serde_json::from_str::<Action>(&json).is_ok());
    assert!(serde_json::from_str::<Action>(&json.replace("100000.00", "100000.01")).is_err());
}

// ---------- M3: the demo catalogue ----------

/// M3: 4.99 €/month and 49.90 €/year excl. VAT, per Exchange account: an invoice's lines are one
/// price per account and its excl. VAT their sum; VAT comes on top (M2).
#[test]
fn m3_the_demo_prices_are_per_account_and_excl_vat() {
    assert_eq!(Prices::default(), Prices { monthly: eur(499), yearly: eur(4990) });
    assert_eq!(Prices::default().of(BillingMode::None), Decimal::ZERO);
    let (mut s, p) = empty_platform(d(2026, 1, 15));
    ok(&mut s, Action::AddMethod(card()));
    add_account(&mut s, p, "y", BillingMode::Yearly);
    let first = issued(&s).last().unwrap();
    assert_eq!((first.excl_vat, first.vat, first.total), (eur(4990), eur(998), eur(5988)));
    for n in ["a", "b", "c"] {
        add_account(&mut s, p, n, BillingMode::Monthly);
    }
    // 15 February: the three monthly accounts on one invoice, 3 x 4.99.
    advance_to(&mut s, d(2026, 2, 15));
    let feb = issued(&s).last().unwrap();
    assert_eq!(feb.date, d(2026, 2, 15));
    assert!(feb.lines.iter().all(|l| l.price == eur(499) && l.mode == BillingMode::Monthly));
    assert_eq!((feb.lines.len(), feb.excl_vat, feb.vat, feb.total), (3, eur(1497), eur(299), eur(1796)));
    // Italy: 49.90 x 22 % = 10.978 -> 10.98.
    let mut it = State::new(d(2026, 1, 15), Subsidiary::It);
    let pi = it.add_platform("hosted-it-1", "it.example", d(2026, 1, 15));
    login(&mut it, Subsidiary::It);
    add_account(&mut it, pi, "y", BillingMode::Yearly);
    let inv = issued(&it).last().unwrap();
    assert_eq!((inv.excl_vat, inv.vat, inv.total), (eur(4990), eur(1098), eur(6088)));
}

/// M3: prices edited in the settings apply to the invoices issued after the change, never to
/// one already issued; the setting is the app's, so it can be changed logged out.
#[test]
fn m3_edited_prices_leave_issued_invoices_alone_and_apply_from_the_next_one() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    advance_to(&mut s, d(2026, 3, 10));
    let march = issued(&s)[0].clone();
    ok(&mut s, Action::LogOut);
    let ev = ok(&mut s, Action::SetPrices { monthly: amount("6"), yearly: amount("60") });
    assert_eq!(ev[0].rules, vec![RuleId::M3]);
    assert_eq!(issued(&s)[0], march, "an issued invoice keeps its prices");
    assert_eq!(march.excl_vat, eur(998));
    login(&mut s, Subsidiary::Fr);
    let ids = account_ids(&s);
    ok(&mut s, Action::SetMode { accounts: vec![ids[0]], mode: BillingMode::Yearly });
    advance_to(&mut s, d(2026, 4, 10));
    let april = issued(&s).last().unwrap();
    let prices: Vec<_> = april.lines.iter().map(|l| (l.mode, l.price)).collect();
    assert_eq!(prices, vec![(BillingMode::Yearly, eur(6000)), (BillingMode::Monthly, eur(600))]);
    assert_eq!(april.excl_vat, eur(6600));
}

// ---------- P: payment methods ----------

/// P2: every method added (Billing -> My payment methods -> Add) is listed, in the order added,
/// with the day it was added and only its masked form (P5).
#[test]
fn p2_each_added_method_is_listed_in_order_masked_with_its_day() {
    let mut s = demo_in();
    let ev = ok(&mut s, Action::AddMethod(card()));
    assert!(ev[0].rules.contains(&RuleId::P2));
    ok(&mut s, Action::Advance(Advance::Days(1)));
    let ev = ok(&mut s, Action::AddMethod(bank()));
    assert!(ev[0].rules.contains(&RuleId::P2));
    let ev = ok(&mut s, Action::AddMethod(paypal()));
    assert!(ev[0].rules.contains(&RuleId::P2));
    let listed: Vec<_> = s.methods.iter().map(|m| (m.kind, m.label.as_str(), m.added_on)).collect();
    assert_eq!(
        listed,
        vec![
            (PaymentKind::Card, "Visa ••••4242", d(2026, 3, 8)),
            (PaymentKind::BankAccount, "FR76 •••• 0189", d(2026, 3, 9)),
            (PaymentKind::Paypal, "a•••@example.com", d(2026, 3, 9)),
        ]
    );
    let ids: Vec<_> = s.methods.iter().map(|m| m.id.0).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let json = serde_json::to_string(&s).unwrap();
    for secret in ["4242424242424242", "4242 4242 4242 4242", "300060000112345678901", "alice@example.com"] {
        assert!(!json.contains(secret), "{secret} is stored");
    }
}

/// P3: a card is valid at once and its €1 authorization is never debited: adding it moves no
/// money (no movement, no order, no charge). PayPal is valid at once too.
#[test]
fn p3_a_card_and_paypal_are_valid_at_once_and_nothing_is_debited() {
    let mut s = demo_in();
    let before = (s.account.clone(), s.orders.clone(), s.invoices.clone());
    let ev = ok(&mut s, Action::AddMethod(card()));
    assert!(ev[0].rules.contains(&RuleId::P3));
    assert_eq!(s.methods[0].status, MethodStatus::Valid);
    assert!(s.methods[0].is_usable() && s.methods[0].validates_on.is_none());
    let ev2 = ok(&mut s, Action::AddMethod(paypal()));
    assert_eq!(s.methods[1].status, MethodStatus::Valid);
    for e in ev.iter().chain(&ev2) {
        assert!(!matches!(
            e.kind,
            EventKind::OrderCreated { .. } | EventKind::OrderPaid { .. } | EventKind::AccountCredited { .. } | EventKind::InvoiceCharged { .. }
        ), "{:?}", e.kind);
    }
    assert_eq!((s.account.clone(), s.orders.clone(), s.invoices.clone()), before, "no euro moved");
    assert!(mails(&s, |k| matches!(k, EmailKind::PaymentReceived { .. })).is_empty());
}

/// P3: a bank account pending validation pays nothing: the invoice of the day after it was
/// added goes to the account (S5), and the debt is charged when it validates (D1.1).
#[test]
fn p3_a_pending_bank_account_does_not_pay_the_invoice_before_it_validates() {
    let mut s = demo_in();
    ok(&mut s, Action::Advance(Advance::Days(1))); // 9 March
    ok(&mut s, Action::AddMethod(bank())); // valid on 11 March
    assert_eq!(s.methods[0].status, MethodStatus::PendingValidation);
    advance_to(&mut s, d(2026, 3, 10));
    let inv = &issued(&s)[0];
    assert_eq!((inv.charged.clone(), inv.status.clone()), (None, InvoiceStatus::Unpaid));
    assert_eq!(s.account.balance, eur(-698));
    let ev = advance_to(&mut s, d(2026, 3, 11));
    assert!(has(&ev, |k| matches!(k, EventKind::MethodValidated { .. })));
    assert!(has(&ev, |k| matches!(k, EventKind::DebtSettled)));
    assert_eq!(s.account.balance, Decimal::ZERO);
}

/// P4: the first *valid* method becomes the default: a bank account waiting for its mandate
/// is not, so a card added after it is; when the bank account validates, the card stays the
/// default. A method that is not the default can be removed, pending or not.
#[test]
fn p4_the_first_valid_method_is_the_default_even_when_added_after_a_pending_one() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(bank()));
    assert!(!s.methods[0].is_default);
    let ev = ok(&mut s, Action::AddMethod(card()));
    assert!(has(&ev, |k| matches!(k, EventKind::DefaultMethodSet { label } if label == "Visa ••••4242")));
    assert!(s.methods[1].is_default);
    let ev = advance_to(&mut s, d(2026, 3, 10));
    assert!(!has(&ev, |k| matches!(k, EventKind::DefaultMethodSet { .. })));
    assert_eq!(s.methods[0].status, MethodStatus::Valid);
    assert!(!s.methods[0].is_default && s.methods[1].is_default);
    assert_eq!(s.methods.iter().filter(|m| m.is_default).count(), 1);
    // The 10 March invoice went to the default, the card, not to the bank account.
    assert_eq!(issued(&s)[0].charged.as_ref().map(|c| c.0), Some(s.methods[1].id));
    // Change the default, then remove the former one.
    let (b, c) = (s.methods[0].id, s.methods[1].id);
    assert_eq!(refused(&mut s, Action::RemoveMethod(c)), Refusal::CannotRemoveDefault);
    ok(&mut s, Action::SetDefaultMethod(b));
    ok(&mut s, Action::RemoveMethod(c));
    assert_eq!(s.methods.len(), 1);
    assert!(s.methods[0].is_default);
    // A pending method that is not the default can be removed.
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    ok(&mut s, Action::AddMethod(bank()));
    let pending = s.methods[1].id;
    ok(&mut s, Action::RemoveMethod(pending));
    assert_eq!(s.methods.len(), 1);
}

/// P4: an expired default stays the default (decision 12), cannot be made the default again,
/// and S4 does not fall back on another method.
#[test]
fn p4_an_expired_default_stays_the_default_and_no_other_method_is_charged() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card_input("03/26")));
    ok(&mut s, Action::AddMethod(paypal()));
    advance_to(&mut s, d(2026, 4, 10));
    assert_eq!(s.methods[0].status, MethodStatus::Expired);
    assert!(s.methods[0].is_default);
    let april = issued(&s).last().unwrap();
    assert_eq!((april.date, april.charged.clone(), april.status.clone()), (d(2026, 4, 10), None, InvoiceStatus::Unpaid));
    let (c, p) = (s.methods[0].id, s.methods[1].id);
    assert_eq!(refused(&mut s, Action::SetDefaultMethod(c)), Refusal::MethodNotUsable);
    ok(&mut s, Action::SetDefaultMethod(p));
    ok(&mut s, Action::RemoveMethod(c));
}

/// P7 (assumption): the mandate arrives two days after the bank account is added, across a
/// month's end and a year's, and at 00:00 that day it is valid: not a day earlier.
#[test]
fn p7_a_bank_account_is_valid_at_00_00_two_days_after_it_is_added() {
    assert_eq!(BANK_VALIDATION_DAYS, 2);
    for (added, valid) in [
        (d(2026, 1, 31), d(2026, 2, 2)),
        (d(2027, 2, 27), d(2027, 3, 1)),
        (d(2028, 2, 28), d(2028, 3, 1)),
        (d(2026, 12, 31), d(2027, 1, 2)),
    ] {
        let mut s = State::new(added, Subsidiary::Fr);
        login(&mut s, Subsidiary::Fr);
        let ev = ok(&mut s, Action::AddMethod(bank()));
        assert!(ev[0].rules.contains(&RuleId::P7));
        assert_eq!(s.methods[0].validates_on, Some(valid));
        assert_eq!(s.next_event_date(), Some(valid));
        let pred = valid.pred_opt().unwrap();
        advance_to(&mut s, pred);
        assert_eq!(s.methods[0].status, MethodStatus::PendingValidation, "on {pred}");
        let ev = ok(&mut s, Action::Advance(Advance::NextEvent));
        assert_eq!(s.today, valid);
        let e = ev.iter().find(|e| matches!(e.kind, EventKind::MethodValidated { .. })).expect("validated");
        assert_eq!((e.date, e.rules.clone()), (valid, vec![RuleId::P3, RuleId::P7]));
        assert_eq!(s.methods[0].status, MethodStatus::Valid);
        assert!(s.methods[0].is_default, "P4: the first valid method");
        let mail = mails(&s, |k| matches!(k, EmailKind::MethodValidated { .. }));
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].date, valid);
    }
}
