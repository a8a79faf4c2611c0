//! Heuristic prompt-injection scores for the training scripts' comparison table
//! (`models/train/injection/eval.py`): reads JSON lines `{"text": ...}` on stdin, writes
//! `{"score": f32, "rules": [...]}` per line, in order.
//!
//! `cargo run --release -p scrim-tools --bin injection_scan < texts.jsonl`

use std::io::{BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let value: serde_json::Value = serde_json::from_str(&line?).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = value.get("text").and_then(|t| t.as_str()).ok_or(format!("line {}: no \"text\"", n + 1))?;
        let hits = scrim::injection::scan(text);
        let rules: Vec<&str> = hits.iter().map(|h| h.rule).collect();
        serde_json::to_writer(&mut out, &serde_json::json!({"score": scrim::injection::score(&hits), "rules": rules}))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
