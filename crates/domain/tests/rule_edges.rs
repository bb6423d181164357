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

/// C3 against C2 (decision 145): a debt over the cap (here 120,000.00 €, from a yearly price set
/// to 100,000.00) cannot be settled by a credit: C2 asks for at least the debt, C3 refuses
/// more than 100,000.00. The debt order (D1.2) and a new method (D1.1) still settle it: they
/// are not amounts typed by the user, so the cap does not apply to them.
#[test]
fn c3_a_debt_over_the_cap_cannot_be_credited_but_its_debt_order_settles_it() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    ok(&mut s, Action::SetPrices { monthly: amount("4,99"), yearly: amount("100000") });
    add_account(&mut s, p, "a", BillingMode::Yearly);
    assert_eq!(s.account.debt(), eur(12_000_000));
    assert_eq!(s.minimum_credit(), eur(12_000_000));
    assert_eq!(Amount::from_decimal(s.proposed_credit()), Err(AmountError::OverCap));
    assert_eq!(
        refused(&mut s, Action::Credit(amount("100000"))),
        Refusal::CreditBelowDebt { minimum: eur(12_000_000) }
    );
    let mut by_card = s.clone();
    let o = open_debt_order(&s).clone();
    assert_eq!(o.amount, eur(12_000_000));
    let ev = ok(&mut s, Action::PayOrder(o.id, Payer::BankTransfer));
    assert!(has(&ev, |k| matches!(k, EventKind::DebtSettled)));
    assert_eq!(s.account.balance, Decimal::ZERO);
    ok(&mut by_card, Action::AddMethod(card()));
    assert_eq!(by_card.account.balance, Decimal::ZERO);
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

// ---------- D3, D6: debt ----------

/// One yearly account ordered on 1 January 2026 with nothing to pay it (debt 59.88 since
/// 1 January, deadline 8 January), a credit order of 59.88 made then, and on 3 January a
/// second account: debt 119.76. Returns the state and the open credit order.
fn debt_grown_after_a_credit_order() -> (State, OrderId) {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    add_account(&mut s, p, "a", BillingMode::Yearly);
    ok(&mut s, Action::Credit(amount("59,88")));
    let credit = s.orders.last().unwrap().id;
    advance_to(&mut s, d(2026, 1, 3));
    add_account(&mut s, p, "b", BillingMode::Yearly);
    assert_eq!((s.account.balance, s.account.deadline()), (eur(-11976), Some(d(2026, 1, 8))));
    (s, credit)
}

/// D3: a credit that does not cover the whole debt lowers it, but the deadline stays: the
/// reminder and the suspension come on the days the first debt set, and no invoice is marked
/// paid (D2 waits for a balance of 0).
#[test]
fn d3_a_partial_payment_keeps_the_reminder_day_and_the_suspension_day() {
    let (mut s, credit) = debt_grown_after_a_credit_order();
    let ev = ok(&mut s, Action::PayOrder(credit, Payer::BankTransfer));
    let reduced = ev.iter().find(|e| matches!(e.kind, EventKind::DebtReduced { .. })).expect("D3");
    assert_eq!(reduced.kind, EventKind::DebtReduced { debt: eur(5988), deadline: d(2026, 1, 8) });
    assert_eq!(reduced.rules, vec![RuleId::D3]);
    assert!(!has(&ev, |k| matches!(k, EventKind::DebtSettled | EventKind::InvoicePaid { .. })));
    assert_eq!((s.account.debt_since, s.account.deadline()), (Some(d(2026, 1, 1)), Some(d(2026, 1, 8))));
    assert!(issued(&s).iter().all(|i| i.is_unpaid()));
    assert_eq!(open_debt_order(&s).amount, eur(5988), "the e-mail's order is the debt left");
    // The reminder on 6 January (deadline - 2), for what is left.
    assert_eq!(s.next_event_date(), Some(d(2026, 1, 6)));
    let ev = advance_to(&mut s, d(2026, 1, 6));
    assert!(has(&ev, |k| matches!(k, EventKind::ReminderSent { debt, deadline } if *debt == eur(5988) && *deadline == d(2026, 1, 8))));
    // Still active on the deadline, suspended at 00:00 the day after: both accounts.
    advance_to(&mut s, d(2026, 1, 8));
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::Active));
    let ev = advance_to(&mut s, d(2026, 1, 9));
    assert!(has(&ev, |k| matches!(k, EventKind::SuspendedUnpaid { accounts } if accounts.len() == 2)));
}

/// D3 after the deadline: a partial payment brings nothing back (D2 needs the whole debt).
#[test]
fn d3_a_partial_payment_after_the_deadline_reactivates_nothing() {
    let (mut s, credit) = debt_grown_after_a_credit_order();
    advance_to(&mut s, d(2026, 1, 9));
    let ev = ok(&mut s, Action::PayOrder(credit, Payer::BankTransfer));
    assert!(has(&ev, |k| matches!(k, EventKind::DebtReduced { .. })));
    assert!(!has(&ev, |k| matches!(k, EventKind::Reactivated { .. })));
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::SuspendedUnpaid));
    assert_eq!(s.account.deadline(), Some(d(2026, 1, 8)));
    let rest = open_debt_order(&s).id;
    let ev = ok(&mut s, Action::PayOrder(rest, Payer::BankTransfer));
    assert!(has(&ev, |k| matches!(k, EventKind::Reactivated { accounts } if accounts.len() == 2)));
}

