//! Policies: what to do with each kind of finding and score, as data.
//!
//! A policy is JSON (the JS API) or TOML (the CLI), laid over the embedded default
//! (`config/policy.toml`): objects merge key by key, other values replace. Every field is checked:
//! an unknown field, a misspelt action or an entity scrim cannot produce is an error that names
//! the field, never a silent default.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What the policy does with a prompt that has a finding or a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Nothing: the text is sent as is (the finding is still reported).
    Allow,
    /// The text is sent as is; the user is told.
    Warn,
    /// The value is replaced by its operator before sending.
    Redact,
    /// The text must not be sent.
    Block,
}

impl Action {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Warn => "warn",
            Action::Redact => "redact",
            Action::Block => "block",
        }
    }
}

/// How a value to redact is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// A numbered typed placeholder, `[EMAIL_ADDRESS_1]`, that `restore` turns back.
    Placeholder,
    /// Characters masked but the last few, `**** **** **** 1111`. Not restorable.
    Mask,
    /// A keyed hash, `[EMAIL_ADDRESS#1f0c…]`: equal values hash equal within one instance. Not restorable.
    Hash,
    /// Removed entirely. Not restorable.
    Redact,
    /// A realistic, format-valid stand-in (a name of similar origin, a Luhn-valid test card, an
    /// e-mail on example.com...) that `restore` maps back. Entities with no realistic form fall
    /// back to the placeholder.
    Pseudonym,
}

/// Per-entity rule; every field optional so a user policy can change one thing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct EntityRule {
    /// What to do with a prompt containing the entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub action: Option<Action>,
    /// How to replace the value when the action is redact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub operator: Option<Operator>,
    /// Findings scoring below this are dropped.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "opt_decimal")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub min_score: Option<f32>,
}

/// Warn and block thresholds for a classifier score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// At or above: at least warn.
    #[serde(serialize_with = "decimal")]
    pub warn: f32,
    /// At or above: block. Absent: this score never blocks.
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "opt_decimal")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub block: Option<f32>,
}

/// A deny-list entry: values that are always this entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DenyEntry {
    /// The entity the values are reported as.
    pub entity: String,
    /// The values (matched case-insensitively as whole words).
    pub values: Vec<String>,
}

/// A custom regex recognizer given in the policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CustomRecognizer {
    /// The entity it reports (a new name, or a built-in one).
    pub entity: String,
    /// Rust `regex` syntax (linear time). A group named `v` narrows the finding to that group.
    pub pattern: String,
    /// The score of a match, in [0, 1].
    #[serde(default = "default_custom_score", serialize_with = "decimal")]
    pub score: f32,
    /// Context words that raise the score.
    #[serde(default)]
    pub context: Vec<String>,
    /// A name for the finding's source; defaults to the entity.
    #[serde(default)]
    pub name: Option<String>,
}

/// A policy number as it was written: `0.85`, not `0.8500000238418579` (the f32 widened to f64,
/// which is what a JS caller reading `scrim.policy` would otherwise see). f32's `Display` is the
/// shortest decimal that reads back as the same f32, so the value round-trips exactly and the
/// policy id (serde_json prints f32 the same way) does not change.
fn decimal<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(x.to_string().parse().unwrap_or(f64::from(*x)))
}

fn opt_decimal<S: serde::Serializer>(x: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => decimal(x, s),
        None => s.serialize_none(),
    }
}

fn default_custom_score() -> f32 {
    0.8
}

/// Mask operator settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct MaskSettings {
    /// The masking character.
    pub char: char,
    /// How many trailing letters or digits stay visible.
    pub keep_last: usize,
}

/// Which classifiers run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ModelSwitches {
    /// The toxicity classifier.
    pub toxicity: bool,
    /// The prompt-injection classifier (the heuristics always run).
    pub injection: bool,
    /// The names/places/organisations token classifier.
    pub ner: bool,
}

impl ModelSwitches {
    /// Whether the bundled model called `name` (`toxicity`, `injection`, `ner`) is on.
    pub fn is_on(&self, name: &str) -> bool {
        match name {
            "toxicity" => self.toxicity,
            "injection" => self.injection,
            "ner" => self.ner,
            _ => false,
        }
    }
}

/// Limits that keep hostile input and hostile policies bounded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Larger input is an error, not a truncation.
    pub max_input_bytes: usize,
    /// At most this many custom patterns.
    pub max_custom_patterns: usize,
    /// Each custom pattern at most this long.
    pub max_pattern_bytes: usize,
    /// The most memory one compiled custom pattern (and its lazy DFA) may take, in bytes: a
    /// pattern like `\w{1000}{1000}` is refused instead of building a huge automaton.
    pub max_compiled_pattern_bytes: usize,
}

