//! The models shipped inside scrim, loaded once per process and shared by every [`Scrim`].
//!
//! Each is embedded with `include_bytes!` (no fetch, no file system: the same in the browser and
//! natively), parsed and optimized by tract on first use, and its SHA-256 is computed from the
//! embedded bytes for every result's provenance.
//!
//! [`Scrim`]: crate::Scrim

use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};

use crate::engine::ModelInfo;
use crate::error::Result;
use crate::injection::model::InjectionModel;
use crate::model::classifier::TextClassifier;
use crate::model::ner::{NerModel, NerSidecar};

const TOXICITY_ONNX: &[u8] = include_bytes!("../../models/toxicity.onnx");
const TOXICITY_JSON: &str = include_str!("../../models/toxicity.json");
const NER_ONNX: &[u8] = include_bytes!("../../models/ner.onnx");
const NER_JSON: &str = include_str!("../../models/ner.json");

/// The loaded bundled models.
pub struct Bundled {
    /// Toxicity classifier (Detoxify's six labels).
    pub toxicity: TextClassifier,
    /// Prompt-injection classifier (windowed).
    pub injection: InjectionModel,
    /// Names, places, organisations and addresses.
    pub ner: NerModel,
    /// Name, version and digest of each, for provenance.
    pub info: Vec<ModelInfo>,
}

fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn version_of(sidecar: &str) -> String {
    serde_json::from_str::<serde_json::Value>(sidecar)
        .ok()
        .and_then(|v| v.get("version").map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)))
        .unwrap_or_default()
}

/// The NER model with its sidecar's per-entity thresholds lowered to 0.5: the engine applies the
/// policy's `min_score` per entity instead (the default policy's values are set from the model
/// card), so a policy can trade precision for recall without a new model. The sidecar (~1 MB of
/// JSON with its word clusters) is parsed once, here.
fn ner_without_thresholds() -> Result<NerModel> {
    let mut sidecar = NerSidecar::from_json(NER_JSON)?;
    sidecar.thresholds.values_mut().for_each(|x| *x = 0.5);
    NerModel::from_sidecar(NER_ONNX, sidecar)
}

/// The bundled models, loaded on first call. A load failure is returned to every caller (it is a
/// build defect, never expected at run time).
pub fn get() -> Result<Arc<Bundled>> {
    static MODELS: OnceLock<Result<Arc<Bundled>>> = OnceLock::new();
    MODELS
        .get_or_init(|| {
            let injection = InjectionModel::bundled()?;
            let injection_info = ModelInfo {
                name: "injection".into(),
                version: injection.classifier().sidecar().version.clone(),
                sha256: digest(include_bytes!("../../models/injection.onnx")),
            };
            let ner = ner_without_thresholds()?;
            let ner_info = ModelInfo { name: "ner".into(), version: ner.sidecar().version.clone(), sha256: digest(NER_ONNX) };
            Ok(Arc::new(Bundled {
                toxicity: TextClassifier::from_bytes(TOXICITY_ONNX, TOXICITY_JSON)?,
                ner,
                info: vec![
                    ModelInfo { name: "toxicity".into(), version: version_of(TOXICITY_JSON), sha256: digest(TOXICITY_ONNX) },
                    injection_info,
                    ner_info,
                ],
                injection,
            }))
        })
        .clone()
}
