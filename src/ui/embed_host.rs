//! What an embed does with its parameters once its panel is there, and the host API (issue 19,
//! README "Embedding"): split out of the first load with the control panel (`routes::panel`,
//! drawn from [`super::embed::OpenFull`]).
//!
//! - **Where it starts.** `step=N` moves a section on to its N-th step and `beat=N` a scenario
//!   past its N-th beat, the earlier ones done (the player's [`Player::forward`]); `autoplay=1`
//!   plays at `speed`.
//! - **The host API**, only with `api=1` and `origin=` (one or more exact origins): the frame
//!   posts [`Out::Ready`] with the protocol's [`VERSION`], then the events below, to those
//!   origins only, never `"*"`. Every message that arrives is deserialized with
//!   `serde-wasm-bindgen` into [`Command`]; one from another origin or another window, or of an
//!   unknown shape, changes nothing and is counted (`<html data-hes-ignored>`). Money is a
//!   string of a `Decimal` ("11.98"), never a float.
use super::ctx::{use_ctx, Ctx};
use super::embed::{self, params, post_value};
use super::embed_params::Theme;
use super::guide::player::{use_player, Player};
use crate::domain::scenario::Start;
use crate::domain::{Action, Advance, Event, EventKind, State};
use crate::i18n::Lang;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use serde::{Deserialize, Serialize};
use std::cell::Cell;

/// The protocol's version: a change to a message's shape bumps it (README, "Embedding").
pub const VERSION: u32 = 1;

/// The commands this version takes, as `hes:ready` lists them.
pub const CAPABILITIES: [&str; 9] = ["play", "pause", "step", "reset", "go", "advance", "set-lang", "set-theme", "load"];

/// A message the host page may send (anything else is ignored and counted).
#[derive(Deserialize, Debug, PartialEq)]
#[serde(tag = "type")]
pub enum Command {
    #[serde(rename = "hes:play")]
    Play,
    #[serde(rename = "hes:pause")]
    Pause,
    #[serde(rename = "hes:step")]
    Step,
    #[serde(rename = "hes:reset")]
    Reset,
    /// A section's step (from 1) or a scenario's beat (how many are played), the earlier done.
    #[serde(rename = "hes:go")]
    Go(Go),
    #[serde(rename = "hes:advance")]
    Advance { to: AdvanceTo },
    #[serde(rename = "hes:set-lang")]
    SetLang { lang: LangCode },
    #[serde(rename = "hes:set-theme")]
    SetTheme { theme: ThemeCode },
    /// Issue 18: plays a scenario file (docs/scenario-format.md), sent as an object or as its
    /// text, through the same gate as an import.
    #[serde(rename = "hes:load")]
    Load { scenario: serde_json::Value },
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(untagged)]
pub enum Go {
    Step { step: usize },
    Beat { beat: usize },
}

/// `hes:advance`'s `to`: `"next-event"` or a day (`"2026-04-10"`).
#[derive(Deserialize, Debug, PartialEq, Clone, Copy)]
#[serde(try_from = "String")]
pub enum AdvanceTo {
    NextEvent,
    Day(NaiveDate),
}

impl TryFrom<String> for AdvanceTo {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        if text == "next-event" {
            return Ok(AdvanceTo::NextEvent);
        }
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map(AdvanceTo::Day).map_err(|e| e.to_string())
    }
}

#[derive(Deserialize, Debug, PartialEq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum LangCode {
    Fr,
    It,
    En,
}

impl LangCode {
    fn lang(self) -> Lang {
        match self {
            LangCode::Fr => Lang::Fr,
            LangCode::It => Lang::It,
            LangCode::En => Lang::En,
        }
    }
}

#[derive(Deserialize, Debug, PartialEq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum ThemeCode {
    Light,
    Dark,
    Auto,
}

impl ThemeCode {
    fn theme(self) -> Theme {
        match self {
            ThemeCode::Light => Theme::Light,
            ThemeCode::Dark => Theme::Dark,
            ThemeCode::Auto => Theme::Auto,
        }
    }
}

