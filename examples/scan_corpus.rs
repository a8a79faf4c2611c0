//! Run `Scrim::scan` (default policy, rules only) over a JSONL corpus and print one line per
//! document: `{"id", "findings": [{"entity", "start", "end", "score"}]}` with code-point offsets,
//! as `bench/pii_corpus.py` labels them. `bench/score.py` compares the two.
//!
//! ```text
//! cargo run --release --no-default-features --example scan_corpus -- bench/out/corpus.jsonl > bench/out/pred.jsonl
//! ```

use scrim::ScanOptions;
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: scan_corpus CORPUS.jsonl")?;
    let scrim = scrim::Scrim::new()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::fs::read_to_string(&path)?.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line)?;
        let text = doc["text"].as_str().unwrap_or_default();
        let cp = |byte: usize| text[..byte].chars().count();
        let findings: Vec<serde_json::Value> = scrim
            .scan(text, &ScanOptions::default())?
            .findings
            .iter()
            .map(|f| serde_json::json!({"entity": f.entity, "start": cp(f.start), "end": cp(f.end), "score": f.score, "source": f.source.name}))
            .collect();
        writeln!(out, "{}", serde_json::json!({"id": doc["id"], "findings": findings}))?;
    }
    Ok(())
}
