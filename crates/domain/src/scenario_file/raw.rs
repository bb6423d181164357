//! The file as it is written: plain strings, numbers and booleans, every key the format knows
//! and no other (`deny_unknown_fields`: a misspelt key is refused by its path, never ignored).
//! The app deserialises JSON into these, [`super::Scenario::from_raw`] makes them typed; the
//! recorder goes the other way ([`super::Scenario::to_raw`]) and the app writes them as JSON.
//! The keys are docs/scenario-format.md's.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// An editor's pointer to the JSON Schema; read and ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub version: u32,
    pub title: RawTexts,
    pub summary: RawTexts,
    pub start: RawStart,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setup: Vec<RawAction>,
    pub beats: Vec<RawBeat>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<RawExpectation>,
}

/// A text in up to three languages (English is required, by the domain's parse).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTexts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub it: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// `"demo"`, `"g1"` … `"g8"`, or an object naming one start with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RawStart {
    Named(String),
    Object(RawStartObject),
}

/// The start as an object: `{"demo": {…}}` or `{"situation": {…}}` (exactly one of them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStartObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo: Option<RawDemo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<RawSituation>,
}

/// Written by hand rather than `#[serde(untagged)]`: an untagged enum buffers its input and
/// loses the path of an error inside the object (`start.demo.platforms[0].name`); this
/// visitor hands the map straight on, so the path stays.
impl<'de> Deserialize<'de> for RawStart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StartVisitor;
        impl<'de> Visitor<'de> for StartVisitor {
            type Value = RawStart;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a start: a name or an object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawStart, E> {
                Ok(RawStart::Named(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawStart, A::Error> {
                RawStartObject::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawStart::Object)
            }
        }
        deserializer.deserialize_any(StartVisitor)
    }
}

/// The demo with other figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsidiary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<RawPlatform>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlatform {
    pub name: String,
    pub domain: String,
    pub start: String,
    pub accounts: Vec<RawAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccount {
    pub local_part: String,
    pub mode: String,
}

