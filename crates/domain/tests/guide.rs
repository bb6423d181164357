#![cfg(not(target_arch = "wasm32"))]
//! The walkthrough (G1–G8) and the invoice-time scenarios, run natively: every section is walked
//! by doing its actions (the tour only moves on a route, an event or a condition, never by itself),
//! every scenario's script plays to its end. (The texts of each step are checked against `public/guide` by the app crate's `tests/guide_texts.rs`.)

use chrono::NaiveDate;
use hes_domain::guide::{self, Done, Tour};
use hes_domain::scenario::{Beat, ScenarioId, Start, RULES_VERSION};
use hes_domain::*;
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn eur(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// A user in a section: the run's state, the route they are on, and the tour.
struct Walk {
    state: State,
    path: String,
    tour: Tour,
}

impl Walk {
    fn start(section: GuideSection) -> Walk {
        Walk::start_on(section, Subsidiary::Fr)
    }

    fn start_on(section: GuideSection, subsidiary: Subsidiary) -> Walk {
        let mut walk = Walk {
            state: Start::Section(section, subsidiary).state(),
            path: String::new(),
            tour: Tour::new(section),
        };
        walk.go(guide::start_route(section));
        walk
    }

    fn step_id(&self) -> &'static str {
        self.tour.current().map_or("(finished)", |s| s.id)
    }

    /// The user opens a route.
    fn go(&mut self, path: &str) {
        self.path = path.to_string();
        self.tour.on_route(path, &self.state);
    }

    /// The user does something in the panel.
    fn act(&mut self, action: Action) {
        let events = self
            .state
            .apply(action.clone())
            .unwrap_or_else(|r| panic!("{action:?} refused: {r:?}"));
        self.tour.on_events(&events, &self.path, &self.state);
    }

    /// *Next* on a step to read; refused on a step that waits for an action.
    fn next(&mut self) {
        let id = self.step_id();
        assert!(self.tour.next(&self.state), "{id} is not a step to read");
    }

    fn expect(&self, id: &str) {
        assert_eq!(self.step_id(), id);
    }

    fn account(&self, local: &str) -> AccountId {
        self.state
            .platforms
            .iter()
            .flat_map(|p| &p.accounts)
            .find(|a| a.email.starts_with(&format!("{local}@")))
            .unwrap()
            .id
    }
}

fn card() -> MethodInput {
    MethodInput::Card {
        number: CardNumber::parse("4242 4242 4242 4242").unwrap(),
        expiry: CardExpiry::parse("12/30").unwrap(),
    }
}

#[test]
fn g1_walked_by_doing_it() {
    let mut w = Walk::start(GuideSection::G1);
    w.expect("g1.auto");
    w.next();
    w.go("/exchange");
    w.expect("g1.expiry");
    w.next();
    // An action step is not moved on by Next.
    assert!(!w.tour.next(&w.state));
    w.act(Action::Advance(Advance::NextEvent));
    w.expect("g1.renewed");
    assert_eq!(w.state.today, d(2026, 3, 10));
    w.next();
    w.next();
    assert!(w.tour.is_finished());
}

#[test]
fn g2_walked_by_doing_it() {
    let mut w = Walk::start(GuideSection::G2);
    assert!(w.state.customer.is_none(), "G2 starts at the login");
    w.expect("g2.login");
    w.act(Action::LogIn {
        nic: NicHandle::parse("ab12345-ovh").unwrap(),
        subsidiary: Subsidiary::Fr,
    });
    w.go("/exchange");
    w.expect("g2.billing");
    w.go("/billing/ovh-account");
    w.expect("g2.methods");
    w.go("/billing/payment-methods");
    w.expect("g2.add");
    w.go("/billing/payment-methods/add");
    w.expect("g2.kinds");
    w.act(Action::AddMethod(card()));
    w.expect("g2.listed");
    w.next();
    assert!(w.tour.is_finished());
}

