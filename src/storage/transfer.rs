//! Moving a simulation out of one browser and into another: the share link (in the URL's
//! fragment, so it never reaches a server) and the JSON file (export, import).
//!
//! Both carry the save envelope of [`super::Store`] (schema, revision, time, and the run: its
//! start, its rules version, its actions), marked as this app's. A link compresses it
//! (DEFLATE, `miniz_oxide`) and encodes it URL-safe (base64url, `base64`). Reading either checks
//! everything before anything changes: the size, the envelope and its schema (older ones are
//! migrated, a newer one is refused by its number), the types, then a replay through the
//! engine, whose invariants must hold (the balance is the sum of its movements, the dates are
//! in order). The result is a ready [`Simulator`] or a typed error the UI says in the user's
//! language.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::store::{migrate, LoadError, SCHEMA};
use crate::domain::scenario::RULES_VERSION;
use crate::domain::{BoundsError, Invariant, Replay, ReplayError, RunSummary, SavedRun, Simulator};

/// What marks a file or link as this app's.
pub const APP: &str = "hosted-exchange-sim";
/// The fragment's key: `#s=…`.
pub const LINK_KEY: &str = "s=";
/// The longest link payload read (characters after `#s=`).
pub const MAX_LINK: usize = 48 * 1024;
/// The largest import file read, and the largest decompressed link.
pub const MAX_FILE: usize = 1024 * 1024;

/// Why a link or a file was refused. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferError {
    /// Over the size limit.
    TooLarge { max: usize },
    /// Not a complete link: cut short or altered (its encoding or compression is broken).
    Damaged,
    /// Readable, but not a simulation of this app (not its JSON, or fields of the wrong type).
    NotOurs,
    /// Made by a newer version of the app.
    FutureSchema { found: u32, supported: u32 },
    /// Its log does not replay: its action `index` (from 0) is refused.
    Refused { index: usize },
    /// Replayed, it breaks an invariant.
    Broken(Invariant),
    /// It is over the simulator's bounds (B1–B6): refused before any replay.
    Bounds(BoundsError),
}

/// A link or file, checked and replayed: ready to replace the user's simulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub sim: Simulator,
    pub run: SavedRun,
    /// It was written in an older schema and migrated.
    pub migrated_from: Option<u32>,
    /// It was made under other rules: replayed under the current ones (the user is told).
    pub other_rules: Option<u32>,
}

/// A link or file read and checked, but not replayed yet (issue 16: ask first, then replay):
/// its envelope, schema and types are read and it is within the bounds (B1–B6), and its
/// summary says what it is. [`Pending::replay`] and [`Pending::finish`] replay it (in slices,
/// so that a browser can yield between them) and check the result as [`decode_link`] does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub run: SavedRun,
    pub summary: RunSummary,
    pub migrated_from: Option<u32>,
    pub other_rules: Option<u32>,
}

impl Pending {
    /// The replay of its run, under the current rules (its bounds were checked when it was read).
    pub fn replay(&self) -> Result<Replay, TransferError> {
        Replay::new(&self.run).map_err(TransferError::Bounds)
    }

    /// The run replayed to its end (what `replay` has not done yet is done now) and checked:
    /// every invariant holds, in the run and in each snapshot.
    pub fn finish(self, replay: Replay) -> Result<Received, TransferError> {
        let sim = replay.finish().map_err(replay_error)?;
        sim.state.check_invariants().map_err(TransferError::Broken)?;
        for snapshot in &sim.snapshots {
            snapshot.state.check_invariants().map_err(TransferError::Broken)?;
        }
        Ok(Received {
            sim,
            run: self.run,
            migrated_from: self.migrated_from,
            other_rules: self.other_rules,
        })
    }

    /// Replayed in one go.
    pub fn replayed(self) -> Result<Received, TransferError> {
        let replay = self.replay()?;
        self.finish(replay)
    }
}

