#![cfg(not(target_arch = "wasm32"))]
//! Example tests, at least one per rule ID of RULES.md (test names start with the rule ID).

use chrono::NaiveDate;
use hes_domain::*;
use rust_decimal::Decimal;

mod common;
use common::{advance_to, d, eur, ok};

// ---------- helpers ----------

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
    ok(
        s,
        Action::LogIn {
            nic: NicHandle::parse("ab12345-ovh").unwrap(),
            subsidiary: sub,
        },
    );
}

/// The demo, logged in (FR).
fn demo_in() -> State {
    let mut s = scenario::demo();
    login(&mut s, Subsidiary::Fr);
    s
}

fn card_input(expiry: &str) -> MethodInput {
    MethodInput::Card {
        number: CardNumber::parse("4242 4242 4242 4242").unwrap(),
        expiry: CardExpiry::parse(expiry).unwrap(),
    }
}

fn card() -> MethodInput {
    card_input("12/30")
}

fn bank() -> MethodInput {
    MethodInput::BankAccount {
        iban: Iban::parse("FR76 3000 6000 0112 3456 7890 189").unwrap(),
    }
}

fn paypal() -> MethodInput {
    MethodInput::Paypal {
        email: PaypalEmail::parse("alice@example.com").unwrap(),
    }
}


fn has<F: Fn(&EventKind) -> bool>(events: &[Event], f: F) -> bool {
    events.iter().any(|e| f(&e.kind))
}

fn mails<F: Fn(&EmailKind) -> bool>(s: &State, f: F) -> Vec<&Email> {
    s.inbox.iter().filter(|e| f(&e.kind)).collect()
}

fn account_ids(s: &State) -> Vec<AccountId> {
    s.platforms[0].accounts.iter().map(|a| a.id).collect()
}

fn account(s: &State, id: AccountId) -> &ExchangeAccount {
    s.platforms
        .iter()
        .flat_map(|p| &p.accounts)
        .find(|a| a.id == id)
        .unwrap()
}

fn open_debt_order(s: &State) -> &PurchaseOrder {
    s.orders
        .iter()
        .rev()
        .find(|o| o.purpose == OrderPurpose::Debt && o.status == OrderStatus::Open)
        .expect("an open debt order")
}

/// The invoices issued during the simulation: the demo's history invoice (`…0000000`, issued
/// before the simulation starts) left out.
fn issued(s: &State) -> &[Invoice] {
    let history = s.invoices.iter().take_while(|i| i.is_seeded()).count();
    &s.invoices[history..]
}

fn movements_sum(s: &State) -> Decimal {
    s.account.movements.iter().map(|m| m.credit - m.debit).sum()
}

/// A logged-in FR state with one empty platform started on `start`.
fn empty_platform(start: NaiveDate) -> (State, PlatformId) {
    let mut s = State::new(start, Subsidiary::Fr);
    let p = s.add_platform("hosted-ab12345-1", "ex.example", start);
    login(&mut s, Subsidiary::Fr);
    (s, p)
}

fn add_account(s: &mut State, p: PlatformId, local: &str, mode: BillingMode) -> AccountId {
    ok(
        s,
        Action::AddAccount {
            platform: p,
            email_local_part: LocalPart::parse(local).unwrap(),
            mode,
        },
    );
    s.platforms
        .iter()
        .find(|x| x.id == p)
        .unwrap()
        .accounts
        .last()
        .unwrap()
        .id
}

/// Demo after the worked example's invoice: debtor for 6.98 since 10 March.
fn demo_debtor() -> State {
    let mut s = demo_in();
    advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(s.account.balance, eur(-698));
    s
}

// ---------- the worked example (RULES.md) ----------

#[test]
fn s5_worked_example_end_to_end() {
    let mut s = demo_in();
    assert_eq!(s.today, d(2026, 3, 8));
    assert_eq!(s.account.balance, eur(500));
    assert_eq!(s.next_event_date(), Some(d(2026, 3, 10)));

    let events = ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(s.today, d(2026, 3, 10));
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::ClockAdvanced { .. }))
            .count(),
        1
    );
    assert_eq!(issued(&s).len(), 1, "both accounts on ONE invoice");
    let inv = &issued(&s)[0];
    assert_eq!(inv.lines.len(), 2);
    assert_eq!(inv.excl_vat, eur(998));
    assert_eq!(inv.vat, eur(200));
    assert_eq!(inv.total, eur(1198));
    assert_eq!(inv.covered_by_balance, eur(500));
    assert_eq!(inv.charged, None);
    assert_eq!(inv.debited_to_account, eur(698));
    assert_eq!(inv.status, InvoiceStatus::Unpaid);
    assert_eq!(inv.lines[0].from, d(2026, 3, 10));
    assert_eq!(inv.lines[0].to, d(2026, 4, 10));
    assert_eq!(s.account.balance, eur(-698));
    assert_eq!(s.account.debt_since, Some(d(2026, 3, 10)));
    assert_eq!(s.account.deadline(), Some(d(2026, 3, 17)));
    // The e-mail's purchase order is exactly the debt; a credit must be at least 10 (C2).
    let order = open_debt_order(&s).clone();
    assert_eq!(order.amount, eur(698));
    let debtor_mail = mails(&s, |k| matches!(k, EmailKind::AccountDebtor { .. }));
    assert_eq!(debtor_mail.len(), 1);
    assert_eq!(
        debtor_mail[0].kind,
        EmailKind::AccountDebtor {
            debt: eur(698),
            deadline: d(2026, 3, 17),
            order: order.id,
            order_reference: order.reference.clone()
        }
    );
    // C2 vs C1 (docs/decisions.md): the form proposes the smallest accepted credit, 10.00.
    assert_eq!(s.proposed_credit(), eur(1000));
    assert_eq!(s.minimum_credit(), eur(1000));
    assert_eq!(
        refused(&mut s, Action::Credit(amount("6,98"))),
        Refusal::CreditBelowMinimum { minimum: eur(1000) }
    );

    // Still fine on the 17th, suspended at 00:00 on the 18th.
    advance_to(&mut s, d(2026, 3, 17));
    assert!(s.platforms[0]
        .accounts
        .iter()
        .all(|a| a.status == AccountStatus::Active));
    let events = ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(s.today, d(2026, 3, 18));
    assert!(has(
        &events,
        |k| matches!(k, EventKind::SuspendedUnpaid { accounts } if accounts.len() == 2)
    ));
    assert!(s.platforms[0]
        .accounts
        .iter()
        .all(|a| a.status == AccountStatus::SuspendedUnpaid));
    assert_eq!(movements_sum(&s), s.account.balance);
}

// ---------- M: money ----------

#[test]
fn m1_money_is_decimal_kept_to_the_cent() {
    assert_eq!(amount("10,5").value().scale(), 2);
    assert_eq!(amount("10,5").value(), eur(1050));
    let s = demo_debtor();
    for m in &s.account.movements {
        assert!(m.debit.scale() <= 2 && m.credit.scale() <= 2 && m.balance_after.scale() <= 2);
    }
    assert!(issued(&s)[0].vat.scale() <= 2);
}

#[test]
fn m2_vat_rounds_half_up_fr_and_it() {
    assert_eq!(vat_of(eur(998), Subsidiary::Fr.vat_rate()), eur(200)); // 1.996
    assert_eq!(
        vat_of(Decimal::new(625, 3), Subsidiary::Fr.vat_rate()),
        eur(13)
    ); // 0.125 -> 0.13
    assert_eq!(Subsidiary::It.vat_rate(), Decimal::new(22, 2));
    let mut s = scenario::demo_with(Subsidiary::It);
    login(&mut s, Subsidiary::It);
    advance_to(&mut s, d(2026, 3, 10));
    let inv = &issued(&s)[0];
    assert_eq!(inv.vat, eur(220)); // 9.98 * 0.22 = 2.1956
    assert_eq!(inv.total, eur(1218));
    assert!(inv.reference.starts_with("IT"));
}

#[test]
fn m3_demo_prices_and_set_prices_apply_to_future_invoices() {
    let s = demo_in();
    assert_eq!(
        s.prices,
        Prices {
            monthly: eur(499),
            yearly: eur(4990)
        }
    );
    let mut s = s;
    let ev = ok(
        &mut s,
        Action::SetPrices {
            monthly: amount("5"),
            yearly: amount("50"),
        },
    );
    assert!(ev[0].rules.contains(&RuleId::M3));
    assert!(issued(&s).is_empty());
    advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(issued(&s)[0].excl_vat, eur(1000));
}

// ---------- T: time ----------