#[test]
fn g3_walked_by_doing_it() {
    let mut w = Walk::start(GuideSection::G3);
    w.next();
    w.go("/billing/ovh-account");
    w.expect("g3.balance");
    w.next();
    w.next();
    w.act(Action::Advance(Advance::NextEvent));
    w.expect("g3.debtor");
    assert_eq!(w.state.account.balance, eur(-698));
    w.next();
    assert!(w.tour.is_finished());
}

#[test]
fn g4_walked_by_doing_it() {
    let mut w = Walk::start(GuideSection::G4);
    assert!(w.state.account.is_debtor(), "G4 starts in debt");
    w.go("/inbox");
    w.expect("g4.ways");
    w.next();
    w.go("/billing/ovh-account");
    w.expect("g4.credit");
    w.go("/billing/ovh-account/credit");
    w.expect("g4.amount");
    w.act(Action::Credit(Amount::parse("10").unwrap()));
    w.expect("g4.pay");
    let order = w.state.orders.last().unwrap().id;
    w.act(Action::PayOrder(order, Payer::BankTransfer));
    w.expect("g4.settled");
    assert_eq!(w.state.account.balance, eur(302));
    w.next();
    assert!(w.tour.is_finished());
}

#[test]
fn g5_walked_by_doing_it() {
    let mut w = Walk::start(GuideSection::G5);
    w.go("/exchange");
    w.go("/exchange/billing-mode");
    w.expect("g5.check");
    w.next();
    let contact = w.account("contact");
    w.act(Action::SetMode { accounts: vec![contact], mode: BillingMode::Yearly });
    w.expect("g5.no_order");
    w.next();
    w.act(Action::Advance(Advance::NextEvent));
    assert!(w.tour.is_finished());
}

#[test]
fn g6_walked_by_doing_it() {
    let mut w = Walk::start(GuideSection::G6);
    w.expect("g6.alert");
    assert!(w.tour.current().unwrap().alert);
    w.next();
    w.go("/exchange");
    let sales = w.account("sales");
    w.act(Action::ExportPst(sales));
    w.go("/exchange/billing-mode");
    w.expect("g6.none");
    // Another mode does not complete the step: it asks for None.
    let contact = w.account("contact");
    w.act(Action::SetMode { accounts: vec![contact], mode: BillingMode::Yearly });
    w.expect("g6.none");
    w.act(Action::SetMode { accounts: vec![sales], mode: BillingMode::None });
    w.expect("g6.expiry");
    w.act(Action::Advance(Advance::NextEvent));
    w.expect("g6.done");
    w.next();
    assert!(w.tour.is_finished());
}

#[test]
fn g7_walked_by_doing_it() {
    let mut w = Walk::start(GuideSection::G7);
    w.go("/exchange");
    w.expect("g7.alert");
    assert!(w.tour.current().unwrap().alert);
    w.next();
    w.expect("g7.export");
    w.act(Action::ExportPst(w.account("contact")));
    w.expect("g7.export");
    w.act(Action::ExportPst(w.account("sales")));
    w.expect("g7.terminate");
    let p = w.state.platforms[0].id;
    w.act(Action::Terminate(p));
    w.expect("g7.scheduled");
    w.next();
    w.act(Action::Advance(Advance::NextEvent));
    assert!(w.tour.is_finished());
    assert!(!w.state.platforms[0].is_active());
}

#[test]
fn g8_walked_by_doing_it_both_ways() {
    for pay in [true, false] {
        let mut w = Walk::start(GuideSection::G8);
        w.next();
        w.next();
        w.act(Action::Advance(Advance::NextEvent));
        w.expect("g8.debtor");
        w.next();
        // Issue 20: reaching the inbox is not reading the e-mail.
        w.go("/inbox");
        w.expect("g8.email");
        assert!(!w.tour.next(&w.state), "the debtor e-mail is not open yet");
        let mail = w.state.inbox.iter().find(|e| matches!(e.kind, EmailKind::AccountDebtor { .. })).unwrap().id;
        w.act(Action::MarkEmailRead(mail));
        w.expect("g8.email");
        w.next();
        w.expect("g8.reminder");
        w.act(Action::Advance(Advance::NextEvent));
        assert_eq!(w.state.today, d(2026, 3, 15));
        w.expect("g8.outcome");
        if pay {
            let order = w.state.debt_order().unwrap();
            w.act(Action::PayOrder(order, Payer::BankTransfer));
        } else {
            w.act(Action::Advance(Advance::NextEvent));
            assert_eq!(w.state.today, d(2026, 3, 18));
        }
        w.expect("g8.done");
        w.next();
        assert!(w.tour.is_finished());
    }
}

