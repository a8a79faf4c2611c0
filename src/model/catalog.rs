//! What the bundled models emit, read from their embedded sidecars: the score labels a policy may
//! set thresholds for. A label no bundled model scores is an error in a policy, since a threshold
//! for it would validate and never fire.

use std::sync::OnceLock;

use serde::Deserialize;

/// The sidecars of the bundled classifiers (the NER model emits entities, not scores).
const CLASSIFIER_SIDECARS: &[(&str, &str)] =
    &[("toxicity", include_str!("../../models/toxicity.json")), ("injection", include_str!("../../models/injection.json"))];

#[derive(Deserialize)]
struct Labels {
    labels: Vec<String>,
}

/// The score labels of every bundled classifier, in sidecar order (toxicity's, then injection's).
pub fn score_labels() -> &'static [String] {
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    LABELS.get_or_init(|| {
        CLASSIFIER_SIDECARS
            .iter()
            .flat_map(|(name, json)| {
                serde_json::from_str::<Labels>(json)
                    .unwrap_or_else(|e| panic!("the embedded {name} sidecar has no labels: {e} (checked by a test)"))
                    .labels
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labels_are_the_sidecars_and_nothing_else() {
        let labels = score_labels();
        assert!(labels.iter().any(|l| l == "toxicity") && labels.iter().any(|l| l == "prompt_injection"));
        // No bundled model scores these, so a policy must not accept thresholds for them.
        assert!(!labels.iter().any(|l| l == "jailbreak" || l == "sexual_explicit"), "{labels:?}");
    }
}