#[test]
fn t1_validation_runs_before_the_same_days_invoice() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(bank())); // 8 March: validates on 10 March at 00:00
    advance_to(&mut s, d(2026, 3, 10));
    let inv = &issued(&s)[0];
    assert_eq!(inv.status, InvoiceStatus::Paid { on: d(2026, 3, 10) });
    assert_eq!(inv.charged.as_ref().map(|c| c.2), Some(eur(698)));
    assert_eq!(s.account.balance, Decimal::ZERO);
    let pos = |f: &dyn Fn(&EventKind) -> bool| s.journal.iter().position(|e| f(&e.kind)).unwrap();
    assert!(
        pos(&|k| matches!(k, EventKind::MethodValidated { .. }))
            < pos(&|k| matches!(k, EventKind::InvoiceIssued { .. }))
    );
}

#[test]
fn t1_action_today_comes_after_todays_processing() {
    let mut s = demo_in();
    advance_to(&mut s, d(2026, 3, 10));
    // Adding a card on the invoice day pays the debt now (D1), after the invoice was issued.
    ok(&mut s, Action::AddMethod(card()));
    assert_eq!(issued(&s)[0].charged, None);
    assert_eq!(s.account.balance, Decimal::ZERO);
}

#[test]
fn t2_clock_only_moves_forward_and_jumps_to_next_event() {
    let mut s = demo_in();
    ok(&mut s, Action::Advance(Advance::Days(1)));
    assert_eq!(s.today, d(2026, 3, 9));
    ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(s.today, d(2026, 3, 10));
    ok(&mut s, Action::Advance(Advance::Days(7)));
    assert_eq!(s.today, d(2026, 3, 17));
    assert_eq!(
        refused(&mut s, Action::Advance(Advance::Days(MAX_ADVANCE_DAYS + 1))).rule(),
        RuleId::T2
    );
}

#[test]
fn t2_next_event_with_nothing_scheduled_moves_one_day() {
    let mut s = State::new(d(2026, 1, 1), Subsidiary::Fr);
    assert_eq!(s.next_event_date(), None);
    ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(s.today, d(2026, 1, 2));
}

/// The demo's simulator, logged in (FR).
fn demo_sim() -> Simulator {
    let mut sim = Simulator::new(scenario::Start::Demo);
    sim.apply(Action::LogIn {
        nic: NicHandle::parse("ab12345-ovh").unwrap(),
        subsidiary: Subsidiary::Fr,
    })
    .unwrap();
    sim
}

#[test]
fn t3_the_saved_log_replays_to_the_same_state_and_a_changed_rule_is_reported() {
    let mut sim = demo_sim();
    sim.apply(Action::Advance(Advance::NextEvent)).unwrap();
    sim.snapshot("debtor".into()).unwrap();
    sim.apply(Action::Credit(amount("10"))).unwrap();
    assert!(sim.apply(Action::Credit(amount("9,99"))).is_err(), "a refusal is not logged");
    assert_eq!(sim.log.len(), 3);
    let saved = sim.saved(0);
    assert_eq!((saved.start.clone(), saved.rules), (scenario::Start::Demo, scenario::RULES_VERSION));
    let back = Simulator::from_saved(&saved).unwrap();
    assert_eq!(back, sim);
    assert_eq!(back.snapshots[0].taken_at, d(2026, 3, 10));
    // A log saved under other rules is not replayed at all: it could give another state
    // without any refusal.
    let old = SavedRun { rules: 1, ..saved.clone() };
    assert_eq!(Simulator::from_saved(&old), Err(ReplayError::OtherRules { found: 1 }));
    // A log that no longer replays names the step.
    let broken = SavedRun { actions: vec![Action::LogOut], ..saved };
    assert_eq!(
        Simulator::from_saved(&broken),
        Err(ReplayError::Refused { index: 0, refusal: Refusal::NotLoggedIn, log: bounds::Log::Run })
    );
}

#[test]
fn t2_snapshot_and_restore() {
    let mut sim = demo_sim();
    sim.snapshot("before".into()).unwrap();
    sim.apply(Action::Advance(Advance::Days(3))).unwrap();
    assert_eq!(sim.state.today, d(2026, 3, 11));
    sim.restore(0).unwrap();
    assert_eq!(sim.state.today, d(2026, 3, 8));
    assert_eq!(sim.restore(5), Err(Refusal::UnknownSnapshot));
    sim.delete_snapshot(0);
    assert!(sim.snapshots.is_empty());
    sim.apply(Action::Advance(Advance::Days(1))).unwrap();
    sim.reset();
    assert_eq!((sim.state.clone(), sim.log.len()), (scenario::demo(), 0), "back to its own start");
}

#[test]
fn t2_ten_quiet_years_are_processed_in_a_few_steps() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card_input("12/99")));
    ok(&mut s, Action::Advance(Advance::Days(3650)));
    assert_eq!(s.today, d(2036, 3, 5));
    assert_eq!(issued(&s).len(), 120, "10 Mar 2026 .. 10 Feb 2036");
    assert!(issued(&s)
        .iter()
        .all(|i| matches!(i.status, InvoiceStatus::Paid { .. })));
}

#[test]
fn t3_same_actions_same_result() {
    let run = || {
        let mut s = demo_in();
        ok(&mut s, Action::AddMethod(bank()));
        ok(&mut s, Action::Advance(Advance::Days(40)));
        ok(&mut s, Action::Credit(amount("12,50")));
        s
    };
    assert_eq!(run(), run());
}

#[test]
fn t4_every_change_appends_events_with_rules() {
    let mut s = demo_in();
    let before = s.journal.len();
    let ev = ok(&mut s, Action::Credit(amount("10")));
    assert!(!ev.is_empty());
    assert_eq!(s.journal.len(), before + ev.len());
    assert!(s.journal.iter().all(|e| !e.rules.is_empty()));
    assert!(s.journal.windows(2).all(|w| w[0].seq < w[1].seq));
    let ev = ok(&mut s, Action::Advance(Advance::Days(2)));
    assert!(has(&ev, |k| matches!(k, EventKind::InvoiceIssued { .. })));
}

#[test]
fn t4_rule_metadata() {
    assert_eq!(RuleId::ALL.len(), 50);
    // Only the assumptions with IDs of their own carry the label; the guide's own words (the
    // 10 € minimum of C1, the 7 days of D4, card validity in P3) never do.
    let assumptions: Vec<_> = RuleId::ALL.iter().filter(|r| r.is_assumption()).collect();
    assert_eq!(
        assumptions,
        vec![&RuleId::P7, &RuleId::C3, &RuleId::R8, &RuleId::D5, &RuleId::D6]
    );
    for guide_rule in [RuleId::P3, RuleId::C1, RuleId::D4, RuleId::S5] {
        assert!(!guide_rule.is_assumption(), "{guide_rule:?} is the guide's word");
    }
    assert_eq!(RuleId::S5.code(), "S5");
    assert_eq!(RuleId::S5.guide_section(), GuideSection::G3);
    assert_eq!(RuleId::R6.guide_section(), GuideSection::G7);
    assert_eq!(RuleId::M2.guide_section(), GuideSection::Billing);
}

// ---------- L: login ----------

#[test]
fn l1_login_rules() {
    // The NIC handle's shape: `src/input/nic.rs`.
    let mut s = scenario::demo();
    assert!(s.customer.is_none());
    assert_eq!(
        refused(&mut s, Action::Credit(amount("10"))),
        Refusal::NotLoggedIn
    );
    assert_eq!(Refusal::NotLoggedIn.rule(), RuleId::L1);
    login(&mut s, Subsidiary::Fr);
    let again = Action::LogIn {
        nic: NicHandle::parse("cd1-ovh").unwrap(),
        subsidiary: Subsidiary::Fr,
    };
    assert_eq!(refused(&mut s, again), Refusal::AlreadyLoggedIn);
    ok(&mut s, Action::LogOut);
    assert!(s.customer.is_none());
    // The clock runs while logged out.
    ok(&mut s, Action::Advance(Advance::Days(2)));
    assert_eq!(issued(&s).len(), 1);
}

#[test]
fn l2_subsidiary_decides_vat_and_payment_kinds() {
    let mut s = demo_in();
    ok(&mut s, Action::SetSubsidiary(Subsidiary::It));
    assert_eq!(s.subsidiary, Subsidiary::It);
    advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(issued(&s)[0].vat_rate, Decimal::new(22, 2));
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(bank()));
    assert_eq!(
        refused(&mut s, Action::SetSubsidiary(Subsidiary::It)),
        Refusal::SubsidiaryHasBankAccount
    );
}

// ---------- P: payment methods ----------

#[test]
fn p1_it_subsidiary_refuses_a_bank_account() {
    let mut s = scenario::demo_with(Subsidiary::It);
    login(&mut s, Subsidiary::It);
    let r = refused(&mut s, Action::AddMethod(bank()));
    assert_eq!(
        r,
        Refusal::KindNotOffered {
            subsidiary: Subsidiary::It,
            kind: PaymentKind::BankAccount
        }
    );
    assert_eq!(r.rule(), RuleId::P1);
    ok(&mut s, Action::AddMethod(card()));
    ok(&mut s, Action::AddMethod(paypal()));
    assert_eq!(Subsidiary::Fr.payment_kinds().len(), 3);
}

