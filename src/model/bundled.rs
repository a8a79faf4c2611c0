//! The models shipped inside scrim, loaded once per process and shared by every [`Scrim`].
//!
//! Each is embedded with `include_bytes!` (no fetch, no file system: the same in the browser and
//! natively), parsed and optimized by tract on first use, and its SHA-256 is computed from the
//! embedded bytes for every result's provenance.
//!
//! [`Scrim`]: crate::Scrim

use std::sync::{Arc, OnceLock};

use crate::digest::sha256_id;
use crate::error::Result;
use crate::model::injection::InjectionModel;
use crate::model::ner::{NerModel, NerSidecar};
use crate::model::toxicity::ToxicityModel;
use crate::report::ModelInfo;

const TOXICITY_ONNX: &[u8] = include_bytes!("../../models/toxicity.onnx");
const TOXICITY_JSON: &str = include_str!("../../models/toxicity.json");
const INJECTION_ONNX: &[u8] = include_bytes!("../../models/injection.onnx");
const INJECTION_JSON: &str = include_str!("../../models/injection.json");
const NER_ONNX: &[u8] = include_bytes!("../../models/ner.onnx");
const NER_JSON: &str = include_str!("../../models/ner.json");

/// The loaded bundled models.
pub struct Bundled {
    /// Toxicity classifier (Detoxify's six labels), scored per sentence.
    pub toxicity: ToxicityModel,
    /// Prompt-injection classifier (windowed).
    pub injection: InjectionModel,
    /// Names, places, organisations and addresses.
    pub ner: NerModel,
    /// Name, version and digest of each, for provenance.
    pub info: Vec<ModelInfo>,
}

/// The NER model keeping every span it decodes, whatever its score: the sidecar's per-entity
/// thresholds (tuned on validation, the card's operating points) would otherwise floor the
/// policy's `min_score`, and a policy asking for more recall below them would get none. The engine
/// applies the policy's `min_score` per entity instead (the default policy's values come from the
/// model card). The sidecar (~1 MB of JSON with its word clusters) is parsed once, here.
fn ner_keeping_every_span() -> Result<NerModel> {
    let mut sidecar = NerSidecar::from_json(NER_JSON)?;
    let entities: Vec<String> = sidecar.tags.iter().filter_map(|t| t.strip_prefix("B-")).map(str::to_string).collect();
    sidecar.thresholds = entities.into_iter().map(|e| (e, 0.0)).collect();
    NerModel::from_sidecar(NER_ONNX, sidecar)
}

/// The bundled models, loaded on first call. A load failure is returned to every caller (it is a
/// build defect, never expected at run time).
///
/// # Errors
///
/// [`ErrorKind::Model`](crate::ErrorKind::Model) if a bundled model does not load.
pub fn get() -> Result<Arc<Bundled>> {
    static MODELS: OnceLock<Result<Arc<Bundled>>> = OnceLock::new();
    MODELS
        .get_or_init(|| {
            let toxicity =
                ToxicityModel::from_bytes(TOXICITY_ONNX, TOXICITY_JSON)?.with_word_windows(crate::model::toxicity::WINDOW_WORDS);
            let injection = InjectionModel::from_bytes(INJECTION_ONNX, INJECTION_JSON)?;
            let ner = ner_keeping_every_span()?;
            let info = vec![
                ModelInfo {
                    name: "toxicity".into(),
                    version: toxicity.classifier().sidecar().version.clone(),
                    sha256: sha256_id(TOXICITY_ONNX),
                },
                ModelInfo {
                    name: "injection".into(),
                    version: injection.classifier().sidecar().version.clone(),
                    sha256: sha256_id(INJECTION_ONNX),
                },
                ModelInfo { name: "ner".into(), version: ner.sidecar().version.clone(), sha256: sha256_id(NER_ONNX) },
            ];
            Ok(Arc::new(Bundled { toxicity, injection, ner, info }))
        })
        .clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_ner_model_leaves_the_minimum_score_to_the_policy() {
        // Its thresholds used to be lowered to 0.5 only, which floored every policy: a PERSON
        // min_score of 0.3 (more recall) then did nothing.
        let models = super::get().unwrap();
        let sidecar = models.ner.sidecar();
        let entities: Vec<&str> = sidecar.tags.iter().filter_map(|t| t.strip_prefix("B-")).collect();
        assert!(!entities.is_empty());
        for e in entities {
            assert_eq!(sidecar.thresholds.get(e), Some(&0.0), "{e}");
        }
    }
}