#[test]
fn tour_back_and_resume_where_it_was() {
    let mut w = Walk::start(GuideSection::G5);
    w.go("/exchange");
    assert_eq!(w.tour.step, 1);
    assert!(w.tour.back());
    assert_eq!(w.tour.step, 0);
    // The tour is plain data: saved with the run, it resumes on the same step.
    let saved = serde_json::to_string(&w.tour).unwrap();
    let back: Tour = serde_json::from_str(&saved).unwrap();
    assert_eq!(back, w.tour);
}

#[test]
fn every_section_has_steps_and_every_action_step_has_a_target() {
    for section in GuideSection::WALKTHROUGH {
        let steps = guide::steps(section);
        assert!(steps.len() >= 5, "{section:?}");
        for step in steps {
            assert!(step.id.starts_with(section.slug()), "{}", step.id);
            if step.done != Done::Read {
                assert!(step.target.is_some(), "{} waits for an action: it points at its control", step.id);
            }
        }
        assert!(steps.iter().any(|s| s.done != Done::Read), "{section:?} is walked by doing");
    }
}

// ---------- the scenarios ----------

/// Plays a scenario's script to its end, as *Play* does.
fn play(id: ScenarioId) -> State {
    let mut s = id.start();
    for (i, beat) in id.script().iter().enumerate() {
        let action = beat.action(&s).unwrap_or_else(|| panic!("{id:?} beat {i} ({beat:?}) has no action"));
        s.apply(action).unwrap_or_else(|r| panic!("{id:?} beat {i} ({beat:?}) refused: {r:?}"));
    }
    s
}

fn mails(s: &State) -> Vec<&'static str> {
    s.inbox
        .iter()
        .map(|m| match m.kind {
            EmailKind::InvoiceIssued { .. } => "invoice",
            EmailKind::AccountDebtor { .. } => "debtor",
            EmailKind::DebtReminder { .. } => "reminder",
            EmailKind::SuspendedUnpaid { .. } => "suspended",
            EmailKind::PaymentReceived { .. } => "payment",
            EmailKind::DebtSettled { .. } => "settled",
            EmailKind::BillingModeChanged { .. } => "mode",
            EmailKind::TerminationScheduled { .. } => "termination",
            EmailKind::TerminationCancelled { .. } => "termination-cancelled",
            EmailKind::PlatformTerminated { .. } => "terminated",
            EmailKind::SuspendedOnExpiry { .. } => "expired",
            EmailKind::BalanceAlert { .. } => "alert",
            EmailKind::PaymentDeclined { .. } => "declined",
            EmailKind::MethodValidated { .. } => "validated",
            EmailKind::CardExpired { .. } => "card-expired",
        })
        .collect()
}

fn issued(s: &State) -> Vec<(String, bool)> {
    s.invoices.iter().filter(|i| i.id.0 > 0).map(|i| (i.reference.clone(), i.is_unpaid())).collect()
}

#[test]
fn scenario_no_payment_method() {
    let start = ScenarioId::NoPaymentMethod.start();
    assert_eq!(start.account.balance, Decimal::ZERO);
    assert!(start.methods.is_empty());
    let s = play(ScenarioId::NoPaymentMethod);
    assert_eq!(s.account.balance, Decimal::ZERO);
    assert_eq!(issued(&s), vec![("FR0000001".into(), false)]);
    assert_eq!(mails(&s), vec!["invoice", "debtor", "payment", "settled"]);
}

#[test]
fn scenario_balance_covers() {
    let s = play(ScenarioId::BalanceCovers);
    assert_eq!(s.account.balance, eur(2000 - 1198));
    assert_eq!(issued(&s), vec![("FR0000001".into(), false)]);
    assert_eq!(s.invoices.last().unwrap().covered_by_balance, eur(1198));
    assert_eq!(mails(&s), vec!["invoice"]);
}

