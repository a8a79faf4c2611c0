#!/usr/bin/env python3
"""Code and logs are not people: scrim's findings on text that holds no personal data.

Runs the CLI (`scrim scan --jsonl --show-values`, default policy, models on) over

- real code: this repository's `src/` and a sample of the crates in `~/.cargo/registry/src/*/`
  (Rust sources, sorted, the first files of each crate up to a line budget);
- a generated log corpus (seeded): application, access, Kubernetes and CI logs with timestamps,
  UUIDs, hashes, request ids, durations, versions, stack frames, and no personal data;

then counts findings per 10,000 lines by entity and lists every one (file:line, entity, source,
value). Every finding on this text is a false positive except a real identifier in the sampled
code (an author's e-mail in a header, a test's sample card): the listing is there to judge each.

    python3 bench/code_and_logs.py [--scrim target/release/scrim] [--budget 60000] [--out FILE]

Offsets from the CLI are code points. Nothing is asserted; the numbers go in BENCHMARKS.md.
"""

import argparse
import collections
import glob
import json
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHUNK_LINES = 200


def code_files(budget):
    """(label, text) pieces of real code: scrim's src/ whole, then registry crates up to budget lines."""
    files = sorted(glob.glob(os.path.join(ROOT, "src", "**", "*.rs"), recursive=True))
    out, lines = [], 0
    for f in files:
        text = open(f, encoding="utf-8", errors="replace").read()
        out.append((os.path.relpath(f, ROOT), text))
        lines += text.count("\n")
    crates = sorted(glob.glob(os.path.expanduser("~/.cargo/registry/src/*/*/")))
    # Round-robin over crates (a few files each) so one big crate does not fill the budget.
    per_crate = [sorted(glob.glob(os.path.join(c, "src", "**", "*.rs"), recursive=True))[:4] for c in crates]
    registry_lines = 0
    for round_ in range(4):
        for c, fs in zip(crates, per_crate):
            if round_ >= len(fs) or registry_lines >= budget:
                continue
            f = fs[round_]
            try:
                text = open(f, encoding="utf-8", errors="replace").read()
            except OSError:
                continue
            if len(text) > 400_000:
                continue
            label = "registry/" + os.path.relpath(f, os.path.dirname(os.path.dirname(c)))
            out.append((label, text))
            registry_lines += text.count("\n")
    return out, lines, registry_lines


def generated_logs(n_lines, seed=22):
    """A seeded log corpus with no personal data in it."""
    rng = random.Random(seed)
    hexs = lambda n: "".join(rng.choice("0123456789abcdef") for _ in range(n))
    uuid = lambda: f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-{rng.choice('89ab')}{hexs(3)}-{hexs(12)}"
    ts = lambda: f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999):03d}Z"
    modules = ["scrim::engine", "tokio::runtime", "hyper::proto::h1", "sqlx::query", "app::billing::invoice", "app::auth::session", "kube::client", "tower_http::trace"]
    paths = ["/api/v1/orders", "/api/v1/users/{id}", "/healthz", "/metrics", "/static/app.js", "/api/v2/search", "/login", "/api/v1/invoices/{id}/pdf"]
    levels = ["INFO", "DEBUG", "WARN", "ERROR", "TRACE"]
    classes = ["UserInformation", "OrderService", "PaymentGateway", "SessionManager", "InvoiceRenderer", "AccountController"]
    templates = [
        lambda: f"{ts()} {rng.choice(levels)} {rng.choice(modules)}: request_id={uuid()} method=GET path={rng.choice(paths)} status={rng.choice([200, 201, 204, 304, 404, 500])} latency_ms={rng.randint(1, 2000)}",
        lambda: f"{ts()} {rng.choice(levels)} worker[{rng.randint(1, 64)}] job {uuid()} finished in {rng.random() * 10:.3f}s ({rng.randint(1, 10**6)} rows, {rng.randint(1, 900)} MB)",
        lambda: f"[{ts()}] commit {hexs(40)} built image sha256:{hexs(64)} tag v{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}",
        lambda: f"{ts()} pod/api-{hexs(10)}-{hexs(5)} container=api restarts={rng.randint(0, 9)} node=ip-10-0-{rng.randint(0, 255)}-{rng.randint(0, 255)}.ec2.internal",
        lambda: f"    at com.example.{rng.choice(classes)}.{rng.choice(['handle', 'render', 'load', 'save'])}({rng.choice(classes)}.java:{rng.randint(10, 900)})",
        lambda: f"  File \"/srv/app/{rng.choice(['views', 'models', 'tasks'])}.py\", line {rng.randint(1, 999)}, in {rng.choice(['get', 'post', 'run', 'dispatch'])}",
        lambda: f"thread 'tokio-runtime-worker' panicked at src/{rng.choice(['main', 'lib', 'db'])}.rs:{rng.randint(1, 999)}:{rng.randint(1, 80)}: called `Option::unwrap()` on a `None` value",
        lambda: f"{ts()} WARN cache miss key=user:{rng.randint(1, 10**7)}:profile ttl={rng.randint(1, 3600)}s etag=\"{hexs(32)}\"",
        lambda: f"{ts()} INFO {rng.choice(classes)} loaded {rng.randint(1, 500)} records from table {rng.choice(['orders', 'line_items', 'sessions'])} (took {rng.randint(1, 999)} ms, checksum {hexs(16)})",
        lambda: f"{ts()} DEBUG retry attempt={rng.randint(1, 5)} backoff={rng.randint(100, 9000)}ms trace_id={hexs(32)} span_id={hexs(16)}",
        lambda: f"##[group]Run cargo test --release -j {rng.randint(1, 8)}  # {hexs(7)} ({rng.randint(1, 500)} tests, {rng.randint(1, 99)} s)",
        lambda: f"{ts()} ERROR order {rng.randint(10**9, 2 * 10**9)} failed: timeout after {rng.randint(1, 60)}s (attempt {rng.randint(1, 3)}/3, queue depth {rng.randint(0, 10**4)})",
    ]
    lines = [rng.choice(templates)() for _ in range(n_lines)]
    return "\n".join(lines) + "\n"


