#!/usr/bin/env python3
"""Benchmark scrim against its peers and write BENCHMARKS.md (issue 9, and issue 10's figures).

    python bench/run.py            the full run (~15-30 min on 2 cores): installs the peers into
                                   bench/.venv/<peer> and bench/node_modules if missing, builds
                                   tools bench_native (release, with the models), uses pkg/ as
                                   built (`npm run build`, or `npm run build:size` for the shipping
                                   build), writes BENCHMARKS.md, bench/f1_vs_speed.svg and
                                   bench/out/results.json
    python bench/run.py --smoke    < 30 s once built: a tiny corpus through the same pipeline (scrim
                                   native, wasm in Node and in Chromium, the JS peers and
                                   presidio-rs if installed, the scorer, the report) written to
                                   bench/out/smoke/; exits non-zero if any runner or the scorer
                                   breaks. Installs nothing but the corpus generator's Faker.
    python bench/run.py --size-build   also run `node scripts/build.mjs --size` first (wasm-opt,
                                   ~3+ min) so sizes and speeds are those of the shipping build

Numbers are measured, never asserted: a peer that cannot install or run is reported as such.
"""
import argparse
import gzip
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
VENVS = os.path.join(BENCH, ".venv")
MAIN_PY = os.path.join(VENVS, "main", "bin", "python")

sys.path.insert(0, BENCH)
import score as scorer  # noqa: E402  (stdlib only)

# Issue 21's targets, as the "Targets" table checks them.
PAYLOAD_MB = 3.0
NATIVE_VS_REDACT_PII = 1.5
CHROMIUM_P50_MS = 1.0
COLD_START_MS = 200.0

PY_PEERS = ["presidio", "presidio-rs", "scrubadub"]
JS_PEERS = ["redact-pii", "@redactpii/node", "@openredaction/openredaction", "@arcjet/redact"]
PEER_INFO = {
    "scrim-native": ("scrim", "Rust, native (tools/src/bench_native.rs)"),
    "scrim-node": ("scrim", "wasm in Node (pkg/node.js)"),
    "scrim-chromium": ("scrim", "wasm in Chromium (pkg/index.js)"),
    "presidio": ("Presidio", "Python, presidio-analyzer + spaCy en_core_web_sm"),
    "presidio-rs": ("presidio-rs", "Rust via Python (PyPI)"),
    "scrubadub": ("scrubadub", "Python"),
    "redact-pii": ("redact-pii", "JavaScript in Node (npm)"),
    "@redactpii/node": ("@redactpii/node", "JavaScript in Node (npm)"),
    "@openredaction/openredaction": ("OpenRedaction", "JavaScript in Node (npm, 559 regex patterns, async detect)"),
    "@arcjet/redact": ("@arcjet/redact", "wasm in Node (npm, async redact)"),
    "profanity-check": ("alt-profanity-check", "Python (TF-IDF + linear SVM)"),
    "obscenity": ("obscenity", "JavaScript in Node (npm, word list + transformers)"),
}


class Run:
    """Where a run writes, and what happened to each runner."""

    def __init__(self, smoke):
        self.smoke = smoke
        self.out = os.path.join(BENCH, "out", "smoke" if smoke else "")
        os.makedirs(os.path.join(self.out, "pred"), exist_ok=True)
        os.makedirs(os.path.join(self.out, "logs"), exist_ok=True)
        self.status = {}  # runner -> "ok" | reason it did not run
        self.failures = []  # runners that broke (smoke fails on these)

    def path(self, *p):
        return os.path.join(self.out, *p)

    def sh(self, name, cmd, timeout, cwd=ROOT, env=None):
        """Run a command; stderr goes to out/logs/NAME.log, stdout is returned."""
        log = self.path("logs", f"{name.replace('/', '_').replace('@', '')}.log")
        t0 = time.time()
        with open(log, "w") as err:
            try:
                p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=err, text=True, timeout=timeout,
                                   env={**os.environ, **(env or {})})
            except subprocess.TimeoutExpired:
                return None, f"timed out after {timeout} s (log: {os.path.relpath(log, ROOT)})"
            except OSError as e:
                return None, f"could not start: {e}"
        print(f"run: {name}: {time.time() - t0:.1f} s", file=sys.stderr)
        if p.returncode != 0:
            tail = open(log).read().strip().splitlines()[-3:]
            return None, f"exit {p.returncode}: {' | '.join(tail)[:400]} (log: {os.path.relpath(log, ROOT)})"
        return p.stdout, None


def last_json(stdout):
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line on stdout")


# ---------------------------------------------------------------------------------- setup


def venv_python(peer):
    return os.path.join(VENVS, peer.replace("/", "_").replace("@", ""), "bin", "python")


def ensure_venv(run, peer, install):
    """The peer's venv python, or None (with the reason in run.status)."""
    py = venv_python(peer)
    req = os.path.join(BENCH, "requirements", f"{peer}.txt")
    if os.path.exists(py):
        return py
    if not install:
        run.status[peer] = "not installed (bench/.venv missing; the full run installs it)"
        return None
    venv = os.path.dirname(os.path.dirname(py))
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    _, err = run.sh(f"pip-{peer}", [py, "-m", "pip", "install", "-q", "-r", req], timeout=1800)
    if err:
        shutil.rmtree(venv, ignore_errors=True)
        run.status[peer] = f"could not install from PyPI: {err}"
        return None
    return py


def ensure_node_modules(run, install):
    if os.path.isdir(os.path.join(BENCH, "node_modules", "redact-pii")):
        return True
    if not install:
        for p in JS_PEERS + ["obscenity"]:
            run.status[p] = "not installed (bench/node_modules missing; the full run installs it)"
        return False
    _, err = run.sh("npm-ci", ["npm", "ci", "--no-audit", "--no-fund"], timeout=900, cwd=BENCH)
    if err:
        for p in JS_PEERS + ["obscenity"]:
            run.status[p] = f"could not install from npm: {err}"
        return False
    return True


