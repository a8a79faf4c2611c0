//! How long the NER model takes per 1 KB prompt (the budget is 2 ms natively).
//!
//! `cargo run --release -p scrim-tools --features models --bin ner_speed` — loads `models/ner.onnx` once, then times `find` on
//! chat-style prompts of about 1 KB and prints the median and 95th percentile.

use std::time::Instant;

use scrim::model::ner::NerModel;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let model = NerModel::from_bytes(include_bytes!("../../models/ner.onnx"), include_str!("../../models/ner.json"))?;
    println!("load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let parts = [
        "hey, can you tell Priya Raman in Leeds that Acme's offer stands? ",
        "i met olusegun at the lagos office last week and he said the contract is fine. ",
        "Please ship the samples to 221B Baker Street, London NW1 6XE before Friday. ",
        "Summary Of Results: revenue grew 12% and the iPhone app crashed twice. ",
        "María José García (Banco Santander) will call you on +44 20 7946 0958. ",
    ];
    let mut prompts = Vec::new();
    for k in 0..20 {
        let mut p = String::new();
        let mut i = k;
        while p.len() < 1000 {
            p.push_str(parts[i % parts.len()]);
            i += 1;
        }
        let mut cut = p.len().min(1024);
        while !p.is_char_boundary(cut) {
            cut -= 1;
        }
        p.truncate(cut);
        prompts.push(p);
    }
    for p in &prompts {
        std::hint::black_box(model.find(p).unwrap());
    }
    let mut times = Vec::new();
    for _ in 0..10 {
        for p in &prompts {
            let t = Instant::now();
            std::hint::black_box(model.find(p).unwrap());
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(f64::total_cmp);
    let tokens = model.featurize(&prompts[0]).tokens.len();
    println!(
        "find on {} prompts of ~1 KB (~{tokens} tokens): median {:.3} ms, p95 {:.3} ms",
        times.len(),
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
    Ok(())
}