/// What the frame posts with the API on (besides `hes:height`, `hes:section-finished` and
/// `hes:scenario-ended`, which `embed.rs` posts in every embed).
#[derive(Serialize, Debug, PartialEq)]
#[serde(tag = "type")]
pub enum Out {
    #[serde(rename = "hes:ready")]
    Ready { version: u32, capabilities: [&'static str; 9], embed: &'static str },
    /// A section's current step (from 1), or how many beats of a scenario are played.
    #[serde(rename = "hes:step-reached")]
    StepReached {
        #[serde(skip_serializing_if = "Option::is_none")]
        section: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        scenario: Option<&'static str>,
        step: usize,
    },
    #[serde(rename = "hes:invoice-issued")]
    InvoiceIssued { reference: String, total: String },
    /// S2–S5: what the balance covered, what the method was charged, what became debt.
    #[serde(rename = "hes:settled")]
    Settled { reference: String, covered: String, charged: String, debt: String },
    /// D4: the debt and its deadline (`YYYY-MM-DD`).
    #[serde(rename = "hes:debtor")]
    Debtor { amount: String, deadline: String },
    #[serde(rename = "hes:suspended")]
    Suspended { accounts: Vec<String> },
    #[serde(rename = "hes:reactivated")]
    Reactivated { accounts: Vec<String> },
    /// Issue 18: a file's expectation checked at its beat (`after` beats played; `index` in the
    /// file's `expect`), both values in the file's words ([`Observed::code`]).
    #[serde(rename = "hes:check")]
    Check { after: usize, index: usize, ok: bool, expected: String, actual: String },
    /// A command refused (`hes:load`: the file's JSON path at fault, and why in the frame's
    /// language); nothing changed.
    #[serde(rename = "hes:error")]
    Error { command: &'static str, path: String, reason: String },
}

/// `hes:load`: the file through the import's gate (size, JSON, version, types, bounded replay,
/// invariants), then the run of it; or the refusal, for `hes:error`.
pub fn load_command(scenario: &serde_json::Value, lang: Lang) -> Result<Start, Out> {
    use crate::storage::scenario_file as files;
    let text = match scenario {
        serde_json::Value::String(text) => text.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    };
    files::parse_scenario_file(&text).and_then(|loaded| files::file_start(&loaded)).map_err(|e| Out::Error {
        command: "hes:load",
        path: e.path().to_string(),
        reason: crate::i18n::scenario_file::file_error(lang, &e),
    })
}

/// `hes:check` for each of a file's expectations checked once `played` beats are played.
pub fn checks_out(start: &Start, played: usize, state: &State) -> Vec<Out> {
    let Start::File(file) = start else { return Vec::new() };
    file.scenario()
        .checks_after(played)
        .map(|(index, e)| {
            let check = e.check(state);
            Out::Check { after: played, index, ok: check.ok, expected: check.expected.code(), actual: check.actual.code() }
        })
        .collect()
}

/// An amount of money as the API writes it: a `Decimal` with its two decimals ("6.98", "0.00").
fn money(amount: Decimal) -> String {
    let mut amount = amount;
    amount.rescale(2);
    amount.to_string()
}

/// The API's events for the journal's new `events`, read in `state` (where each invoice says
/// how it was settled).
pub fn events_out(events: &[Event], state: &State) -> Vec<Out> {
    let mut out = Vec::new();
    for event in events {
        match &event.kind {
            EventKind::InvoiceIssued { reference, total, .. } => {
                out.push(Out::InvoiceIssued { reference: reference.clone(), total: money(*total) });
                if let Some(invoice) = state.invoices.iter().find(|i| &i.reference == reference) {
                    out.push(Out::Settled {
                        reference: reference.clone(),
                        covered: money(invoice.covered_by_balance),
                        charged: money(invoice.charged.as_ref().map_or(Decimal::ZERO, |c| c.2)),
                        debt: money(invoice.debited_to_account),
                    });
                }
            }
            EventKind::DebtorStarted { debt, deadline } => {
                out.push(Out::Debtor { amount: money(*debt), deadline: deadline.to_string() })
            }
            EventKind::SuspendedUnpaid { accounts } => out.push(Out::Suspended { accounts: accounts.clone() }),
            EventKind::Reactivated { accounts } => out.push(Out::Reactivated { accounts: accounts.clone() }),
            _ => {}
        }
    }
    out
}

thread_local! {
    /// Whether the start's parameters were applied and `hes:ready` posted (the panel, and this
    /// with it, is drawn again on a language switch: once is once per page).
    static STARTED: Cell<bool> = const { Cell::new(false) };
    static READY: Cell<bool> = const { Cell::new(false) };
    static IGNORED: Cell<u32> = const { Cell::new(0) };
    /// How many times the run was started again by the API (its replayed events are not posted).
    static RESTARTS: Cell<u32> = const { Cell::new(0) };
    /// The last beat whose checks were posted (with the restart count): once per beat.
    static CHECKED: Cell<Option<(u32, usize)>> = const { Cell::new(None) };
}

/// Posts one of the API's messages (to its origins only: `embed::targets`).
fn send(message: &Out) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        post_value(&value);
    }
}

