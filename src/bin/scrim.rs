//! `scrim`: screen text or JSONL batches from the command line.
//!
//! Output is one JSON object per input (per line with `--jsonl`); offsets are Unicode code points
//! (Python string indices). Every record carries `provenance` (scrim version, policy id, model
//! digests), so a record keeps what made it even when separated from its batch.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use scrim::offsets::OffsetUnit;
use scrim::{Policy, Report, ScanOptions, Scrim};
use serde_json::{json, Value};

#[derive(Parser)]
#[command(name = "scrim", version, about = "Screen and de-identify prompts before they reach a hosted model")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report findings, scores and the decision; change nothing.
    Scan(Args),
    /// Like scan, plus `text`: what the hosted model may receive.
    Protect(Args),
    /// List the built-in recognizers and whether the policy has them on.
    Recognizers {
        /// Policy file (.toml or .json) laid over the default.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct Args {
    /// Input files (default: standard input).
    files: Vec<PathBuf>,
    /// Each input line is a JSON object {"id": ..., "text": "..."}; one output line per input line.
    #[arg(long)]
    jsonl: bool,
    /// Policy file (.toml or .json) laid over the default.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Include each finding's matched text in the output (off: output carries no values).
    #[arg(long)]
    show_values: bool,
    /// Add `explanations`: each word's signed contribution to the classifier scores (offsets in
    /// code points).
    #[arg(long)]
    explain: bool,
    /// Write the vault (placeholder → value) to this file after `protect`.
    #[arg(long)]
    vault_out: Option<PathBuf>,
    /// Write the audit trail (one JSON line per input: policy, models, entity counts, scores,
    /// decision — no text, no values) to this file.
    #[arg(long)]
    audit: Option<PathBuf>,
}

fn load_policy(path: Option<&PathBuf>) -> anyhow::Result<Policy> {
    let Some(path) = path else { return Ok(Policy::embedded()) };
    let text = std::fs::read_to_string(path).with_context(|| format!("reading policy {}", path.display()))?;
    let policy = if path.extension().is_some_and(|e| e == "toml") { Policy::from_toml(&text) } else { Policy::from_json(&text) };
    policy.with_context(|| format!("in {}", path.display()))
}

/// A report as the CLI prints it: code-point offsets, values only on request.
fn record(id: Option<&Value>, mut report: Report, text: &str, show_values: bool) -> Value {
    report.convert_offsets(text, OffsetUnit::CodePoint);
    let mut v = serde_json::to_value(&report).expect("reports serialize");
    if !show_values {
        for f in v["findings"].as_array_mut().into_iter().flatten() {
            f.as_object_mut().map(|o| o.remove("text"));
        }
    }
    if let (Some(id), Some(o)) = (id, v.as_object_mut()) {
        o.insert("id".into(), id.clone());
    }
    v
}

/// Write one JSON line; `Ok(false)` when the reader went away (a closed pipe is not an error).
fn emit(out: &mut impl Write, value: &Value) -> anyhow::Result<bool> {
    let r = serde_json::to_writer(&mut *out, value).map_err(io::Error::from).and_then(|()| out.write_all(b"\n"));
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        r => r.map(|()| true).map_err(Into::into),
    }
}

fn screen(scrim: &mut Scrim, protect: bool, explain: bool, text: &str) -> scrim::Result<Report> {
    let options = ScanOptions { explain };
    if protect {
        scrim.protect(text, &options)
    } else {
        scrim.scan(text, &options)
    }
}

fn run(args: Args, protect: bool) -> anyhow::Result<ExitCode> {
    let policy = load_policy(args.policy.as_ref())?;
    let mut scrim = Scrim::builder().policy(policy).audit(args.audit.is_some()).build()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;

    let inputs: Vec<(String, Box<dyn Read>, u64)> = if args.files.is_empty() {
        vec![("<stdin>".into(), Box::new(io::stdin()), 0)]
    } else {
        let mut v: Vec<(String, Box<dyn Read>, u64)> = Vec::new();
        for path in &args.files {
            let f = File::open(path).with_context(|| format!("opening {}", path.display()))?;
            let len = f.metadata().map(|m| m.len()).unwrap_or(0);
            v.push((path.display().to_string(), Box::new(f), len));
        }
        v
    };
    let total: u64 = inputs.iter().map(|i| i.2).sum();
    let bar = if !args.files.is_empty() && io::stderr().is_terminal() {
        let b = ProgressBar::new(total);
        b.set_style(ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} {eta}").expect("template"));
        b
    } else {
        ProgressBar::hidden()
    };

    'inputs: for (name, reader, _) in inputs {
        if !args.jsonl {
            let mut text = String::new();
            if let Err(e) = BufReader::new(reader).read_to_string(&mut text) {
                eprintln!("scrim: {name}: {e}");
                failures += 1;
                continue;
            }
            bar.inc(text.len() as u64);
            match screen(&mut scrim, protect, args.explain, &text) {
                Ok(report) => {
                    if !emit(&mut out, &record(None, report, &text, args.show_values))? {
                        break 'inputs;
                    }
                }
                Err(e) => {
                    eprintln!("scrim: {name}: {e}");
                    failures += 1;
                }
            }
            continue;
        }
        for (n, line) in BufReader::new(reader).lines().enumerate() {
            let line_no = n + 1;
            let result = line.map_err(anyhow::Error::from).and_then(|line| {
                bar.inc(line.len() as u64 + 1);
                if line.trim().is_empty() {
                    return Ok(None);
                }
                let value: Value = serde_json::from_str(&line).context("not JSON")?;
                let Some(text) = value.get("text").and_then(Value::as_str) else { bail!("no string field \"text\"") };
                let report = screen(&mut scrim, protect, args.explain, text)?;
                Ok(Some(record(value.get("id"), report, text, args.show_values)))
            });
            let line_out = match result {
                Ok(None) => continue,
                Ok(Some(v)) => v,
                Err(e) => {
                    failures += 1;
                    eprintln!("scrim: {name}: line {line_no}: {e:#}");
                    json!({"line": line_no, "error": format!("{e:#}")})
                }
            };
            if !emit(&mut out, &line_out)? {
                break 'inputs;
            }
        }
    }
    bar.finish_and_clear();
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    if let Some(path) = &args.vault_out {
        std::fs::write(path, scrim.vault().export_json()).with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.audit {
        std::fs::write(path, scrim.audit_jsonl()).with_context(|| format!("writing {}", path.display()))?;
    }
    if failures > 0 {
        eprintln!("scrim: {failures} input(s) failed");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => run(args, false),
        Command::Protect(args) => run(args, true),
        Command::Recognizers { policy } => load_policy(policy.as_ref()).map(|p| {
            let config = scrim::recognizer::RecognizerConfig::embedded();
            let mut out = io::stdout().lock();
            for r in scrim::recognizer::registry::all() {
                // The engine's own answer: what it compiles for this policy.
                let on = p.runs_recognizer(r.id, &config);
                if writeln!(out, "{}\t{}\t{}", r.id, r.entity, if on { "on" } else { "off" }).is_err() {
                    break; // closed pipe
                }
            }
            ExitCode::SUCCESS
        }),
    };
    result.unwrap_or_else(|e| {
        eprintln!("scrim: {e:#}");
        ExitCode::from(2)
    })
}