/// D6 (assumption): a suspended service renews at its current price and mode and stays
/// suspended even when that renewal is paid: here the card declined the first invoice (the
/// debt), then pays the renewal (S4); the old debt is still there, so D2 has not run.
#[test]
fn d6_a_renewal_paid_by_the_card_does_not_end_the_suspension_while_the_debt_lasts() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let c = s.methods[0].id;
    ok(&mut s, Action::SetDeclineNext(c, true));
    advance_to(&mut s, d(2026, 3, 18)); // declined on 10 March, suspended on 18 March
    let ids = account_ids(&s);
    assert!(ids.iter().all(|&id| account(&s, id).status == AccountStatus::SuspendedUnpaid));
    let ev = advance_to(&mut s, d(2026, 4, 10));
    let issued_ev = ev.iter().find(|e| matches!(e.kind, EventKind::InvoiceIssued { .. })).expect("renewal");
    assert!(issued_ev.rules.contains(&RuleId::D6));
    assert!(has(&ev, |k| matches!(k, EventKind::InvoiceCharged { amount, .. } if *amount == eur(1198))));
    assert!(!has(&ev, |k| matches!(k, EventKind::SuspendedOnExpiry { .. } | EventKind::Reactivated { .. })));
    let april = issued(&s).last().unwrap();
    assert_eq!((april.date, april.status.clone()), (d(2026, 4, 10), InvoiceStatus::Paid { on: d(2026, 4, 10) }));
    assert_eq!((s.account.balance, s.account.deadline()), (eur(-698), Some(d(2026, 3, 17))));
    for &id in &ids {
        let a = account(&s, id);
        assert_eq!((a.status, a.mode, a.pending_mode, a.expiry), (AccountStatus::SuspendedUnpaid, BillingMode::Monthly, None, d(2026, 5, 10)));
    }
    // D2: the debt paid, both come back.
    let o = open_debt_order(&s).id;
    ok(&mut s, Action::PayOrder(o, Payer::Method(c)));
    assert!(ids.iter().all(|&id| account(&s, id).status == AccountStatus::Active));
}

/// D6: it is never treated as set to None: the customer cannot choose None while it is
/// suspended (R5 is only the customer's choice, made while active), and month after month it
/// renews, each renewal adding to the debt, the deadline where it was.
#[test]
fn d6_a_suspended_service_cannot_be_set_to_none_and_keeps_renewing_into_the_debt() {
    let mut s = demo_debtor();
    advance_to(&mut s, d(2026, 3, 18));
    let ids = account_ids(&s);
    assert_eq!(
        refused(&mut s, Action::SetMode { accounts: vec![ids[0]], mode: BillingMode::None }),
        Refusal::AccountNotActive
    );
    advance_to(&mut s, d(2026, 6, 10));
    let renewals: Vec<_> = issued(&s).iter().map(|i| (i.date, i.total, i.is_unpaid())).collect();
    assert_eq!(
        renewals,
        vec![
            (d(2026, 3, 10), eur(1198), true),
            (d(2026, 4, 10), eur(1198), true),
            (d(2026, 5, 10), eur(1198), true),
            (d(2026, 6, 10), eur(1198), true),
        ]
    );
    assert_eq!(s.account.balance, eur(-698 - 3 * 1198));
    assert_eq!(s.account.deadline(), Some(d(2026, 3, 17)));
    assert_eq!(open_debt_order(&s).amount, eur(698 + 3 * 1198));
    assert!(ids.iter().all(|&id| account(&s, id).status == AccountStatus::SuspendedUnpaid));
    assert!(mails(&s, |k| matches!(k, EmailKind::SuspendedOnExpiry { .. })).is_empty());
}

// ---------- R: renewal ----------

/// R1: an account renews by itself, with no action, period after period, monthly or yearly,
/// even with nobody logged in and nothing to pay it (the invoice then goes to S5).
#[test]
fn r1_accounts_renew_by_themselves_every_period_even_logged_out() {
    let (mut s, p) = empty_platform(d(2026, 1, 15));
    let m = add_account(&mut s, p, "m", BillingMode::Monthly);
    let y = add_account(&mut s, p, "y", BillingMode::Yearly);
    ok(&mut s, Action::LogOut);
    let ev = advance_to(&mut s, d(2027, 1, 15));
    let renewals: Vec<&Event> = ev.iter().filter(|e| matches!(e.kind, EventKind::InvoiceIssued { .. })).collect();
    assert_eq!(renewals.len(), 12, "15 Feb 2026 .. 15 Jan 2027");
    assert!(renewals.iter().all(|e| e.rules.starts_with(&[RuleId::R1])));
    let monthly: Vec<NaiveDate> = issued(&s)
        .iter()
        .skip(2)
        .filter(|i| i.lines.iter().any(|l| l.account == m))
        .map(|i| i.date)
        .collect();
    assert_eq!(monthly, (2..=13).map(|k| renewal_date(d(2026, 1, 15), BillingMode::Monthly, k - 1)).collect::<Vec<_>>());
    let yearly: Vec<NaiveDate> = issued(&s).iter().skip(2).filter(|i| i.lines.iter().any(|l| l.account == y)).map(|i| i.date).collect();
    assert_eq!(yearly, vec![d(2027, 1, 15)]);
    assert_eq!((account(&s, m).expiry, account(&s, y).expiry), (d(2027, 2, 15), d(2028, 1, 15)));
    assert!(issued(&s).last().unwrap().lines.len() == 2, "both on the anniversary's invoice");
}