/// Built-in recognizers to switch off or on by id (`generic.url`) on top of
/// `config/recognizers.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RecognizerSwitches {
    /// Recognizer ids to turn on, also those off by default (`generic.uuid`).
    #[serde(default)]
    pub enable: Vec<String>,
    /// Recognizer ids to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
}

impl RecognizerSwitches {
    /// Whether the recognizer `id` runs, given whether `config/recognizers.toml` turns it on.
    fn is_on(&self, id: &str, by_default: bool) -> bool {
        (by_default || self.enable.iter().any(|e| e == id)) && !self.disable.iter().any(|d| d == id)
    }
}

/// A complete policy (the default with the user's overrides laid over it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name for people; the policy id is the hash of the whole policy, not this.
    pub name: String,
    /// The rule for entities not named in `entities`.
    pub default: EntityRule,
    /// Per-entity rules.
    #[serde(default)]
    pub entities: BTreeMap<String, EntityRule>,
    /// Classifier thresholds by label.
    #[serde(default)]
    pub scores: BTreeMap<String, Thresholds>,
    /// Values never reported (exact, case-insensitive), e.g. the company's support address.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Values always reported.
    #[serde(default)]
    pub deny: Vec<DenyEntry>,
    /// Custom regex recognizers.
    #[serde(default)]
    pub custom: Vec<CustomRecognizer>,
    /// Built-in recognizers switched on or off by id.
    #[serde(default)]
    pub recognizers: RecognizerSwitches,
    /// Mask operator settings.
    pub mask: MaskSettings,
    /// Which classifiers run.
    pub models: ModelSwitches,
    /// Input and pattern limits.
    pub limits: Limits,
    /// Link a person's later partial names ("John", "Mr Smith", "J. Smith") to the placeholder of
    /// the one full name they fit; ambiguous ones get their own.
    #[serde(default = "default_true")]
    pub link_aliases: bool,
}

fn default_true() -> bool {
    true
}

/// The rule that applies to one entity: the entity's own fields, falling back to the default's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// What a prompt with this entity calls for.
    pub action: Action,
    /// How a value is replaced when the action is redact or block.
    pub operator: Operator,
    /// Findings scoring below this are dropped.
    pub min_score: f32,
}