#[test]
fn scenario_balance_and_card() {
    let s = play(ScenarioId::BalanceAndCard);
    assert_eq!(s.account.balance, Decimal::ZERO);
    let inv = s.invoices.last().unwrap();
    assert_eq!((inv.covered_by_balance, inv.charged.as_ref().map(|c| c.2)), (eur(500), Some(eur(698))));
    assert_eq!(issued(&s), vec![("FR0000001".into(), false)]);
    assert_eq!(mails(&s), vec!["invoice"]);
}

#[test]
fn scenario_card_declines() {
    let s = play(ScenarioId::CardDeclines);
    assert_eq!(s.account.balance, Decimal::ZERO);
    assert_eq!(issued(&s), vec![("FR0000001".into(), false)]);
    assert_eq!(mails(&s), vec!["declined", "invoice", "debtor", "payment", "settled"]);
}

#[test]
fn scenario_debt_unpaid() {
    let s = play(ScenarioId::DebtUnpaid);
    assert_eq!(s.account.balance, Decimal::ZERO);
    assert_eq!(issued(&s), vec![("FR0000001".into(), false)]);
    assert_eq!(mails(&s), vec!["invoice", "debtor", "reminder", "suspended", "payment", "settled"]);
    assert!(s.platforms[0].accounts.iter().all(|a| a.status == AccountStatus::Active), "D2 reactivates");
}

#[test]
fn scenario_mode_change_timing() {
    let s = play(ScenarioId::ModeChangeTiming);
    let accounts = &s.platforms[0].accounts;
    assert_eq!((accounts[0].mode, accounts[0].expiry), (BillingMode::Yearly, d(2027, 3, 10)));
    assert_eq!((accounts[1].mode, accounts[1].expiry), (BillingMode::Yearly, d(2027, 4, 10)));
    assert_eq!(issued(&s), vec![("FR0000001".into(), false), ("FR0000002".into(), false)]);
    assert_eq!(mails(&s), vec!["mode", "invoice", "mode", "invoice"]);
    assert_eq!(s.account.balance, Decimal::ZERO);
}

#[test]
fn scenario_none_and_termination() {
    let s = play(ScenarioId::NoneAndTermination);
    assert_eq!(s.today, d(2026, 4, 1));
    let a = &s.platforms[0].accounts;
    assert!(a.iter().all(|a| a.status == AccountStatus::SuspendedExpired));
    assert_eq!(a.iter().map(|a| a.pst_export.is_some()).collect::<Vec<_>>(), vec![true, false]);
    let b = &s.platforms[1];
    assert!(!b.is_active());
    assert_eq!(b.accounts.iter().map(|a| a.pst_export.is_some()).collect::<Vec<_>>(), vec![true, false]);
    assert_eq!(issued(&s), vec![], "no renewal: None on one platform, termination on the other");
    assert_eq!(s.account.balance, eur(500));
    assert_eq!(mails(&s), vec!["mode", "mode", "termination", "expired", "expired", "terminated"]);
}

#[test]
fn every_start_is_deterministic_and_every_script_plays() {
    for start in Start::all() {
        assert_eq!(start.state(), start.state(), "{start:?}");
        assert_eq!(
            Start::all().iter().filter(|s| s.slug() == start.slug()).count(),
            1,
            "{} is a unique link",
            start.slug()
        );
    }
    for id in ScenarioId::ALL {
        assert_eq!(ScenarioId::from_slug(id.slug()), Some(id));
        play(id);
    }
    assert!(Beat::PayDebtOrder.action(&scenario::demo()).is_none(), "no debt, no order to pay");
}