def chunks(label, text):
    """Pieces of CHUNK_LINES lines: (id, first line number, text)."""
    lines = text.split("\n")
    for i in range(0, len(lines), CHUNK_LINES):
        yield f"{label}:{i + 1}", i + 1, "\n".join(lines[i : i + CHUNK_LINES])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scrim", default=os.path.join(ROOT, "target", "release", "scrim"))
    ap.add_argument("--budget", type=int, default=60_000, help="lines of registry code to sample")
    ap.add_argument("--log-lines", type=int, default=20_000)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "code_and_logs.txt"))
    args = ap.parse_args()

    code, own_lines, registry_lines = code_files(args.budget)
    corpora = {"code": code, "logs": [("generated.log", generated_logs(args.log_lines))]}
    report = []
    summary = {}
    for corpus, files in corpora.items():
        pieces = [p for label, text in files for p in chunks(label, text)]
        n_lines = sum(t.count("\n") + 1 for _, _, t in pieces)
        inp = "".join(json.dumps({"id": pid, "text": t}) + "\n" for pid, _, t in pieces)
        res = subprocess.run([args.scrim, "scan", "--jsonl", "--show-values"], input=inp, capture_output=True, text=True)
        if res.returncode not in (0, 1, 2, 3):
            sys.exit(f"scrim failed ({res.returncode}): {res.stderr[:2000]}")
        by_entity = collections.Counter()
        acted = 0
        texts = {pid: (first, t) for pid, first, t in pieces}
        for line in res.stdout.splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            first, t = texts[row["id"]]
            label = row["id"].rsplit(":", 1)[0]
            for f in row.get("findings", []):
                if f["entity"] == "DATE_TIME":
                    continue  # a timestamp is a date; reported and sent by the default policy
                by_entity[f["entity"]] += 1
                acted += f.get("action") != "allow"
                at = first + t[: f["start"]].count("\n")
                report.append(f"{corpus}\t{label}:{at}\t{f['entity']}\t{f.get('action')}\t{f['source']['name']}\t{f.get('text', '')!r}")
        total = sum(by_entity.values())
        summary[corpus] = {
            "lines": n_lines,
            "findings": total,
            "per_10k_lines": round(total * 10_000 / max(n_lines, 1), 2),
            "acted_on": acted,
            "acted_per_10k_lines": round(acted * 10_000 / max(n_lines, 1), 2),
            "by_entity": dict(by_entity.most_common()),
        }
    summary["code"]["own_src_lines"] = own_lines
    summary["code"]["registry_lines"] = registry_lines
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(json.dumps(summary, indent=2) + "\n\n")
        f.write("\n".join(report) + "\n")
    print(json.dumps(summary, indent=2))
    print(f"every finding: {args.out} ({len(report)} lines)")


if __name__ == "__main__":
    main()