/// R7: the k-th renewal date is the start plus k periods, clamped to the month's end, never the
/// previous date plus one period: from 31 January, every month's last day, not the 28th.
#[test]
fn r7_from_the_31st_each_month_ends_on_its_last_day_and_lines_follow_each_other() {
    let (mut s, p) = empty_platform(d(2025, 1, 31));
    ok(&mut s, Action::AddMethod(card()));
    let a = add_account(&mut s, p, "m", BillingMode::Monthly);
    let mut expiries = vec![account(&s, a).expiry];
    for _ in 0..13 {
        ok(&mut s, Action::Advance(Advance::NextEvent));
        assert_eq!(s.today, *expiries.last().unwrap(), "it renews on its expiry");
        expiries.push(account(&s, a).expiry);
    }
    let ends = [28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31];
    let expected: Vec<NaiveDate> = ends
        .iter()
        .enumerate()
        .map(|(k, &day)| {
            let m0 = k as u32 + 1; // months after January 2025
            d(2025 + (m0 / 12) as i32, m0 % 12 + 1, day)
        })
        .collect();
    assert_eq!(expiries, expected);
    // The invoices' periods follow each other with no gap and no overlap.
    let lines: Vec<&InvoiceLine> = issued(&s).iter().flat_map(|i| &i.lines).collect();
    assert_eq!(lines[0].from, d(2025, 1, 31));
    assert!(lines.windows(2).all(|w| w[0].to == w[1].from));
    // From the 30th: 28 February, then back to the 30th.
    assert_eq!(renewal_date(d(2025, 1, 30), BillingMode::Monthly, 1), d(2025, 2, 28));
    assert_eq!(renewal_date(d(2025, 1, 30), BillingMode::Monthly, 2), d(2025, 3, 30));
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    d(ny, nm, 1).pred_opt().unwrap().day()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// R7 as a property: for any start day (the 28th to the 31st half of the time) and either period,
    /// the engine's k-th expiry is the start's day in the month k periods later, or that
    /// month's last day when it is shorter, computed here without chrono's month arithmetic.
    #[test]
    fn r7_the_kth_expiry_is_the_start_plus_k_periods_clamped(
        year in 2024i32..2030,
        month in 1u32..=12,
        day in prop_oneof![1u32..=31, 28u32..=31],
        yearly in any::<bool>(),
        renewals in 1usize..16,
    ) {
        let start = d(year, month, day.min(month_end(year, month)));
        let mode = if yearly { BillingMode::Yearly } else { BillingMode::Monthly };
        let (mut s, p) = empty_platform(start);
        ok(&mut s, Action::AddMethod(card_input("12/99")));
        let a = add_account(&mut s, p, "x", mode);
        for k in 1..=renewals as u32 {
            let months = if yearly { 12 * k } else { k };
            let m0 = (start.month0() + months) as i32;
            let (y, m) = (start.year() + m0 / 12, (m0 % 12) as u32 + 1);
            let expected = d(y, m, start.day().min(month_end(y, m)));
            prop_assert_eq!(account(&s, a).expiry, expected, "k = {}", k);
            prop_assert_eq!(renewal_date(start, mode, k), expected);
            ok(&mut s, Action::Advance(Advance::NextEvent));
            prop_assert_eq!(s.today, expected);
        }
    }
}

/// R8 (assumption): while a termination is scheduled, ordering on that platform is refused,
/// until the last day to cancel, with the termination's date; other platforms still take
/// orders; once cancelled, it takes them again; once terminated, it is R6 that refuses.
#[test]
fn r8_refused_with_the_date_until_the_end_only_on_that_platform() {
    let (mut s, p) = empty_platform(d(2026, 1, 15));
    let q = s.add_platform("hosted-ab12345-2", "two.example", d(2026, 1, 15));
    ok(&mut s, Action::AddMethod(card()));
    add_account(&mut s, p, "a", BillingMode::Monthly);
    advance_to(&mut s, d(2026, 2, 1));
    ok(&mut s, Action::Terminate(p));
    let on = s.platforms[0].termination.as_ref().unwrap().effective_on;
    assert_eq!(on, d(2027, 1, 15));
    let order = |platform: PlatformId, local: &str| Action::AddAccount {
        platform,
        email_local_part: LocalPart::parse(local).unwrap(),
        mode: BillingMode::Yearly,
    };
    let r = refused(&mut s, order(p, "new"));
    assert_eq!((r.clone(), r.rule()), (Refusal::OrderWhileTerminating { on }, RuleId::R8));
    add_account(&mut s, q, "other", BillingMode::Monthly);
    // On the last day to cancel, still refused, with the same date.
    let mut last = s.clone();
    advance_to(&mut last, d(2027, 1, 14));
    assert_eq!(refused(&mut last, order(p, "new")), Refusal::OrderWhileTerminating { on });
    // Cancelled on that day: accepted again.
    let mut cancelled = last.clone();
    ok(&mut cancelled, Action::CancelTermination(p));
    add_account(&mut cancelled, p, "new", BillingMode::Yearly);
    // Terminated: R6's refusal, not R8's.
    advance_to(&mut last, d(2027, 1, 15));
    let r = refused(&mut last, order(p, "new"));
    assert_eq!((r.clone(), r.rule()), (Refusal::PlatformNotActive, RuleId::R6));
}

// ---------- S1: invoice issued ----------

/// S1: at renewal, the accounts of one platform renewing the same day go on one invoice, for
/// the period to come; another platform's on its own; an account renewing another day on
/// another; each invoice is issued with one e-mail of its own, that day.
#[test]
fn s1_one_invoice_per_platform_and_day_for_the_period_to_come_each_with_its_email() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    let q = s.add_platform("hosted-ab12345-2", "two.example", d(2026, 1, 1));
    ok(&mut s, Action::AddMethod(card()));
    let a = add_account(&mut s, p, "a", BillingMode::Monthly);
    let b = add_account(&mut s, p, "b", BillingMode::Monthly);
    let c = add_account(&mut s, q, "c", BillingMode::Monthly);
    advance_to(&mut s, d(2026, 1, 5));
    let late = add_account(&mut s, p, "late", BillingMode::Monthly);
    assert_eq!(issued(&s).len(), 4, "each first order on its own invoice (R2)");
    ok(&mut s, Action::LogOut);
    advance_to(&mut s, d(2026, 2, 5));
    let renewals = &issued(&s)[4..];
    let shape: Vec<_> = renewals
        .iter()
        .map(|i| (i.date, i.platform, i.lines.iter().map(|l| l.account).collect::<Vec<_>>()))
        .collect();
    assert_eq!(shape, vec![(d(2026, 2, 1), p, vec![a, b]), (d(2026, 2, 1), q, vec![c]), (d(2026, 2, 5), p, vec![late])]);
    for inv in renewals {
        for l in &inv.lines {
            assert_eq!(l.from, inv.date, "the period to come starts on the renewal day");
            assert_eq!(l.to, renewal_date(inv.date, BillingMode::Monthly, 1));
        }
    }
    for inv in issued(&s) {
        let m: Vec<&Email> = mails(&s, |k| matches!(k, EmailKind::InvoiceIssued { invoice, .. } if *invoice == inv.id));
        assert_eq!(m.len(), 1, "{}", inv.reference);
        assert_eq!(m[0].date, inv.date);
        let EmailKind::InvoiceIssued { reference, total, .. } = &m[0].kind else { unreachable!() };
        assert_eq!((reference, *total), (&inv.reference, inv.total));
        let e = s.journal.iter().find(|e| matches!(&e.kind, EventKind::InvoiceIssued { reference, .. } if *reference == inv.reference)).unwrap();
        assert!(e.rules.contains(&RuleId::S1) && e.date == inv.date);
    }
}

// ---------- T1: a day's order ----------

