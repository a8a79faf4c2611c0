//! scrim's native runner for the benchmark (bench/run.py): predictions, throughput, latency,
//! cold start, and the hostile-input timings of issue 10. Output is JSON; bench/score.py scores it.
//!
//! ```text
//! cargo run --release -p scrim-tools --features models --bin bench_native -- predict CORPUS.jsonl PRED.jsonl [--rounds N] [--long LONG.jsonl] [--also IN=OUT]...
//! cargo run --release -p scrim-tools --features models --bin bench_native -- stress
//! ```
//!
//! `predict` writes one line per input, `{"id", "findings": [{"entity","start","end","score"}],
//! "scores": {...}}` with code-point offsets, then prints one JSON object of timings on stdout:
//! the cold start (`Scrim::new()`: policy, recognizers and whatever models the build loads),
//! single-threaded throughput after a warm-up pass over the prompts of 50-400 characters (best of
//! `rounds`), and per-prompt latency percentiles over `--long` (~1 KB prompts). Each `--also IN=OUT`
//! predicts one more file in the same process, untimed.
//!
//! `stages` prints where a scan's time goes, stage by stage (µs per prompt of 50-400 characters).
//!
//! `stress` times a 10 MB input and pathological custom patterns (the ones that make a
//! backtracking engine explode) and prints one JSON object.
//!
//! `typing` times scanning while typing (issue 11): a sentence typed one character at a time into
//! the middle of a 10,000-character draft, each keystroke screened by a `Draft` (incremental) and
//! by a full `scan`, for a draft of paragraphs and for one without blank lines (the worst case).

use std::time::Instant;

use scrim::offsets::OffsetUnit;
use scrim::ScanOptions;
use scrim::{Policy, Scrim};
use serde_json::{json, Value};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn read_jsonl(path: &str) -> Res<Vec<Value>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{path}:{}: {e}", i + 1).into()))
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn write_predictions(scrim: &Scrim, docs: &[Value], out: &str) -> Res<()> {
    let mut lines = String::new();
    for d in docs {
        let text = d["text"].as_str().ok_or("a corpus line has no \"text\"")?;
        let mut report = scrim.scan(text, &ScanOptions::default())?;
        report.convert_offsets(text, OffsetUnit::CodePoint);
        let findings: Vec<Value> = report
            .findings
            .iter()
            .map(|f| json!({"entity": f.entity, "start": f.start, "end": f.end, "score": f.score}))
            .collect();
        lines.push_str(&json!({"id": d["id"], "findings": findings, "scores": report.scores}).to_string());
        lines.push('\n');
    }
    std::fs::write(out, lines).map_err(|e| format!("writing {out}: {e}").into())
}

