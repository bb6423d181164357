//! The recorder: a run (a start, the actions done before recording, the accepted actions since,
//! with the captions and checks the user added) made a scenario; and a scenario written back
//! as the raw mirror. Whatever it writes parses back to the same scenario: it builds the
//! scenario by parsing what it wrote.

use super::raw::{RawAccount, RawAction, RawBeat, RawDemo, RawExpectation, RawPlatform, RawScenario, RawStart, RawStartObject, RawTexts};
use super::*;
use crate::{Advance, MethodInput, Payer, State};

/// What the user recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    pub title: Texts,
    pub summary: Texts,
    pub start: ScenarioStart,
    /// The run's actions before recording began (from its start): replayed without captions.
    pub setup: Vec<Action>,
    pub beats: Vec<RecordedBeat>,
    pub expect: Vec<Expectation>,
}

/// One accepted action of the recording, with its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedBeat {
    pub action: Action,
    pub caption: Texts,
    pub pause: bool,
}

/// Makes a recording a scenario. Each action is named as the format names it in the state it
/// was taken in, and must resolve back to itself there and be accepted; the result is what
/// [`Scenario::from_raw`] reads from [`Scenario::to_raw`]'s output, so a file the recorder
/// writes always parses back to it.
pub fn record(rec: &Recording) -> Result<Scenario, ScenarioError> {
    let mut state = rec.start.state();
    let mut named = |action: &Action, path: FieldPath| -> Result<ScenarioAction, ScenarioError> {
        let n = ScenarioAction::naming(action, &state)
            .filter(|n| n.resolve(&state).as_ref() == Ok(action))
            .ok_or_else(|| ScenarioError::new(path.clone(), Problem::Unnamed))?;
        state
            .apply(action.clone())
            .map_err(|r| ScenarioError::new(path, Problem::Refused(r)))?;
        Ok(n)
    };
    let setup = rec
        .setup
        .iter()
        .enumerate()
        .map(|(i, a)| named(a, FieldPath::root().key("setup").at(i)))
        .collect::<Result<Vec<_>, _>>()?;
    let beats = rec
        .beats
        .iter()
        .enumerate()
        .map(|(i, b)| {
            Ok(ScenarioBeat {
                action: named(&b.action, FieldPath::root().key("beats").at(i).key("action"))?,
                caption: b.caption.clone(),
                pause: b.pause,
            })
        })
        .collect::<Result<Vec<_>, ScenarioError>>()?;
    let built = Scenario {
        title: rec.title.clone(),
        summary: rec.summary.clone(),
        start: rec.start.clone(),
        setup,
        beats,
        expect: rec.expect.clone(),
    };
    Scenario::from_raw(&built.to_raw())
}

impl ScenarioAction {
    /// How the format names `action` taken in `state`: its targets by the names they have
    /// there. `None` when one has none (an unknown id).
    pub fn naming(action: &Action, state: &State) -> Option<ScenarioAction> {
        let account = |id: &crate::AccountId| {
            let a = state.platforms.iter().flat_map(|p| &p.accounts).find(|a| a.id == *id)?;
            AccountRef::parse(&a.email).ok()
        };
        let platform = |id: &crate::PlatformId| {
            Reference::parse(&state.platforms.iter().find(|p| p.id == *id)?.name).ok()
        };
        let order = |id: &crate::OrderId| Reference::parse(&state.orders.iter().find(|o| o.id == *id)?.reference).ok();
        let method = |payer: &Payer| match payer {
            Payer::Method(m) => Some(*m),
            Payer::BankTransfer => None,
        };
        use ScenarioAction as A;
        Some(match action {
            Action::LogIn { nic, subsidiary } => A::LogIn { nic: nic.clone(), subsidiary: *subsidiary },
            Action::LogOut => A::LogOut,
            Action::SetSubsidiary(s) => A::SetSubsidiary(*s),
            Action::AddMethod(input) => A::AddMethod(input.clone()),
            Action::RemoveMethod(m) => A::RemoveMethod(*m),
            Action::SetDefaultMethod(m) => A::SetDefaultMethod(*m),
            Action::SetDeclineNext(m, on) => A::SetDeclineNext { method: *m, on: *on },
            Action::Credit(a) => A::Credit(*a),
            Action::PayOrder(o, payer) => A::PayOrder { order: order(o)?, method: method(payer) },
            Action::CancelOrder(o) => A::CancelOrder(order(o)?),
            Action::SetMode { accounts, mode } => A::SetMode {
                accounts: accounts.iter().map(account).collect::<Option<_>>()?,
                mode: *mode,
            },
            Action::ExportPst(a) => A::ExportPst(account(a)?),
            Action::Terminate(p) => A::Terminate(platform(p)?),
            Action::CancelTermination(p) => A::CancelTermination(platform(p)?),
            Action::SetAlertThreshold(t) => A::SetAlertThreshold(*t),
            Action::AddAccount { platform: p, email_local_part, mode } => A::AddAccount {
                platform: platform(p)?,
                local_part: email_local_part.clone(),
                mode: *mode,
            },
            Action::SetPrices { monthly, yearly } => A::SetPrices { monthly: *monthly, yearly: *yearly },
            Action::Advance(Advance::NextEvent) => A::NextEvent,
            // The day it moved to reads better than a count of days, and resolves back to it.
            Action::Advance(Advance::Days(n)) => A::AdvanceTo(crate::add_days(state.today, u64::from(*n))),
            Action::MarkEmailRead(id) => A::MarkEmailRead(*id),
        })
    }

