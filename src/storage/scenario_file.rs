//! Reading and writing scenario files (docs/scenario-format.md): a file picked or dropped, a
//! link `/scenario#f=…` carrying a whole file, a file sent by a host page, the seven built-in
//! scenarios (`public/scenarios/*.json`, compiled in), and what the recorder writes.
//!
//! Every way in goes through the same gate as an import (`transfer.rs`), and nothing changes on
//! a refusal: the size; the JSON; the version (an older one migrated, a newer one refused with
//! its number); the types, each error with its JSON path (`serde_path_to_error`); the domain's
//! parse into typed values ([`Scenario::from_raw`], with a path too); then a bounded replay of
//! the whole scenario through the engine, whose invariants must hold ([`Scenario::play`]). The
//! result is a ready [`LoadedScenario`], or a [`ScenarioFileError`] the UI says in the user's
//! language.

use serde_json::Value;

use super::transfer::{pack, unpack, TransferError, MAX_FILE};
use crate::domain::scenario::{ScenarioId, Start};
use crate::domain::scenario_file::raw::RawScenario;
use crate::domain::scenario_file::{
    DemoStart, FieldPath, FileStart, Played, Problem, Scenario, ScenarioError, ScenarioStart, Segment, FORMAT_VERSION,
};
use crate::domain::{Action, Subsidiary};

/// The fragment's key of a scenario link: `/scenario#f=…`.
pub const SCENARIO_LINK_KEY: &str = "f=";

/// Why a scenario file or link was refused. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioFileError {
    /// Over the size limit (the file, the link, or the link inflated).
    TooLarge { max: usize },
    /// A link cut short or altered (its encoding or compression is broken).
    Damaged,
    /// Not JSON: where the reading stopped.
    NotJson { line: usize, column: usize },
    /// Written by a newer version of the format.
    FutureVersion { found: u64, supported: u32 },
    /// A value of the wrong type, a key missing, or a key the format does not have.
    Type { path: FieldPath, problem: TypeProblem },
    /// Typed, the scenario is wrong (a bad amount, an unknown name…), or it does not play to
    /// its end (a beat refused, a state that breaks an invariant).
    Invalid(ScenarioError),
}

/// What is wrong with a value's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeProblem {
    /// A required key is absent.
    Missing,
    /// The format has no such key (a misspelling?).
    NotInFormat,
    /// Another kind of value is expected here.
    Expected(JsonKind),
}

/// The kinds of JSON value a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    Text,
    /// A whole number (0 or more).
    Number,
    Bool,
    List,
    Object,
    /// A start: a name or an object.
    Start,
    /// Something else (an unusual message from the reader).
    Other,
}

impl ScenarioFileError {
    /// Where in the file it went wrong: the root for the size, the link and the JSON.
    pub fn path(&self) -> FieldPath {
        match self {
            ScenarioFileError::Type { path, .. } => path.clone(),
            ScenarioFileError::Invalid(e) => e.path.clone(),
            ScenarioFileError::FutureVersion { .. } => FieldPath::root().key("version"),
            _ => FieldPath::root(),
        }
    }
}

/// A scenario file that passed the gate: typed, and played once to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    /// The play at load: the state at the end and each expectation's outcome.
    pub played: Played,
    /// It was written in an older version of the format, and migrated.
    pub migrated_from: Option<u32>,
}

