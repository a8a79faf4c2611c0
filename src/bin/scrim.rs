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
use scrim::{Policy, Report, ScanOptions, Scrim, Vault};
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
    /// Put the real values back into model replies: every placeholder and stand-in a `protect`
    /// run minted (its `--vault-out` file) is restored.
    Restore(RestoreArgs),
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
    /// Write the vault (placeholder → value) to this file after `protect`: encrypted when a key or
    /// passphrase is given (`--vault-key-file`, `--vault-passphrase-env`), else plain JSON holding
    /// the real values.
    #[arg(long)]
    vault_out: Option<PathBuf>,
    /// Continue a conversation: start from this vault (written by `--vault-out`, or exported by the
    /// JS API), so values already seen keep their placeholders.
    #[arg(long)]
    vault_in: Option<PathBuf>,
    #[command(flatten)]
    secret: SecretArgs,
    /// Write the audit trail (one JSON line per input: policy, models, entity counts, scores,
    /// decision — no text, no values) to this file.
    #[arg(long)]
    audit: Option<PathBuf>,
    /// Threads that screen inputs in parallel (default: one per core). The output, the vault and
    /// the audit trail are the same for every number of threads, in input order.
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(clap::Args)]
struct RestoreArgs {
    /// Replies to restore (default: standard input).
    files: Vec<PathBuf>,
    /// Each input line is a JSON object with a string "text" (other fields are kept); the restored
    /// text replaces it.
    #[arg(long)]
    jsonl: bool,
    /// The vault of the `protect` run that made the prompts.
    #[arg(long)]
    vault_in: PathBuf,
    #[command(flatten)]
    secret: SecretArgs,
}

/// The secret of an encrypted vault file.
#[derive(clap::Args)]
struct SecretArgs {
    /// A file holding the vault's 256-bit key: 32 raw bytes, or 64 hex digits.
    #[arg(long, conflicts_with = "vault_passphrase_env")]
    vault_key_file: Option<PathBuf>,
    /// The name of an environment variable holding the vault's passphrase (never the passphrase
    /// itself: command lines are visible to other users of the machine).
    #[arg(long)]
    vault_passphrase_env: Option<String>,
}

/// The secret the arguments name, read: a key or a passphrase (`None` for a plain vault).
enum Secret {
    Key([u8; 32]),
    Passphrase(String),
}

impl SecretArgs {
    fn read(&self) -> anyhow::Result<Option<Secret>> {
        if let Some(path) = &self.vault_key_file {
            let bytes = std::fs::read(path).with_context(|| format!("reading key file {}", path.display()))?;
            let hex_digits = std::str::from_utf8(&bytes).ok().map(str::trim).filter(|t| t.len() == 64);
            let key = match hex_digits {
                Some(t) => hex::decode(t).ok(),
                None => Some(bytes),
            };
            let key: [u8; 32] = key
                .and_then(|k| k.try_into().ok())
                .with_context(|| format!("{}: a vault key is 32 bytes or 64 hex digits", path.display()))?;
            return Ok(Some(Secret::Key(key)));
        }
        if let Some(var) = &self.vault_passphrase_env {
            let passphrase = std::env::var(var).with_context(|| format!("--vault-passphrase-env: ${var} is not set"))?;
            if passphrase.is_empty() {
                bail!("--vault-passphrase-env: ${var} is empty");
            }
            return Ok(Some(Secret::Passphrase(passphrase)));
        }
        Ok(None)
    }
}

impl Secret {
    fn as_vault_secret(&self) -> scrim::vault::Secret<'_> {
        match self {
            Secret::Key(k) => scrim::vault::Secret::Key(k),
            Secret::Passphrase(p) => scrim::vault::Secret::Passphrase(p),
        }
    }
}

/// A vault file, plain (`{"version": 1, ...}`) or encrypted (`{"scrim_vault": 1, ...}`).
fn read_vault(path: &PathBuf, secret: Option<&Secret>) -> anyhow::Result<Vault> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading vault {}", path.display()))?;
    let encrypted = serde_json::from_str::<Value>(&text).ok().is_some_and(|v| v.get("scrim_vault").is_some());
    let vault = match (encrypted, secret) {
        (true, Some(secret)) => Vault::import_encrypted(&text, secret.as_vault_secret()),
        (true, None) => bail!("{}: the vault is encrypted; give --vault-key-file or --vault-passphrase-env", path.display()),
        (false, _) => Vault::import_json(&text),
    };
    vault.with_context(|| format!("in {}", path.display()))
}