/// Merge `over` into `base`: objects key by key, anything else replaces.
fn overlay(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => overlay(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

impl Policy {
    /// The embedded default policy as JSON, parsed once per process.
    fn embedded_value() -> serde_json::Value {
        static VALUE: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
        VALUE
            .get_or_init(|| {
                let value: toml::Value =
                    toml::from_str(include_str!("../../config/policy.toml")).expect("config/policy.toml parses");
                serde_json::to_value(value).expect("TOML converts to JSON")
            })
            .clone()
    }

    /// The embedded default policy.
    pub fn embedded() -> Policy {
        Policy::from_overrides(serde_json::Value::Object(Default::default())).expect("the default policy is valid")
    }

    /// The default policy with `overrides` (a JSON object, possibly partial) laid over it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Policy`](crate::ErrorKind::Policy) naming the field: unknown fields, wrong types,
    /// unknown actions/operators, unknown entities or score labels, scores outside [0, 1].
    pub fn from_overrides(overrides: serde_json::Value) -> Result<Policy> {
        Policy::from_layers([overrides])
    }

    /// The default policy with each layer of overrides laid over it in turn: a skin's own defaults
    /// first (the CLI's larger input limit), then the user's policy.
    ///
    /// # Errors
    ///
    /// As [`Policy::from_overrides`]; a layer that is not an object is an error.
    pub fn from_layers(layers: impl IntoIterator<Item = serde_json::Value>) -> Result<Policy> {
        let mut value = Policy::embedded_value();
        for layer in layers {
            if !layer.is_object() {
                return Err(Error::policy("policy: expected an object"));
            }
            overlay(&mut value, layer);
        }
        let policy: Policy = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { format!(".{path}") };
            Error::policy(format!("policy{path}: {}", e.inner()))
        })?;
        policy.check()?;
        Ok(policy)
    }

    /// The overrides a JSON policy text holds, not yet checked (see [`Policy::from_layers`]).
    ///
    /// # Errors
    ///
    /// JSON syntax errors with line and column.
    pub fn overrides_from_json(json: &str) -> Result<serde_json::Value> {
        serde_json::from_str(json).map_err(|e| Error::policy(format!("policy JSON: {e}")))
    }

    /// The overrides a TOML policy text holds, not yet checked (see [`Policy::from_layers`]).
    ///
    /// # Errors
    ///
    /// TOML syntax errors with their location.
    pub fn overrides_from_toml(text: &str) -> Result<serde_json::Value> {
        let value: toml::Value = toml::from_str(text).map_err(|e| Error::policy(format!("policy TOML: {e}")))?;
        serde_json::to_value(value).map_err(|e| Error::policy(format!("policy TOML: {e}")))
    }

    /// Parse a JSON policy (overrides of the default).
    ///
    /// # Errors
    ///
    /// As [`Policy::from_overrides`], plus JSON syntax errors with line and column.
    pub fn from_json(json: &str) -> Result<Policy> {
        Policy::from_overrides(Policy::overrides_from_json(json)?)
    }

    /// Parse a TOML policy (overrides of the default).
    ///
    /// # Errors
    ///
    /// As [`Policy::from_overrides`], plus TOML syntax errors with their location.
    pub fn from_toml(text: &str) -> Result<Policy> {
        Policy::from_overrides(Policy::overrides_from_toml(text)?)
    }

    /// The entities this policy may name: built-in recognizers', the models', and its own custom
    /// and deny-list entities.
    pub fn known_entities(&self) -> BTreeSet<String> {
        let mut known: BTreeSet<String> = crate::recognizer::registry::entities().into_iter().map(String::from).collect();
        known.extend(crate::entity::NER.iter().chain(crate::entity::HEURISTICS).map(|s| s.to_string()));
        known.extend(crate::recognizer::RecognizerConfig::embedded().fields.rule.iter().map(|r| r.entity.clone()));
        known.extend(self.custom.iter().map(|c| c.entity.clone()));
        known.extend(self.deny.iter().map(|d| d.entity.clone()));
        known
    }

    fn check(&self) -> Result<()> {
        let known = self.known_entities();
        let score_ok = |s: f32| (0.0..=1.0).contains(&s);
        for (name, rule) in std::iter::once(("default", &self.default)).chain(self.entities.iter().map(|(k, v)| (k.as_str(), v)))
        {
            let field = if name == "default" { "policy.default".to_string() } else { format!("policy.entities.{name}") };
            if name != "default" && !known.contains(name) {
                return Err(Error::policy(format!(
                    "{field}: unknown entity {name:?}; known entities: {}",
                    known.iter().cloned().collect::<Vec<_>>().join(", ")
                )));
            }
            if let Some(s) = rule.min_score {
                if !score_ok(s) {
                    return Err(Error::policy(format!("{field}.min_score: {s} is outside [0, 1]")));
                }
            }
        }
        for field in ["action", "operator", "min_score"] {
            let missing = match field {
                "action" => self.default.action.is_none(),
                "operator" => self.default.operator.is_none(),
                _ => self.default.min_score.is_none(),
            };
            if missing {
                return Err(Error::policy(format!("policy.default.{field}: required")));
            }
        }
        let labels = crate::model::catalog::score_labels();
        for (label, t) in &self.scores {
            if !labels.contains(label) {
                return Err(Error::policy(format!(
                    "policy.scores.{label}: no bundled model scores this label; known: {}",
                    labels.join(", ")
                )));
            }
            if !score_ok(t.warn) {
                return Err(Error::policy(format!("policy.scores.{label}.warn: {} is outside [0, 1]", t.warn)));
            }
            if let Some(block) = t.block.filter(|&b| !score_ok(b)) {
                return Err(Error::policy(format!(
                    "policy.scores.{label}.block: {block} is outside [0, 1] (leave block out for a score that never blocks)"
                )));
            }
        }
        for (i, c) in self.custom.iter().enumerate() {
            if !score_ok(c.score) {
                return Err(Error::policy(format!("policy.custom[{i}].score: {} is outside [0, 1]", c.score)));
            }
            if !crate::text::is_entity_name(&c.entity) {
                return Err(Error::policy(format!(
                    "policy.custom[{i}].entity: {:?} must be UPPER_SNAKE_CASE (a letter first, single underscores)",
                    c.entity
                )));
            }
        }
        for (i, d) in self.deny.iter().enumerate() {
            if !crate::text::is_entity_name(&d.entity) {
                return Err(Error::policy(format!(
                    "policy.deny[{i}].entity: {:?} must be UPPER_SNAKE_CASE (a letter first, single underscores)",
                    d.entity
                )));
            }
            if d.values.iter().any(String::is_empty) {
                return Err(Error::policy(format!("policy.deny[{i}].values: empty value")));
            }
        }
        for (field, ids) in [("enable", &self.recognizers.enable), ("disable", &self.recognizers.disable)] {
            for (i, id) in ids.iter().enumerate() {
                if !crate::recognizer::registry::all().iter().any(|r| r.id == id) {
                    return Err(Error::policy(format!("policy.recognizers.{field}[{i}]: unknown recognizer {id:?}")));
                }
            }
        }
        if let Some(id) = self.recognizers.enable.iter().find(|id| self.recognizers.disable.contains(id)) {
            return Err(Error::policy(format!("policy.recognizers: {id:?} is both in enable and in disable")));
        }
        Ok(())
    }

    /// Whether the built-in recognizer `id` runs under this policy: on in `config` (the
    /// embedded `config/recognizers.toml`) or in `recognizers.enable`, and not in
    /// `recognizers.disable`. The engine compiles exactly these, and `scrim recognizers` lists them.
    pub fn runs_recognizer(&self, id: &str, config: &crate::recognizer::RecognizerConfig) -> bool {
        self.recognizers.is_on(id, config.on_by_default(id))
    }

    /// The rule that applies to `entity` (its own fields, falling back to the default's, which
    /// [`Policy::from_overrides`] checks are all set).
    pub fn rule(&self, entity: &str) -> Rule {
        let own = self.entities.get(entity);
        Rule {
            action: own.and_then(|r| r.action).or(self.default.action).unwrap_or(Action::Redact),
            operator: own.and_then(|r| r.operator).or(self.default.operator).unwrap_or(Operator::Placeholder),
            min_score: own.and_then(|r| r.min_score).or(self.default.min_score).unwrap_or(0.5),
        }
    }

    /// The policy id: `sha256:` and the SHA-256 of the policy's canonical JSON (sorted keys), so
    /// two equal policies have one id however they were written.
    pub fn id(&self) -> String {
        let canonical = serde_json::to_vec(&serde_json::to_value(self).expect("a policy serializes")).expect("JSON");
        crate::digest::sha256_id(&canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_parse_and_overrides_merge() {
        let p = Policy::from_overrides(json!({"entities": {"EMAIL_ADDRESS": {"operator": "mask"}}})).unwrap();
        assert_eq!(p.rule("EMAIL_ADDRESS").operator, Operator::Mask);
        assert_eq!(p.rule("EMAIL_ADDRESS").action, Action::Redact, "action falls back to the default");
        assert_eq!(p.rule("IP_ADDRESS").action, Action::Warn, "defaults for other entities are kept");
    }

    #[test]
    fn errors_name_the_field() {
        let e = Policy::from_overrides(json!({"entities": {"EMAIL_ADDRESS": {"action": "redakt"}}})).unwrap_err();
        assert!(e.message().contains("entities.EMAIL_ADDRESS.action"), "{e}");
        let e = Policy::from_overrides(json!({"entities": {"EMAIL": {"action": "redact"}}})).unwrap_err();
        assert!(e.message().contains("unknown entity \"EMAIL\""), "{e}");
        let e = Policy::from_overrides(json!({"colour": "blue"})).unwrap_err();
        assert!(e.message().contains("colour"), "{e}");
        let e = Policy::from_overrides(json!({"scores": {"toxic": {"warn": 0.5, "block": 0.9}}})).unwrap_err();
        assert!(e.message().contains("policy.scores.toxic"), "{e}");
        let e = Policy::from_json("{\"default\": ").unwrap_err();
        assert!(e.message().contains("line 1"), "{e}");
    }

    #[test]
    fn custom_entities_become_known() {
        let p = Policy::from_overrides(json!({
            "custom": [{"entity": "EMPLOYEE_ID", "pattern": "EMP-[0-9]{6}"}],
            "entities": {"EMPLOYEE_ID": {"action": "block"}}
        }))
        .unwrap();
        assert_eq!(p.rule("EMPLOYEE_ID").action, Action::Block);
    }

    #[test]
    fn numbers_serialize_as_written_and_read_back_equal() {
        let p = Policy::from_overrides(json!({"entities": {"PERSON": {"min_score": 0.85}}})).unwrap();
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["entities"]["PERSON"]["min_score"], json!(0.85));
        assert_eq!(Policy::from_json(&v.to_string()).unwrap(), p);
    }

    #[test]
    fn id_changes_with_the_policy_and_only_then() {
        let a = Policy::embedded();
        let b = Policy::from_json("{}").unwrap();
        let c = Policy::from_overrides(json!({"allow": ["help@example.com"]})).unwrap();
        assert_eq!(a.id(), b.id());
        assert_ne!(a.id(), c.id());
        assert!(a.id().starts_with("sha256:") && a.id().len() == 7 + 64);
    }
}