fn predict(corpus: &str, out: &str, rounds: usize, long: Option<&str>, also: &[(String, String)]) -> Res<()> {
    let docs = read_jsonl(corpus)?;
    let start = Instant::now();
    let scrim = Scrim::new()?;
    let cold_start_ms = start.elapsed().as_secs_f64() * 1e3;
    let first = Instant::now();
    scrim.scan("warm up: mail jane@example.com", &ScanOptions::default())?;
    let first_scan_ms = first.elapsed().as_secs_f64() * 1e3;

    write_predictions(&scrim, &docs, out)?;
    for (src, dst) in also {
        write_predictions(&scrim, &read_jsonl(src)?, dst)?;
    }

    let texts: Vec<&str> =
        docs.iter().filter_map(|d| d["text"].as_str()).filter(|t| (50..=400).contains(&t.chars().count())).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    for t in texts.iter().take(if rounds > 0 { usize::MAX } else { 0 }) {
        std::hint::black_box(scrim.scan(t, &ScanOptions::default())?);
    }
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let start = Instant::now();
        for t in &texts {
            std::hint::black_box(scrim.scan(t, &ScanOptions::default())?);
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mut per_prompt = Vec::new();
    if let Some(long) = long {
        let long_docs = read_jsonl(long)?;
        let long_texts: Vec<&str> = long_docs.iter().filter_map(|d| d["text"].as_str()).collect();
        for t in &long_texts {
            std::hint::black_box(scrim.scan(t, &ScanOptions::default())?);
        }
        for _ in 0..3 {
            for t in &long_texts {
                let start = Instant::now();
                std::hint::black_box(scrim.scan(t, &ScanOptions::default())?);
                per_prompt.push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
        per_prompt.sort_by(f64::total_cmp);
    }
    let models: Vec<String> = scrim.provenance().models.iter().map(|m| m.name.clone()).collect();
    println!(
        "{}",
        json!({
            "runner": "scrim-native",
            "version": scrim::report::VERSION,
            "models": models,
            "cold_start_ms": cold_start_ms,
            "first_scan_ms": first_scan_ms,
            "prompts": texts.len(),
            "bytes": bytes,
            "seconds": (rounds > 0).then_some(best),
            "prompts_per_s": (rounds > 0).then(|| texts.len() as f64 / best),
            "mb_per_s": (rounds > 0).then(|| bytes as f64 / best / 1e6),
            "long_p50_ms": percentile(&per_prompt, 0.5),
            "long_p95_ms": percentile(&per_prompt, 0.95),
        })
    );
    Ok(())
}

/// Prompts cut from a realistic mix of text and PII, repeated to `size` bytes.
fn big_input(size: usize) -> String {
    let seed = "Hi team, please call Jane on +44 20 7946 0958 or mail jane.doe@example.com. Card 4111 1111 1111 1111 \
                was declined; my IBAN is DE89 3704 0044 0532 0130 00. The server 10.0.0.12 is slow again today. ";
    let mut s = String::with_capacity(size + seed.len());
    while s.len() < size {
        s.push_str(seed);
    }
    s.truncate(size);
    s
}

fn stress() -> Res<()> {
    let limit = 16 << 20;
    let mut results = Vec::new();
    let policy = Policy::from_overrides(json!({"limits": {"max_input_bytes": limit}}))?;
    let scrim = Scrim::builder().policy(policy).build()?;
    let text = big_input(10 << 20);
    let start = Instant::now();
    let report = scrim.scan(&text, &ScanOptions::default())?;
    results.push(json!({"case": "10 MB prompt, default recognizers", "bytes": text.len(), "ms": start.elapsed().as_secs_f64() * 1e3, "findings": report.findings.len()}));

    // The classic catastrophic-backtracking patterns, each as a custom recognizer.
    for (pattern, subject) in [(r"(a+)+$", "a"), (r"(a|aa)+$", "a"), (r"(\w+\s?)+$", "a"), (r"^(([a-z])+.)+[A-Z]([a-z])+$", "a")]
    {
        for n in [30usize, 100_000, 1 << 20] {
            let policy = Policy::from_overrides(json!({
                "limits": {"max_input_bytes": limit},
                "custom": [{"entity": "CUSTOM", "pattern": pattern, "name": "pathological"}],
            }))?;
            let start = Instant::now();
            let scrim = Scrim::builder().policy(policy).build()?;
            let compile_ms = start.elapsed().as_secs_f64() * 1e3;
            let input = format!("{}!", subject.repeat(n));
            let start = Instant::now();
            let report = scrim.scan(&input, &ScanOptions::default())?;
            results.push(json!({
                "case": format!("custom pattern {pattern} on {n} x '{subject}' + '!'"),
                "pattern": pattern, "n": n, "bytes": input.len(),
                "compile_ms": compile_ms,
                "ms": start.elapsed().as_secs_f64() * 1e3,
                "findings": report.findings.len(),
            }));
        }
    }
    println!("{}", json!({"runner": "scrim-native", "stress": results}));
    Ok(())
}

/// A 10,000-character draft: paragraphs of prose and PII separated by blank lines (or, for the
/// worst case, by single line breaks, so the whole draft is one segment).
fn draft_text(separator: &str) -> String {
    const PARAGRAPHS: [&str; 6] = [
        "Hi team, following up on yesterday's call with the supplier. They asked us to confirm the delivery window and the invoice total before Friday.",
        "Contact: jane.doe@example.com or +44 20 7946 0958. Card on file 4111 1111 1111 1111, billing address on the account as usual.",
        "The release notes mention version 2.14.3, build 20261124, and a fix for the timeout in the export job (ticket 88213).",
        "Could you rewrite this paragraph so it sounds friendlier? I keep sounding abrupt in these updates and I would like it to read warmer.",
        "Transfer to GB82 WEST 1234 5698 7654 32 was approved; reference 536-22-1234 belongs to the old form and can be ignored now.",
        "Server 10.0.0.12 logs show the token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 in a config file that we must rotate.",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 10_000 {
        if !text.is_empty() {
            text.push_str(separator);
        }
        text.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        i += 1;
    }
    text.truncate(text.floor_char_boundary(10_000));
    text
}

fn typing() -> Res<()> {
    let typed = " Please also mail maria.garcia@example.org about it, or call (415) 555-2671.";
    let rules = Scrim::builder()
        .policy(Policy::from_overrides(json!({"models": {"toxicity": false, "injection": false, "ner": false}}))?)
        .build()?;
    let full = Scrim::new()?;
    let mut results = Vec::new();
    for (case, separator) in [("paragraphs", "\n\n"), ("one paragraph (no blank lines)", "\n")] {
        let base = draft_text(separator);
        let at = base[..base.len() / 2].rfind(". ").map_or(base.len() / 2, |p| p + 1);
        let keystrokes: Vec<String> =
            typed.char_indices().map(|(i, c)| format!("{}{}{}", &base[..at], &typed[..i + c.len_utf8()], &base[at..])).collect();
        let time = |f: &mut dyn FnMut(&str) -> Res<()>| -> Res<Vec<f64>> {
            let mut ms = Vec::with_capacity(keystrokes.len());
            for text in &keystrokes {
                let t = Instant::now();
                f(text)?;
                ms.push(t.elapsed().as_secs_f64() * 1e3);
            }
            ms.sort_by(f64::total_cmp);
            Ok(ms)
        };
        // First an untimed pass checking that the draft equals the full scan at every keystroke.
        let mut draft = scrim::Draft::new();
        for text in std::iter::once(&base).chain(&keystrokes) {
            assert_eq!(
                draft.scan(&rules, text)?,
                rules.scan(text, &ScanOptions::default())?,
                "the draft must equal the full scan"
            );
        }
        draft.scan(&rules, &base)?;
        let incremental = time(&mut |t| draft.scan(&rules, t).map(drop).map_err(Into::into))?;
        let rules_full = time(&mut |t| rules.scan(t, &ScanOptions::default()).map(drop).map_err(Into::into))?;
        let models_full = time(&mut |t| full.scan(t, &ScanOptions::default()).map(drop).map_err(Into::into))?;
        for (method, ms) in [
            ("Draft::scan (incremental, rules)", incremental),
            ("scan (full, rules)", rules_full),
            ("scan (full, rules + models)", models_full),
        ] {
            results.push(json!({
                "case": case, "method": method, "chars": base.chars().count(), "keystrokes": keystrokes.len(),
                "p50_ms": percentile(&ms, 0.5), "p99_ms": percentile(&ms, 0.99), "max_ms": ms.last(),
            }));
        }
    }
    println!("{}", json!({"typing": results}));
    Ok(())
}

/// Keep `value` from being optimized away.
fn keep<T>(value: T) -> Res<()> {
    std::hint::black_box(value);
    Ok(())
}

/// Microseconds per prompt that `f` takes over `texts`: the best of `rounds` passes after a
/// warm-up pass.
fn per_prompt_us(texts: &[&str], rounds: usize, mut f: impl FnMut(&str) -> Res<()>) -> Res<f64> {
    for t in texts {
        f(t)?;
    }
    let mut best = f64::INFINITY;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        for t in texts {
            f(t)?;
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best * 1e6 / texts.len().max(1) as f64)
}

/// Where a scan's time goes, stage by stage, per prompt of 50-400 characters (single thread): the
/// regression guard `bench/run.py --smoke` prints in every CI log, and the breakdown table of
/// BENCHMARKS.md. Each model is timed through its own entry point (featurizing included), so the
/// stages add up to about the whole scan.
fn stages(corpus: &str, rounds: usize) -> Res<()> {
    use scrim::model::bundled;
    use scrim::{Analyzer, Vault};
    let docs = read_jsonl(corpus)?;
    let texts: Vec<&str> =
        docs.iter().filter_map(|d| d["text"].as_str()).filter(|t| (50..=400).contains(&t.chars().count())).collect();
    let policy = Policy::embedded();
    let rules_only = Policy::from_overrides(json!({"models": {"toxicity": false, "injection": false, "ner": false}}))?;
    let rules = Analyzer::new(&rules_only)?;
    let full = Analyzer::new(&policy)?;
    let models = bundled::get()?;
    let toxicity_features = models.toxicity.classifier().sidecar().featurizer.clone();
    let options = ScanOptions::default();
    let scrim = Scrim::new()?;
    let mut out = serde_json::Map::new();
    let mut time = |name: &str, f: &mut dyn FnMut(&str) -> Res<()>| -> Res<()> {
        out.insert(name.into(), json!(per_prompt_us(&texts, rounds, f)?));
        Ok(())
    };
    time("normalize", &mut |t| keep(scrim::normalize::Normalized::new(t)))?;
    time("rules_and_heuristics", &mut |t| keep(rules.analyze(t, &options)?))?;
    time("heuristics", &mut |t| keep(scrim::injection::scan(t)))?;
    time("featurize_ngrams", &mut |t| keep(scrim::model::hashed_ngrams::featurize(t, &toxicity_features)))?;
    time("featurize_tokens", &mut |t| keep(models.ner.featurize(t)))?;
    time("toxicity", &mut |t| keep(models.toxicity.scores(t)?))?;
    time("injection", &mut |t| keep(models.injection.score(t)?))?;
    time("ner", &mut |t| keep(models.ner.find(t)?))?;
    let analyses: Vec<_> = texts.iter().map(|t| full.analyze(t, &options)).collect::<Result<_, _>>()?;
    let mut k = 0;
    time("judge", &mut |t| {
        let a = &analyses[k % analyses.len()];
        k += 1;
        keep(policy.judge(t, a))
    })?;
    let reports: Vec<_> = texts.iter().map(|t| scrim.judge(t, &options)).collect::<Result<_, _>>()?;
    let (mut k, key) = (0, scrim::operator::HashKey::new([7; 32]));
    time("operate", &mut |t| {
        let mut findings = reports[k % reports.len()].findings.clone();
        k += 1;
        let mut vault = Vault::new();
        keep(scrim::operator::apply_all(t, &mut findings, &mut vault, &key, &policy.mask))
    })?;
    let mut k = 0;
    time("serialize", &mut |t| {
        let mut report = reports[k % reports.len()].clone();
        k += 1;
        report.convert_offsets(t, OffsetUnit::Utf16);
        keep(serde_json::to_string(&report)?)
    })?;
    time("scan_whole", &mut |t| keep(scrim.scan(t, &options)?))?;
    println!("{}", json!({"runner": "scrim-native", "prompts": texts.len(), "rounds": rounds, "us_per_prompt": out}));
    Ok(())
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str);
    match args.first().map(String::as_str) {
        Some("predict") if args.len() >= 3 => {
            let rounds = flag("--rounds").map_or(Ok(5), str::parse)?;
            let also: Vec<(String, String)> = args
                .windows(2)
                .filter(|w| w[0] == "--also")
                .map(|w| w[1].split_once('=').map(|(a, b)| (a.to_string(), b.to_string())).ok_or("--also takes IN=OUT"))
                .collect::<Result<_, _>>()?;
            predict(&args[1], &args[2], rounds, flag("--long"), &also)
        }
        Some("stages") if args.len() >= 2 => stages(&args[1], flag("--rounds").map_or(Ok(3), str::parse)?),
        Some("stress") => stress(),
        Some("typing") => typing(),
        _ => Err("usage: bench_native predict CORPUS.jsonl PRED.jsonl [--rounds N] [--long LONG.jsonl] | bench_native stages CORPUS.jsonl [--rounds N] | bench_native stress | bench_native typing".into()),
    }
}
