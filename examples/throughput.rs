//! Rule-layer throughput: `Scrim::scan` over a JSONL corpus (`{"text": ...}` per line),
//! single-threaded, after a warm-up pass. Build with `--release --no-default-features` so only
//! normalization, the recognizers, merge and policy run.
//!
//! ```text
//! cargo run --release --no-default-features --example throughput -- bench/out/corpus.jsonl [rounds]
//! ```

use scrim::ScanOptions;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: throughput CORPUS.jsonl [ROUNDS]")?;
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let texts: Vec<String> = std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).map(|v| v["text"].as_str().unwrap_or_default().to_string()))
        .collect::<Result<_, _>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let scrim = scrim::Scrim::new()?;
    let mut findings = 0usize;
    for t in &texts {
        findings += scrim.scan(t, &ScanOptions::default())?.findings.len();
    }
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let start = Instant::now();
        for t in &texts {
            std::hint::black_box(scrim.scan(t, &ScanOptions::default())?);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} prompts, {:.1} KB, {} findings; best of {rounds}: {:.3} s = {:.0} prompts/s, {:.2} MB/s",
        texts.len(),
        bytes as f64 / 1024.0,
        findings,
        best,
        texts.len() as f64 / best,
        bytes as f64 / best / 1e6
    );
    Ok(())
}