/// Reads a scenario file's text (a file picked or dropped, a host page's message).
pub fn parse_scenario_file(text: &str) -> Result<LoadedScenario, ScenarioFileError> {
    if text.len() > MAX_FILE {
        return Err(ScenarioFileError::TooLarge { max: MAX_FILE });
    }
    let doc: Value = serde_json::from_str(text).map_err(|e| ScenarioFileError::NotJson { line: e.line(), column: e.column() })?;
    let Some(fields) = doc.as_object() else {
        return Err(ScenarioFileError::Type { path: FieldPath::root(), problem: TypeProblem::Expected(JsonKind::Object) });
    };
    let version_at = || FieldPath::root().key("version");
    let found = match fields.get("version") {
        None => return Err(ScenarioFileError::Type { path: version_at(), problem: TypeProblem::Missing }),
        Some(v) => v.as_u64().ok_or(ScenarioFileError::Type { path: version_at(), problem: TypeProblem::Expected(JsonKind::Number) })?,
    };
    if found > u64::from(FORMAT_VERSION) {
        return Err(ScenarioFileError::FutureVersion { found, supported: FORMAT_VERSION });
    }
    let found = u32::try_from(found).unwrap_or(0);
    if found == 0 {
        let problem = Problem::Version { found, supported: FORMAT_VERSION };
        return Err(ScenarioFileError::Invalid(ScenarioError::new(version_at(), problem)));
    }
    let raw: RawScenario = serde_path_to_error::deserialize(migrate(found, doc)).map_err(|e| {
        let (path, problem) = type_problem(e.path(), &e.inner().to_string());
        ScenarioFileError::Type { path, problem }
    })?;
    let scenario = Scenario::from_raw(&raw).map_err(ScenarioFileError::Invalid)?;
    let played = scenario.play().map_err(ScenarioFileError::Invalid)?;
    Ok(LoadedScenario { scenario, played, migrated_from: (found < FORMAT_VERSION).then_some(found) })
}

/// Brings a file of an older version up to [`FORMAT_VERSION`], one version at a time. Version 1
/// is the first, so there is no step yet; version 2 adds `if found < 2 { doc = v1_to_v2(doc) }`
/// here, and sets the document's `version`.
fn migrate(found: u32, doc: Value) -> Value {
    debug_assert!(found <= FORMAT_VERSION);
    doc
}

/// The path and the kind of a type error. serde's messages are its stable, documented forms
/// ("missing field `x`", "unknown field `x`, expected …", "invalid type: …, expected …"): read
/// here so that the UI can say what is wrong in the user's language, and the key at fault
/// joins the path (serde_path_to_error stops at the object that lacks it).
fn type_problem(at: &serde_path_to_error::Path, message: &str) -> (FieldPath, TypeProblem) {
    let mut path: Vec<Segment> = at
        .iter()
        .filter_map(|s| match s {
            serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
            serde_path_to_error::Segment::Enum { variant } => Some(Segment::Key(variant.clone())),
            _ => None,
        })
        .collect();
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_string);
    let mut with_key = |key: Option<String>| {
        if let Some(key) = key {
            if path.last() != Some(&Segment::Key(key.clone())) {
                path.push(Segment::Key(key));
            }
        }
    };
    let problem = if message.starts_with("missing field") {
        with_key(quoted(message));
        TypeProblem::Missing
    } else if message.starts_with("unknown field") {
        with_key(quoted(message));
        TypeProblem::NotInFormat
    } else {
        let expected = message.rsplit("expected ").next().unwrap_or("");
        let number = ["u8", "u16", "u32", "u64", "usize", "i32", "i64", "an integer"];
        TypeProblem::Expected(if expected.starts_with("a string") {
            JsonKind::Text
        } else if expected.starts_with("a boolean") {
            JsonKind::Bool
        } else if expected.starts_with("a sequence") {
            JsonKind::List
        } else if expected.starts_with("struct") || expected.starts_with("a map") {
            JsonKind::Object
        } else if expected.starts_with("a start") {
            JsonKind::Start
        } else if number.iter().any(|n| expected.starts_with(n)) {
            JsonKind::Number
        } else {
            JsonKind::Other
        })
    };
    (FieldPath::from(path), problem)
}

/// Whether an imported text is a scenario file rather than the simulator's own export: a JSON
/// object with the format's `beats` (or its schema named in `$schema`) and no export's `app`.
/// Anything else goes to the simulation import, which says what it is not.
pub fn is_scenario_text(text: &str) -> bool {
    let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(text) else { return false };
    let schema = doc.get("$schema").and_then(Value::as_str).is_some_and(|s| s.ends_with("scenario.schema.json"));
    !doc.contains_key("app") && (doc.contains_key("beats") || schema)
}

/// The file the recorder writes (JSON, readable, at [`FORMAT_VERSION`]).
pub fn scenario_text(scenario: &Scenario) -> String {
    serde_json::to_string_pretty(&scenario.to_raw()).unwrap_or_default()
}

/// A scenario link's fragment, without the `#`: `f=` and the compressed, URL-safe file (like a
/// share link, with the same size limits).
pub fn encode_scenario_link(scenario: &Scenario) -> String {
    let json = serde_json::to_string(&scenario.to_raw()).unwrap_or_default();
    format!("{SCENARIO_LINK_KEY}{}", pack(&json))
}

