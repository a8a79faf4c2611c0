//! Prompt-injection scores for the training scripts' comparison table
//! (`models/train/injection/eval.py`) and the per-family benchmark (`bench/injection/eval.py`):
//! reads JSON lines `{"text": ...}` on stdin, writes one line per input, in order:
//!
//! - `score`, `rules`: the heuristics alone (their highest hit score, and every hit's rule id);
//! - `engine`: `scores.prompt_injection` as the engine reports it (injection model on, toxicity and
//!   NER off; without the `models` feature, the heuristics alone);
//! - `model`: the bundled model's windowed score, whatever the length (`null` without the `models`
//!   feature).
//!
//! `cargo run --release -p scrim-tools --bin injection_scan < texts.jsonl`
//! (add `--features models` for `model` and the model's part of `engine`).

use std::io::{BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let policy =
        scrim::Policy::from_overrides(serde_json::json!({"models": {"toxicity": false, "ner": false, "injection": true}}))?;
    let analyzer = scrim::Analyzer::new(&policy)?;
    #[cfg(feature = "models")]
    let model = scrim::model::injection::InjectionModel::bundled()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let value: serde_json::Value = serde_json::from_str(&line?).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = value.get("text").and_then(|t| t.as_str()).ok_or(format!("line {}: no \"text\"", n + 1))?;
        let hits = scrim::injection::scan(text);
        let rules: Vec<&str> = hits.iter().map(|h| h.rule).collect();
        let analysis = analyzer.analyze(text, &scrim::ScanOptions::default())?;
        #[cfg(feature = "models")]
        let model_score = Some(model.score(text)?.score);
        #[cfg(not(feature = "models"))]
        let model_score: Option<f32> = None;
        let record = serde_json::json!({
            "score": scrim::injection::score(&hits),
            "rules": rules,
            "engine": analysis.scores.get(scrim::injection::SCORE_LABEL),
            "model": model_score,
        });
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