    /// The raw mirror of this action.
    pub fn to_raw(&self) -> RawAction {
        use ScenarioAction as A;
        let name = |a: &str| RawAction::named(a);
        let money = |a: &Amount| a.value().to_string();
        match self {
            A::LogIn { nic, subsidiary } => RawAction {
                nic: Some(nic.as_str().to_string()),
                subsidiary: Some(subsidiary_name(*subsidiary).to_string()),
                ..name("log_in")
            },
            A::LogOut => name("log_out"),
            A::SetSubsidiary(s) => RawAction { subsidiary: Some(subsidiary_name(*s).to_string()), ..name("set_subsidiary") },
            A::AddMethod(input) => match input {
                MethodInput::Card { number, expiry } => RawAction {
                    card: Some(number.masked()),
                    expiry: Some(String::from(*expiry)),
                    ..name("add_method")
                },
                MethodInput::Paypal { email } => RawAction { paypal: Some(email.masked()), ..name("add_method") },
                MethodInput::BankAccount { iban } => RawAction { iban: Some(iban.masked()), ..name("add_method") },
            },
            A::RemoveMethod(m) => RawAction { method: Some(m.0), ..name("remove_method") },
            A::SetDefaultMethod(m) => RawAction { method: Some(m.0), ..name("set_default_method") },
            A::SetDeclineNext { method, on } => RawAction { method: Some(method.0), on: Some(*on), ..name("set_decline_next") },
            A::Credit(a) => RawAction { amount: Some(money(a)), ..name("credit") },
            A::PayOrder { order, method } => RawAction {
                order: Some(order.as_str().to_string()),
                method: method.map(|m| m.0),
                ..name("pay_order")
            },
            A::PayDebtOrder { method } => RawAction { method: method.map(|m| m.0), ..name("pay_debt_order") },
            A::CancelOrder(o) => RawAction { order: Some(o.as_str().to_string()), ..name("cancel_order") },
            A::SetMode { accounts, mode } => RawAction {
                accounts: Some(accounts.iter().map(|a| a.as_str().to_string()).collect()),
                mode: Some(mode_name(*mode).to_string()),
                ..name("set_mode")
            },
            A::ExportPst(a) => RawAction { account: Some(a.as_str().to_string()), ..name("export_pst") },
            A::Terminate(p) => RawAction { platform: Some(p.as_str().to_string()), ..name("terminate") },
            A::CancelTermination(p) => RawAction { platform: Some(p.as_str().to_string()), ..name("cancel_termination") },
            A::SetAlertThreshold(t) => RawAction { amount: t.as_ref().map(money), ..name("set_alert_threshold") },
            A::AddAccount { platform, local_part, mode } => RawAction {
                platform: Some(platform.as_str().to_string()),
                local_part: Some(local_part.as_str().to_string()),
                mode: Some(mode_name(*mode).to_string()),
                ..name("add_account")
            },
            A::SetPrices { monthly, yearly } => RawAction {
                monthly: Some(money(monthly)),
                yearly: Some(money(yearly)),
                ..name("set_prices")
            },
            A::NextEvent => name("next_event"),
            A::AdvanceDays(n) => RawAction { days: Some(*n), ..name("advance_days") },
            A::AdvanceTo(d) => RawAction { date: Some(d.to_string()), ..name("advance_to") },
            A::MarkEmailRead(id) => RawAction { email: Some(*id), ..name("mark_email_read") },
        }
    }
}