/// T3: a save records RULES_VERSION; this pins the engine and the starts to it. When this
/// fails, the rules or a start changed: bump RULES_VERSION and put the new fingerprint here,
/// so old saves are set aside instead of replayed into a different state.
#[test]
fn t3_rules_version_pins_the_engine() {
    let mut text = String::new();
    for start in Start::all() {
        text.push_str(&serde_json::to_string(&start.state()).unwrap());
    }
    for id in ScenarioId::ALL {
        text.push_str(&serde_json::to_string(&play(id)).unwrap());
    }
    let fingerprint = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    assert_eq!((RULES_VERSION, fingerprint), (2, FINGERPRINT), "the engine or a start changed: bump RULES_VERSION");
}

const FINGERPRINT: u64 = 13506381245848247510;

// ---------- issue 20 ----------

/// Issue 20, item 3: a step whose condition already holds is done. G6's export and its
/// None done while the tour is still on its first step (a step to read): *Next* goes past every
/// step already done, to the expiry, and never asks for the export again.
#[test]
fn issue_20_g6_steps_done_early_are_done() {
    let mut w = Walk::start(GuideSection::G6);
    w.expect("g6.alert");
    let contact = w.account("contact");
    w.go("/exchange");
    w.act(Action::ExportPst(contact));
    w.go("/exchange/billing-mode");
    w.act(Action::SetMode { accounts: vec![contact], mode: BillingMode::None });
    w.expect("g6.alert");
    w.next();
    w.tour.on_route(&w.path.clone(), &w.state);
    w.expect("g6.expiry");
    // Back is still possible, and the next route or action moves on again (R5).
    assert!(w.tour.back());
    w.expect("g6.none");
    w.go("/exchange/billing-mode");
    w.expect("g6.expiry");
}

/// Issue 20, item 3: no start state holds an event that one of its section's steps waits for,
/// so the only events that complete a step are the user's (on every subsidiary).
#[test]
fn issue_20_no_section_starts_with_an_event_its_steps_wait_for() {
    for subsidiary in Subsidiary::ALL {
        for section in GuideSection::WALKTHROUGH {
            let mut tour = Tour::new(section);
            let state = Start::Section(section, subsidiary).state();
            while let Some(step) = tour.current() {
                if let Done::Event(_) = step.done {
                    let mut alone = Tour { section, step: tour.step };
                    assert!(!alone.on_route("/nowhere", &state), "{} is done at the start ({subsidiary:?})", step.id);
                }
                tour.step += 1;
            }
        }
    }
}

/// Issue 20, item 4: G8 points at the debtor e-mail and waits until it is open before *Next*.
#[test]
fn issue_20_g8_waits_for_the_debtor_email_to_be_open() {
    let step = guide::steps(GuideSection::G8).iter().find(|s| s.id == "g8.email").unwrap();
    assert_eq!(step.target, Some(guide::TourTarget::InboxDebtor));
    assert_eq!(step.done, Done::ReadOnce(guide::Condition::DebtorEmailRead));
}

/// Issue 20, item 2 (L2, M2, S1): a section and a scenario run on their subsidiary: in Italy
/// G8's invoice is `IT0000001` at 22 % VAT (9.98 + 2.20 = 12.18, 7.18 of it a debt), and a
/// French start is the one it always was.
#[test]
fn issue_20_sections_and_scenarios_run_on_their_subsidiary() {
    let mut w = Walk::start_on(GuideSection::G8, Subsidiary::It);
    assert_eq!(w.state.customer.as_ref().map(|c| c.subsidiary), Some(Subsidiary::It));
    w.next();
    w.next();
    w.act(Action::Advance(Advance::NextEvent));
    let invoice = w.state.invoices.last().unwrap();
    assert_eq!((invoice.reference.as_str(), invoice.vat_rate, invoice.vat, invoice.total), ("IT0000001", eur(22), eur(220), eur(1218)));
    assert_eq!(w.state.account.balance, eur(-718));
    for id in ScenarioId::ALL {
        let state = Start::Scenario(id, Subsidiary::It).state();
        assert_eq!(state.subsidiary, Subsidiary::It, "{id:?}");
        assert_eq!(state.customer.as_ref().map(|c| c.subsidiary), Some(Subsidiary::It), "{id:?}");
        assert_eq!(Start::Scenario(id, Subsidiary::Fr).state(), id.start(), "{id:?}");
    }
    for start in Start::all_on(Subsidiary::It) {
        if let Some(sub) = start.subsidiary() {
            assert_eq!(start.state().subsidiary, sub, "{start:?}");
        }
    }
    assert_eq!(Start::Section(GuideSection::G2, Subsidiary::It).state().customer, None, "G2 starts at the login");
}

