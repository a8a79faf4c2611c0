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

/// The entities the NER model reports (the tags of `models/ner.json`, checked by a test).
pub const NER: &[&str] = &[PERSON, LOCATION, ORGANIZATION, ADDRESS];

/// The entities the injection heuristics report.
pub const HEURISTICS: &[&str] = &[PROMPT_INJECTION, HIDDEN_TEXT];

#[cfg(test)]
mod tests {
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