#[test]
fn p2_added_method_is_listed() {
    let mut s = demo_in();
    let ev = ok(&mut s, Action::AddMethod(paypal()));
    assert!(ev[0].rules.contains(&RuleId::P2));
    assert_eq!(s.methods.len(), 1);
    assert_eq!(s.methods[0].label, "a•••@example.com");
}

#[test]
fn p3_bank_account_validates_two_days_later() {
    assert!(!RuleId::P3.is_assumption());
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(bank()));
    let m = &s.methods[0];
    assert_eq!(m.status, MethodStatus::PendingValidation);
    assert_eq!(m.validates_on, Some(d(2026, 3, 10)));
    assert!(!m.is_default);
    ok(&mut s, Action::Advance(Advance::Days(1)));
    assert_eq!(s.methods[0].status, MethodStatus::PendingValidation);
    ok(&mut s, Action::Advance(Advance::Days(1)));
    assert_eq!(s.methods[0].status, MethodStatus::Valid);
    assert!(
        s.methods[0].is_default,
        "P4: becomes the default on validation"
    );
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::MethodValidated { .. })).len(),
        1
    );
    // A card is valid at once.
    ok(&mut s, Action::AddMethod(card()));
    assert_eq!(s.methods[1].status, MethodStatus::Valid);
}

#[test]
fn p4_first_valid_method_is_default_and_default_cannot_be_removed() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    ok(&mut s, Action::AddMethod(paypal()));
    let (c, p) = (s.methods[0].id, s.methods[1].id);
    assert!(s.methods[0].is_default && !s.methods[1].is_default);
    assert_eq!(
        refused(&mut s, Action::RemoveMethod(c)),
        Refusal::CannotRemoveDefault
    );
    ok(&mut s, Action::SetDefaultMethod(p));
    assert!(s.methods[1].is_default && !s.methods[0].is_default);
    ok(&mut s, Action::RemoveMethod(c));
    assert_eq!(s.methods.len(), 1);
    assert_eq!(
        refused(&mut s, Action::RemoveMethod(MethodId(99))),
        Refusal::UnknownMethod
    );
    // A pending bank account cannot become the default.
    ok(&mut s, Action::AddMethod(bank()));
    let b = s.methods[1].id;
    assert_eq!(
        refused(&mut s, Action::SetDefaultMethod(b)),
        Refusal::MethodNotUsable
    );
}

#[test]
fn p5_a_card_expiry_before_the_simulated_today_is_refused() {
    // Each input's checks and mask: `src/input/iban.rs`, `src/input/card.rs`, `src/input/card_expiry.rs`,
    // `src/input/paypal.rs`.
    let mut s = demo_in();
    assert_eq!(
        refused(&mut s, Action::AddMethod(card_input("02/26"))),
        Refusal::CardExpired
    );
    ok(&mut s, Action::AddMethod(card_input("03/26")));
}

#[test]
fn p5_check_card_expiry_refuses_what_add_method_refuses() {
    let s = demo_in();
    assert_eq!(s.today, d(2026, 3, 8));
    let past = CardExpiry::parse("02/26").unwrap();
    assert_eq!(s.check_card_expiry(past), Err(Refusal::CardExpired));
    assert_eq!(Refusal::CardExpired.rule(), RuleId::P5);
    assert_eq!(s.check_card_expiry(CardExpiry::parse("03/26").unwrap()), Ok(()));
}

#[test]
fn p6_decline_next_is_consumed_and_the_invoice_goes_to_the_account() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let c = s.methods[0].id;
    ok(&mut s, Action::SetDeclineNext(c, true));
    advance_to(&mut s, d(2026, 3, 10));
    assert!(!s.methods[0].decline_next, "consumed by the charge attempt");
    assert_eq!(s.account.balance, eur(-698));
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::PaymentDeclined { .. })).len(),
        1
    );
    // The next attempt succeeds: pay the debt order with the card.
    let order = open_debt_order(&s).id;
    ok(&mut s, Action::PayOrder(order, Payer::Method(c)));
    assert_eq!(s.account.balance, Decimal::ZERO);
}

#[test]
fn p6_the_preview_and_the_journal_say_which_method_declined() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let c = s.methods[0].id;
    ok(&mut s, Action::SetDeclineNext(c, true));
    let preview = s.preview_next_event().unwrap();
    assert_eq!(preview.declined().as_deref(), Some("Visa ••••4242"));
    let foreseen = preview.invoices[0].settlement(preview.declined().as_deref());
    advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(s.declined_on(d(2026, 3, 10)).as_deref(), Some("Visa ••••4242"));
    assert_eq!(s.declined_on(d(2026, 3, 9)), None);
    let settlement = issued(&s)[0].settlement(s.declined_on(d(2026, 3, 10)).as_deref());
    assert_eq!(settlement, foreseen, "the preview is what happened");
    assert_eq!(
        settlement.paid_by,
        PaidBy::Debt { declined: Some("Visa ••••4242".into()), debt: eur(698) }
    );
    assert_eq!(settlement.rules(), vec![RuleId::S2, RuleId::S4, RuleId::P6, RuleId::S5]);
    assert_eq!(
        settlement.lines()[2..],
        [SettlementLine::Declined { label: "Visa ••••4242".into() }, SettlementLine::Debt(eur(698))]
    );
    // Nothing declined: no method declined that day.
    assert_eq!(demo_debtor().declined_on(d(2026, 3, 10)), None);
}

#[test]
fn p6_card_expires_the_day_after_its_last_valid_day_and_does_not_pay() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card_input("03/26")));
    assert_eq!(s.next_event_date(), Some(d(2026, 3, 10)));
    advance_to(&mut s, d(2026, 3, 31));
    assert_eq!(s.methods[0].status, MethodStatus::Valid);
    ok(&mut s, Action::Advance(Advance::Days(1)));
    assert_eq!(s.methods[0].status, MethodStatus::Expired);
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::CardExpired { .. })).len(),
        1
    );
    advance_to(&mut s, d(2026, 4, 10));
    assert_eq!(issued(&s)[1].status, InvoiceStatus::Unpaid);
    assert!(issued(&s)[1].charged.is_none());
}

// ---------- A, C: the OVH account and credits ----------

#[test]
fn a1_balance_starts_at_zero() {
    let s = State::new(d(2026, 1, 1), Subsidiary::Fr);
    assert_eq!(s.account.balance, Decimal::ZERO);
    assert!(s.account.movements.is_empty());
}

#[test]
fn a2_credit_creates_an_order_and_the_balance_moves_when_paid() {
    let mut s = demo_in();
    ok(&mut s, Action::Credit(amount("20")));
    assert_eq!(s.account.balance, eur(500));
    let o = s.orders.last().unwrap().clone();
    assert_eq!(
        (o.amount, o.purpose, o.status.clone()),
        (eur(2000), OrderPurpose::Credit, OrderStatus::Open)
    );
    ok(&mut s, Action::PayOrder(o.id, Payer::BankTransfer));
    assert_eq!(s.account.balance, eur(2500));
    assert_eq!(
        refused(&mut s, Action::PayOrder(o.id, Payer::BankTransfer)),
        Refusal::OrderNotOpen
    );
    assert_eq!(
        refused(&mut s, Action::PayOrder(OrderId(999), Payer::BankTransfer)),
        Refusal::UnknownOrder
    );
    ok(&mut s, Action::Credit(amount("10")));
    let o2 = s.orders.last().unwrap().id;
    ok(&mut s, Action::CancelOrder(o2));
    assert_eq!(
        refused(&mut s, Action::PayOrder(o2, Payer::BankTransfer)),
        Refusal::OrderNotOpen
    );
}

#[test]
fn c1_ten_euro_minimum() {
    assert!(!RuleId::C1.is_assumption(), "the 10 € minimum is the French guide's");
    // The amount field's parsing: `src/input/amount.rs`.
    let mut s = demo_in();
    let r = refused(&mut s, Action::Credit(amount("9,99")));
    assert_eq!(r, Refusal::CreditBelowMinimum { minimum: eur(1000) });
    assert_eq!(r.rule(), RuleId::C1);
    ok(&mut s, Action::Credit(amount("10")));
}

#[test]
fn c2_credit_while_debtor_must_cover_the_debt() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    for n in ["a", "b"] {
        add_account(&mut s, p, n, BillingMode::Yearly);
    }
    assert_eq!(s.account.balance, eur(-11976)); // 2 x 59.88
    assert_eq!(s.proposed_credit(), eur(11976));
    assert_eq!(s.minimum_credit(), eur(11976));
    let r = refused(&mut s, Action::Credit(amount("100")));
    assert_eq!(
        r,
        Refusal::CreditBelowDebt {
            minimum: eur(11976)
        }
    );
    assert_eq!(r.rule(), RuleId::C2);
    ok(&mut s, Action::Credit(amount("119,76")));
    // Small debt: the minimum stays 10, and the form proposes it rather than the debt, which
    // C1 would refuse (docs/decisions.md, "C2's proposed amount").
    let mut s = demo_debtor();
    assert_eq!(
        (s.proposed_credit(), s.minimum_credit()),
        (eur(1000), eur(1000))
    );
    let proposed = Amount::from_decimal(s.proposed_credit()).unwrap();
    ok(&mut s, Action::Credit(proposed));
    let s = demo_in();
    assert_eq!(s.proposed_credit(), eur(1000));
}