/// Issue 20, item 2 (T3): a start on France is saved as it was before starts carried a
/// subsidiary, so old saves, links and files replay unchanged; another one carries it.
#[test]
fn issue_20_a_start_is_saved_as_before_on_france() {
    let json = |s: &Start| serde_json::to_string(s).unwrap();
    assert_eq!(json(&Start::Section(GuideSection::G4, Subsidiary::Fr)), r#"{"Section":"G4"}"#);
    assert_eq!(json(&Start::Scenario(ScenarioId::DebtUnpaid, Subsidiary::Fr)), r#"{"Scenario":"DebtUnpaid"}"#);
    assert_eq!(json(&Start::Demo), r#""Demo""#);
    assert_eq!(json(&Start::Section(GuideSection::G8, Subsidiary::It)), r#"{"Section":["G8","It"]}"#);
    for sub in Subsidiary::ALL {
        for start in Start::all_on(sub) {
            let back: Start = serde_json::from_str(&json(&start)).unwrap();
            assert_eq!(back, start);
        }
    }
    let old: Start = serde_json::from_str(r#"{"Scenario":"BalanceCovers"}"#).unwrap();
    assert_eq!(old, Start::Scenario(ScenarioId::BalanceCovers, Subsidiary::Fr));
    assert!(serde_json::from_str::<Start>(r#"{"Section":["G8","De"]}"#).is_err());
    assert_eq!(Start::Section(GuideSection::G3, Subsidiary::Fr).on(Subsidiary::It), Start::Section(GuideSection::G3, Subsidiary::It));
    assert_eq!(Start::Demo.on(Subsidiary::It), Start::Demo);
}

/// Issue 20, item 2 (L2): the subsidiary a saved run chose, read from its log without a replay,
/// is the one its replay is on.
#[test]
fn issue_20_a_saved_run_says_which_subsidiary_was_chosen() {
    let nic = NicHandle::parse("ab12345-ovh").unwrap();
    let mut sim = Simulator::new(Start::Demo);
    assert_eq!(sim.saved(0).chosen_subsidiary(), None);
    sim.apply(Action::LogIn { nic, subsidiary: Subsidiary::It }).unwrap();
    assert_eq!(sim.saved(0).chosen_subsidiary(), Some(Subsidiary::It));
    assert_eq!(sim.saved(0).chosen_subsidiary(), sim.chosen_subsidiary());
    let g5 = Simulator::new(Start::Section(GuideSection::G5, Subsidiary::It));
    assert_eq!(g5.saved(0).chosen_subsidiary(), Some(Subsidiary::It));
    assert_eq!(Simulator::new(Start::Section(GuideSection::G2, Subsidiary::It)).saved(0).chosen_subsidiary(), None);
}

/// Issue 20, item 11: the address of a tour in progress names its section and step, keeps the
/// screen's own query, and reopens the same tour.
#[test]
fn issue_20_a_tour_has_an_address_that_reopens_it() {
    let tour = Tour { section: GuideSection::G8, step: 2 };
    assert_eq!(tour.query(""), "?guide=g8&step=3");
    assert_eq!(tour.query("?next=/inbox&guide=g4&step=1"), "?next=/inbox&guide=g8&step=3");
    assert_eq!(Tour::from_query(&tour.query("?next=/inbox")), Some(tour));
    assert_eq!(Tour::from_query("?guide=G5"), Some(Tour::new(GuideSection::G5)));
    assert_eq!(Tour::from_query("?guide=g8&step=99").map(|t| t.is_finished()), Some(true));
    assert_eq!(Tour::from_query("?guide=g9&step=2"), None);
    assert_eq!(Tour::from_query("?next=/inbox"), None);
    let done = Tour { section: GuideSection::G1, step: 6 };
    assert_eq!(Tour::from_query(&done.query("")), Some(done));
}