/// Why a replay stopped, as the transfer's error.
pub fn replay_error(e: ReplayError) -> TransferError {
    match e {
        ReplayError::Refused { index, .. } => TransferError::Refused { index },
        ReplayError::OtherRules { .. } => TransferError::NotOurs,
        ReplayError::Bounds(error) => TransferError::Bounds(error),
    }
}

#[derive(Serialize)]
struct Outgoing<'a> {
    app: &'a str,
    schema: u32,
    revision: u64,
    saved_at: &'a str,
    state: &'a SavedRun,
}

#[derive(Deserialize)]
struct Incoming {
    app: String,
}

fn envelope(run: &SavedRun, saved_at: &str, pretty: bool) -> String {
    let out = Outgoing {
        app: APP,
        schema: SCHEMA,
        revision: 1,
        saved_at,
        state: run,
    };
    let text = if pretty {
        serde_json::to_string_pretty(&out)
    } else {
        serde_json::to_string(&out)
    };
    text.unwrap_or_default()
}

/// The export file's text (JSON, readable).
pub fn export_text(run: &SavedRun, saved_at: &str) -> String {
    envelope(run, saved_at, true)
}

/// The share link's fragment, without the `#`: `s=` and the compressed, URL-safe run. The
/// snapshots stay behind (a link carries the simulation, not its history of saves).
pub fn encode_link(run: &SavedRun) -> String {
    let run = SavedRun {
        snapshots: Vec::new(),
        ..run.clone()
    };
    format!("{LINK_KEY}{}", pack(&envelope(&run, "", false)))
}

/// A link's payload: `text` compressed and made URL-safe (a share link, a scenario link).
pub(crate) fn pack(text: &str) -> String {
    // zlib, not raw DEFLATE: its Adler-32 checksum refuses a link changed by one character
    // that would still inflate to another valid run.
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 9);
    URL_SAFE_NO_PAD.encode(packed)
}

/// [`pack`]'s text back, within the size limits: at most [`MAX_LINK`] characters in, at most
/// [`MAX_FILE`] bytes out.
pub(crate) fn unpack(payload: &str) -> Result<String, TransferError> {
    if payload.len() > MAX_LINK {
        return Err(TransferError::TooLarge { max: MAX_LINK });
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| TransferError::Damaged)?;
    let text = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_FILE).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => TransferError::TooLarge { max: MAX_FILE },
            _ => TransferError::Damaged,
        }
    })?;
    String::from_utf8(text).map_err(|_| TransferError::Damaged)
}

/// Reads a share link's fragment (with or without its `#`), and replays it.
pub fn decode_link(fragment: &str) -> Result<Received, TransferError> {
    decode_link_pending(fragment)?.replayed()
}

/// Reads a share link's fragment (with or without its `#`) without replaying it: what the
/// dialog shows before asking (issue 16). Refused here when over the bounds.
pub fn decode_link_pending(fragment: &str) -> Result<Pending, TransferError> {
    let payload = fragment
        .trim_start_matches('#')
        .strip_prefix(LINK_KEY)
        .ok_or(TransferError::Damaged)?;
    read(&unpack(payload)?)
}

/// Reads an import file's text, and replays it.
pub fn parse_import(text: &str) -> Result<Received, TransferError> {
    parse_import_pending(text)?.replayed()
}

/// Reads an import file's text without replaying it (as [`decode_link_pending`]).
pub fn parse_import_pending(text: &str) -> Result<Pending, TransferError> {
    if text.len() > MAX_FILE {
        return Err(TransferError::TooLarge { max: MAX_FILE });
    }
    read(text)
}

/// The number of items of a JSON array, counted without building them.
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        struct Items;
        impl<'de> serde::de::Visitor<'de> for Items {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(Items)
    }
}

/// The shape of a current envelope, its logs counted, not built.
#[derive(Deserialize)]
struct Shape {
    app: String,
    schema: u32,
    state: ShapeRun,
}

#[derive(Deserialize)]
struct ShapeRun {
    actions: Count,
    #[serde(default)]
    snapshots: Vec<ShapeSnapshot>,
}