#[test]
fn a3_movements_list_and_balance_is_their_sum() {
    let mut s = demo_debtor();
    ok(&mut s, Action::Credit(amount("10")));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    assert_eq!(movements_sum(&s), s.account.balance);
    assert_eq!(
        s.account.movements.last().unwrap().balance_after,
        s.account.balance
    );
    let m = s.account.movements.last().unwrap();
    assert_eq!(
        (m.kind, m.credit, m.reference.as_str()),
        (
            MovementKind::Credit,
            eur(1000),
            s.orders.last().unwrap().reference.as_str()
        )
    );
    let inv = s
        .account
        .movements
        .iter()
        .find(|m| m.kind == MovementKind::InvoiceDebit && m.date == d(2026, 3, 10))
        .unwrap();
    assert_eq!(inv.reference, issued(&s)[0].reference);
}

#[test]
fn a3_the_balance_before_a_day_is_the_running_balance_of_the_movements_before_it() {
    let s = demo_debtor();
    // 9 Feb: credit 16.98; 10 Feb: the February invoice, 11.98; 10 Mar: March's, 11.98.
    assert_eq!(s.account.balance_before(d(2026, 2, 1)), Decimal::ZERO);
    assert_eq!(s.account.balance_before(d(2026, 2, 9)), Decimal::ZERO);
    assert_eq!(s.account.balance_before(d(2026, 2, 10)), eur(1698));
    assert_eq!(s.account.balance_before(d(2026, 2, 11)), eur(500));
    assert_eq!(s.account.balance_before(d(2026, 3, 10)), eur(500));
    assert_eq!(s.account.balance_before(d(2026, 3, 11)), s.account.balance);
    let empty = State::new(d(2026, 1, 1), Subsidiary::Fr);
    assert_eq!(empty.account.balance_before(d(2026, 1, 1)), Decimal::ZERO);
}

// ---------- R: renewal and billing mode ----------

#[test]
fn r1_accounts_renew_automatically() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    advance_to(&mut s, d(2026, 5, 10));
    assert_eq!(issued(&s).len(), 3);
    assert!(s.platforms[0]
        .accounts
        .iter()
        .all(|a| a.expiry == d(2026, 6, 10)));
}

#[test]
fn r2_mode_per_account_or_several_and_default_from_first_order() {
    let (mut s, p) = empty_platform(d(2026, 1, 15));
    let a = add_account(&mut s, p, "yearly", BillingMode::Yearly);
    let b = add_account(&mut s, p, "monthly", BillingMode::Monthly);
    assert_eq!(account(&s, a).mode, BillingMode::Yearly);
    assert_eq!(account(&s, b).expiry, d(2026, 2, 15));
    let r = refused(
        &mut s,
        Action::AddAccount {
            platform: p,
            email_local_part: LocalPart::parse("x").unwrap(),
            mode: BillingMode::None,
        },
    );
    assert_eq!(r, Refusal::FirstOrderNeedsPeriod);
    assert_eq!(
        refused(
            &mut s,
            Action::AddAccount {
                platform: p,
                email_local_part: LocalPart::parse("Yearly").unwrap(),
                mode: BillingMode::Monthly
            }
        ),
        Refusal::DuplicateAccount
    );
    ok(
        &mut s,
        Action::SetMode {
            accounts: vec![a, b],
            mode: BillingMode::Monthly,
        },
    ); // a changes, b unchanged
    assert_eq!(account(&s, a).pending_mode, Some(BillingMode::Monthly));
    assert_eq!(account(&s, b).pending_mode, None);
    assert_eq!(
        refused(
            &mut s,
            Action::SetMode {
                accounts: vec![],
                mode: BillingMode::Yearly
            }
        ),
        Refusal::NoAccountsSelected
    );
    assert_eq!(
        refused(
            &mut s,
            Action::SetMode {
                accounts: vec![AccountId(77)],
                mode: BillingMode::Yearly
            }
        ),
        Refusal::UnknownAccount
    );
    assert_eq!(
        refused(
            &mut s,
            Action::SetMode {
                accounts: vec![b],
                mode: BillingMode::Monthly
            }
        ),
        Refusal::ModeUnchanged
    );
}

#[test]
fn r3_change_before_expiry_applies_at_that_renewal() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let ids = account_ids(&s);
    ok(
        &mut s,
        Action::SetMode {
            accounts: vec![ids[0]],
            mode: BillingMode::Yearly,
        },
    );
    advance_to(&mut s, d(2026, 3, 10));
    let a = account(&s, ids[0]);
    assert_eq!(
        (a.mode, a.expiry, a.anchor),
        (BillingMode::Yearly, d(2027, 3, 10), d(2026, 3, 10))
    );
    let line = issued(&s)[0]
        .lines
        .iter()
        .find(|l| l.account == ids[0])
        .unwrap();
    assert_eq!((line.mode, line.price), (BillingMode::Yearly, eur(4990)));
}

#[test]
fn r3_change_on_the_anniversary_day_applies_to_the_renewal_after() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let ids = account_ids(&s);
    advance_to(&mut s, d(2026, 3, 10)); // renewed monthly at 00:00
    let ev = ok(
        &mut s,
        Action::SetMode {
            accounts: vec![ids[0]],
            mode: BillingMode::Yearly,
        },
    );
    assert!(has(
        &ev,
        |k| matches!(k, EventKind::ModeChangeScheduled { from, .. } if *from == d(2026, 4, 10))
    ));
    assert_eq!(account(&s, ids[0]).mode, BillingMode::Monthly);
    assert_eq!(account(&s, ids[0]).expiry, d(2026, 4, 10));
    advance_to(&mut s, d(2026, 4, 10));
    assert_eq!(account(&s, ids[0]).mode, BillingMode::Yearly);
    assert_eq!(account(&s, ids[0]).expiry, d(2027, 4, 10));
}

#[test]
fn r4_mode_change_creates_no_order_and_no_invoice() {
    let mut s = demo_in();
    let ids = account_ids(&s);
    let (orders, invoices, balance) = (s.orders.len(), issued(&s).len(), s.account.balance);
    let ev = ok(
        &mut s,
        Action::SetMode {
            accounts: ids,
            mode: BillingMode::Yearly,
        },
    );
    assert!(ev.iter().all(|e| e.rules.contains(&RuleId::R4)));
    assert_eq!(
        (s.orders.len(), issued(&s).len(), s.account.balance),
        (orders, invoices, balance)
    );
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::BillingModeChanged { .. })).len(),
        1
    );
}

#[test]
fn r5_a_change_to_none_cites_r5_and_any_other_change_r2_to_r4() {
    let mut s = demo_in();
    let ids = account_ids(&s);
    let yearly = s.plan_mode_change(&ids, BillingMode::Yearly).unwrap();
    assert!(yearly.iter().all(|c| c.rules() == [RuleId::R2, RuleId::R3, RuleId::R4]));
    let none = s.plan_mode_change(&ids[..1], BillingMode::None).unwrap();
    assert_eq!(none[0].rules(), [RuleId::R2, RuleId::R3, RuleId::R4, RuleId::R5]);
    // The engine's events cite the rules the plan shows.
    let ev = ok(&mut s, Action::SetMode { accounts: ids[..1].to_vec(), mode: BillingMode::None });
    let scheduled: Vec<_> = ev.iter().filter(|e| matches!(e.kind, EventKind::ModeChangeScheduled { .. })).collect();
    assert_eq!(scheduled.len(), 1);
    assert_eq!(scheduled[0].rules, none[0].rules());
}

#[test]
fn r5_an_account_suspended_for_non_payment_can_no_longer_be_exported() {
    let mut s = demo_debtor();
    ok(&mut s, Action::Advance(Advance::Days(8))); // 18 March: D4 suspension
    let account = s.platforms[0].accounts[0].clone();
    assert_eq!(account.status, AccountStatus::SuspendedUnpaid);
    assert!(!account.can_export_pst() && !account.can_change_mode());
    assert_eq!(refused(&mut s, Action::ExportPst(account.id)), Refusal::ExportAfterSuspension);
}