fn write_vault(path: &PathBuf, vault: &Vault, secret: Option<&Secret>) -> anyhow::Result<()> {
    let text = match secret {
        Some(secret) => vault.export_encrypted(secret.as_vault_secret())?,
        None => vault.export_json(),
    };
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// The CLI's own defaults, under the user's policy: a document on disk may be far larger than a
/// prompt typed in a browser (whose limit stays the embedded default), so 100 MiB is accepted.
fn cli_defaults() -> Value {
    json!({"limits": {"max_input_bytes": 100 * 1024 * 1024}})
}

fn load_policy(path: Option<&PathBuf>) -> anyhow::Result<Policy> {
    let Some(path) = path else { return Ok(Policy::from_layers([cli_defaults()])?) };
    let text = std::fs::read_to_string(path).with_context(|| format!("reading policy {}", path.display()))?;
    let overrides = if path.extension().is_some_and(|e| e == "toml") {
        Policy::overrides_from_toml(&text)
    } else {
        Policy::overrides_from_json(&text)
    };
    overrides.and_then(|o| Policy::from_layers([cli_defaults(), o])).with_context(|| format!("in {}", path.display()))
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

/// Lines judged together: enough to keep every thread busy, few enough that a batch of long
/// lines stays small in memory.
const BATCH: usize = 256;

/// One unit of input: a whole file, or one JSONL line.
struct Input {
    /// Where it came from, for messages: the file, and the line number in JSONL mode.
    name: String,
    line: Option<usize>,
    /// The JSONL record's `id`.
    id: Option<Value>,
    /// The text to screen, or why there is none.
    text: anyhow::Result<String>,
}

/// What one input became: an output line, and whether it failed.
struct Output {
    line: String,
    failed: bool,
}

/// Screen a batch: judge every input in parallel (judging changes nothing), then, in input order,
/// record each scan or mint each protect's placeholders (so the output, the vault and the audit
/// trail are byte for byte those of a single thread), then format the lines in parallel.
fn screen_batch(scrim: &mut Scrim, pool: &rayon::ThreadPool, batch: Vec<Input>, args: &Args, protect: bool) -> Vec<Output> {
    use rayon::prelude::*;
    let options = ScanOptions { explain: args.explain };
    let judged: Vec<anyhow::Result<Report>> = pool.install(|| {
        batch
            .par_iter()
            .map(|input| match &input.text {
                Ok(text) => scrim.judge(text, &options).map_err(Into::into),
                Err(e) => Err(anyhow::anyhow!("{e:#}")),
            })
            .collect()
    });
    let committed: Vec<anyhow::Result<Report>> = batch
        .iter()
        .zip(judged)
        .map(|(input, report)| {
            let report = report?;
            let text = input.text.as_ref().expect("only an input with text is judged");
            Ok(if protect {
                scrim.protect_judged(text, report)
            } else {
                scrim.record_scan(text, &report);
                report
            })
        })
        .collect();
    pool.install(|| {
        batch
            .into_par_iter()
            .zip(committed)
            .map(|(input, report)| match (report, &input.text) {
                (Ok(report), Ok(text)) => {
                    Output { line: record(input.id.as_ref(), report, text, args.show_values).to_string(), failed: false }
                }
                (Err(e), _) => {
                    let at = input.line.map(|n| format!(": line {n}")).unwrap_or_default();
                    eprintln!("scrim: {}{at}: {e:#}", input.name);
                    let line = match input.line {
                        Some(n) => json!({"line": n, "error": format!("{e:#}")}).to_string(),
                        None => json!({"file": input.name, "error": format!("{e:#}")}).to_string(),
                    };
                    Output { line, failed: true }
                }
                (Ok(_), Err(_)) => unreachable!("an input without text is never judged"),
            })
            .collect()
    })
}

/// Write one output line; `Ok(false)` when the reader went away (a closed pipe is not an error).
fn write_line(out: &mut impl Write, line: &str) -> anyhow::Result<bool> {
    match out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n")) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        r => r.map(|()| true).map_err(Into::into),
    }
}

/// One JSONL line as an input (`None` for a blank line).
fn parse_line(name: &str, n: usize, line: io::Result<String>) -> Option<Input> {
    let parsed = line.map_err(anyhow::Error::from).and_then(|line| {
        if line.trim().is_empty() {
            return Ok(None);
        }
        let mut value: Value = serde_json::from_str(&line).context("not JSON")?;
        let Some(Value::String(text)) = value.get_mut("text").map(Value::take) else { bail!("no string field \"text\"") };
        Ok(Some((value.get("id").cloned(), text)))
    });
    let (id, text) = match parsed {
        Ok(None) => return None,
        Ok(Some((id, text))) => (id, Ok(text)),
        Err(e) => (None, Err(e)),
    };
    Some(Input { name: name.to_string(), line: Some(n), id, text })
}

fn run(args: Args, protect: bool) -> anyhow::Result<ExitCode> {
    let policy = load_policy(args.policy.as_ref())?;
    let secret = args.secret.read()?;
    let mut builder = Scrim::builder();
    builder.policy(policy).audit(args.audit.is_some());
    if let Some(path) = &args.vault_in {
        builder.vault(read_vault(path, secret.as_ref())?);
    }
    let mut scrim = builder.build()?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build()?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failures = 0usize;

    let inputs = open_inputs(&args.files)?;
    let total: u64 = args.files.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    let bar = if !args.files.is_empty() && io::stderr().is_terminal() {
        let b = ProgressBar::new(total);
        b.set_style(ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} {eta}").expect("template"));
        b
    } else {
        ProgressBar::hidden()
    };

    let mut flush = |batch: Vec<Input>, scrim: &mut Scrim| -> anyhow::Result<bool> {
        bar.inc(batch.iter().map(|i| i.text.as_ref().map_or(0, |t| t.len() as u64 + 1)).sum());
        for output in screen_batch(scrim, &pool, batch, &args, protect) {
            failures += usize::from(output.failed);
            if !write_line(&mut out, &output.line)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    'inputs: for (name, reader) in inputs {
        if !args.jsonl {
            let mut text = String::new();
            let text = BufReader::new(reader).read_to_string(&mut text).map(|_| text).with_context(|| format!("reading {name}"));
            if !flush(vec![Input { name, line: None, id: None, text }], &mut scrim)? {
                break 'inputs;
            }
            continue;
        }
        let mut batch = Vec::with_capacity(BATCH);
        for (n, line) in BufReader::new(reader).lines().enumerate() {
            batch.extend(parse_line(&name, n + 1, line));
            if batch.len() == BATCH && !flush(std::mem::take(&mut batch), &mut scrim)? {
                break 'inputs;
            }
        }
        if !batch.is_empty() && !flush(batch, &mut scrim)? {
            break 'inputs;
        }
    }
    bar.finish_and_clear();
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    if let Some(path) = &args.vault_out {
        write_vault(path, scrim.vault(), secret.as_ref())?;
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

/// Every input's inputs: the named files, or standard input.
fn open_inputs(files: &[PathBuf]) -> anyhow::Result<Vec<(String, Box<dyn Read>)>> {
    if files.is_empty() {
        return Ok(vec![("<stdin>".into(), Box::new(io::stdin()))]);
    }
    files
        .iter()
        .map(|path| {
            let f = File::open(path).with_context(|| format!("opening {}", path.display()))?;
            Ok((path.display().to_string(), Box::new(f) as Box<dyn Read>))
        })
        .collect()
}

fn restore(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let vault = read_vault(&args.vault_in, args.secret.read()?.as_ref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failures = 0usize;
    for (name, reader) in open_inputs(&args.files)? {
        if !args.jsonl {
            let mut text = String::new();
            BufReader::new(reader).read_to_string(&mut text).with_context(|| format!("reading {name}"))?;
            if let Err(e) = out.write_all(vault.restore(&text).as_bytes()) {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    return Ok(ExitCode::SUCCESS);
                }
                return Err(e.into());
            }
            continue;
        }
        for (n, line) in BufReader::new(reader).lines().enumerate() {
            let line = line.with_context(|| format!("reading {name}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let restored = serde_json::from_str::<Value>(&line).context("not JSON").and_then(|mut v| {
                let Some(text) = v.get("text").and_then(Value::as_str) else { bail!("no string field \"text\"") };
                v["text"] = Value::String(vault.restore(text));
                Ok(v)
            });
            let value = restored.unwrap_or_else(|e| {
                failures += 1;
                eprintln!("scrim: {name}: line {}: {e:#}", n + 1);
                json!({"line": n + 1, "error": format!("{e:#}")})
            });
            if !emit(&mut out, &value)? {
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(if failures > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => run(args, false),
        Command::Protect(args) => run(args, true),
        Command::Restore(args) => restore(args),
        Command::Recognizers { policy } => load_policy(policy.as_ref()).map(|p| {
            let config = scrim::recognizer::RecognizerConfig::embedded();
            let mut out = io::stdout().lock();
            for r in scrim::recognizer::registry::all() {
                // The engine's own answer: what it compiles for this policy.
                let on = p.runs_recognizer(r.id, config);
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
