//! The toxicity model's scores two ways, for `bench/toxicity_localization.py`: reads JSON lines
//! `{"text": ...}` on stdin, writes `{"whole": {label: score}, "localized": {label: score}}` per line,
//! in order. `whole` is one run over the text (what scrim reported before per-sentence scoring),
//! `localized` the highest score of each label over the text and each sentence alone (what the
//! engine reports now: `scrim::model::toxicity`).
//!
//! `cargo run --release -p scrim-tools --features models --bin toxicity_scan [WINDOW_WORDS] < texts.jsonl`
//! (WINDOW_WORDS: score word windows of that size instead of the engine's
//! `scrim::model::toxicity::WINDOW_WORDS`, to compare designs on validation data; 0: none).

use std::io::{BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let window: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(scrim::model::toxicity::WINDOW_WORDS);
    let model = scrim::model::toxicity::ToxicityModel::from_bytes(
        include_bytes!("../../models/toxicity.onnx"),
        include_str!("../../models/toxicity.json"),
    )?
    .with_word_windows(window);
    let as_map = |labels: Vec<(String, f32)>| labels.into_iter().map(|(l, s)| (l, s.into())).collect::<serde_json::Map<_, _>>();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let value: serde_json::Value = serde_json::from_str(&line?).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = value.get("text").and_then(|t| t.as_str()).ok_or(format!("line {}: no \"text\"", n + 1))?;
        let whole = model.classifier().scores(text)?.labels;
        let localized = model.scores(text)?.scores.labels;
        serde_json::to_writer(&mut out, &serde_json::json!({"whole": as_map(whole), "localized": as_map(localized)}))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