#[test]
fn r5_none_suspends_on_expiry_and_pst_export_is_recorded() {
    let mut s = demo_in();
    let ids = account_ids(&s);
    ok(
        &mut s,
        Action::SetMode {
            accounts: vec![ids[0]],
            mode: BillingMode::None,
        },
    );
    ok(&mut s, Action::ExportPst(ids[0]));
    assert_eq!(account(&s, ids[0]).pst_export, Some(d(2026, 3, 8)));
    advance_to(&mut s, d(2026, 3, 10));
    let a = account(&s, ids[0]);
    assert_eq!(
        (a.status, a.mode),
        (AccountStatus::SuspendedExpired, BillingMode::None)
    );
    assert_eq!(
        issued(&s)[0].lines.len(),
        1,
        "only the other account is renewed"
    );
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::SuspendedOnExpiry { .. })).len(),
        1
    );
    assert_eq!(
        refused(&mut s, Action::ExportPst(ids[0])),
        Refusal::ExportAfterSuspension
    );
    advance_to(&mut s, d(2027, 3, 10));
    assert!(issued(&s)
        .iter()
        .all(|i| i.lines.iter().all(|l| l.account != ids[0])));
}

#[test]
fn r6_termination_effective_on_anniversary_with_no_invoice() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let p = s.platforms[0].id;
    ok(&mut s, Action::Terminate(p));
    let t = s.platforms[0].termination.clone().unwrap();
    assert_eq!(t.effective_on, d(2026, 3, 10));
    assert_eq!(t.last_cancel_day(), d(2026, 3, 9));
    assert_eq!(
        refused(&mut s, Action::Terminate(p)),
        Refusal::AlreadyTerminating
    );
    advance_to(&mut s, d(2026, 3, 10));
    assert!(issued(&s).is_empty(), "no invoice on the effective date");
    assert_eq!(
        s.platforms[0].status,
        PlatformStatus::Terminated { on: d(2026, 3, 10) }
    );
    assert!(s.platforms[0]
        .accounts
        .iter()
        .all(|a| a.status == AccountStatus::Terminated));
    assert_eq!(
        s.next_event_date(),
        Some(d(2031, 1, 1)),
        "only the card's expiry is left"
    );
}

#[test]
fn r6_renewals_before_the_effective_date_still_happen() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    advance_to(&mut s, d(2026, 3, 11));
    let p = s.platforms[0].id;
    ok(&mut s, Action::Terminate(p));
    assert_eq!(
        s.platforms[0].termination.as_ref().unwrap().effective_on,
        d(2027, 3, 10)
    );
    advance_to(&mut s, d(2027, 3, 31));
    assert_eq!(issued(&s).len(), 12, "10 Mar 2026 .. 10 Feb 2027");
    assert_eq!(issued(&s).last().unwrap().date, d(2027, 2, 10));
}

#[test]
fn r6_cancel_on_last_allowed_day_and_refused_the_day_after() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    let p = s.platforms[0].id;
    ok(&mut s, Action::Terminate(p));
    advance_to(&mut s, d(2026, 3, 9));
    let mut other = s.clone();
    ok(&mut s, Action::CancelTermination(p)); // last allowed day
    assert!(s.platforms[0].termination.is_none());
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::TerminationCancelled { .. })).len(),
        1
    );
    advance_to(&mut other, d(2026, 3, 10));
    let r = refused(&mut other, Action::CancelTermination(p));
    assert_eq!(
        r,
        Refusal::TooLateToCancel {
            last_day: d(2026, 3, 9)
        }
    );
    assert_eq!(
        refused(&mut s, Action::CancelTermination(p)),
        Refusal::NotTerminating
    );
}

#[test]
fn r6_refused_while_debtor() {
    let mut s = demo_debtor();
    let p = s.platforms[0].id;
    let r = refused(&mut s, Action::Terminate(p));
    assert_eq!(r, Refusal::TerminateWhileDebtor { debt: eur(698) });
    assert_eq!(r.rule(), RuleId::R6);
}

#[test]
fn r7_month_end_dates_never_drift() {
    assert_eq!(
        renewal_date(d(2024, 1, 31), BillingMode::Monthly, 1),
        d(2024, 2, 29)
    );
    assert_eq!(
        renewal_date(d(2024, 1, 31), BillingMode::Monthly, 2),
        d(2024, 3, 31)
    );
    assert_eq!(
        renewal_date(d(2024, 2, 29), BillingMode::Yearly, 1),
        d(2025, 2, 28)
    );
    assert_eq!(
        renewal_date(d(2024, 2, 29), BillingMode::Yearly, 4),
        d(2028, 2, 29)
    );
    let (mut s, p) = empty_platform(d(2024, 1, 31));
    ok(&mut s, Action::AddMethod(card()));
    let a = add_account(&mut s, p, "m", BillingMode::Monthly);
    assert_eq!(account(&s, a).expiry, d(2024, 2, 29));
    ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(s.today, d(2024, 2, 29));
    assert_eq!(account(&s, a).expiry, d(2024, 3, 31));
    ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(account(&s, a).expiry, d(2024, 4, 30));
    ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(account(&s, a).expiry, d(2024, 5, 31));
}

#[test]
fn r7_yearly_from_leap_day() {
    let (mut s, p) = empty_platform(d(2024, 2, 29));
    ok(&mut s, Action::AddMethod(card()));
    let a = add_account(&mut s, p, "y", BillingMode::Yearly);
    let mut expiries = vec![account(&s, a).expiry];
    for _ in 0..4 {
        ok(&mut s, Action::Advance(Advance::NextEvent));
        expiries.push(account(&s, a).expiry);
    }
    assert_eq!(
        expiries,
        vec![
            d(2025, 2, 28),
            d(2026, 2, 28),
            d(2027, 2, 28),
            d(2028, 2, 29),
            d(2029, 2, 28)
        ]
    );
    assert_eq!(
        s.platforms[0].next_anniversary(d(2027, 3, 1)),
        d(2028, 2, 29)
    );
    assert_eq!(
        s.platforms[0].next_anniversary(d(2028, 2, 29)),
        d(2029, 2, 28)
    );
}

// ---------- S: settlement ----------

#[test]
fn s1_invoice_issued_with_email() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    advance_to(&mut s, d(2026, 3, 10));
    let inv = issued(&s)[0].clone();
    assert_eq!(inv.reference, "FR0000001");
    let m = mails(&s, |k| matches!(k, EmailKind::InvoiceIssued { .. }));
    assert_eq!(
        m[0].kind,
        EmailKind::InvoiceIssued {
            invoice: inv.id,
            reference: inv.reference.clone(),
            total: eur(1198),
            covered: eur(500),
            charged: eur(698),
            method: Some("Visa ••••4242".into()),
            debt: Decimal::ZERO,
        }
    );
}

#[test]
fn s2_positive_balance_pays_first() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(card()));
    advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(issued(&s)[0].covered_by_balance, eur(500));
    assert_eq!(s.account.balance, Decimal::ZERO);
}

#[test]
fn s3_balance_covering_the_invoice_pays_it() {
    let mut s = demo_in();
    ok(&mut s, Action::Credit(amount("10")));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    let ev = advance_to(&mut s, d(2026, 3, 10));
    assert_eq!(
        issued(&s)[0].status,
        InvoiceStatus::Paid { on: d(2026, 3, 10) }
    );
    assert!(ev
        .iter()
        .any(|e| matches!(e.kind, EventKind::InvoicePaid { .. }) && e.rules.contains(&RuleId::S3)));
    assert_eq!(s.account.balance, eur(302));
}

#[test]
fn s4_rest_charged_to_the_default_method() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(paypal()));
    let ev = advance_to(&mut s, d(2026, 3, 10));
    let inv = &issued(&s)[0];
    assert_eq!(
        inv.charged,
        Some((s.methods[0].id, "a•••@example.com".into(), eur(698)))
    );
    assert!(
        ev.iter()
            .any(|e| matches!(e.kind, EventKind::InvoiceCharged { .. })
                && e.rules == vec![RuleId::S4])
    );
    assert!(!s.account.is_debtor());
}

#[test]
fn s5_debits_the_rest_and_mails_the_debt_order() {
    let s = demo_debtor();
    let ev = &s.journal;
    assert!(has(
        ev,
        |k| matches!(k, EventKind::AccountDebited { amount, .. } if *amount == eur(698))
    ));
    assert!(has(
        ev,
        |k| matches!(k, EventKind::DebtorStarted { deadline, .. } if *deadline == d(2026, 3, 17))
    ));
    assert_eq!(open_debt_order(&s).amount, eur(698));
}

#[test]
fn s5_a_second_invoice_reissues_the_debt_order_for_the_total() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    add_account(&mut s, p, "a", BillingMode::Monthly); // 5.99 debt
    let first = open_debt_order(&s).id;
    ok(&mut s, Action::Advance(Advance::Days(1)));
    add_account(&mut s, p, "b", BillingMode::Monthly); // + 5.99
    assert_eq!(open_debt_order(&s).amount, eur(1198));
    let first = s.orders.iter().find(|o| o.id == first).unwrap();
    assert!(matches!(first.status, OrderStatus::Cancelled { .. }));
    assert_eq!(
        s.account.debt_since,
        Some(d(2026, 1, 1)),
        "D4: a later invoice does not move it"
    );
}