/// T1: validations come before debt deadlines: a bank account that validates at 00:00 on the
/// day after the deadline pays the debt (D1.1) before D4/D5 look, so nothing is suspended.
#[test]
fn t1_a_bank_account_validating_on_the_suspension_day_pays_before_the_deadline_runs() {
    let mut s = demo_debtor();
    advance_to(&mut s, d(2026, 3, 16));
    ok(&mut s, Action::AddMethod(bank())); // valid on 18 March, the suspension day
    let ev = advance_to(&mut s, d(2026, 3, 18));
    let validated = position(&ev, |k| matches!(k, EventKind::MethodValidated { .. }));
    let settled = position(&ev, |k| matches!(k, EventKind::DebtSettled));
    assert!(validated < settled);
    assert!(ev[settled].date == d(2026, 3, 18));
    assert!(!has(&ev, |k| matches!(k, EventKind::SuspendedUnpaid { .. })));
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::Active));
    // Without it, the same day suspends.
    let mut other = demo_debtor();
    let ev = advance_to(&mut other, d(2026, 3, 18));
    assert!(has(&ev, |k| matches!(k, EventKind::SuspendedUnpaid { .. })));
}

/// T1: on one day, renewals and invoices, then the debt's reminder (which counts that day's
/// invoice), then the balance alert (which sees the balance after it), in that order.
#[test]
fn t1_renewal_then_reminder_then_alert_on_the_same_day() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    credit_paid(&mut s, "10");
    add_account(&mut s, p, "a", BillingMode::Monthly); // 5.99 from the balance: 4.01 left
    ok(&mut s, Action::SetAlertThreshold(Some(amount("1"))));
    advance_to(&mut s, d(2026, 1, 27));
    add_account(&mut s, p, "b", BillingMode::Monthly); // 4.01 covered, 1.98 of debt since 27 Jan
    assert_eq!((s.account.balance, s.account.deadline()), (eur(-198), Some(d(2026, 2, 3))));
    assert_eq!(s.account.reminder_day(), Some(d(2026, 2, 1)), "the day a@ renews");
    let ev = advance_to(&mut s, d(2026, 2, 1));
    let ev: Vec<Event> = ev.into_iter().filter(|e| e.date == d(2026, 2, 1)).collect();
    let invoice = position(&ev, |k| matches!(k, EventKind::InvoiceIssued { .. }));
    let reminder = position(&ev, |k| matches!(k, EventKind::ReminderSent { .. }));
    assert!(invoice < reminder);
    assert_eq!(ev[reminder].kind, EventKind::ReminderSent { debt: eur(198 + 599), deadline: d(2026, 2, 3) });
    // The alert was sent on 27 January (4.01 -> -1.98); still below: not again.
    assert!(!has(&ev, |k| matches!(k, EventKind::BalanceAlert { .. })));
    // The same day with the alert re-armed: it comes last and sees the day's balance.
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    credit_paid(&mut s, "10");
    add_account(&mut s, p, "a", BillingMode::Monthly);
    ok(&mut s, Action::SetAlertThreshold(Some(amount("1"))));
    let ev = advance_to(&mut s, d(2026, 2, 1)); // 4.01 - 5.99 = -1.98
    let alert = position(&ev, |k| matches!(k, EventKind::BalanceAlert { .. }));
    assert_eq!(alert, ev.len() - 1, "the last step of the day");
    assert!(position(&ev, |k| matches!(k, EventKind::InvoiceIssued { .. })) < alert);
    assert_eq!(ev[alert].kind, EventKind::BalanceAlert { balance: eur(-198), threshold: eur(100) });
}

/// T1: a card whose last valid day is the day before an invoice has expired at 00:00, before
/// the renewal, so it does not pay that invoice.
#[test]
fn t1_a_card_expires_at_00_00_before_that_days_renewal() {
    let (mut s, p) = empty_platform(d(2026, 3, 1));
    ok(&mut s, Action::AddMethod(card_input("03/26")));
    add_account(&mut s, p, "a", BillingMode::Monthly);
    assert!(matches!(issued(&s)[0].status, InvoiceStatus::Paid { .. }));
    let ev = advance_to(&mut s, d(2026, 4, 1));
    let expired = position(&ev, |k| matches!(k, EventKind::MethodExpired { .. }));
    let invoice = position(&ev, |k| matches!(k, EventKind::InvoiceIssued { .. }));
    assert!(expired < invoice);
    assert!(!has(&ev, |k| matches!(k, EventKind::InvoiceCharged { .. })));
    assert_eq!(issued(&s)[1].status, InvoiceStatus::Unpaid);
}

// ---------- N1: the inbox ----------

/// The `InvoiceIssued` e-mail of an invoice: (covered, charged, method, debt).
fn invoice_mail(s: &State, inv: &Invoice) -> (Decimal, Decimal, Option<String>, Decimal) {
    let m = mails(s, |k| matches!(k, EmailKind::InvoiceIssued { invoice, .. } if *invoice == inv.id));
    assert_eq!(m.len(), 1);
    let EmailKind::InvoiceIssued { covered, charged, method, debt, .. } = &m[0].kind else { unreachable!() };
    (*covered, *charged, method.clone(), *debt)
}

/// N1: the invoice e-mail says how it was settled, in each of S3, S4 and S5, and its parts add
/// up to the total; on S5 the debtor e-mail follows, with the link to the open debt order.
#[test]
fn n1_the_invoice_email_says_how_it_was_settled_in_s3_s4_and_s5() {
    // S3: the balance pays it all.
    let mut s3 = demo_in();
    credit_paid(&mut s3, "10");
    advance_to(&mut s3, d(2026, 3, 10));
    assert_eq!(invoice_mail(&s3, &issued(&s3)[0]), (eur(1198), Decimal::ZERO, None, Decimal::ZERO));
    // S4: the balance, then the default method.
    let mut s4 = demo_in();
    ok(&mut s4, Action::AddMethod(paypal()));
    advance_to(&mut s4, d(2026, 3, 10));
    assert_eq!(invoice_mail(&s4, &issued(&s4)[0]), (eur(500), eur(698), Some("a•••@example.com".into()), Decimal::ZERO));
    // S5: the balance, then the debt, and the debtor e-mail right after, that day.
    let s5 = demo_debtor();
    let inv = &issued(&s5)[0];
    let (covered, charged, method, debt) = invoice_mail(&s5, inv);
    assert_eq!((covered, charged, method, debt), (eur(500), Decimal::ZERO, None, eur(698)));
    assert_eq!(covered + charged + debt, inv.total);
    let at = s5.inbox.iter().position(|m| matches!(m.kind, EmailKind::InvoiceIssued { .. } ) && m.date == d(2026, 3, 10)).unwrap();
    let next = &s5.inbox[at + 1];
    let order = open_debt_order(&s5);
    assert_eq!(next.date, d(2026, 3, 10));
    assert_eq!(
        next.kind,
        EmailKind::AccountDebtor { debt: eur(698), deadline: d(2026, 3, 17), order: order.id, order_reference: order.reference.clone() }
    );
}

