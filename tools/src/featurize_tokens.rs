//! Token ids for the NER training scripts: the one token featurizer shared by training and inference.
//!
//! Reads JSON lines `{"text": "...", ...}` on stdin and the NER sidecar (`models/ner.json`, or any
//! JSON with `"featurizer"`, `"gazetteer"` and optionally `"clusters"`) as the first argument; writes one JSON line per input
//! line, in order: `{"ids": [[...slots...], ...], "spans": [[start, end], ...]}` where spans are the
//! tokens' offsets in Unicode code points (what Python string indices count). Used by
//! `models/train/ner/*.py` as
//! `cargo run --release -p scrim-tools --bin featurize_tokens -- models/ner.json`.

use std::io::{BufRead, BufWriter, Write};

use scrim::model::token_features::{featurize_tokens, Gazetteer, NerFeaturizerConfig, WordClusters};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: featurize_tokens SIDECAR.json < texts.jsonl")?;
    let sidecar: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let config: NerFeaturizerConfig =
        serde_json::from_value(sidecar.get("featurizer").cloned().ok_or("sidecar has no \"featurizer\"")?)?;
    let gazetteer: Gazetteer = serde_json::from_value(sidecar.get("gazetteer").cloned().unwrap_or_default()).unwrap_or_default();
    let clusters: WordClusters = match sidecar.get("clusters") {
        Some(c) => serde_json::from_value(c.clone()).map_err(|e| format!("{path}: clusters: {e}"))?,
        None => WordClusters::default(),
    };
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = value.get("text").and_then(|t| t.as_str()).ok_or(format!("line {}: no \"text\"", n + 1))?;
        let f = featurize_tokens(text, &config, &gazetteer, &clusters);
        // Byte offsets → code point offsets, in one pass over the text.
        let mut cp_of = vec![0usize; text.len() + 1];
        let mut cp = 0;
        for (b, _) in text.char_indices() {
            cp_of[b] = cp;
            cp += 1;
        }
        cp_of[text.len()] = cp;
        let spans: Vec<[usize; 2]> = f.tokens.iter().map(|t| [cp_of[t.start], cp_of[t.end]]).collect();
        let ids: Vec<&[i64]> = f.ids.chunks(f.slots.max(1)).collect();
        serde_json::to_writer(&mut out, &serde_json::json!({ "ids": ids, "spans": spans }))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