#[test]
fn s3_the_settlement_says_the_balance_paid() {
    let mut s = demo_in();
    ok(&mut s, Action::Credit(amount("10")));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    advance_to(&mut s, d(2026, 3, 10));
    let settlement = issued(&s)[0].settlement(None);
    assert_eq!(settlement.paid_by, PaidBy::Balance);
    assert_eq!(settlement.paid_by.rule(), RuleId::S3);
    assert_eq!((settlement.covered, settlement.rest), (eur(1198), Decimal::ZERO));
    assert_eq!(settlement.rules(), vec![RuleId::S2, RuleId::S3]);
    assert_eq!(
        settlement.lines(),
        vec![SettlementLine::Total, SettlementLine::Covered(eur(1198)), SettlementLine::PaidByBalance]
    );
    assert_eq!(SettlementLine::Total.rules(), [RuleId::M2]);
}

#[test]
fn s4_the_settlement_says_what_the_method_was_charged() {
    let mut s = demo_in();
    ok(&mut s, Action::AddMethod(paypal()));
    advance_to(&mut s, d(2026, 3, 10));
    let settlement = issued(&s)[0].settlement(None);
    let label = "a•••@example.com".to_string();
    assert_eq!(
        settlement.paid_by,
        PaidBy::Method { method: s.methods[0].id, label: label.clone(), amount: eur(698) }
    );
    assert_eq!((settlement.covered, settlement.rest), (eur(500), eur(698)));
    assert_eq!(settlement.rules(), vec![RuleId::S2, RuleId::S4]);
    assert_eq!(
        settlement.lines()[2..],
        [SettlementLine::Charged { label, amount: eur(698) }, SettlementLine::MethodPaid]
    );
}

#[test]
fn s5_the_settlement_says_what_became_debt() {
    let s = demo_debtor();
    let settlement = issued(&s)[0].settlement(s.declined_on(d(2026, 3, 10)).as_deref());
    assert_eq!(settlement.paid_by, PaidBy::Debt { declined: None, debt: eur(698) });
    assert_eq!(settlement.paid_by.rule(), RuleId::S5);
    assert_eq!(settlement.rules(), vec![RuleId::S2, RuleId::S4, RuleId::S5]);
    assert_eq!(
        settlement.lines()[2..],
        [SettlementLine::NotCharged { rest: eur(698) }, SettlementLine::Debt(eur(698))]
    );
}

#[test]
fn s5_the_account_is_debtor_only_below_zero() {
    let mut s = demo_in();
    assert!(!s.account.is_debtor());
    s.account.balance = Decimal::ZERO;
    assert!(!s.account.is_debtor());
    s.account.balance = eur(-698) + eur(698);
    assert!(!s.account.is_debtor(), "a debt paid to the cent is no debt");
    assert_eq!(s.account.debt(), Decimal::ZERO);
    let s = demo_debtor();
    assert!(s.account.is_debtor());
    assert_eq!(s.account.debt(), eur(698));
}

#[test]
fn s1_only_the_start_states_invoice_is_seeded() {
    let s = demo_debtor();
    assert!(s.invoices[0].is_seeded(), "the demo's February invoice");
    assert_eq!(s.invoices.len(), 2);
    assert!(!s.invoices[1].is_seeded(), "the simulator's first invoice");
}

// ---------- D: debt ----------

#[test]
fn d1_1_new_method_is_charged_for_the_debt_at_once() {
    let mut s = demo_debtor();
    let ev = ok(&mut s, Action::AddMethod(card()));
    assert!(has(&ev, |k| matches!(k, EventKind::DebtSettled)));
    assert_eq!(s.account.balance, Decimal::ZERO);
    let m = s.account.movements.last().unwrap();
    assert_eq!((m.kind, m.credit), (MovementKind::DebtPayment, eur(698)));
    assert_eq!(
        issued(&s)[0].status,
        InvoiceStatus::Paid { on: d(2026, 3, 10) }
    );
}

#[test]
fn d1_1_bank_account_is_charged_when_it_validates() {
    let mut s = demo_debtor();
    ok(&mut s, Action::AddMethod(bank()));
    assert!(s.account.is_debtor());
    advance_to(&mut s, d(2026, 3, 12));
    assert!(!s.account.is_debtor());
}

#[test]
fn d1_2_pay_the_emails_order() {
    let mut s = demo_debtor();
    let o = open_debt_order(&s).id;
    assert_eq!(
        refused(&mut s, Action::CancelOrder(o)),
        Refusal::CannotCancelDebtOrder
    );
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    assert_eq!(s.account.balance, Decimal::ZERO);
    assert!(s.account.debt_since.is_none());
}

#[test]
fn d1_3_credit_the_account_then_pay() {
    let mut s = demo_debtor();
    ok(&mut s, Action::Credit(amount("10")));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    assert_eq!(s.account.balance, eur(302));
    // The e-mail's order is cancelled once the debt is settled.
    assert!(s
        .orders
        .iter()
        .all(|o| o.purpose != OrderPurpose::Debt || o.status != OrderStatus::Open));
}

#[test]
fn d2_settlement_pays_invoices_oldest_first_and_reactivates() {
    let mut s = demo_debtor();
    advance_to(&mut s, d(2026, 3, 18));
    assert!(s.platforms[0]
        .accounts
        .iter()
        .all(|a| a.status == AccountStatus::SuspendedUnpaid));
    let o = open_debt_order(&s).id;
    let ev = ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    assert!(has(
        &ev,
        |k| matches!(k, EventKind::Reactivated { accounts } if accounts.len() == 2)
    ));
    assert!(s.platforms[0]
        .accounts
        .iter()
        .all(|a| a.status == AccountStatus::Active));
    assert_eq!(
        issued(&s)[0].status,
        InvoiceStatus::Paid { on: d(2026, 3, 18) }
    );
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::DebtSettled { .. })).len(),
        1
    );
}

#[test]
fn d6_a_suspended_service_still_renews_adds_to_the_debt_and_d2_brings_it_back() {
    assert!(RuleId::D6.is_assumption());
    let mut s = demo_debtor(); // -6.98 since 10 March, deadline 17 March
    advance_to(&mut s, d(2026, 3, 18));
    let ids = account_ids(&s);
    assert!(ids.iter().all(|&id| account(&s, id).status == AccountStatus::SuspendedUnpaid));
    // 10 April: both suspended accounts renew; the invoice goes through S1–S5 (nothing pays it)
    // and adds to the debt. Nobody chose None, so R5 has nothing to do with it.
    let ev = advance_to(&mut s, d(2026, 4, 10));
    assert!(ev.iter().any(|e| matches!(&e.kind, EventKind::InvoiceIssued { accounts: 2, .. })
        && e.rules.contains(&RuleId::D6)));
    assert!(!ev.iter().any(|e| e.rules.contains(&RuleId::R5)));
    assert_eq!(issued(&s).len(), 2);
    assert!(issued(&s).iter().all(|i| i.is_unpaid()));
    assert_eq!(s.account.balance, eur(-698 - 1198));
    // D4: the deadline does not move.
    assert_eq!(s.account.deadline(), Some(d(2026, 3, 17)));
    for &id in &ids {
        let a = account(&s, id);
        assert_eq!(a.status, AccountStatus::SuspendedUnpaid, "stays suspended until D2");
        assert_eq!(a.expiry, d(2026, 5, 10), "renewed for a full period");
    }
    // D2: paying the debt marks both invoices paid and brings the services back.
    let o = open_debt_order(&s).id;
    assert_eq!(open_debt_order(&s).amount, eur(1896));
    let ev = ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    assert!(has(&ev, |k| matches!(k, EventKind::Reactivated { accounts } if accounts.len() == 2)));
    assert!(ids.iter().all(|&id| account(&s, id).status == AccountStatus::Active));
    assert!(issued(&s).iter().all(|i| !i.is_unpaid()));
}

#[test]
fn d6_a_suspended_service_whose_customer_chose_none_is_not_renewed() {
    // R5 stays the customer's choice: set to None before the suspension, the account stops.
    let mut s = demo_in();
    let ids = account_ids(&s);
    ok(&mut s, Action::SetMode { accounts: vec![ids[1]], mode: BillingMode::None });
    advance_to(&mut s, d(2026, 3, 10)); // sales@ stops (R5), contact@ renews unpaid: -0.99
    advance_to(&mut s, d(2026, 3, 18));
    assert_eq!(account(&s, ids[0]).status, AccountStatus::SuspendedUnpaid);
    assert_eq!(account(&s, ids[1]).status, AccountStatus::SuspendedExpired);
    advance_to(&mut s, d(2026, 4, 10));
    assert_eq!(account(&s, ids[0]).expiry, d(2026, 5, 10));
    assert_eq!(account(&s, ids[1]).status, AccountStatus::SuspendedExpired);
}

