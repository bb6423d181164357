//! Playing a scenario: each action resolved against the state it is played in (its names turned
//! into the ids of that state), handed to the engine, and the expectations checked on the way.

use super::*;
use crate::{Advance, Payer, State};

/// A whole play: the state at the end, and every expectation's outcome in the file's order of
/// beats (a failed check never stops the play).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Played {
    pub state: State,
    pub checks: Vec<Checked>,
}

impl Played {
    /// Every check passed.
    pub fn all_ok(&self) -> bool {
        self.checks.iter().all(|c| c.check.ok)
    }
}

impl ScenarioAction {
    /// The engine's action this is in `state`, or why there is none: what it names is not there
    /// ([`Problem::NoTarget`]), or the clock would go back or past [`last_day`].
    pub fn resolve(&self, state: &State) -> Result<Action, Problem> {
        let account = |a: &AccountRef| a.find(state).map(|a| a.id).ok_or(Problem::NoTarget);
        let platform = |p: &Reference| p.platform(state).map(|q| q.id).ok_or(Problem::NoTarget);
        let order = |r: &Reference| {
            state.orders.iter().find(|o| o.reference == r.as_str()).map(|o| o.id).ok_or(Problem::NoTarget)
        };
        let payer = |m: &Option<MethodId>| m.map_or(Payer::BankTransfer, Payer::Method);
        let days_to = |to: NaiveDate| -> Result<u32, Problem> {
            if to < state.today {
                return Err(Problem::BeforeToday { today: state.today });
            }
            if to > last_day() {
                return Err(Problem::PastLastDay { last: last_day() });
            }
            u32::try_from((to - state.today).num_days()).map_err(|_| Problem::PastLastDay { last: last_day() })
        };
        use ScenarioAction as A;
        Ok(match self {
            A::LogIn { nic, subsidiary } => Action::LogIn { nic: nic.clone(), subsidiary: *subsidiary },
            A::LogOut => Action::LogOut,
            A::SetSubsidiary(s) => Action::SetSubsidiary(*s),
            A::AddMethod(input) => Action::AddMethod(input.clone()),
            A::RemoveMethod(m) => Action::RemoveMethod(*m),
            A::SetDefaultMethod(m) => Action::SetDefaultMethod(*m),
            A::SetDeclineNext { method, on } => Action::SetDeclineNext(*method, *on),
            A::Credit(a) => Action::Credit(*a),
            A::PayOrder { order: o, method } => Action::PayOrder(order(o)?, payer(method)),
            A::PayDebtOrder { method } => Action::PayOrder(state.debt_order().ok_or(Problem::NoTarget)?, payer(method)),
            A::CancelOrder(o) => Action::CancelOrder(order(o)?),
            A::SetMode { accounts, mode } => Action::SetMode {
                accounts: accounts.iter().map(account).collect::<Result<_, _>>()?,
                mode: *mode,
            },
            A::ExportPst(a) => Action::ExportPst(account(a)?),
            A::Terminate(p) => Action::Terminate(platform(p)?),
            A::CancelTermination(p) => Action::CancelTermination(platform(p)?),
            A::SetAlertThreshold(t) => Action::SetAlertThreshold(*t),
            A::AddAccount { platform: p, local_part, mode } => Action::AddAccount {
                platform: platform(p)?,
                email_local_part: local_part.clone(),
                mode: *mode,
            },
            A::SetPrices { monthly, yearly } => Action::SetPrices { monthly: *monthly, yearly: *yearly },
            A::NextEvent => Action::Advance(Advance::NextEvent),
            A::AdvanceDays(n) => {
                days_to(crate::add_days(state.today, u64::from(*n)))?;
                Action::Advance(Advance::Days(*n))
            }
            A::AdvanceTo(d) => Action::Advance(Advance::Days(days_to(*d)?)),
            A::MarkEmailRead(id) => Action::MarkEmailRead(*id),
        })
    }
}

/// Resolves and applies one action at `path` (the clock may not pass [`last_day`]); returns
/// the engine's action it was.
fn step(state: &mut State, action: &ScenarioAction, path: FieldPath) -> Result<Action, ScenarioError> {
    let resolved = action.resolve(state).map_err(|p| ScenarioError::new(path.clone(), p))?;
    state
        .apply(resolved.clone())
        .map_err(|r| ScenarioError::new(path.clone(), Problem::Refused(r)))?;
    if state.today > last_day() {
        return Err(ScenarioError::new(path, Problem::PastLastDay { last: last_day() }));
    }
    Ok(resolved)
}

fn sound(state: &State, path: FieldPath) -> Result<(), ScenarioError> {
    state
        .check_invariants()
        .map_err(|i| ScenarioError::new(path, Problem::Broken(i)))
}

impl Scenario {
    /// The state the first beat is played in: the start, then the set-up. A set-up action that
    /// names nothing or is refused is refused with its path (`setup[2]`).
    pub fn start_state(&self) -> Result<State, ScenarioError> {
        self.setup_actions().map(|(state, _)| state)
    }

    /// [`Scenario::start_state`], and the engine's actions the set-up was (a run started from
    /// this scenario's start replays them from [`ScenarioStart::state`]).
    pub fn setup_actions(&self) -> Result<(State, Vec<Action>), ScenarioError> {
        let mut state = self.start.state();
        let root = FieldPath::root().key("setup");
        let actions = self
            .setup
            .iter()
            .enumerate()
            .map(|(i, action)| step(&mut state, action, root.at(i)))
            .collect::<Result<Vec<_>, _>>()?;
        sound(&state, FieldPath::root().key("start"))?;
        Ok((state, actions))
    }

    /// The action beat `index` is in `state` (`None` past the last beat), like a click would be
    /// handed to the engine; `Some(Err(_))` when what it names is not there.
    pub fn beat_action(&self, index: usize, state: &State) -> Option<Result<Action, Problem>> {
        self.beats.get(index).map(|b| b.action.resolve(state))
    }

    /// Plays the whole scenario from its start, checking each expectation at its beat. The work
    /// is bounded: at most [`MAX_SETUP`] + [`MAX_BEATS`] actions, the clock never past
    /// [`last_day`]. A beat that names nothing or is refused, or a state that breaks an
    /// invariant, refuses the scenario with its path; a failed check does not.
    pub fn play(&self) -> Result<Played, ScenarioError> {
        let mut state = self.start_state()?;
        let mut checks = Vec::new();
        let check = |state: &State, played: usize, checks: &mut Vec<Checked>| {
            checks.extend(
                self.checks_after(played)
                    .map(|(expectation, e)| Checked { expectation, check: e.check(state) }),
            );
        };
        check(&state, 0, &mut checks);
        let root = FieldPath::root().key("beats");
        for (i, beat) in self.beats.iter().enumerate() {
            let path = root.at(i).key("action");
            step(&mut state, &beat.action, path.clone())?;
            sound(&state, path)?;
            check(&state, i + 1, &mut checks);
        }
        Ok(Played { state, checks })
    }
}