/// Reads a scenario link's fragment (with or without its `#`).
pub fn decode_scenario_link(fragment: &str) -> Result<LoadedScenario, ScenarioFileError> {
    let payload = fragment
        .trim_start_matches('#')
        .strip_prefix(SCENARIO_LINK_KEY)
        .ok_or(ScenarioFileError::Damaged)?;
    let text = unpack(payload).map_err(|e| match e {
        TransferError::TooLarge { max } => ScenarioFileError::TooLarge { max },
        _ => ScenarioFileError::Damaged,
    })?;
    parse_scenario_file(&text)
}

/// The start of a run that plays `loaded` in the scenario player (`Start::File`): saved,
/// shared and replayed with the file inside it.
pub fn file_start(loaded: &LoadedScenario) -> Result<Start, ScenarioFileError> {
    FileStart::new(loaded.scenario.clone())
        .map(|file| Start::File(std::sync::Arc::new(file)))
        .map_err(ScenarioFileError::Invalid)
}

/// A built-in scenario's file, as written in `public/scenarios/<slug>.json`.
pub fn builtin_text(id: ScenarioId) -> &'static str {
    match id {
        ScenarioId::NoPaymentMethod => include_str!("../../public/scenarios/no-payment-method.json"),
        ScenarioId::BalanceCovers => include_str!("../../public/scenarios/balance-covers.json"),
        ScenarioId::BalanceAndCard => include_str!("../../public/scenarios/balance-and-card.json"),
        ScenarioId::CardDeclines => include_str!("../../public/scenarios/card-declines.json"),
        ScenarioId::DebtUnpaid => include_str!("../../public/scenarios/debt-unpaid.json"),
        ScenarioId::ModeChangeTiming => include_str!("../../public/scenarios/mode-change-timing.json"),
        ScenarioId::NoneAndTermination => include_str!("../../public/scenarios/none-and-termination.json"),
    }
}

/// A built-in scenario, through the same gate as any file (a native test keeps them all passing).
pub fn builtin(id: ScenarioId) -> Result<LoadedScenario, ScenarioFileError> {
    parse_scenario_file(builtin_text(id))
}

/// Where a recording of a run that began at `start` starts, and the actions that lead there
/// (the recording's set-up comes first, then the run's log): a built-in scenario's run starts
/// where its file does. A section or a scenario on another subsidiary than France (issue 20)
/// starts from the demo on that subsidiary, its login in the set-up on it too: the format's
/// named starts are France's.
pub fn recording_start(start: &Start) -> Result<(ScenarioStart, Vec<Action>), ScenarioFileError> {
    match start {
        Start::Demo => Ok((ScenarioStart::Demo(DemoStart::default()), Vec::new())),
        Start::Section(section, Subsidiary::Fr) => Ok((ScenarioStart::Section(*section), Vec::new())),
        Start::Section(section, subsidiary) => Ok((
            ScenarioStart::Demo(DemoStart { subsidiary: *subsidiary, ..DemoStart::default() }),
            hes_domain::scenario::section_setup(*section, *subsidiary),
        )),
        Start::Scenario(id, subsidiary) => {
            let file = builtin(*id)?.scenario;
            let (_, setup) = file.setup_actions().map_err(ScenarioFileError::Invalid)?;
            let on = |action: Action| match action {
                Action::LogIn { nic, .. } => Action::LogIn { nic, subsidiary: *subsidiary },
                other => other,
            };
            let start = match file.start {
                ScenarioStart::Demo(demo) => ScenarioStart::Demo(DemoStart { subsidiary: *subsidiary, ..demo }),
                other => other,
            };
            Ok((start, setup.into_iter().map(on).collect()))
        }
        // A file's run starts where the file does, after its set-up.
        Start::File(file) => {
            let scenario = file.scenario();
            let (_, setup) = scenario.setup_actions().map_err(ScenarioFileError::Invalid)?;
            Ok((scenario.start.clone(), setup))
        }
        // U2: a situation's run starts from the situation itself.
        Start::Situation(situation) => Ok((ScenarioStart::Situation(situation.clone()), Vec::new())),
    }
}