#[test]
fn d3_partial_credit_lowers_the_debt_and_keeps_the_deadline() {
    let (mut s, p) = empty_platform(d(2026, 1, 1));
    add_account(&mut s, p, "a", BillingMode::Yearly); // 59.88
    ok(&mut s, Action::Credit(amount("59,88")));
    let credit = s.orders.last().unwrap().id;
    ok(&mut s, Action::Advance(Advance::Days(2)));
    add_account(&mut s, p, "b", BillingMode::Yearly); // debt now 119.76
    let ev = ok(&mut s, Action::PayOrder(credit, Payer::BankTransfer));
    assert!(has(
        &ev,
        |k| matches!(k, EventKind::DebtReduced { debt, deadline } if *debt == eur(5988) && *deadline == d(2026, 1, 8))
    ));
    assert_eq!(s.account.deadline(), Some(d(2026, 1, 8)));
    assert_eq!(open_debt_order(&s).amount, eur(5988));
}

#[test]
fn d4_deadline_both_sides_of_midnight_and_reminder() {
    assert!(!RuleId::D4.is_assumption(), "the 7 days are the guide's");
    let mut s = demo_debtor();
    assert_eq!(s.next_event_date(), Some(d(2026, 3, 15)));
    let ev = ok(&mut s, Action::Advance(Advance::NextEvent));
    assert!(has(
        &ev,
        |k| matches!(k, EventKind::ReminderSent { deadline, .. } if *deadline == d(2026, 3, 17))
    ));
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::DebtReminder { .. })).len(),
        1
    );
    advance_to(&mut s, d(2026, 3, 17));
    // Paying at any time on the 17th is in time.
    let mut paid = s.clone();
    let o = open_debt_order(&paid).id;
    ok(&mut paid, Action::PayOrder(o, Payer::BankTransfer));
    advance_to(&mut paid, d(2026, 3, 18));
    assert!(paid.platforms[0]
        .accounts
        .iter()
        .all(|a| a.status == AccountStatus::Active));
    // Not paid: suspended at 00:00 on the 18th.
    assert_eq!(s.next_event_date(), Some(d(2026, 3, 18)));
    advance_to(&mut s, d(2026, 3, 18));
    assert!(s.platforms[0]
        .accounts
        .iter()
        .all(|a| a.status == AccountStatus::SuspendedUnpaid));
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::SuspendedUnpaid { .. })).len(),
        1
    );
}

#[test]
fn d5_after_the_deadline_unpaid_services_are_suspended_with_an_email_and_a_reminder_before() {
    assert!(RuleId::D5.is_assumption());
    let mut s = demo_debtor();
    let ev = advance_to(&mut s, d(2026, 3, 15));
    let reminder = ev.iter().find(|e| matches!(e.kind, EventKind::ReminderSent { .. })).expect("reminder");
    assert!(reminder.rules.contains(&RuleId::D5));
    let ev = advance_to(&mut s, d(2026, 3, 18));
    let suspended = ev.iter().find(|e| matches!(e.kind, EventKind::SuspendedUnpaid { .. })).expect("suspension");
    assert_eq!(suspended.rules, vec![RuleId::D4, RuleId::D5]);
    assert_eq!(mails(&s, |k| matches!(k, EmailKind::SuspendedUnpaid { .. })).len(), 1);
}

#[test]
fn d5_an_account_ordered_after_the_deadline_is_suspended_at_the_next_midnight() {
    let mut s = demo_debtor();
    advance_to(&mut s, d(2026, 3, 20)); // past the deadline: contact@ and sales@ suspended
    let p = s.platforms[0].id;
    let new = add_account(&mut s, p, "late", BillingMode::Monthly);
    // Its first invoice joins the unpaid ones (nothing pays it: the balance is negative and
    // there is no method), so the next 00:00 is an event day, and it is suspended then.
    assert!(issued(&s).last().unwrap().is_unpaid());
    assert_eq!(account(&s, new).status, AccountStatus::Active);
    assert_eq!(s.next_event_date(), Some(d(2026, 3, 21)));
    let ev = ok(&mut s, Action::Advance(Advance::NextEvent));
    assert_eq!(s.today, d(2026, 3, 21));
    assert!(has(&ev, |k| matches!(k, EventKind::SuspendedUnpaid { accounts } if accounts == &vec!["late@demo-exchange.example".to_string()])));
    assert_eq!(account(&s, new).status, AccountStatus::SuspendedUnpaid);
    // Nothing left to suspend: the next event is the next renewal again.
    assert_eq!(s.next_event_date(), Some(d(2026, 4, 10)));
}

#[test]
fn r8_no_new_account_while_a_termination_is_scheduled() {
    assert!(RuleId::R8.is_assumption());
    let mut s = demo_in();
    let p = s.platforms[0].id;
    ok(&mut s, Action::Terminate(p));
    let order = Action::AddAccount {
        platform: p,
        email_local_part: LocalPart::parse("new").unwrap(),
        mode: BillingMode::Monthly,
    };
    let r = refused(&mut s, order.clone());
    assert_eq!(r, Refusal::OrderWhileTerminating { on: d(2026, 3, 10) });
    assert_eq!(r.rule(), RuleId::R8);
    // Cancelled, ordering works again.
    ok(&mut s, Action::CancelTermination(p));
    ok(&mut s, order);
}

#[test]
fn r6_the_plan_lists_the_renewals_that_still_happen_before_the_anniversary() {
    let (mut s, p) = empty_platform(d(2026, 1, 15));
    let a = add_account(&mut s, p, "a", BillingMode::Monthly);
    add_account(&mut s, p, "b", BillingMode::Yearly);
    ok(&mut s, Action::Credit(amount("100")));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer));
    advance_to(&mut s, d(2026, 6, 1));
    let plan = s.plan_termination(p).expect("terminable");
    assert_eq!(plan.termination.effective_on, d(2027, 1, 15));
    assert_eq!(plan.termination.last_cancel_day(), d(2027, 1, 14));
    // a@ (monthly) still renews on the 15th of each month until December; b@ (yearly) expires
    // on the anniversary itself, so it does not renew.
    let dates: Vec<NaiveDate> = plan.renewals.iter().map(|r| r.date).collect();
    assert_eq!(dates, (6..=12).map(|m| d(2026, m, 15)).collect::<Vec<_>>());
    assert!(plan.renewals.iter().all(|r| r.account == a && r.mode == BillingMode::Monthly));
    // The plan is what happens: schedule it, run to the anniversary, count the invoices.
    let before = issued(&s).len();
    ok(&mut s, Action::Terminate(p));
    advance_to(&mut s, d(2027, 2, 1));
    assert_eq!(issued(&s).len() - before, plan.renewals.len());
    assert!(issued(&s).iter().all(|i| i.date < d(2027, 1, 15)));
    // Refused while debtor, with the same refusal as the action.
    let mut debtor = demo_debtor();
    let pd = debtor.platforms[0].id;
    assert_eq!(debtor.plan_termination(pd), Err(Refusal::TerminateWhileDebtor { debt: eur(698) }));
    assert_eq!(refused(&mut debtor, Action::Terminate(pd)), Refusal::TerminateWhileDebtor { debt: eur(698) });
}

#[test]
fn p7_the_bank_mandate_arrives_two_days_later_in_the_simulation() {
    assert!(RuleId::P7.is_assumption());
    let mut s = demo_in();
    let ev = ok(&mut s, Action::AddMethod(bank()));
    assert!(ev[0].rules.contains(&RuleId::P7), "the pending status is P7's");
    let card_ev = ok(&mut s, Action::AddMethod(card()));
    assert!(!card_ev[0].rules.contains(&RuleId::P7), "a card is valid at once (P3 only)");
    let ev = advance_to(&mut s, d(2026, 3, 10));
    let validated = ev.iter().find(|e| matches!(e.kind, EventKind::MethodValidated { .. })).expect("validated");
    assert_eq!(validated.rules, vec![RuleId::P3, RuleId::P7]);
}

#[test]
fn c3_a_credit_over_the_demo_cap_is_refused() {
    assert!(RuleId::C3.is_assumption());
    assert_eq!(Amount::parse("100000,01"), Err(AmountError::OverCap));
    assert_eq!(AmountError::OverCap.rule(), RuleId::C3);
    assert_eq!(AmountError::TooManyDecimals.rule(), RuleId::C1);
    assert_eq!(Amount::parse("100000").unwrap().value(), eur(10_000_000));
}

// ---------- N: notifications ----------

