//! The entity names scrim's own code refers to: those the NER model and the injection heuristics
//! report (each rule recognizer names its entity in its definition). One place, so a name is never
//! spelt two ways.

/// A person's name (the NER model; deny lists and custom patterns may report it too).
pub const PERSON: &str = "PERSON";
/// A place (the NER model).
pub const LOCATION: &str = "LOCATION";
/// An organisation (the NER model).
pub const ORGANIZATION: &str = "ORGANIZATION";
/// A street address (the NER model).
pub const ADDRESS: &str = "ADDRESS";
/// A prompt-injection heuristic's hit.
pub const PROMPT_INJECTION: &str = "PROMPT_INJECTION";
/// Characters that render as nothing (the hidden-text heuristic).
pub const HIDDEN_TEXT: &str = "HIDDEN_TEXT";

/// An account number of any kind (a bank's, a customer's, a utility's): the `Account No` field.
pub const ACCOUNT_NUMBER: &str = "ACCOUNT_NUMBER";
/// A vehicle's licence plate (the VIN has its own recognizer): the `Plate` field.
pub const VEHICLE_ID: &str = "VEHICLE_ID";
/// A device's serial number or identifier (an implant's UDI, a pump's serial): the `Serial` field.
pub const DEVICE_ID: &str = "DEVICE_ID";

/// The entities only labelled fields report (`config/recognizers.toml`, `[fields]`; the others
/// they name are reported by recognizers or the NER model too, checked by a test).
pub const FIELDS: &[&str] = &[ACCOUNT_NUMBER, VEHICLE_ID, DEVICE_ID];

/// The entities the NER model reports (the tags of `models/ner.json`, checked by a test).
pub const NER: &[&str] = &[PERSON, LOCATION, ORGANIZATION, ADDRESS];

/// The entities the injection heuristics report.
pub const HEURISTICS: &[&str] = &[PROMPT_INJECTION, HIDDEN_TEXT];

#[cfg(test)]
mod tests {
    #[test]
    fn every_field_entity_is_registered() {
        let known: Vec<&str> = crate::recognizer::registry::entities()
            .into_iter()
            .chain(super::NER.iter().copied())
            .chain(super::FIELDS.iter().copied())
            .chain(["DATE_TIME"])
            .collect();
        for rule in &crate::recognizer::RecognizerConfig::embedded().fields.rule {
            assert!(known.contains(&rule.entity.as_str()), "{} names unregistered entity {}", rule.id, rule.entity);
        }
    }

    #[test]
    fn the_ner_entities_are_the_bundled_models_tags() {
        let sidecar = crate::model::ner::NerSidecar::from_json(include_str!("../models/ner.json")).unwrap();
        let mut tagged: Vec<&str> = sidecar.tags.iter().filter_map(|t| t.strip_prefix("B-")).collect();
        tagged.sort_unstable();
        let mut ours = super::NER.to_vec();
        ours.sort_unstable();
        assert_eq!(tagged, ours);
    }
}