# ---------------------------------------------------------------------------------- runners


def corpus(run, smoke):
    args = [sys.executable, os.path.join(BENCH, "corpus.py"), "--out", run.out]
    args += ["--per-entity", "1", "--names", "12", "--clean", "12", "--perturb", "6", "--toxicity-n", "30"] if smoke else []
    tox = os.path.join(ROOT, "models", "train", "cache", "toxicity", "rows.parquet")
    if os.path.exists(tox):
        args += ["--toxicity", tox]
    elif os.path.exists(run.path("toxicity.jsonl")):
        run.status["toxicity split"] = f"{os.path.relpath(tox, ROOT)} missing now: the sample of a previous run is used"
    else:
        run.status["toxicity split"] = f"missing: {os.path.relpath(tox, ROOT)} (made by models/train/toxicity/train.sh)"
    _, err = run.sh("corpus", args, timeout=600)
    if err:
        raise SystemExit(f"run: the corpus generator failed: {err}")


def build_native(run, smoke, build=True):
    binary = os.path.join(ROOT, "target", "debug" if smoke else "release", "bench_native")
    if not build and os.path.exists(binary):
        return binary
    # Smoke: the dev-profile example `cargo test --features cli` has already built (no rebuild).
    # The smoke build shares the library `npm test`'s cargo test built (the same features).
    features = "models,scrim/cli,scrim/typescript" if smoke else "models"
    cmd = ["cargo", "build", "-p", "scrim-tools", "--features", features, "--bin", "bench_native"] + ([] if smoke else ["--release"])
    _, err = run.sh("cargo-bench_native", cmd, timeout=3600)
    if err:
        run.status["scrim-native"] = f"build failed: {err}"
        run.failures.append("scrim-native")
        return None
    return binary


def runner_cmd(peer, native, corpus_file, pred, rounds, long, also):
    tail = [corpus_file, pred, "--rounds", str(rounds)] + (["--long", long] if long else [])
    for src, dst in also:
        tail += ["--also", f"{src}={dst}"]
    if peer == "scrim-native":
        return [native, "predict"] + tail
    if peer == "scrim-chromium":
        return ["node", os.path.join(BENCH, "runners", "chromium.mjs")] + tail
    if peer in ("scrim-node", "obscenity") or peer in JS_PEERS:
        return ["node", os.path.join(BENCH, "runners", "node_peers.mjs"), peer] + tail
    return [venv_python(peer), os.path.join(BENCH, "runners", "py_peers.py"), peer] + tail


def run_peer(run, peer, native, jobs, timeout):
    """jobs: [(kind, input file, rounds, long)]: the first is timed, the others are predicted in
    the same process (`--also`). Returns {kind: {"pred": file, **timings of the first}} or None."""
    jobs = [j for j in jobs if os.path.exists(j[1])]
    if not jobs:
        return None
    name = peer.replace("/", "_").replace("@", "")
    preds = {kind: run.path("pred", f"{name}.{kind}.jsonl") for kind, *_ in jobs}
    (kind0, file0, rounds, long), rest = jobs[0], jobs[1:]
    cmd = runner_cmd(peer, native, file0, preds[kind0], rounds, long, [(f, preds[k]) for k, f, *_ in rest])
    stdout, err = run.sh(f"{peer}-{kind0}", cmd, timeout=timeout)
    if err:
        run.status[peer] = f"failed on {kind0}: {err}"
        run.failures.append(peer)
        return None
    stats = last_json(stdout)
    run.status[peer] = "ok"
    return {kind: {**stats, "pred": preds[kind]} for kind in preds}


# ---------------------------------------------------------------------------------- sizes


def sizes(quality=11):
    """Raw, gzip -9 and brotli bytes of what a browser downloads, and each model file.
    (Quality 11 is what a CDN serves precompressed; --smoke uses a fast quality.)"""
    try:
        import brotli

        br = lambda b: len(brotli.compress(b, quality=quality))  # noqa: E731
        br_tool = f"python brotli {brotli.__version__}" if hasattr(brotli, "__version__") else "python brotli"
    except ImportError:
        def br(b):
            return len(subprocess.run(["brotli", "-c", "-q", str(quality)], input=b, stdout=subprocess.PIPE, check=True).stdout)
        br_tool = "brotli CLI"
    br_tool += f", quality {quality}"
    pkg = os.path.join(ROOT, "pkg")
    rows = []
    if not os.path.isdir(pkg):
        return {"rows": [], "error": "pkg/ is missing: run `npm run build` first"}
    wasm_bytes = b""
    for name in sorted(os.listdir(pkg)):
        p = os.path.join(pkg, name)
        if not os.path.isfile(p) or name.endswith((".md", ".json", ".d.ts")):
            continue
        b = open(p, "rb").read()
        if name.endswith(".wasm"):
            wasm_bytes = b
        browser = name.endswith(".wasm") or name in ("index.js", "scrim.js", "scrim_wasm.js")
        rows.append({"file": f"pkg/{name}", "raw": len(b), "gzip": len(gzip.compress(b, 9, mtime=0)), "brotli": br(b), "browser": browser})
    models = os.path.join(ROOT, "models")
    for name in sorted(os.listdir(models)):
        if not name.endswith(".onnx"):
            continue
        b = open(os.path.join(models, name), "rb").read()
        # A model is embedded in the wasm when its bytes are: then it costs nothing extra.
        embedded = len(b) > 64 and b[len(b) // 2: len(b) // 2 + 64] in wasm_bytes
        rows.append({"file": f"models/{name}", "raw": len(b), "gzip": len(gzip.compress(b, 9, mtime=0)), "brotli": br(b),
                     "browser": not embedded, "embedded": embedded})
    total = {k: sum(r[k] for r in rows if r["browser"]) for k in ("raw", "gzip", "brotli")}
    return {"rows": rows, "total": total, "brotli_tool": br_tool,
            "wasm_sha256": hashlib.sha256(wasm_bytes).hexdigest()[:16] if wasm_bytes else None}


# ---------------------------------------------------------------------------------- report


def fmt(x, d=3):
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.{d}f}"
    return str(x)