fn mail_name(k: &EmailKind) -> &'static str {
    match k {
        EmailKind::InvoiceIssued { .. } => "InvoiceIssued",
        EmailKind::AccountDebtor { .. } => "AccountDebtor",
        EmailKind::DebtReminder { .. } => "DebtReminder",
        EmailKind::SuspendedUnpaid { .. } => "SuspendedUnpaid",
        EmailKind::PaymentReceived { .. } => "PaymentReceived",
        EmailKind::DebtSettled { .. } => "DebtSettled",
        EmailKind::BillingModeChanged { .. } => "BillingModeChanged",
        EmailKind::TerminationScheduled { .. } => "TerminationScheduled",
        EmailKind::TerminationCancelled { .. } => "TerminationCancelled",
        EmailKind::PlatformTerminated { .. } => "PlatformTerminated",
        EmailKind::SuspendedOnExpiry { .. } => "SuspendedOnExpiry",
        EmailKind::BalanceAlert { .. } => "BalanceAlert",
        EmailKind::PaymentDeclined { .. } => "PaymentDeclined",
        EmailKind::MethodValidated { .. } => "MethodValidated",
        EmailKind::CardExpired { .. } => "CardExpired",
    }
}

#[test]
fn n1_every_case_has_an_email() {
    let mut s = demo_in();
    ok(&mut s, Action::SetAlertThreshold(Some(amount("1"))));
    ok(&mut s, Action::AddMethod(card_input("03/26")));
    let card_id = s.methods[0].id;
    ok(&mut s, Action::SetDeclineNext(card_id, true));
    ok(&mut s, Action::AddMethod(bank()));
    let bank_id = s.methods[1].id;
    let ids = account_ids(&s);
    ok(
        &mut s,
        Action::SetMode {
            accounts: vec![ids[1]],
            mode: BillingMode::None,
        },
    );
    advance_to(&mut s, d(2026, 3, 18)); // declined, debtor, reminder, suspension
    advance_to(&mut s, d(2026, 4, 1)); // card expired
    let o = open_debt_order(&s).id;
    ok(&mut s, Action::PayOrder(o, Payer::Method(bank_id)));
    let p = s.platforms[0].id;
    ok(&mut s, Action::Terminate(p));
    ok(&mut s, Action::CancelTermination(p));
    ok(&mut s, Action::Terminate(p));
    ok(&mut s, Action::Advance(Advance::Days(400)));
    let names: std::collections::BTreeSet<_> = s.inbox.iter().map(|m| mail_name(&m.kind)).collect();
    let all = [
        "InvoiceIssued",
        "AccountDebtor",
        "DebtReminder",
        "SuspendedUnpaid",
        "PaymentReceived",
        "DebtSettled",
        "BillingModeChanged",
        "TerminationScheduled",
        "TerminationCancelled",
        "PlatformTerminated",
        "SuspendedOnExpiry",
        "BalanceAlert",
        "PaymentDeclined",
        "MethodValidated",
        "CardExpired",
    ];
    for n in all {
        assert!(names.contains(n), "missing e-mail {n}: {names:?}");
    }
    // Reading an e-mail.
    let id = s.inbox[0].id;
    ok(&mut s, Action::MarkEmailRead(id));
    assert!(s.inbox[0].read);
    assert_eq!(
        refused(&mut s, Action::MarkEmailRead(9999)),
        Refusal::UnknownEmail
    );
}

#[test]
fn n2_alert_once_per_crossing_and_rearmed() {
    let mut s = demo_in(); // balance 5.00
    let ev = ok(&mut s, Action::SetAlertThreshold(Some(amount("20"))));
    assert!(
        has(&ev, |k| matches!(k, EventKind::BalanceAlert { .. })),
        "already below: alert at once"
    );
    ok(&mut s, Action::Credit(amount("30")));
    let o = s.orders.last().unwrap().id;
    ok(&mut s, Action::PayOrder(o, Payer::BankTransfer)); // 35.00: re-armed
    assert!(!s.account.alert_sent);
    advance_to(&mut s, d(2026, 3, 10)); // 35 - 11.98 = 23.02: above
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::BalanceAlert { .. })).len(),
        1
    );
    advance_to(&mut s, d(2026, 4, 10)); // 11.04: below -> alert
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::BalanceAlert { .. })).len(),
        2
    );
    advance_to(&mut s, d(2026, 5, 10)); // -0.94: still below, no new alert
    assert_eq!(
        mails(&s, |k| matches!(k, EmailKind::BalanceAlert { .. })).len(),
        2
    );
    ok(&mut s, Action::SetAlertThreshold(None));
    assert_eq!(s.account.alert_threshold, None);
}

// ---------- serde, demo ----------

#[test]
fn t3_state_and_simulator_round_trip_through_json() {
    let mut s = demo_debtor();
    ok(&mut s, Action::AddMethod(bank()));
    advance_to(&mut s, d(2026, 4, 20));
    let json = serde_json::to_string(&s).unwrap();
    let back: State = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let mut sim = demo_sim();
    sim.apply(Action::AddMethod(bank())).unwrap();
    sim.snapshot("x".into()).unwrap();
    let saved = sim.saved(3);
    let back: SavedRun = serde_json::from_str(&serde_json::to_string(&saved).unwrap()).unwrap();
    assert_eq!(back, saved);
    // Amount refuses bad JSON like it refuses bad input.
    assert!(serde_json::from_str::<Amount>("\"0\"").is_err());
}

#[test]
fn a3_demo_scenario_matches_the_contract() {
    let s = scenario::demo();
    assert!(s.customer.is_none());
    assert_eq!(s.today, d(2026, 3, 8));
    assert_eq!(s.account.balance, eur(500));
    assert_eq!(movements_sum(&s), eur(500));
    assert!(s.methods.is_empty());
    let p = &s.platforms[0];
    assert_eq!(
        (p.name.as_str(), p.start),
        ("hosted-demo-1", d(2025, 3, 10))
    );
    let emails: Vec<_> = p.accounts.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(
        emails,
        vec![
            "contact@demo-exchange.example",
            "sales@demo-exchange.example"
        ]
    );
    assert!(p
        .accounts
        .iter()
        .all(|a| a.expiry == d(2026, 3, 10) && a.mode == BillingMode::Monthly));
    // The 5.00 has a history that adds up: BC-000001 credited 16.98, then the February renewal
    // FR0000000 (both accounts, 10 Feb – 10 Mar, 9.98 + 2.00 VAT) paid from the balance. That
    // invoice is listed with the others, so the movements never cite an invoice that is not.
    assert_eq!(s.invoices.len(), 1);
    let feb = &s.invoices[0];
    assert_eq!((feb.reference.as_str(), feb.date, feb.total), ("FR0000000", d(2026, 2, 10), eur(1198)));
    assert_eq!(feb.status, InvoiceStatus::Paid { on: d(2026, 2, 10) });
    assert_eq!(feb.covered_by_balance, feb.total);
    assert_eq!(feb.lines.len(), 2);
    assert!(feb.lines.iter().all(|l| l.from == d(2026, 2, 10) && l.to == d(2026, 3, 10)));
    for mv in &s.account.movements {
        if mv.kind == MovementKind::InvoiceDebit {
            assert!(s.invoices.iter().any(|i| i.reference == mv.reference), "{} is listed", mv.reference);
        }
    }
    assert_eq!(s.orders[0].amount, eur(1698));
    let it = scenario::demo_with(Subsidiary::It);
    assert_eq!((it.invoices[0].reference.as_str(), it.invoices[0].total), ("IT0000000", eur(1218)));
    assert_eq!(it.account.balance, eur(500));
}

#[test]
fn t1_preview_shows_what_the_next_event_day_will_append() {
    let mut s = demo_in();
    let preview = s.preview_next_event().expect("an event is scheduled");
    assert_eq!(preview.date, d(2026, 3, 10));
    assert!(has(&preview.events, |k| matches!(
        k,
        EventKind::InvoiceIssued { .. }
    )));
    assert!(issued(&s).is_empty(), "the preview runs on a clone");
    let events = ok(&mut s, Action::Advance(Advance::NextEvent));
    let real: Vec<_> = events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::ClockAdvanced { .. }))
        .cloned()
        .collect();
    let strip = |v: &[Event]| {
        v.iter()
            .map(|e| (e.date, e.kind.clone(), e.rules.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&real), strip(&preview.events));
}

#[test]
fn r1_invoice_event_cites_renewal_rules() {
    let s = demo_debtor();
    let e = s
        .journal
        .iter()
        .find(|e| matches!(e.kind, EventKind::InvoiceIssued { .. }))
        .unwrap();
    for r in [RuleId::R1, RuleId::R7, RuleId::S1, RuleId::M2] {
        assert!(e.rules.contains(&r));
    }
}

/// Issue 20, item 6 (R5): the plan of a change to None names each account never exported.
#[test]
fn r5_a_plan_to_none_names_each_account_never_exported() {
    let mut s = demo_in();
    let ids = account_ids(&s);
    ok(&mut s, Action::ExportPst(ids[0]));
    let plan = s.plan_mode_change(&ids, BillingMode::None).expect("a plan");
    let never: Vec<bool> = plan.iter().map(|c| c.never_exported).collect();
    assert_eq!(never, vec![false, true]);
    let yearly = s.plan_mode_change(&ids, BillingMode::Yearly).expect("a plan");
    assert!(yearly.iter().all(|c| !c.never_exported), "only None loses data (R5)");
}