/// N1: the inbox holds every e-mail, sent while logged out too, each dated the day it was
/// sent, in order, unread until opened.
#[test]
fn n1_emails_sent_logged_out_are_kept_dated_in_order_and_unread() {
    let mut s = scenario::demo();
    assert!(s.customer.is_none());
    advance_to(&mut s, d(2026, 3, 18));
    let got: Vec<(NaiveDate, &str)> = s
        .inbox
        .iter()
        .map(|m| {
            let name = match m.kind {
                EmailKind::InvoiceIssued { .. } => "invoice",
                EmailKind::AccountDebtor { .. } => "debtor",
                EmailKind::DebtReminder { .. } => "reminder",
                EmailKind::SuspendedUnpaid { .. } => "suspension",
                _ => "other",
            };
            (m.date, name)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (d(2026, 3, 10), "invoice"),
            (d(2026, 3, 10), "debtor"),
            (d(2026, 3, 15), "reminder"),
            (d(2026, 3, 18), "suspension"),
        ]
    );
    assert!(s.inbox.windows(2).all(|w| w[0].id < w[1].id));
    assert!(s.inbox.iter().all(|m| !m.read));
    let EmailKind::SuspendedUnpaid { accounts } = &s.inbox[3].kind else { unreachable!() };
    assert_eq!(accounts, &vec!["contact@demo-exchange.example".to_string(), "sales@demo-exchange.example".to_string()]);
}

// ---------- N2: the balance alert ----------

/// N2: the e-mail goes out when the balance drops *below* the threshold: a balance equal to it
/// is not below, one cent under is. Setting the threshold checks at once (decision 33).
#[test]
fn n2_no_alert_at_the_threshold_itself_and_one_a_cent_below() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    credit_paid(&mut s, "20");
    ok(&mut s, Action::SetAlertThreshold(Some(amount("8,02"))));
    add_account(&mut s, p, "a", BillingMode::Monthly); // 20 - 5.99 = 14.01
    let ev = advance_to(&mut s, d(2026, 2, 1)); // 8.02: equal, not below
    assert_eq!(s.account.balance, eur(802));
    assert!(!has(&ev, |k| matches!(k, EventKind::BalanceAlert { .. })));
    let ev = advance_to(&mut s, d(2026, 3, 1)); // 2.03
    let alert = ev.iter().find(|e| matches!(e.kind, EventKind::BalanceAlert { .. })).expect("alert");
    assert_eq!((alert.date, alert.kind.clone(), alert.rules.clone()), (d(2026, 3, 1), EventKind::BalanceAlert { balance: eur(203), threshold: eur(802) }, vec![RuleId::N2]));
    let m = mails(&s, |k| matches!(k, EmailKind::BalanceAlert { .. }));
    assert_eq!((m.len(), m[0].date), (1, d(2026, 3, 1)));
    // A threshold equal to the balance: not below, nothing; one cent over it: at once.
    let ev = ok(&mut s, Action::SetAlertThreshold(Some(amount("2,03"))));
    assert!(!has(&ev, |k| matches!(k, EventKind::BalanceAlert { .. })));
    let ev = ok(&mut s, Action::SetAlertThreshold(Some(amount("2,04"))));
    assert!(has(&ev, |k| matches!(k, EventKind::BalanceAlert { balance, threshold } if *balance == eur(203) && *threshold == eur(204))));
    // No threshold, no alert, however low the balance goes.
    ok(&mut s, Action::SetAlertThreshold(None));
    let before = mails(&s, |k| matches!(k, EmailKind::BalanceAlert { .. })).len();
    advance_to(&mut s, d(2026, 6, 1));
    assert!(s.account.is_debtor());
    assert_eq!(mails(&s, |k| matches!(k, EmailKind::BalanceAlert { .. })).len(), before);
}

/// N2: an action that takes the balance below the threshold alerts in that action's events
/// (here the first order of a new account, paid from the balance).
#[test]
fn n2_an_action_that_drops_the_balance_alerts_at_once() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    credit_paid(&mut s, "10");
    ok(&mut s, Action::SetAlertThreshold(Some(amount("5"))));
    let ev = ok(&mut s, Action::AddAccount { platform: p, email_local_part: LocalPart::parse("a").unwrap(), mode: BillingMode::Monthly });
    let last = ev.last().unwrap();
    assert_eq!(last.kind, EventKind::BalanceAlert { balance: eur(401), threshold: eur(500) });
    assert_eq!(last.date, d(2026, 1, 1));
}

// ---------- T4: the journal ----------