#[derive(Deserialize)]
struct ShapeSnapshot {
    actions: Count,
}

/// B1 and B4 before anything is built (issue 16): a link of a few kilobytes can inflate to a
/// megabyte of actions, and building them (a JSON tree, then the actions) took most of the time
/// of its refusal. One scan of the text counts the logs of a current envelope of this app and
/// refuses those over the bounds, in the order [`SavedRun::check_bounds`] checks them, so the
/// refusal is the one it would give. Any other text goes on to the full read.
fn precheck(text: &str) -> Result<(), BoundsError> {
    use crate::domain::bounds::{Log, MAX_ACTIONS, MAX_SNAPSHOTS, MAX_SNAPSHOT_ACTIONS};
    let Ok(shape) = serde_json::from_str::<Shape>(text) else { return Ok(()) };
    if shape.app != APP || shape.schema != SCHEMA {
        return Ok(());
    }
    let snapshots = &shape.state.snapshots;
    if snapshots.len() > MAX_SNAPSHOTS {
        return Err(BoundsError::Snapshots { count: snapshots.len(), max: MAX_SNAPSHOTS });
    }
    let together: usize = snapshots.iter().map(|s| s.actions.0).sum();
    if together > MAX_SNAPSHOT_ACTIONS {
        return Err(BoundsError::SnapshotActions { count: together, max: MAX_SNAPSHOT_ACTIONS });
    }
    let logs = std::iter::once((Log::Run, shape.state.actions.0))
        .chain(snapshots.iter().enumerate().map(|(i, s)| (Log::Snapshot(i), s.actions.0)));
    for (log, count) in logs {
        if count > MAX_ACTIONS {
            return Err(BoundsError::Actions { log, count, max: MAX_ACTIONS });
        }
    }
    Ok(())
}