/// The user's own situation (U1), in the situation form's words (`SituationInput`'s keys), with
/// its own `version` (the situation's format, `SITUATION_VERSION`): required, so that a file
/// keeps meaning what it meant when the situation's format changes. Unlike a saved situation, a
/// key the format lacks is refused by its path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSituation {
    pub version: u32,
    pub subsidiary: String,
    pub today: String,
    pub platforms: Vec<RawSituationPlatform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt_since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt_platform: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<RawSituationMethod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_method: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_threshold: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSituationPlatform {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub domain: String,
    pub anniversary: String,
    pub mode: String,
    pub accounts: Vec<RawSituationAccount>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSituationAccount {
    pub local_part: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub pst_exported: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSituationMethod {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_expiry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last4: Option<String>,
}

impl RawSituation {
    /// The situation form's input: a key left out is an empty field.
    pub fn input(&self) -> crate::SituationInput {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        crate::SituationInput {
            version: self.version,
            subsidiary: self.subsidiary.clone(),
            today: self.today.clone(),
            platforms: self
                .platforms
                .iter()
                .map(|p| crate::SituationPlatformInput {
                    name: text(&p.name),
                    domain: p.domain.clone(),
                    anniversary: p.anniversary.clone(),
                    mode: p.mode.clone(),
                    accounts: p
                        .accounts
                        .iter()
                        .map(|a| crate::SituationAccountInput {
                            local_part: a.local_part.clone(),
                            mode: text(&a.mode),
                            expiry: text(&a.expiry),
                            pst_exported: a.pst_exported,
                        })
                        .collect(),
                })
                .collect(),
            balance: text(&self.balance),
            debt_since: text(&self.debt_since),
            debt_platform: self.debt_platform,
            methods: self
                .methods
                .iter()
                .map(|m| crate::SituationMethodInput {
                    kind: m.kind.clone(),
                    status: text(&m.status),
                    card_expiry: text(&m.card_expiry),
                    last4: text(&m.last4),
                })
                .collect(),
            default_method: self.default_method,
            alert_threshold: text(&self.alert_threshold),
        }
    }

    /// The mirror of a situation's form: an empty field is a key left out.
    pub fn of(input: &crate::SituationInput) -> RawSituation {
        let given = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
        RawSituation {
            version: input.version,
            subsidiary: input.subsidiary.to_ascii_lowercase(),
            today: input.today.clone(),
            platforms: input
                .platforms
                .iter()
                .map(|p| RawSituationPlatform {
                    name: given(&p.name),
                    domain: p.domain.clone(),
                    anniversary: p.anniversary.clone(),
                    mode: p.mode.clone(),
                    accounts: p
                        .accounts
                        .iter()
                        .map(|a| RawSituationAccount {
                            local_part: a.local_part.clone(),
                            mode: given(&a.mode),
                            expiry: given(&a.expiry),
                            pst_exported: a.pst_exported,
                        })
                        .collect(),
                })
                .collect(),
            balance: given(&input.balance),
            debt_since: given(&input.debt_since),
            debt_platform: input.debt_platform,
            methods: input
                .methods
                .iter()
                .map(|m| RawSituationMethod {
                    kind: m.kind.clone(),
                    status: given(&m.status),
                    card_expiry: given(&m.card_expiry),
                    last4: given(&m.last4),
                })
                .collect(),
            default_method: input.default_method,
            alert_threshold: given(&input.alert_threshold),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBeat {
    pub action: RawAction,
    pub caption: RawTexts,
    #[serde(default, skip_serializing_if = "is_false")]
    pub pause: bool,
}

/// An action: its name (`do`) and its arguments, each a key of its own so that an error names
/// it (`beats[3].action.amount`). Which keys an action takes: [`super::action_arguments`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    #[serde(rename = "do")]
    pub act: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsidiary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paypal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_part: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yearly: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<u32>,
}

impl RawAction {
    /// The action named `act`, with no arguments yet.
    pub fn named(act: &str) -> RawAction {
        RawAction { act: act.to_string(), ..RawAction::default() }
    }

    /// Each argument key, and whether the file gives it.
    pub fn given(&self) -> [(&'static str, bool); 20] {
        [
            ("nic", self.nic.is_some()),
            ("subsidiary", self.subsidiary.is_some()),
            ("card", self.card.is_some()),
            ("expiry", self.expiry.is_some()),
            ("paypal", self.paypal.is_some()),
            ("iban", self.iban.is_some()),
            ("method", self.method.is_some()),
            ("on", self.on.is_some()),
            ("amount", self.amount.is_some()),
            ("order", self.order.is_some()),
            ("accounts", self.accounts.is_some()),
            ("account", self.account.is_some()),
            ("mode", self.mode.is_some()),
            ("platform", self.platform.is_some()),
            ("local_part", self.local_part.is_some()),
            ("monthly", self.monthly.is_some()),
            ("yearly", self.yearly.is_some()),
            ("days", self.days.is_some()),
            ("date", self.date.is_some()),
            ("email", self.email.is_some()),
        ]
    }
}

/// An expectation: `after` (beats played), one subject key, and what it takes
/// ([`super::subject_arguments`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpectation {
    pub after: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

impl RawExpectation {
    /// Each key besides `after`, and whether the file gives it.
    pub fn given(&self) -> [(&'static str, bool); 10] {
        [
            ("balance", self.balance.is_some()),
            ("today", self.today.is_some()),
            ("invoice", self.invoice.is_some()),
            ("account", self.account.is_some()),
            ("platform", self.platform.is_some()),
            ("email", self.email.is_some()),
            ("status", self.status.is_some()),
            ("mode", self.mode.is_some()),
            ("expiry", self.expiry.is_some()),
            ("count", self.count.is_some()),
        ]
    }
}