/// T4: the invoice day of the worked example journals each change, dated that day, with its
/// amounts and the rules that made it happen.
#[test]
fn t4_the_invoice_day_journals_each_change_with_its_amounts_and_rules() {
    let mut s = demo_in();
    let before = s.journal.len();
    let ev = advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(ev, s.journal[before..].to_vec(), "apply returns what it appended");
    assert!(ev.windows(2).all(|w| w[1].seq == w[0].seq + 1));
    assert_eq!(ev[0].kind, EventKind::ClockAdvanced { from: d(2026, 3, 8), to: d(2026, 3, 10) });
    assert!(ev[1..].iter().all(|e| e.date == d(2026, 3, 10) && !e.rules.is_empty()));
    let find = |f: &dyn Fn(&EventKind) -> bool| ev.iter().find(|e| f(&e.kind)).expect("event");
    let issued_ev = find(&|k| matches!(k, EventKind::InvoiceIssued { .. }));
    assert_eq!(
        issued_ev.kind,
        EventKind::InvoiceIssued { reference: "FR0000001".into(), accounts: 2, excl_vat: eur(998), vat: eur(200), total: eur(1198) }
    );
    assert_eq!(issued_ev.rules, vec![RuleId::R1, RuleId::R7, RuleId::S1, RuleId::M2]);
    let covered = find(&|k| matches!(k, EventKind::InvoiceCoveredByBalance { .. }));
    assert_eq!((covered.kind.clone(), covered.rules.clone()), (EventKind::InvoiceCoveredByBalance { reference: "FR0000001".into(), amount: eur(500) }, vec![RuleId::S2]));
    let debited = find(&|k| matches!(k, EventKind::AccountDebited { .. }));
    assert_eq!(
        (debited.kind.clone(), debited.rules.clone()),
        (EventKind::AccountDebited { reference: "FR0000001".into(), amount: eur(698), balance: eur(-698) }, vec![RuleId::S5])
    );
    let started = find(&|k| matches!(k, EventKind::DebtorStarted { .. }));
    assert_eq!((started.kind.clone(), started.rules.clone()), (EventKind::DebtorStarted { debt: eur(698), deadline: d(2026, 3, 17) }, vec![RuleId::S5, RuleId::D4]));
    let order = find(&|k| matches!(k, EventKind::OrderCreated { purpose: OrderPurpose::Debt, .. }));
    assert!(matches!(&order.kind, EventKind::OrderCreated { amount, .. } if *amount == eur(698)));
    assert!(order.rules.contains(&RuleId::S5));
}

// ---------- U3: a situation's debt ----------

/// A situation on 1 April 2026: 3 yearly accounts renewing 15 June 2026, no method.
fn situation(balance: &str, debt_since: &str) -> SituationInput {
    SituationInput {
        subsidiary: "FR".into(),
        today: "2026-04-01".into(),
        platforms: vec![SituationPlatformInput::following("example.com", "2026-06-15", BillingMode::Yearly, 3)],
        balance: balance.into(),
        debt_since: debt_since.into(),
        ..SituationInput::default()
    }
}

/// U3: the day the debt began is at most today: today is accepted (deadline a week later),
/// tomorrow is refused on that field, and a debt needs its day.
#[test]
fn u3_the_debt_may_begin_today_but_not_tomorrow() {
    let s = situation("-12.00", "2026-04-01").parse().expect("today is at most today").state();
    assert_eq!((s.account.debt_since, s.account.deadline()), (Some(d(2026, 4, 1)), Some(d(2026, 4, 8))));
    assert_eq!(s.invoices[0].date, d(2026, 4, 1));
    let e = situation("-12.00", "2026-04-02").parse().expect_err("tomorrow");
    assert_eq!(e.of(SituationField::DebtSince), Some(SituationError::DebtSinceAfterToday));
    let e = situation("-12.00", "").parse().expect_err("a debt needs its day");
    assert!(e.of(SituationField::DebtSince).is_some());
    // A balance of 0 or more is no debt: the day is not asked for, and nothing is owed.
    let s = situation("0.00", "").parse().expect("no debt").state();
    assert!(s.invoices.is_empty() && s.orders.is_empty() && s.account.debt_since.is_none());
}

/// U3: no e-mail for what happened before the start: a reminder due on the start day (it ran
/// at that day's 00:00, before the start, T1) is never sent; the suspension after it is.
/// A deadline long past suspends the platform at the start, silently, once.
#[test]
fn u3_what_fell_before_the_start_is_not_mailed_and_what_falls_after_is() {
    // Debt since 27 March: deadline 3 April, reminder 1 April (today).
    let mut s = situation("-12.00", "2026-03-27").parse().unwrap().state();
    assert_eq!(s.account.reminder_day(), Some(d(2026, 4, 1)));
    assert!(s.inbox.is_empty());
    assert_eq!(s.next_event_date(), Some(d(2026, 4, 4)));
    let ev = advance_to(&mut s, d(2026, 4, 4));
    assert!(!has(&ev, |k| matches!(k, EventKind::ReminderSent { .. })));
    assert!(has(&ev, |k| matches!(k, EventKind::SuspendedUnpaid { accounts } if accounts.len() == 3)));
    assert_eq!(mails(&s, |k| matches!(k, EmailKind::SuspendedUnpaid { .. })).len(), 1);
    // Debt since 1 March: suspended from 9 March, before the start: no e-mail then or after.
    let mut s = situation("-12.00", "2026-03-01").parse().unwrap().state();
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::SuspendedUnpaid));
    assert!(s.inbox.is_empty() && s.journal.iter().all(|e| !e.is_adverse()));
    assert_eq!(s.next_event_date(), Some(d(2026, 6, 15)), "nothing left to suspend: the renewal (D6)");
    let ev = advance_to(&mut s, d(2026, 6, 14));
    assert!(!has(&ev, |k| matches!(k, EventKind::SuspendedUnpaid { .. } | EventKind::ReminderSent { .. })));
    assert!(s.inbox.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// U3 as a property: any debt, begun any day up to today, is one unpaid invoice for exactly
    /// that amount, dated that day, with its debt order and D4's deadline; the platform is
    /// suspended if and only if the deadline is before today; nothing is mailed.
    #[test]
    fn u3_any_debt_is_one_unpaid_invoice_with_its_order_and_deadline(cents in 1i64..10_000_000, back in 0u64..60) {
        let today = d(2026, 4, 1);
        let since = today - chrono::Days::new(back);
        let debt = eur(cents);
        let input = situation(&format!("-{debt}"), &since.to_string());
        let s = input.parse().map_err(|e| TestCaseError::fail(e.to_string()))?.state();
        prop_assert_eq!(s.account.balance, -debt);
        prop_assert_eq!(s.invoices.len(), 1);
        let inv = &s.invoices[0];
        prop_assert_eq!((inv.date, inv.total, inv.is_unpaid()), (since, debt, true));
        prop_assert_eq!(inv.excl_vat + inv.vat, inv.total);
        let order = s.debt_order().and_then(|id| s.orders.iter().find(|o| o.id == id)).expect("debt order");
        prop_assert_eq!(order.amount, debt);
        let deadline = since + chrono::Days::new(7);
        prop_assert_eq!(s.account.deadline(), Some(deadline));
        let suspended = deadline < today;
        for a in &s.platforms[0].accounts {
            prop_assert_eq!(a.status == AccountStatus::SuspendedUnpaid, suspended);
        }
        prop_assert!(s.inbox.is_empty());
        prop_assert_eq!(s.check_invariants(), Ok(()));
    }
}

