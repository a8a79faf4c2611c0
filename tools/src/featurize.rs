//! Feature ids for the training scripts: the one featurizer shared by training and inference.
//!
//! Reads JSON lines `{"text": "...", ...}` on stdin and a featurizer config (JSON) as the first
//! argument; writes one JSON line `{"ids": [...], "word_of": [...], "words": [...]}` per input line,
//! in order. Used by `models/train/*.py` as
//! `cargo run --release -p scrim-tools --bin featurize -- models/toxicity.json`.

use std::io::{BufRead, BufWriter, Write};

use scrim::model::hashed_ngrams::{featurize, FeaturizerConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: featurize CONFIG.json < texts.jsonl")?;
    let config_json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    // A model sidecar keeps the featurizer config under "featurizer"; a bare config works too.
    let config: FeaturizerConfig = serde_json::from_value(config_json.get("featurizer").cloned().unwrap_or(config_json))?;
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = value.get("text").and_then(|t| t.as_str()).ok_or(format!("line {}: no \"text\"", n + 1))?;
        let f = featurize(text, &config);
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({
                "ids": f.ids, "word_of": f.word_of,
                "words": f.words.iter().map(|w| &w.folded).collect::<Vec<_>>(),
            }),
        )?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
