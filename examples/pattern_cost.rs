//! Where the rule layer spends its time: the one `RegexSet` over every built-in pattern, then
//! each pattern's own `captures_iter` over the texts it matched. Prints the costliest patterns.
//!
//! ```text
//! cargo run --release --no-default-features --example pattern_cost -- bench/out/corpus.jsonl
//! ```

use std::time::Instant;

use regex::{Regex, RegexSet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: pattern_cost CORPUS.jsonl")?;
    let texts: Vec<String> = std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).map(|v| v["text"].as_str().unwrap_or_default().to_string()))
        .collect::<Result<_, _>>()?;
    let pats: Vec<(String, &str)> = scrim::recognizer::registry::all()
        .iter()
        .flat_map(|r| r.patterns.iter().map(move |p| (format!("{}/{}", r.id, p.name), p.regex)))
        .collect();
    let set = RegexSet::new(pats.iter().map(|p| p.1))?;
    let start = Instant::now();
    let mut hits = vec![0usize; pats.len()];
    for t in &texts {
        for i in set.matches(t).iter() {
            hits[i] += 1;
        }
    }
    println!("RegexSet over {} patterns: {:.3} s", pats.len(), start.elapsed().as_secs_f64());
    // Which kinds of pattern make the set slow: the set without each kind.
    let kinds: [(&str, fn(&str) -> bool); 4] = [
        ("(?i)", |r| r.contains("(?i")),
        ("\\s or [^", |r| r.contains("\\s") || r.contains("[^")),
        ("starts with a class", |r| r.trim_start_matches("(?-u:\\b)").starts_with('[')),
        ("counted repetition {n,m} with m >= 30", |r| {
            r.split('{').skip(1).any(|x| {
                x.split('}').next().and_then(|b| b.split(',').nth(1)).and_then(|m| m.parse::<u32>().ok()).is_some_and(|m| m >= 30)
            })
        }),
    ];
    for (kind, has) in kinds {
        let kept: Vec<&str> = pats.iter().map(|p| p.1).filter(|r| !has(r)).collect();
        let set = RegexSet::new(&kept)?;
        let start = Instant::now();
        for t in &texts {
            std::hint::black_box(set.matches(t));
        }
        println!("  without {kind} ({} left): {:.3} s", kept.len(), start.elapsed().as_secs_f64());
    }
    // The same patterns in smaller sets (1 = each regex on its own, with its own literal prefilter).
    for chunk in [1usize, 8, 24] {
        let sets: Vec<RegexSet> = pats.chunks(chunk).map(|c| RegexSet::new(c.iter().map(|p| p.1))).collect::<Result<_, _>>()?;
        let start = Instant::now();
        for t in &texts {
            for s in &sets {
                std::hint::black_box(s.matches(t));
            }
        }
        println!("  as {} sets of {chunk}: {:.3} s", sets.len(), start.elapsed().as_secs_f64());
    }
    let singles: Vec<Regex> = pats.iter().map(|p| Regex::new(p.1)).collect::<Result<_, _>>()?;
    let start = Instant::now();
    for t in &texts {
        for r in &singles {
            std::hint::black_box(r.is_match(t));
        }
    }
    println!("  each Regex::is_match: {:.3} s", start.elapsed().as_secs_f64());
    let mut costs = Vec::new();
    for (i, (name, rx)) in pats.iter().enumerate() {
        let re = Regex::new(rx)?;
        let start = Instant::now();
        let mut n = 0;
        for t in &texts {
            n += re.captures_iter(t).count();
        }
        costs.push((start.elapsed().as_secs_f64(), name.clone(), n, hits[i]));
    }
    let total: f64 = costs.iter().map(|c| c.0).sum();
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("captures_iter over every text, all patterns: {total:.3} s; costliest:");
    for (s, name, n, h) in costs.iter().take(25) {
        println!("  {s:.4} s  {name}  ({n} matches, set says {h} texts)");
    }
    Ok(())
}