// ---------- properties over random runs (T4, N1, N2, S1) ----------

/// A step of a random run; indices are taken modulo what the state holds.
#[derive(Debug, Clone)]
enum Step {
    Days(u32),
    Next,
    AddCard(u32),
    AddBank,
    AddPaypal,
    Decline(usize),
    SetDefault(usize),
    Credit(i64),
    Pay(usize, Option<usize>),
    AddAccount(u8, bool),
    SetMode(usize, u8),
    Alert(Option<i64>),
    Terminate,
    CancelTermination,
    LogOutIn,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0u32..45).prop_map(Step::Days),
        4 => Just(Step::Next),
        1 => (0u32..24).prop_map(Step::AddCard),
        1 => Just(Step::AddBank),
        1 => Just(Step::AddPaypal),
        2 => (0usize..4).prop_map(Step::Decline),
        1 => (0usize..4).prop_map(Step::SetDefault),
        2 => (1i64..5_000).prop_map(Step::Credit),
        3 => (0usize..8, proptest::option::of(0usize..4)).prop_map(|(o, m)| Step::Pay(o, m)),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(n, y)| Step::AddAccount(n, y)),
        2 => (0usize..6, 0u8..3).prop_map(|(a, m)| Step::SetMode(a, m)),
        2 => proptest::option::of(1i64..3_000).prop_map(Step::Alert),
        1 => Just(Step::Terminate),
        1 => Just(Step::CancelTermination),
        1 => Just(Step::LogOutIn),
    ]
}

fn nth<T>(v: &[T], i: usize) -> Option<&T> {
    (!v.is_empty()).then(|| &v[i % v.len()])
}