fn mode_name(mode: BillingMode) -> &'static str {
    match mode {
        BillingMode::Monthly => MODES[0],
        BillingMode::Yearly => MODES[1],
        BillingMode::None => MODES[2],
    }
}

fn subsidiary_name(s: Subsidiary) -> &'static str {
    match s {
        Subsidiary::Fr => SUBSIDIARIES[0],
        Subsidiary::It => SUBSIDIARIES[1],
    }
}

impl Texts {
    pub fn to_raw(&self) -> RawTexts {
        RawTexts {
            fr: self.fr.clone(),
            it: self.it.clone(),
            en: Some(self.en.clone()),
        }
    }
}

impl ScenarioStart {
    pub fn to_raw(&self) -> RawStart {
        match self {
            ScenarioStart::Section(s) => RawStart::Named(s.slug().to_string()),
            ScenarioStart::Situation(situation) => RawStart::Object(RawStartObject {
                situation: Some(super::raw::RawSituation::of(&situation.input())),
                ..RawStartObject::default()
            }),
            ScenarioStart::Demo(d) if *d == DemoStart::default() => RawStart::Named("demo".to_string()),
            ScenarioStart::Demo(d) => RawStart::Object(RawStartObject {
                demo: Some(RawDemo {
                    subsidiary: Some(subsidiary_name(d.subsidiary).to_string()),
                    balance: Some(d.balance.to_string()),
                    platforms: d
                        .platforms
                        .iter()
                        .map(|p| RawPlatform {
                            name: p.name.clone(),
                            domain: p.domain.clone(),
                            start: p.started.to_string(),
                            accounts: p
                                .accounts
                                .iter()
                                .map(|a| RawAccount { local_part: a.local_part.as_str().to_string(), mode: mode_name(a.mode).to_string() })
                                .collect(),
                        })
                        .collect(),
                }),
                situation: None,
            }),
        }
    }
}

impl Expectation {
    pub fn to_raw(&self) -> RawExpectation {
        let mut raw = RawExpectation { after: self.after, ..RawExpectation::default() };
        let status = |names: &[&'static str], i: usize| Some(names[i].to_string());
        match &self.expected {
            Expected::Balance(b) => raw.balance = Some(b.to_string()),
            Expected::Today(d) => raw.today = Some(d.to_string()),
            Expected::Invoice { invoice, status: s } => {
                raw.invoice = Some(invoice.as_str().to_string());
                raw.status = status(&INVOICE_STATES, *s as usize);
            }
            Expected::AccountStatus { account, status: s } => {
                raw.account = Some(account.as_str().to_string());
                raw.status = status(&ACCOUNT_STATES, parse::ACCOUNT_STATUS_VALUES.iter().position(|v| v == s).unwrap_or(0));
            }
            Expected::AccountMode { account, mode } => {
                raw.account = Some(account.as_str().to_string());
                raw.mode = Some(mode_name(*mode).to_string());
            }
            Expected::AccountExpiry { account, on } => {
                raw.account = Some(account.as_str().to_string());
                raw.expiry = Some(on.to_string());
            }
            Expected::Platform { platform, status: s } => {
                raw.platform = Some(platform.as_str().to_string());
                raw.status = status(&PLATFORM_STATES, *s as usize);
            }
            Expected::Emails { kind, count } => {
                raw.email = Some(kind.name().to_string());
                raw.count = *count;
            }
        }
        raw
    }
}

impl Scenario {
    /// The raw mirror of this scenario, at [`FORMAT_VERSION`]: what the app writes as JSON.
    pub fn to_raw(&self) -> RawScenario {
        RawScenario {
            schema: None,
            version: FORMAT_VERSION,
            title: self.title.to_raw(),
            summary: self.summary.to_raw(),
            start: self.start.to_raw(),
            setup: self.setup.iter().map(ScenarioAction::to_raw).collect(),
            beats: self
                .beats
                .iter()
                .map(|b| RawBeat { action: b.action.to_raw(), caption: b.caption.to_raw(), pause: b.pause })
                .collect(),
            expect: self.expect.iter().map(Expectation::to_raw).collect(),
        }
    }
}