/// Counts a message that changed nothing, where a test or a curious host can read it.
fn ignore() {
    let count = IGNORED.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-hes-ignored", &count.to_string());
    }
}

/// Starts the run again from its start, logged in as the embed logs in.
fn restart(ctx: Ctx, player: Player) {
    RESTARTS.with(|r| r.set(r.get() + 1));
    player.pause();
    ctx.open_guided(ctx.start.get_untracked(), true);
    embed::log_in(ctx);
}

/// Where the run starts, the autoplay, and (opt-in) the host API.
#[component]
pub fn Host() -> impl IntoView {
    let ctx = use_ctx();
    let player = use_player();
    let navigate = use_navigate();
    let params = params();
    if !STARTED.replace(true) {
        if let Some(speed) = params.speed {
            player.speed.set(speed);
        }
        let target = match ctx.start.get_untracked() {
            Start::Section(_, _) => params.step.map(|n| n - 1),
            Start::Scenario(_, _) => params.beat,
            _ => None,
        };
        if let Some(n) = target {
            restart(ctx, player);
            player.forward(ctx, n);
        }
        if params.autoplay {
            player.play(ctx);
        }
    }
    if !params.api() {
        return;
    }
    // The events: each new entry of the journal (not those of a run started again: `hes:reset`
    // and `hes:go` say where it is with `hes:step-reached`).
    let seen = StoredValue::new((RESTARTS.get(), ctx.sim.with_untracked(|sim| sim.state.journal.last().map(|e| e.seq))));
    Effect::new(move |_| {
        ctx.sim.with(|sim| {
            let journal = &sim.state.journal;
            let (restarts, last) = seen.get_value();
            if restarts == RESTARTS.get() {
                let new_from = last.map_or(0, |seq| journal.partition_point(|e| e.seq <= seq));
                for message in events_out(&journal[new_from..], &sim.state) {
                    send(&message);
                }
            }
            seen.set_value((RESTARTS.get(), journal.last().map(|e| e.seq)));
        });
    });
    Effect::new(move |_| {
        let step = ctx.step.get();
        let message = match ctx.start.get_untracked() {
            Start::Section(section, _) => Out::StepReached { section: Some(section.slug()), scenario: None, step: step + 1 },
            Start::Scenario(id, _) => Out::StepReached { section: None, scenario: Some(id.slug()), step },
            Start::File(_) => Out::StepReached { section: None, scenario: Some("file"), step },
            _ => return,
        };
        send(&message);
    });
    // A file's checks, at each expectation's beat (issue 18).
    Effect::new(move |_| {
        let played = ctx.step.get();
        let start = ctx.start.get();
        let key = Some((RESTARTS.get(), played));
        if CHECKED.get() != key {
            CHECKED.set(key);
            for message in ctx.with_untracked(|s| checks_out(&start, played, s)) {
                send(&message);
            }
        }
    });
    // The commands.
    let handle = move |command: Command| {
        let start_route = super::embed::start_route(&ctx.start.get_untracked());
        match command {
            Command::Play => player.play(ctx),
            Command::Pause => player.pause(),
            Command::Step => {
                player.pause();
                player.step(ctx);
            }
            Command::Reset => {
                restart(ctx, player);
                navigate(start_route, NavigateOptions::default());
            }
            Command::Go(go) => {
                let n = match (go, ctx.start.get_untracked()) {
                    (Go::Step { step }, Start::Section(_, _)) if step >= 1 => step - 1,
                    (Go::Beat { beat }, Start::Scenario(_, _)) => beat,
                    _ => return ignore(),
                };
                restart(ctx, player);
                navigate(start_route, NavigateOptions::default());
                player.forward(ctx, n);
            }
            Command::Advance { to } => {
                let how = match to {
                    AdvanceTo::NextEvent => Advance::NextEvent,
                    AdvanceTo::Day(day) => match (day - ctx.with_untracked(|s| s.today)).num_days() {
                        days @ 1..=3660 => Advance::Days(days as u32),
                        _ => return ignore(),
                    },
                };
                ctx.run(Action::Advance(how));
            }
            Command::SetLang { lang } => {
                let lang = lang.lang();
                #[cfg(target_arch = "wasm32")]
                leptos::task::spawn_local(async move {
                    if crate::i18n::load::ensure_all(lang).await.is_ok() {
                        ctx.lang.set(lang);
                    }
                });
                #[cfg(not(target_arch = "wasm32"))]
                ctx.lang.set(lang);
            }
            Command::SetTheme { theme } => embed::apply_theme(theme.theme()),
            Command::Load { scenario } => match load_command(&scenario, ctx.lang.get_untracked()) {
                Ok(start) => {
                    RESTARTS.with(|r| r.set(r.get() + 1));
                    player.pause();
                    ctx.change(true, |s, now| s.open_in_embed(start, now));
                    navigate(super::guide::scenario::START_ROUTE, NavigateOptions::default());
                }
                Err(refused) => send(&refused),
            },
        }
    };
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
        let from_parent = match (ev.source(), parent) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent || !params.origins.iter().any(|o| *o == ev.origin()) {
            return ignore();
        }
        match serde_wasm_bindgen::from_value::<Command>(ev.data()) {
            Ok(command) => handle(command),
            Err(_) => ignore(),
        }
    });
    on_cleanup(move || listener.remove());
    if !READY.replace(true) {
        send(&Out::Ready { version: VERSION, capabilities: CAPABILITIES, embed: ctx.embed.unwrap_or("") });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scenario::ScenarioId;

    fn command(json: &str) -> Option<Command> {
        serde_json::from_str(json).ok()
    }

    /// Issue 19: the commands a host may send, and shapes that are none of them.
    #[test]
    fn issue19_commands_are_typed_and_anything_else_is_no_command() {
        assert_eq!(command(r#"{"type":"hes:play"}"#), Some(Command::Play));
        assert_eq!(command(r#"{"type":"hes:go","step":3}"#), Some(Command::Go(Go::Step { step: 3 })));
        assert_eq!(command(r#"{"type":"hes:go","beat":2}"#), Some(Command::Go(Go::Beat { beat: 2 })));
        assert_eq!(command(r#"{"type":"hes:advance","to":"next-event"}"#), Some(Command::Advance { to: AdvanceTo::NextEvent }));
        assert_eq!(
            command(r#"{"type":"hes:advance","to":"2026-04-10"}"#),
            Some(Command::Advance { to: AdvanceTo::Day(NaiveDate::from_ymd_opt(2026, 4, 10).unwrap()) })
        );
        assert_eq!(command(r#"{"type":"hes:set-lang","lang":"it"}"#), Some(Command::SetLang { lang: LangCode::It }));
        assert_eq!(command(r#"{"type":"hes:set-theme","theme":"dark"}"#), Some(Command::SetTheme { theme: ThemeCode::Dark }));
        for bad in [
            r#"{"type":"hes:launch"}"#,
            r#"{"type":"hes:go","step":"three"}"#,
            r#"{"type":"hes:go"}"#,
            r#"{"type":"hes:advance","to":"tomorrow"}"#,
            r#"{"type":"hes:set-lang","lang":"de"}"#,
            r#"{"play":true}"#,
            r#""hes:play""#,
            "42",
        ] {
            assert_eq!(command(bad), None, "{bad}");
        }
    }

    /// Issue 19: an invoice's events carry its figures as Decimal strings (S2–S5, D4).
    #[test]
    fn issue19_the_invoice_events_say_how_it_was_settled_s2_s5_d4() {
        let mut state = ScenarioId::DebtUnpaid.start();
        let events = state.apply(Action::Advance(Advance::NextEvent)).unwrap();
        let out = events_out(&events, &state);
        let issued = out.iter().find_map(|m| match m {
            Out::InvoiceIssued { reference, total } => Some((reference.clone(), total.clone())),
            _ => None,
        });
        let (reference, total) = issued.expect("the 10 March invoice");
        assert_eq!(total, "11.98");
        assert!(out.contains(&Out::Settled { reference, covered: "5.00".into(), charged: "0.00".into(), debt: "6.98".into() }), "{out:?}");
        assert!(out.iter().any(|m| matches!(m, Out::Debtor { amount, .. } if amount == "6.98")), "{out:?}");
    }

    /// Issue 18: `hes:load` takes a file (an object or its text) through the import's gate and
    /// plays it; `hes:check` carries each expectation's outcome at its beat with both values
    /// in the file's words; a refused file is `hes:error` with its JSON path, nothing played.
    #[test]
    fn issue18_load_plays_a_file_and_its_checks_go_out_at_their_beats() {
        let root = env!("CARGO_MANIFEST_DIR");
        let text = std::fs::read_to_string(format!("{root}/tests/fixtures/scenarios/wrong-expectation.json")).unwrap();
        let object: serde_json::Value = serde_json::from_str(&text).unwrap();
        let sent = command(&serde_json::json!({"type": "hes:load", "scenario": object}).to_string());
        assert_eq!(sent, Some(Command::Load { scenario: object.clone() }));
        let start = load_command(&object, Lang::Fr).unwrap();
        assert_eq!(load_command(&serde_json::Value::String(text.clone()), Lang::Fr).unwrap(), start, "as its text too");
        let mut sim = crate::domain::Simulator::new(start.clone());
        assert!(checks_out(&start, 0, &sim.state).is_empty(), "no check before the first beat");
        let Start::File(file) = &start else { panic!("a file's run") };
        let action = file.scenario().beat_action(0, &sim.state).unwrap().unwrap();
        sim.apply(action).unwrap();
        let out = checks_out(&start, 1, &sim.state);
        assert_eq!(out, vec![
            Out::Check { after: 1, index: 0, ok: true, expected: "unpaid".into(), actual: "unpaid".into() },
            Out::Check { after: 1, index: 1, ok: false, expected: "-5.00".into(), actual: "-6.98".into() },
        ]);
        assert_eq!(
            serde_json::to_value(&out[1]).unwrap(),
            serde_json::json!({"type": "hes:check", "after": 1, "index": 1, "ok": false, "expected": "-5.00", "actual": "-6.98"})
        );
        // A bad file: refused by its path, in the frame's language.
        let bad = std::fs::read_to_string(format!("{root}/tests/fixtures/scenarios/bad-amount.json")).unwrap();
        let bad: serde_json::Value = serde_json::from_str(&bad).unwrap();
        match load_command(&bad, Lang::It) {
            Err(Out::Error { command, path, reason }) => {
                assert_eq!((command, path.as_str()), ("hes:load", "beats[0].action.amount"));
                assert!(reason.contains("beats[0].action.amount"), "{reason}");
            }
            other => panic!("refused: {other:?}"),
        }
        assert!(matches!(load_command(&serde_json::json!({"version": 9}), Lang::En), Err(Out::Error { .. })));
        assert!(checks_out(&Start::Demo, 1, &sim.state).is_empty(), "only a file has checks");
    }
}