fn read(text: &str) -> Result<Pending, TransferError> {
    precheck(text).map_err(TransferError::Bounds)?;
    let doc: Value = serde_json::from_str(text).map_err(|_| TransferError::NotOurs)?;
    let ours = serde_json::from_value::<Incoming>(doc.clone()).is_ok_and(|i| i.app == APP);
    if !ours {
        return Err(TransferError::NotOurs);
    }
    let schema = doc
        .get("schema")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or(TransferError::NotOurs)?;
    let migrated = migrate(schema, doc).map_err(|e| match e {
        LoadError::FutureSchema { found, supported } => TransferError::FutureSchema { found, supported },
        _ => TransferError::NotOurs,
    })?;
    let state = migrated.get("state").cloned().ok_or(TransferError::NotOurs)?;
    let run: SavedRun = serde_json::from_value(state).map_err(|_| TransferError::NotOurs)?;
    run.check_bounds().map_err(TransferError::Bounds)?;
    Ok(Pending {
        summary: run.summary(),
        other_rules: (run.rules != RULES_VERSION).then_some(run.rules),
        migrated_from: (schema < SCHEMA).then_some(schema),
        run,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scenario::Start;
    use crate::domain::{Action, Advance, NicHandle, Subsidiary};

    fn played() -> Simulator {
        let mut sim = Simulator::new(Start::Demo);
        sim.apply(Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr }).unwrap();
        sim.apply(Action::Advance(Advance::NextEvent)).unwrap();
        sim.snapshot("debtor".into()).unwrap();
        sim.apply(Action::Advance(Advance::Days(3))).unwrap();
        sim
    }

    #[test]
    fn a_link_carries_the_run_and_reads_back_to_the_same_simulation() {
        let sim = played();
        let link = encode_link(&sim.saved(0));
        assert!(link.starts_with("s="));
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b)), "URL-safe");
        let got = decode_link(&format!("#{link}")).unwrap();
        assert_eq!(got.sim.state, sim.state);
        assert_eq!(got.sim.log, sim.log);
        assert!(got.sim.snapshots.is_empty(), "a link leaves the snapshots behind");
        assert_eq!((got.migrated_from, got.other_rules), (None, None));
    }

    #[test]
    fn an_export_imports_back_to_an_equal_simulation() {
        let sim = played();
        let text = export_text(&sim.saved(2), "2026-11-22T10:00:00.000Z");
        let got = parse_import(&text).unwrap();
        assert_eq!(got.sim, sim);
        assert_eq!(got.run.step, 2);
    }

    /// Issue 16: a link is read and checked against the bounds without being replayed; its
    /// summary comes from its log. A log whose action is refused is found only on replay, and
    /// the replay, in slices or in one go, says so.
    #[test]
    fn a_link_is_read_without_replaying_it_and_replayed_in_slices() {
        let sim = played();
        let mut run = sim.saved(0);
        let pending = decode_link_pending(&encode_link(&run)).unwrap();
        assert_eq!(pending.summary.actions, run.actions.len());
        // A *Next event* counts for a day at least: the date is the earliest it can reach.
        assert!(matches!(pending.summary.reaches, crate::domain::Reach::NotBefore(day) if day <= sim.state.today));
        let mut replay = pending.replay().unwrap();
        let mut slices = 0;
        while !replay.step(1).unwrap().is_finished() {
            slices += 1;
        }
        assert_eq!(slices, run.actions.len() - 1);
        let got = pending.finish(replay).unwrap();
        assert_eq!(got.sim.state, sim.state);
        // A log that no longer replays: decoded all the same (nothing is replayed), refused on
        // replay with the action that is.
        run.actions.push(Action::LogIn { nic: NicHandle::parse("ab12345-ovh").unwrap(), subsidiary: Subsidiary::Fr });
        let pending = decode_link_pending(&encode_link(&run)).expect("not replayed when read");
        assert_eq!(pending.summary.actions, run.actions.len());
        assert_eq!(pending.replayed(), Err(TransferError::Refused { index: run.actions.len() - 1 }));
        // Over the bounds: refused when read.
        let over = crate::domain::probe::centuries(2_700);
        assert!(matches!(decode_link_pending(&encode_link(&over)), Err(TransferError::Bounds(_))));
        assert!(matches!(parse_import_pending(&export_text(&over, "")), Err(TransferError::Bounds(_))));
    }

    /// The count before any build refuses what `check_bounds` refuses, with the same error.
    #[test]
    fn b1_a_log_over_the_bounds_is_refused_before_its_actions_are_built() {
        use crate::domain::probe;
        for run in [probe::debt_next_events(5_000), probe::debt_next_events(6_000), probe::accounts_then_next_events(2_000, 4_000)] {
            let text = export_text(&run, "");
            assert_eq!(precheck(&text).err(), run.check_bounds().err(), "{}", run.actions.len());
            assert_eq!(parse_import_pending(&text).err(), run.check_bounds().err().map(TransferError::Bounds));
        }
        let mut run = probe::debt_next_events(10);
        run.snapshots = (0..21).map(|i| crate::domain::SavedSnapshot { name: i.to_string(), start: None, actions: Vec::new() }).collect();
        assert_eq!(precheck(&export_text(&run, "")).err(), run.check_bounds().err());
        assert!(precheck(&export_text(&run, "")).is_err());
        // Not this app's, or of another schema: left to the full read, which says so.
        let other = export_text(&probe::debt_next_events(6_000), "").replacen(APP, "another-app", 1);
        assert_eq!(precheck(&other), Ok(()));
        assert_eq!(parse_import_pending(&other).err(), Some(TransferError::NotOurs));
    }

    #[test]
    fn a_truncated_tampered_or_oversized_link_is_refused() {
        let link = encode_link(&played().saved(0));
        assert_eq!(decode_link(&link[..link.len() / 2]).unwrap_err(), TransferError::Damaged);
        let mut tampered = link.clone().into_bytes();
        let i = tampered.len() - 10;
        tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
        assert!(decode_link(&String::from_utf8(tampered).unwrap()).is_err());
        assert_eq!(decode_link("s=not base64!"), Err(TransferError::Damaged));
        assert_eq!(decode_link("x=abc"), Err(TransferError::Damaged));
        let huge = format!("s={}", "A".repeat(MAX_LINK + 1));
        assert_eq!(decode_link(&huge), Err(TransferError::TooLarge { max: MAX_LINK }));
        // A small link that inflates past the limit (a "zip bomb") stops at the limit.
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; MAX_FILE + 10], 9);
        assert_eq!(
            decode_link(&format!("s={}", URL_SAFE_NO_PAD.encode(bomb))),
            Err(TransferError::TooLarge { max: MAX_FILE })
        );
    }

    #[test]
    fn a_link_changed_by_any_one_character_is_refused_as_damaged() {
        // Raw DEFLATE once let "{\"Days\":7}" become "{\"Days\":6}" and offered the other run.
        let run = played().saved(0);
        let link = encode_link(&run);
        let payload = link.strip_prefix(LINK_KEY).unwrap();
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for i in 0..payload.len() {
            for &c in &alphabet[(i * 7) % 60..(i * 7) % 60 + 4] {
                let mut changed = payload.as_bytes().to_vec();
                if changed[i] == c {
                    continue;
                }
                changed[i] = c;
                let changed = String::from_utf8(changed).unwrap();
                match decode_link(&format!("{LINK_KEY}{changed}")) {
                    Err(TransferError::Damaged | TransferError::NotOurs) => {}
                    // Padding bits (the last character's, the last DEFLATE byte's) change no
                    // data: the same run comes out, which is no harm.
                    Ok(received) if received.run == SavedRun { snapshots: Vec::new(), ..run.clone() } => {}
                    other => panic!("character {i} changed to {}: {:?}", c as char, other.map(|r| r.run)),
                }
            }
        }
    }

    #[test]
    fn a_bad_file_is_refused_with_its_reason() {
        let good = export_text(&played().saved(0), "");
        assert_eq!(parse_import("not json"), Err(TransferError::NotOurs));
        assert_eq!(parse_import(r#"{"schema":2}"#), Err(TransferError::NotOurs));
        assert_eq!(parse_import(&good.replace(APP, "other-app")), Err(TransferError::NotOurs));
        assert_eq!(
            parse_import(&good.replace("\"schema\": 2", "\"schema\": 9")),
            Err(TransferError::FutureSchema { found: 9, supported: SCHEMA })
        );
        assert_eq!(parse_import(&good.replace("\"Advance\"", "\"Advanse\"")), Err(TransferError::NotOurs), "types");
        assert_eq!(
            parse_import(&good.replace("\"LogIn\"", "\"LogOut\": null, \"x\"")),
            Err(TransferError::NotOurs)
        );
        // A log the engine refuses: logging out twice.
        let mut sim = Simulator::new(Start::Demo);
        sim.log.push(Action::LogOut);
        assert_eq!(parse_import(&export_text(&sim.saved(0), "")), Err(TransferError::Refused { index: 0 }));
        let big = format!("{good}{}", " ".repeat(MAX_FILE));
        assert_eq!(parse_import(&big), Err(TransferError::TooLarge { max: MAX_FILE }));
    }

    #[test]
    fn an_older_file_is_migrated_and_replayed_under_the_current_rules() {
        // The previous release saved a bare log (schema 1, no start, no rules version).
        let old = r#"{"app":"hosted-exchange-sim","schema":1,"revision":3,"saved_at":"",
            "state":{"actions":[{"LogIn":{"nic":"ab12345-ovh","subsidiary":"Fr"}},{"Advance":"NextEvent"}],"snapshots":[]}}"#;
        let got = parse_import(old).unwrap();
        assert_eq!((got.migrated_from, got.other_rules), (Some(1), Some(1)));
        assert_eq!(got.sim.start, Start::Demo);
        assert_eq!(got.sim.state.today, chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
    }
}