def rate(x):
    if x is None:
        return "—"
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        mem = f"{int(open('/proc/meminfo').readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError):
        pass

    def ver(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=30).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"

    head = ver(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"], stdout=subprocess.PIPE, text=True).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(),
        "rustc": ver(["rustc", "--version"]), "node": ver(["node", "--version"]),
        "python": platform.python_version(),
        "commit": head + (" (with uncommitted changes)" if dirty else ""),
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def plot(results, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        matplotlib.rcParams["svg.hashsalt"] = "scrim-bench"
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed: no plot"
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for peer, r in results.items():
        t = r.get("timing") or {}
        s = r.get("score")
        if not s or not t.get("prompts_per_s"):
            continue
        x = t["prompts_per_s"]
        y = s["micro"]["typed_overlap"]["f1"]
        yc = s["covered"]["typed_overlap"]["f1"]
        scrim = peer.startswith("scrim")
        ax.scatter([x], [y], s=60, marker="o" if scrim else "s", color="#c0392b" if scrim else "#2c3e50", zorder=3)
        ax.scatter([x], [yc], s=40, marker="o" if scrim else "s", facecolors="none", edgecolors="#7f8c8d", zorder=2)
        ax.plot([x, x], [y, yc], color="#bdc3c7", lw=1, zorder=1)
        ax.annotate(peer, (x, y), textcoords="offset points", xytext=(6, -12), fontsize=8)
    ax.set_xscale("log")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("prompts per second, single thread (log scale)")
    ax.set_ylabel("typed F1 (overlap), all entity types")
    ax.set_title("PII detection: F1 vs throughput (hollow: F1 on the types each peer covers)", fontsize=9)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)
    return None


def toxicity_score(preds_file, docs, threshold):
    preds = {p["id"]: p for p in scorer.load_jsonl(preds_file)}
    got = [preds.get(d["id"], {}).get("scores", {}).get("toxicity") for d in docs]
    if all(g is None for g in got):
        return None
    return scorer.binary([d["label"] for d in docs], [g is not None and g >= threshold for g in got])


STAGES = [
    ("normalize", "normalize (folding, offset map)"),
    ("rules_and_heuristics", "rules and injection heuristics (normalize included; the analysis with every model off)"),
    ("heuristics", "of which the injection heuristics"),
    ("featurize_ngrams", "featurize: hashed n-grams (toxicity, injection)"),
    ("featurize_tokens", "featurize: token features (NER)"),
    ("toxicity", "toxicity model (its featurizing included)"),
    ("injection", "injection model, windows (its featurizing included)"),
    ("ner", "NER model and decoding (its featurizing included)"),
    ("judge", "judge: filter, overlaps, spreading, actions, decision"),
    ("operate", "operators (placeholders minted)"),
    ("serialize", "offsets to UTF-16 and JSON"),
    ("scan_whole", "**a whole scan**"),
]


def redact_pii_rate(results):
    """redact-pii's prompts/s in this run, the native target's yardstick (None if it did not run)."""
    return ((results.get("redact-pii") or {}).get("timing") or {}).get("prompts_per_s")


def report(run, results, tox, stress, size, mach, args, elapsed, stages=None):
    L = []
    w = L.append
    w("# Benchmarks\n")
    w(f"Written by `python bench/run.py{' --smoke' if run.smoke else ''}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} "
      f"in {elapsed / 60:.1f} min. Every number below is measured by that command on the machine described at the end; "
      "rerun it to refresh them. Nothing here is asserted by a test.\n")
    if run.smoke:
        w("**Smoke run: a tiny corpus; the numbers mean nothing.**\n")
    n_docs = len(results.get("_corpus", []))
    corpus_docs = results.pop("_corpus", [])
    pert_counts = results.pop("_perturbed_counts", {})
    parts = {}
    for d in corpus_docs:
        parts[d.get("part", "?")] = parts.get(d.get("part", "?"), 0) + 1
    n_gold = sum(len(d["spans"]) for d in corpus_docs)
    n_types = len({s["entity"] for d in corpus_docs for s in d["spans"]})

    # ---- targets
    nat = results.get("scrim-native", {})
    chro = results.get("scrim-chromium", {})
    nat_score = nat.get("score")
    w("## Targets\n")
    w("| target | measured | verdict |\n|---|---|---|")
    # Issue 21's targets: payload, native rate against redact-pii's in the same run, Chromium.
    if size.get("total"):
        b = size["total"]["brotli"] / 1e6
        w(f"| browser payload ≤ {PAYLOAD_MB:g} MB brotli, all models | {b:.2f} MB (wasm build {'with' if any(r.get('embedded') for r in size['rows']) else 'without'} embedded models) | "
          f"{'met' if b <= PAYLOAD_MB else f'missed by {b - PAYLOAD_MB:.2f} MB'} |")
    t = nat.get("timing") or {}
    peer_rate = redact_pii_rate(results)
    if t.get("prompts_per_s") and peer_rate:
        v, want = t["prompts_per_s"], NATIVE_VS_REDACT_PII * peer_rate
        w(f"| native ≥ {NATIVE_VS_REDACT_PII:g}× redact-pii's prompts/s (50–400-char prompts, same run: {want:,.0f}) | {v:,.0f} prompts/s ({v / peer_rate:.2f}×), models: {', '.join(t.get('models') or []) or 'none'} | "
          f"{'met' if v >= want else f'missed: {v / want:.0%} of target'} |")
    t = chro.get("timing") or {}
    if t.get("long_p50_ms") is not None:
        v = t["long_p50_ms"]
        models = t.get("models") or []
        w(f"| wasm in Chromium p50 ≤ {CHROMIUM_P50_MS:g} ms per 1 KB prompt, all models on | {v:.3f} ms p50 ({t['long_p95_ms']:.3f} ms p95), models loaded: {', '.join(models) or 'none'} | "
          f"{'met' if v <= CHROMIUM_P50_MS else f'missed by {v - CHROMIUM_P50_MS:.2f} ms'}{'' if len(models) >= 3 else ' (not all models were in the engine: the figure is not the target’s condition)'} |")
    if t.get("cold_start_ms") is not None:
        v = t["cold_start_ms"]
        w(f"| Chromium cold start ≤ {COLD_START_MS:g} ms | {v:,.0f} ms | {'met' if v <= COLD_START_MS else f'missed by {v - COLD_START_MS:,.0f} ms'} |")
    s = nat.get("score")
    if s:
        v = s["micro"]["typed_overlap"]["f1"]
        ve = s["micro"]["typed_exact"]["f1"]
        w(f"| typed F1 ≥ 0.95 | {v:.3f} overlap / {ve:.3f} exact, {n_gold} gold spans of {n_types} types | {'met' if v >= 0.95 else f'missed by {0.95 - v:.3f}'} |")
    w("")

    # ---- PII accuracy and speed
    w("## PII detection: accuracy and speed, side by side\n")
    w(f"Corpus: {n_docs} prompts (`bench/corpus.py`, seed {args.seed}): {parts.get('rules', 0)} with identifiers and secrets "
      f"(from `bench/pii_corpus.py`), {parts.get('names', 0)} with people, places and organisations, {parts.get('clean', 0)} PII-free; "
      f"{n_gold} gold spans of {n_types} entity types. Typed: the entity type must match (after each peer's names are mapped to scrim's, "
      "`bench/mappings.json`); overlap: the spans share a character; exact: same start and end. \"Covered\" scores only the entity "
      "types the peer claims to detect. Speed: single thread, after a warm-up pass, best of the timed passes over the prompts of "
      "50–400 characters; cold start = import/instantiate + build the engine + load its models.\n")
    w("| peer | runs as | typed F1 (overlap) | P | R | typed F1 (exact) | untyped F1 (overlap) | typed F1 on covered types | PII-free prompts flagged | prompts/s | MB/s | cold start |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for peer, r in results.items():
        s, t = r.get("score"), r.get("timing") or {}
        if not s:
            continue
        m = s["micro"]
        cov = s["covered"]["typed_overlap"]
        ncov = len(s.get("covered_entities", [])) or n_types
        c = s["clean"]
        w(f"| **{peer}** | {PEER_INFO.get(peer, ('', ''))[1]} | {m['typed_overlap']['f1']:.3f} | {m['typed_overlap']['p']:.3f} | {m['typed_overlap']['r']:.3f} | "
          f"{m['typed_exact']['f1']:.3f} | {m['untyped_overlap']['f1']:.3f} | {cov['f1']:.3f} ({ncov} types) | {c['flagged']}/{c['prompts']} | "
          f"{rate(t.get('prompts_per_s'))} | {fmt(t.get('mb_per_s'), 2)} | {fmt(t.get('cold_start_ms'), 0)} ms |")
    w("")
    fp_lines = [f"{p}: " + ", ".join(f"{k} {v}" for k, v in r["score"]["clean"]["by_label"].items())
                for p, r in results.items() if r.get("score") and r["score"]["clean"]["by_label"]]
    if fp_lines:
        w("Findings in the PII-free prompts, by (mapped) type — " + "; ".join(fp_lines) + ". Presidio's and presidio-rs's "
          "`DATE_TIME` is scored as `DATE_OF_BIRTH` (the only date scrim reports), so every date of an event counts against them; "
          "their `NRP`, redact-pii's `DIGITS` and `ZIPCODE` have no scrim counterpart and count as false positives.\n")
    w("![F1 versus throughput](bench/f1_vs_speed.svg)\n")
    not_run = {p: st for p, st in run.status.items() if st != "ok" and p in PEER_INFO}
    if not_run:
        w("Peers that did not run:\n")
        for p, st in not_run.items():
            w(f"- **{p}**: {st}")
        w("")

    # per-part
    w("### By part of the corpus (typed F1, overlap)\n")
    part_names = sorted({pt for r in results.values() if r.get("score") for pt in r["score"].get("parts", {})})
    w("| peer | " + " | ".join(part_names) + " |\n|---|" + "---|" * len(part_names))
    for peer, r in results.items():
        if r.get("score"):
            w(f"| {peer} | " + " | ".join(fmt(r["score"]["parts"].get(pt, {}).get("typed_overlap", {}).get("f1")) for pt in part_names) + " |")
    w("")

    # per label
    scored = [p for p, r in results.items() if r.get("score")]
    if "scrim-native" in scored:
        w("### Per entity type (typed, overlap F1; scrim also exact P/R)\n")
        labels = sorted({d_s["entity"] for d in corpus_docs for d_s in d["spans"]})
        others = [p for p in scored if p not in ("scrim-node", "scrim-chromium", "scrim-native")]
        w("| entity | gold | scrim P (exact) | scrim R (exact) | scrim F1 (overlap) | " + " | ".join(others) + " |")
        w("|---|---|---|---|---|" + "---|" * len(others))
        for e in labels:
            sm = results["scrim-native"]["score"]["labels"].get(e)
            if not sm:
                continue
            cells = []
            for p in others:
                pm = results[p]["score"]["labels"].get(e)
                cov = results[p]["score"].get("covered_entities")
                cells.append("n/a" if cov is not None and e not in cov else fmt(pm["typed_overlap"]["f1"] if pm else 0.0, 2))
            w(f"| {e} | {sm['typed_exact']['gold']} | {sm['typed_exact']['p']:.2f} | {sm['typed_exact']['r']:.2f} | {sm['typed_overlap']['f1']:.2f} | " + " | ".join(cells) + " |")
        w("\n\"n/a\": the peer has no recognizer for that type.\n")
        conf = results["scrim-native"]["score"]["confusions"]
        if conf:
            w("scrim's missed gold spans that another entity type covered (gold → found): " + ", ".join(f"{a} → {b} ({n})" for a, b, n in conf[:12]) + ".\n")
        fpl = results["scrim-native"]["score"]["clean"]["by_label"]
        if fpl:
            w("scrim's findings in PII-free prompts by type: " + ", ".join(f"{k} {v}" for k, v in fpl.items()) + ".\n")

    # ---- evasion
    ev = {p: r["evasion"] for p, r in results.items() if r.get("evasion")}
    if ev:
        w("## Evasion: recall before → after perturbing the values (issue 10)\n")
        w("The same labelled prompts, each gold value rewritten as an evader would (`bench/corpus.py`): Cyrillic homoglyphs, "
          "zero-width characters inside the value, fullwidth forms, a space between every character, a line break in the middle. "
          "Recall (untyped overlap: was the value caught at all), restricted to the types each peer covers; typed recall in brackets.\n")
        kinds = sorted({k for e in ev.values() for k in e})
        w("| peer | " + " | ".join(kinds) + " |\n|---|" + "---|" * len(kinds))
        for p, e in ev.items():
            cells = []
            for k in kinds:
                x = e.get(k)
                cells.append("—" if not x else f"{x['original']['untyped']:.2f} → {x['perturbed']['untyped']:.2f} ({x['perturbed']['typed']:.2f})")
            w(f"| {p} | " + " | ".join(cells) + " |")
        w("\nGold values per perturbation: " + ", ".join(f"{k} {v}" for k, v in sorted(pert_counts.items())) + " (all types; fewer for a peer covering fewer).\n")

    # ---- toxicity
    if tox:
        w("## Toxicity: held-out split\n")
        info = tox.pop("_info", {})
        w(f"{info.get('n', '?')} prompts sampled (seed {args.seed}) from the toxicity model's held-out **test** split "
          f"(`target/train/toxicity/rows.parquet`, split `test`: Davidson et al. and OLID tweets the model never trained or tuned on; "
          f"{info.get('positives', '?')} toxic). A prompt counts as flagged when the score reaches scrim's `warn` threshold "
          f"({info.get('threshold')}) / the peer says profane. Evasion: the toxic prompts again with every word of 4+ letters perturbed "
          "(R columns: recall on them; compare with R).\n")
        if "previous run" in run.status.get("toxicity split", ""):
            w(f"Note: {run.status['toxicity split']}.\n")
        w("| peer | P | R | F1 | accuracy | " + " | ".join(f"R {k}" for k in info.get("kinds", [])) + " |")
        w("|---|---|---|---|---|" + "---|" * len(info.get("kinds", [])))
        for p, r in tox.items():
            if r.get("error"):
                w(f"| {p} | {r['error']} |" + " |" * (3 + len(info.get("kinds", []))))
                continue
            m = r["metrics"]
            w(f"| {p} | {m['p']:.3f} | {m['r']:.3f} | {m['f1']:.3f} | {m['accuracy']:.3f} | " + " | ".join(fmt(r.get("evasion", {}).get(k), 2) for k in info.get("kinds", [])) + " |")
        w("")

    # ---- sizes
    w("## Size: what a browser downloads\n")
    if size.get("rows"):
        w(f"gzip -9 and brotli ({size['brotli_tool']}). Models embedded in the wasm (their bytes found inside it) add nothing; "
          "a model not found in the wasm is counted as a separate download (the engine needs it in the browser somehow).\n")
        w("| file | raw | gzip | brotli | downloaded by a browser |\n|---|---|---|---|---|")
        for r in size["rows"]:
            note = "in the wasm" if r.get("embedded") else ("yes" if r["browser"] else "no")
            w(f"| {r['file']} | {r['raw']:,} | {r['gzip']:,} | {r['brotli']:,} | {note} |")
        t = size["total"]
        w(f"| **total downloaded** | **{t['raw']:,}** | **{t['gzip']:,}** | **{t['brotli']:,}** | |")
        w(f"\nBuild measured: {size.get('build', 'pkg/ as found')} (wasm sha256 {size.get('wasm_sha256')}…).\n")
    else:
        w(f"{size.get('error')}\n")

    # ---- per-stage breakdown
    if stages and "us_per_prompt" in stages:
        us = stages["us_per_prompt"]
        w("## Where the time goes: scrim native, stage by stage\n")
        w(f"`tools/src/bench_native.rs stages`: µs per prompt, over the {stages.get('prompts')} prompts of 50-400 characters of the corpus, "
          f"single thread, best of {stages.get('rounds')} passes after a warm-up. Each model is timed through its own entry point, featurizing included.\n")
        w("| stage | µs per prompt | share of a whole scan |\n|---|---|---|")
        whole = us.get("scan_whole") or float("nan")
        for key, label in STAGES:
            if key in us:
                w(f"| {label} | {fmt(us[key], 1)} | {100 * us[key] / whole:.0f} % |")
        w("")

    # ---- cold start and latency
    w("## Cold start and per-prompt latency\n")
    w("| runner | cold start | first scan | p50 per ~1 KB prompt | p95 | models in the engine |\n|---|---|---|---|---|---|")
    for peer, r in results.items():
        t = r.get("timing")
        if t:
            w(f"| {peer} | {fmt(t.get('cold_start_ms'), 1)} ms | {fmt(t.get('first_scan_ms'), 2)} ms | {fmt(t.get('long_p50_ms'), 3)} ms | "
              f"{fmt(t.get('long_p95_ms'), 3)} ms | {', '.join(t.get('models') or []) or ('—' if not peer.startswith('scrim') else 'none')} |")
    w("")

    # ---- typing (issue 11): entries with a "method" are the per-keystroke timings
    typing = [e for e in stress if "method" in e]
    stress = [e for e in stress if "method" not in e]
    if typing:
        w("## Scanning while typing: per keystroke in a 10,000-character draft (issue 11)\n")
        w("A sentence typed one character at a time into the middle of the draft; each keystroke screened by `Draft::scan` "
          "(re-scans the paragraphs that changed; equal to a rules-only full scan, checked on every keystroke) and by a full `scan`. "
          "A draft runs the rules and injection heuristics; the classifiers run at send or on a pause. "
          "`tools/src/bench_native.rs typing`, release build.\n")
        w("| draft | method | keystrokes | p50 | p99 | max |\n|---|---|---|---|---|---|")
        for e in typing:
            if e.get("error"):
                w(f"| | error: {e['error']} | | | | |")
                continue
            w(f"| {e['case']} | {e['method']} | {e['keystrokes']} | {fmt(e['p50_ms'], 3)} ms | {fmt(e['p99_ms'], 3)} ms | {fmt(e['max_ms'], 3)} ms |")
        w("")

    # ---- stress
    if stress:
        w("## Hostile input: a 10 MB prompt and catastrophic-backtracking patterns (issue 10)\n")
        w("The same patterns as a scrim custom recognizer (Rust `regex`: no backtracking, linear time) and as a JavaScript `RegExp` "
          "(V8's backtracking engine, each test in a child process killed after the timeout). Input: `n` × 'a' then '!'.\n")
        w("| engine | case | input | compile | time |\n|---|---|---|---|---|")
        for e in stress:
            if e.get("error"):
                w(f"| {e['engine']} | error: {e['error']} | | | |")
                continue
            case = e.get("case") or f"`{e['pattern']}`"
            if e.get("pattern") and e.get("case"):
                case = f"`{e['pattern']}`"
            inp = f"n = {e['n']:,}" if "n" in e else f"{e.get('bytes', 10 << 20) / 2**20:.0f} MiB"
            tm = f"{e['ms']:.1f} ms" if e.get("ms") is not None else f"**> {e['timed_out_after_ms'] / 1000:.0f} s (killed)**"
            w(f"| {e['engine']} | {case} | {inp} | {fmt(e.get('compile_ms'), 1) + ' ms' if e.get('compile_ms') is not None else ''} | {tm} |")
        w("")

    # ---- machine
    w("## Machine and versions\n")
    w(f"- CPU: {mach['cpu']}, {mach['cores']} cores, {mach['memory']} RAM, {mach['os']}; load average at the start {fmt(mach.get('load'), 2)} "
      "(other builds may share the machine: speeds are indicative, ratios between peers more so)")
    if args.no_build:
        b = os.path.join(ROOT, "target", "debug" if run.smoke else "release", "bench_native")
        if os.path.exists(b):
            w(f"- `--no-build`: the native runner is the binary built at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(os.path.getmtime(b)))}, "
              f"pkg/ was built at {time.strftime('%H:%M UTC', time.gmtime(os.path.getmtime(os.path.join(ROOT, 'pkg', 'scrim_wasm_bg.wasm'))))}")
    w(f"- scrim commit {mach['commit']}; {mach['rustc']}; Node {mach['node']}; Python {mach['python']} (Chromium: see scrim-chromium below)")
    for peer, r in results.items():
        t = r.get("timing") or {}
        if t.get("version"):
            w(f"- {peer}: {t['version']}")
    for p, r in tox.items() if tox else []:
        if r.get("version"):
            w(f"- {p}: {r['version']}")
    w("")

    # ---- closing note
    w("## Where scrim falls short\n")
    notes = []
    if nat_score:
        v = nat_score["micro"]["typed_overlap"]["f1"]
        if v < 0.95:
            worst = sorted(((m["typed_overlap"]["f1"], e) for e, m in nat_score["labels"].items() if m["typed_overlap"]["gold"]), key=lambda x: x[0])[:6]
            notes.append(f"Typed F1 {v:.3f} is {0.95 - v:.3f} under 0.95; the weakest types: " + ", ".join(f"{e} {f:.2f}" for f, e in worst) + ".")
            if "ner" not in ((nat.get("timing") or {}).get("models") or []):
                rules = nat_score.get("parts", {}).get("rules", {}).get("typed_overlap", {}).get("f1")
                notes.append("PERSON, LOCATION and ORGANIZATION come from the ner model, which this build's engine does not run: "
                             f"the names part scores accordingly (the identifiers-and-secrets part alone: typed F1 {fmt(rules)}).")
    t = nat.get("timing") or {}
    peer_rate = redact_pii_rate(results)
    if t.get("prompts_per_s") and peer_rate and t["prompts_per_s"] < NATIVE_VS_REDACT_PII * peer_rate:
        want = NATIVE_VS_REDACT_PII * peer_rate
        notes.append(f"Native throughput {t['prompts_per_s']:,.0f} prompts/s ({t.get('mb_per_s') or 0:.2f} MB/s) is {t['prompts_per_s'] / want:.1%} of "
                     f"{NATIVE_VS_REDACT_PII:g}× redact-pii's {peer_rate:,.0f}, with models {', '.join(t.get('models') or []) or 'none'} in the engine.")
    t = chro.get("timing") or {}
    if t.get("long_p50_ms") is not None and (t["long_p50_ms"] > CHROMIUM_P50_MS or len(t.get("models") or []) < 3):
        notes.append(f"Chromium p50 {t['long_p50_ms']:.3f} ms per 1 KB prompt with models {', '.join(t.get('models') or []) or 'none'} loaded"
                     + ("" if len(t.get("models") or []) >= 3 else ": the target's condition (all models on) was not met by this build, so the figure is a lower bound") + ".")
    if size.get("total") and size["total"]["brotli"] > PAYLOAD_MB * 1e6:
        notes.append(f"The payload is {size['total']['brotli'] / 1e6 - PAYLOAD_MB:.2f} MB brotli over the {PAYLOAD_MB:g} MB budget.")
    if mach.get("load") and mach["load"] > (mach.get("cores") or 1):
        notes.append(f"Speeds were measured while the machine was shared (load average {mach['load']:.1f} on {mach['cores']} cores at the start): "
                     "absolute rates are pessimistic and runners measured at different moments are not strictly comparable; rerun on an idle machine.")
    if not (nat_score or chro):
        notes.append("scrim itself did not run in this run (see the peers that did not run): no target was measured.")
    w("\n".join(f"- {n}" for n in notes) if notes else "- Every target above was met in this run.")
    w("")
    # Measurements made outside this script (fuzzing budgets, evasion analyses) are kept by hand in
    # bench/notes/*.md, each dated by its author, and carried into every regenerated report.
    notes_dir = os.path.join(BENCH, "notes")
    for name in sorted(os.listdir(notes_dir)) if os.path.isdir(notes_dir) else []:
        if name.endswith(".md"):
            w(open(os.path.join(notes_dir, name)).read().rstrip() + "\n")
    return "\n".join(L)


# ---------------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--size-build", action="store_true")
    ap.add_argument("--no-build", action="store_true", help="use the bench_native binary already built (a stale one measures old code)")
    ap.add_argument("--report-only", action="store_true", help="rewrite BENCHMARKS.md and the plot from bench/out/results.json")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", help="comma-separated runners, 'stress' for the hostile-input timings (default: all); "
                    "the other runners' results are kept from the previous run")
    args = ap.parse_args()
    run = Run(args.smoke)
    t_start = time.time()
    if args.report_only:
        saved = json.load(open(run.path("results.json")))
        run.status = saved["status"]
        results = saved["results"]
        results["_corpus"] = scorer.load_jsonl(run.path("corpus.jsonl"))
        pert_docs = scorer.load_jsonl(run.path("perturbed.jsonl"))
        results["_perturbed_counts"] = {k: sum(len(d["spans"]) for d in pert_docs if d["perturbation"] == k) for k in {d["perturbation"] for d in pert_docs}}
        md = report(run, results, saved["toxicity"], saved["stress"], saved["size"], saved["machine"], args, saved.get("elapsed", 0))
        open(run.path("BENCHMARKS.md") if args.smoke else os.path.join(ROOT, "BENCHMARKS.md"), "w").write(md)
        plot(results, run.path("f1_vs_speed.svg") if args.smoke else os.path.join(BENCH, "f1_vs_speed.svg"))
        return 0
    mach = machine()
    install = not args.smoke
    only = set(args.only.split(",")) if args.only else None
    want = lambda p: only is None or p in only  # noqa: E731

    corpus(run, args.smoke)
    corpus_file, perturbed, long = run.path("corpus.jsonl"), run.path("perturbed.jsonl"), run.path("long.jsonl")
    docs = scorer.load_jsonl(corpus_file)
    pert_docs = scorer.load_jsonl(perturbed)

    size = {}
    if args.size_build and not args.smoke:
        _, err = run.sh("build-size", ["node", "scripts/build.mjs", "--size"], timeout=3600)
        size["build"] = "the size build (`npm run build:size`: wasm-release profile + wasm-opt -Oz)" if not err else f"size build failed: {err}"
    if not os.path.isdir(os.path.join(ROOT, "pkg")):
        for p in ("scrim-node", "scrim-chromium"):
            run.status[p] = "pkg/ is missing: run `npm run build` first"
            run.failures.append(p)
    native = build_native(run, args.smoke, not args.no_build) if want("scrim-native") else None
    have_js = ensure_node_modules(run, install)
    rounds = 1 if args.smoke else 5
    py_rounds = 1 if args.smoke else 3
    timeout = 600 if args.smoke else 3600

    results = {}
    pii_runners = ["scrim-native", "scrim-node", "scrim-chromium"] + JS_PEERS + PY_PEERS
    if args.smoke:
        pii_runners = [p for p in pii_runners if p not in ("presidio", "scrubadub")]
        for p in ("presidio", "scrubadub"):
            run.status[p] = "skipped in --smoke (cold start alone takes ~15 s)"
    for peer in pii_runners:
        if not want(peer) or peer in run.status:
            continue
        if peer == "scrim-native" and not native:
            continue
        if peer in JS_PEERS and not have_js:
            continue
        if peer in PY_PEERS and not ensure_venv(run, peer, install):
            continue
        r = rounds if peer.startswith("scrim") or peer in JS_PEERS else py_rounds
        jobs = [("corpus", corpus_file, r, long), ("perturbed", perturbed, 0, None)]
        res = run_peer(run, peer, native, jobs, timeout)
        if not res:
            continue
        key = "scrim" if peer.startswith("scrim") else peer
        preds = scorer.load_jsonl(res["corpus"]["pred"])
        entry = {"timing": res["corpus"], "score": scorer.score(docs, preds, key)}
        if "perturbed" in res:
            entry["evasion"] = scorer.recall_by_perturbation(docs, pert_docs, preds, scorer.load_jsonl(res["perturbed"]["pred"]), key)
        results[peer] = entry

    # toxicity
    tox = {}
    tox_file, tox_pert = run.path("toxicity.jsonl"), run.path("toxicity_perturbed.jsonl")
    if os.path.exists(tox_file):
        tdocs = scorer.load_jsonl(tox_file)
        tpert = scorer.load_jsonl(tox_pert)
        policy = tomllib.load(open(os.path.join(ROOT, "config", "policy.toml"), "rb"))
        threshold = policy.get("scores", {}).get("toxicity", {}).get("warn", 0.5)
        kinds = sorted({d["perturbation"] for d in tpert})
        tox["_info"] = {"n": len(tdocs), "positives": sum(d["label"] for d in tdocs), "threshold": threshold, "kinds": kinds}
        tox_runners = ["scrim-native", "profanity-check", "obscenity"]
        for peer in tox_runners:
            if not want(peer):
                continue
            if peer == "scrim-native" and not native:
                continue
            if peer == "obscenity" and not have_js:
                continue
            if peer == "profanity-check" and (args.smoke or not ensure_venv(run, peer, install)):
                run.status.setdefault(peer, "skipped in --smoke")
                continue
            res = run_peer(run, f"{peer}" if peer != "scrim-native" else "scrim-native", native,
                           [("toxicity", tox_file, 0, None), ("toxicity_perturbed", tox_pert, 0, None)], timeout)
            if not res:
                tox[peer] = {"error": run.status.get(peer, "failed")}
                continue
            th = threshold if peer.startswith("scrim") else 0.5
            m = toxicity_score(res["toxicity"]["pred"], tdocs, th)
            if m is None:
                tox[peer] = {"error": "no toxicity score in the output (the toxicity model is not in this build's engine)"}
                continue
            ev = {}
            for k in kinds:
                sub = [d for d in tpert if d["perturbation"] == k]
                mk = toxicity_score(res["toxicity_perturbed"]["pred"], sub, th)
                ev[k] = mk["r"] if mk else None
            # the evasion baseline is R: recall on the same prompts unperturbed
            tox[peer] = {"metrics": m, "evasion": ev, "version": res["toxicity"].get("version")}
    else:
        run.status.setdefault("toxicity split", "missing")

    # where the time goes: the per-stage breakdown (printed in every smoke run: the regression guard)
    stages = {}
    if native and want("scrim-native"):
        out, err = run.sh("stages-native", [native, "stages", corpus_file, "--rounds", "1" if args.smoke else "5"], timeout=1800)
        stages = last_json(out) if out else {"error": err}
        if "us_per_prompt" in stages:
            width = max(len(k) for k in stages["us_per_prompt"])
            print("run: scrim-native, µs per prompt of 50-400 characters, by stage:", file=sys.stderr)
            for k, v in stages["us_per_prompt"].items():
                print(f"run:   {k:<{width}} {v:10.1f}", file=sys.stderr)

    # hostile input
    stress = []
    if not args.smoke and want("stress"):
        if native:
            out, err = run.sh("stress-native", [native, "stress"], timeout=1800)
            stress += [{"engine": "scrim native (Rust)", **e} for e in last_json(out)["stress"]] if out else [{"engine": "scrim native", "error": err}]
            out, err = run.sh("typing-native", [native, "typing"], timeout=1800)
            stress += [{"engine": "scrim native (Rust)", **e} for e in last_json(out)["typing"]] if out else [{"engine": "scrim native", "method": "typing", "error": err}]
        out, err = run.sh("stress-node", ["node", os.path.join(BENCH, "runners", "node_peers.mjs"), "stress"], timeout=1800, cwd=BENCH)
        stress += last_json(out)["stress"] if out else [{"engine": "node", "error": err}]

    size.update(sizes(quality=4 if args.smoke else 11))
    saved_path = run.path("results.json")
    if only is not None and os.path.exists(saved_path):
        # --only reruns some runners: keep the others' results from the previous run
        saved = json.load(open(saved_path))
        results = {**{k: v for k, v in saved["results"].items() if k not in results}, **results}
        run.status = {**saved["status"], **run.status}
        tox = {**saved.get("toxicity", {}), **tox}
        engines = {e.get("engine") for e in stress}
        stress = [e for e in saved.get("stress", []) if e.get("engine") not in engines] + stress
    results["_corpus"] = docs
    results["_perturbed_counts"] = {k: sum(len(d["spans"]) for d in pert_docs if d["perturbation"] == k) for k in {d["perturbation"] for d in pert_docs}}
    md = report(run, results, tox, stress, size, mach, args, time.time() - t_start, stages)
    if args.smoke:
        open(run.path("BENCHMARKS.md"), "w").write(md)
        err = plot(results, run.path("f1_vs_speed.svg"))
    else:
        open(os.path.join(ROOT, "BENCHMARKS.md"), "w").write(md)
        err = plot(results, os.path.join(BENCH, "f1_vs_speed.svg"))
    if err:
        print(f"run: {err}", file=sys.stderr)
    with open(run.path("results.json"), "w") as f:
        json.dump({"machine": mach, "elapsed": time.time() - t_start, "status": run.status, "results": results, "toxicity": tox, "stress": stress, "size": size}, f, indent=1, default=str)
    print(json.dumps(run.status, indent=1), file=sys.stderr)
    if run.failures:
        print(f"run: FAILED runners: {', '.join(run.failures)}", file=sys.stderr)
        return 1
    print(f"run: done in {time.time() - t_start:.0f} s -> {'bench/out/smoke/BENCHMARKS.md' if args.smoke else 'BENCHMARKS.md'}", file=sys.stderr)
    return 0


def reexec_in_main_venv():
    """The corpus generator needs Faker and the plot matplotlib: run under bench/.venv/main,
    creating it on first use (requirements/main.txt)."""
    if os.path.realpath(sys.prefix) == os.path.realpath(os.path.join(VENVS, "main")):
        return
    if not os.path.exists(MAIN_PY):
        print("run: creating bench/.venv/main (faker, matplotlib, brotli, pandas)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", os.path.join(VENVS, "main")], check=True)
        subprocess.run([MAIN_PY, "-m", "pip", "install", "-q", "-r", os.path.join(BENCH, "requirements", "main.txt")], check=True)
    os.execv(MAIN_PY, [MAIN_PY, os.path.abspath(__file__), *sys.argv[1:]])


if __name__ == "__main__":
    reexec_in_main_venv()
    sys.exit(main())