/// The action a step stands for in `s` (`LogOutIn` is two actions: `None` here, see `run`).
fn action(s: &State, st: &Step) -> Option<Action> {
    let accounts: Vec<AccountId> = s.platforms.iter().flat_map(|p| &p.accounts).map(|a| a.id).collect();
    let p = s.platforms[0].id;
    Some(match st {
        Step::Days(n) => Action::Advance(Advance::Days(*n)),
        Step::Next => Action::Advance(Advance::NextEvent),
        Step::AddCard(months) => {
            let e = s.today.checked_add_months(chrono::Months::new(*months)).unwrap();
            card_input(&format!("{:02}/{:02}", e.month(), e.year() % 100))
        }
        .pipe(Action::AddMethod),
        Step::AddBank => Action::AddMethod(bank()),
        Step::AddPaypal => Action::AddMethod(paypal()),
        Step::Decline(i) => {
            let m = nth(&s.methods, *i)?;
            Action::SetDeclineNext(m.id, !m.decline_next)
        }
        Step::SetDefault(i) => Action::SetDefaultMethod(nth(&s.methods, *i)?.id),
        Step::Credit(c) => Action::Credit(Amount::from_decimal(eur(*c)).ok()?),
        Step::Pay(o, m) => {
            let open: Vec<&PurchaseOrder> = s.orders.iter().filter(|o| o.status == OrderStatus::Open).collect();
            let order = nth(&open, *o)?.id;
            let payer = match m {
                Some(i) => Payer::Method(nth(&s.methods, *i)?.id),
                None => Payer::BankTransfer,
            };
            Action::PayOrder(order, payer)
        }
        Step::AddAccount(n, yearly) => Action::AddAccount {
            platform: p,
            email_local_part: LocalPart::parse(&format!("u{}", n % 8)).unwrap(),
            mode: if *yearly { BillingMode::Yearly } else { BillingMode::Monthly },
        },
        Step::SetMode(a, m) => Action::SetMode {
            accounts: vec![*nth(&accounts, *a)?],
            mode: [BillingMode::Monthly, BillingMode::Yearly, BillingMode::None][*m as usize],
        },
        Step::Alert(t) => Action::SetAlertThreshold(t.map(|c| Amount::from_decimal(eur(c)).unwrap())),
        Step::Terminate => Action::Terminate(p),
        Step::CancelTermination => Action::CancelTermination(p),
        Step::LogOutIn => return None,
    })
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl<T> Pipe for T {}

/// Runs the steps from the logged-in demo, calling `check(before, action, result, after)`
/// after each action tried.
fn run(steps: &[Step], mut check: impl FnMut(&State, &Action, &Result<Vec<Event>, Refusal>, &State) -> Result<(), TestCaseError>) -> Result<State, TestCaseError> {
    let mut s = demo_in();
    for st in steps {
        let actions = match action(&s, st) {
            Some(a) => vec![a],
            None if matches!(st, Step::LogOutIn) => vec![
                Action::LogOut,
                Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr },
            ],
            None => continue,
        };
        for a in actions {
            let before = s.clone();
            let result = s.apply(a.clone());
            check(&before, &a, &result, &s)?;
        }
    }
    Ok(s)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// T4 as a property: an accepted action that changes the state appends events, each dated
    /// within the days it covered, in order, numbered one after the other, each citing rules;
    /// one that appends nothing changes nothing; a refused one changes nothing.
    #[test]
    fn t4_every_change_of_state_appends_dated_events_citing_rules(steps in prop::collection::vec(step(), 1..40)) {
        run(&steps, |before, a, result, after| {
            match result {
                Err(_) => prop_assert_eq!(before, after, "{:?} refused but changed the state", a),
                Ok(events) => {
                    prop_assert_eq!(events.as_slice(), &after.journal[before.journal.len()..]);
                    if events.is_empty() {
                        prop_assert_eq!(before, after, "{:?} changed the state with no event", a);
                    }
                    let mut seq = before.journal.last().map_or(0, |e| e.seq);
                    let mut date = before.today;
                    for e in events {
                        prop_assert_eq!(e.seq, seq + 1);
                        prop_assert!(e.date >= date && e.date <= after.today, "{:?} dated {}", e.kind, e.date);
                        prop_assert!(!e.rules.is_empty(), "{:?} cites no rule", e.kind);
                        seq = e.seq;
                        date = e.date;
                    }
                }
            }
            Ok(())
        })?;
    }

    /// N1 and S1 as a property: the inbox holds every e-mail the events call for: one invoice
    /// e-mail per invoice, that day, whose parts add up to its total; one debtor e-mail per
    /// invoice that left a debt; one e-mail per reminder, suspension, settlement, payment
    /// received, decline, validation, expiry, expiry without renewal, termination and alert.
    #[test]
    fn n1_every_case_in_the_journal_has_its_email(steps in prop::collection::vec(step(), 1..40)) {
        let s = run(&steps, |_, _, _, _| Ok(()))?;
        let events = |f: &dyn Fn(&EventKind) -> bool| s.journal.iter().filter(|e| f(&e.kind)).count();
        let emails = |f: &dyn Fn(&EmailKind) -> bool| s.inbox.iter().filter(|m| f(&m.kind)).count();
        for inv in issued(&s) {
            let m: Vec<&Email> = mails(&s, |k| matches!(k, EmailKind::InvoiceIssued { invoice, .. } if *invoice == inv.id));
            prop_assert_eq!(m.len(), 1, "{}", inv.reference);
            prop_assert_eq!(m[0].date, inv.date);
            let EmailKind::InvoiceIssued { covered, charged, debt, total, .. } = &m[0].kind else { unreachable!() };
            prop_assert_eq!(*total, inv.total);
            prop_assert_eq!(*covered + *charged + *debt, inv.total);
            prop_assert_eq!(*debt, inv.debited_to_account);
        }
        prop_assert_eq!(issued(&s).iter().filter(|i| i.debited_to_account > Decimal::ZERO).count(), emails(&|k| matches!(k, EmailKind::AccountDebtor { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::ReminderSent { .. })), emails(&|k| matches!(k, EmailKind::DebtReminder { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::SuspendedUnpaid { .. })), emails(&|k| matches!(k, EmailKind::SuspendedUnpaid { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::DebtSettled)), emails(&|k| matches!(k, EmailKind::DebtSettled { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::OrderPaid { .. })), emails(&|k| matches!(k, EmailKind::PaymentReceived { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::PaymentDeclined { .. })), emails(&|k| matches!(k, EmailKind::PaymentDeclined { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::MethodValidated { .. })), emails(&|k| matches!(k, EmailKind::MethodValidated { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::MethodExpired { .. })), emails(&|k| matches!(k, EmailKind::CardExpired { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::SuspendedOnExpiry { .. })), emails(&|k| matches!(k, EmailKind::SuspendedOnExpiry { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::TerminationScheduled { .. })), emails(&|k| matches!(k, EmailKind::TerminationScheduled { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::TerminationCancelled { .. })), emails(&|k| matches!(k, EmailKind::TerminationCancelled { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::PlatformTerminated { .. })), emails(&|k| matches!(k, EmailKind::PlatformTerminated { .. })));
        prop_assert_eq!(events(&|k| matches!(k, EventKind::BalanceAlert { .. })), emails(&|k| matches!(k, EmailKind::BalanceAlert { .. })));
        prop_assert!(s.inbox.windows(2).all(|w| w[0].id < w[1].id && w[0].date <= w[1].date));
        prop_assert!(s.inbox.last().is_none_or(|m| m.date <= s.today));
    }

    /// N2 as a property: every alert quotes a balance below its threshold; and whenever an
    /// action or a move of the clock takes the balance from at or above the threshold to
    /// below it, the alert is among its events.
    #[test]
    fn n2_a_drop_below_the_threshold_always_alerts_and_only_then(steps in prop::collection::vec(step(), 1..40)) {
        run(&steps, |before, a, result, after| {
            let Ok(events) = result else { return Ok(()) };
            for e in events {
                if let EventKind::BalanceAlert { balance, threshold } = &e.kind {
                    prop_assert!(balance < threshold);
                    prop_assert_eq!(Some(*threshold), after.account.alert_threshold);
                }
            }
            if let (Some(t), Some(t0)) = (after.account.alert_threshold, before.account.alert_threshold) {
                if t == t0 && before.account.balance >= t && after.account.balance < t {
                    prop_assert!(has(events, |k| matches!(k, EventKind::BalanceAlert { .. })), "{:?}: {} -> {} under {} and no alert", a, before.account.balance, after.account.balance, t);
                }
                if after.account.balance < t {
                    prop_assert!(after.account.alert_sent);
                }
            }
            Ok(())
        })?;
    }
}

// ---------- every rule is named by a test ----------

/// The rule IDs of `docs/rules.md` (the copy of RULES.md this build implements): each line
/// `- **S5** …`.
fn rule_ids() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("docs/rules.md")).expect("docs/rules.md");
    text.lines()
        .filter_map(|l| l.strip_prefix("- **")?.split_once("**").map(|(id, _)| id.to_string()))
        .filter(|id| id.len() >= 2 && id.as_bytes()[0].is_ascii_uppercase() && id[1..].bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

/// Every `.rs` file under `dir`, read.
fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// Each rule ID of docs/rules.md is named by at least one test (a function whose name starts with `s5_` in the
/// domain's or the app's Rust sources and tests), so a rule with no test fails here, by name.
#[test]
fn every_rule_id_of_rules_md_is_named_by_a_test() {
    let ids = rule_ids();
    // The engine's rule IDs (T4) and the app's own U1–U4, F1, F2, which are no `RuleId`.
    for id in RuleId::ALL.iter().map(|r| r.code()).chain(["U1", "U2", "U3", "U4", "F1", "F2"]) {
        assert!(ids.iter().any(|i| i == id), "{id} not read from docs/rules.md: {ids:?}");
    }
    assert_eq!(ids.len(), RuleId::ALL.len() + 6, "{ids:?}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut texts = Vec::new();
    for dir in ["crates/domain/src", "crates/domain/tests", "src", "tests"] {
        sources(&root.join(dir), &mut texts);
    }
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| {
            let name = format!("fn {}_", id.to_lowercase());
            !texts.iter().any(|t| t.contains(&name))
        })
        .collect();
    assert!(missing.is_empty(), "no test names these rules: {missing:?}");
}
