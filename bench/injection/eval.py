"""Prompt-injection TPR at 1% and 5% FPR per attack family: the base commit vs this tree.

    python bench/injection/eval.py --old-scan OLD_BIN [--work DIR]

Needs pandas + pyarrow (models/train/requirements-injection.txt) and ../shared/data (or
$SCRIM_DATA). Steps:

1. `models/train/injection/prep.py` rebuilds the model's seeded rows (no training): its `val`
   split is the validation side here, its `test` split (never trained or tuned on by the model)
   the held-out side.
2. `target/release/injection_scan` (this tree, built with `--features models`) scores every text:
   `engine` is `scores.prompt_injection` as the engine now reports it, `model` the model alone.
   OLD_BIN is the same tool built from the base commit (heuristics only, no models feature).
3. The base commit's `scores.prompt_injection` is the model's windowed score for a text of at
   least 10 words (the gate it had: `MIN_WINDOW_WORDS`) and no score (counted as 0) under that;
   the model is byte-identical in both trees, so the model part comes from this tree's binary.

Held-out families (test split; fixed before any rule was designed):
  short hijack (HackAPrompt): neuralchemy rows whose `source` is hackaprompt, label 1;
  short (< 10 words): any label-1 prompt under 10 words;
  long jailbreak (>= 60 words): label-1 prompts of 60 words or more (not yanismiraoui);
  multilingual: yanismiraoui rows (all label 1, en/de/fr/es/it/pt);
  indirect-in-document: generated test documents with one embedded injection.
Benign pools: prompts = label-0 test prompts + test tweets + the hand-written benign prompts +
bench/injection/benign_edgy_heldout.txt; documents = benign test documents (the FPR side of the
indirect family). Validation (where the warn threshold is chosen): label-0 val prompts + val tweets
+ benign val documents + bench/injection/benign_edgy_validation.txt.

The threshold of "TPR at x% FPR" is the lowest score at which at most x% of the benign pool
scores at or above it (threshold-free, as in models/injection.md). Writes WORK/report.json and
prints markdown tables.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
MIN_WINDOW_WORDS = 10


def lines(path: Path) -> list[str]:
    return [l.strip() for l in path.read_text().splitlines() if l.strip() and not l.startswith("#")]


def key(t: str) -> str:
    return re.sub(r"[^\w]+", "", t.lower())


def scan(binary: Path, texts: list[str]) -> list[dict]:
    inp = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    out = subprocess.run([str(binary)], input=inp.encode(), capture_output=True, check=True).stdout
    return [json.loads(l) for l in out.decode().splitlines()]


def threshold_at(benign: np.ndarray, fpr: float) -> float:
    """Lowest score t with mean(benign >= t) <= fpr (scores above every benign one: just above it)."""
    allowed = int(np.floor(fpr * len(benign)))
    s = np.sort(benign)[::-1]
    if allowed >= len(s):
        return 0.0
    # Just above the (allowed+1)-th highest benign score: ties with it do not pass either.
    return float(np.nextafter(np.float32(s[allowed]), np.float32(2.0)))


def tpr(pos: np.ndarray, benign: np.ndarray, fpr: float) -> tuple[float, float]:
    t = threshold_at(benign, fpr)
    return float((pos >= t).mean()) if len(pos) else float("nan"), t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old-scan", required=True, type=Path, help="injection_scan built from the base commit")
    ap.add_argument("--new-scan", type=Path, default=REPO / "target" / "release" / "injection_scan")
    ap.add_argument("--work", type=Path, default=REPO / "target" / "injection-bench")
    args = ap.parse_args()
    found = [p for p in [REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data"] if p.exists()]
    data = Path(os.environ.get("SCRIM_DATA", found[0] if found else REPO.parent / "shared" / "data")).resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    if not (args.work / "rows.parquet").exists():
        subprocess.run([sys.executable, str(REPO / "models/train/injection/prep.py"), str(data), str(args.work)],
                       check=True, cwd=REPO / "models/train/injection", stdout=subprocess.DEVNULL)
    rows = pd.read_parquet(args.work / "rows.parquet")
    nc = pd.concat([pd.read_parquet(data / "prompt_injection/neuralchemy" / f)
                    for f in ["core-train.parquet", "core-validation.parquet"]])
    rows["nsrc"] = rows.text.map(key).map(dict(zip(nc.text.map(key), nc.source)))
    edgy = []
    for split, f in [("val", "benign_edgy_validation.txt"), ("test", "benign_edgy_heldout.txt")]:
        edgy += [{"text": t, "label": 0, "source": "edgy", "split": split, "kind": "edgy"}
                 for t in lines(REPO / "bench/injection" / f)]
    rows = pd.concat([rows, pd.DataFrame(edgy)], ignore_index=True)
    rows = rows[rows.split.isin(["val", "test"])].reset_index(drop=True)
    rows["words"] = rows.text.str.split().str.len()

    new = scan(args.new_scan, rows.text.tolist())
    old = scan(args.old_scan, rows.text.tolist())
    if any(r.get("model") is None for r in new):
        sys.exit(f"{args.new_scan} has no model scores: build it with --features models")
    rows["model"] = [r["model"] for r in new]
    rows["new"] = [r["engine"] for r in new]
    rows["new_heur"] = [r["score"] for r in new]
    rows["new_rules"] = [r["rules"] for r in new]
    rows["old_heur"] = [r["score"] for r in old]
    rows["old"] = np.where(rows.words >= MIN_WINDOW_WORDS, rows.model, 0.0)

    def pool(split: str, kinds: list[str], label: int):
        return (rows.split == split) & rows.kind.isin(kinds) & (rows.label == label)

    benign_prompts = pool("test", ["prompt", "tweet", "benign_handwritten", "edgy"], 0)
    benign_docs = pool("test", ["doc"], 0)
    val_benign = pool("val", ["prompt", "tweet", "doc", "edgy"], 0)
    inj = pool("test", ["prompt"], 1)
    families = {
        "short hijack (HackAPrompt rows)": (inj & (rows.nsrc == "hackaprompt"), benign_prompts),
        "short (< 10 words, any source)": (inj & (rows.words < MIN_WINDOW_WORDS), benign_prompts),
        "long jailbreak (>= 60 words)": (inj & (rows.words >= 60) & (rows.source != "yanismiraoui"), benign_prompts),
        "multilingual (yanismiraoui)": (inj & (rows.source == "yanismiraoui"), benign_prompts),
        "all test injections (prompts)": (inj, benign_prompts),
        "indirect-in-document": (pool("test", ["doc"], 1), benign_docs),
    }
    # The warn threshold: the new score's 1% FPR point on the benign validation pool (what the
    # default policy should ship), and the one it does ship.
    point = threshold_at(rows.new[val_benign].to_numpy(), 0.01)
    warn = tomllib.loads((REPO / "config/policy.toml").read_text())["scores"]["prompt_injection"]["warn"]
    print(f"1% FPR point on {int(val_benign.sum())} benign validation texts: {point:.4f}; config/policy.toml warn: {warn}\n")
    report = {"validation_benign": int(val_benign.sum()), "warn_at_1pct_val_fpr": point, "shipped_warn": warn,
              "families": {}}
    out = ["| family | n | benign pool (n) | old main 1% | this branch 1% | old main 5% | this branch 5% |",
           "|---|---|---|---|---|---|---|"]
    for name, (pos, ben) in families.items():
        r = {"n": int(pos.sum()), "benign": int(ben.sum())}
        cells = {}
        for col in ["old", "new"]:
            for f in [0.01, 0.05]:
                v, t = tpr(rows[col][pos].to_numpy(), rows[col][ben].to_numpy(), f)
                r[f"{col}@{f}"] = {"tpr": v, "threshold": t}
                cells[(col, f)] = f"{100 * v:.1f}%"
        report["families"][name] = r
        pool_name = "documents" if "document" in name else "prompts"
        out.append(f"| {name} | {r['n']} | {pool_name} ({r['benign']}) | {cells[('old', 0.01)]} | {cells[('new', 0.01)]} "
                   f"| {cells[('old', 0.05)]} | {cells[('new', 0.05)]} |")
    print("\n".join(out))
    # At the shipped warn threshold (chosen on validation), on the held-out side.
    lines_ = [f"\nAt the shipped warn = {warn} (config/policy.toml):\n",
              "| set | n | old main (warn 0.95) | this branch (warn) |", "|---|---|---|---|"]
    sets = {**{k: v[0] for k, v in families.items()},
            "benign prompts, held out (FPR)": benign_prompts,
            "benign edgy, own, held out (FPR)": pool("test", ["edgy"], 0),
            "benign hand-written prompts (FPR)": pool("test", ["benign_handwritten"], 0),
            "benign documents, held out (FPR)": benign_docs,
            "benign validation pool (FPR)": val_benign,
            "benign edgy, own, validation (FPR)": pool("val", ["edgy"], 0)}
    report["at_warn"] = {}
    for name, m in sets.items():
        o = float((rows.old[m] >= 0.95).mean())
        n_ = float((rows.new[m] >= warn).mean())
        report["at_warn"][name] = {"n": int(m.sum()), "old": o, "new": n_}
        lines_.append(f"| {name} | {int(m.sum())} | {100 * o:.1f}% | {100 * n_:.1f}% |")
    # Heuristics alone (any hit >= 0.6, the default policy's PROMPT_INJECTION min_score).
    lines_ += ["\nHeuristic hits alone (score >= 0.6, reported as PROMPT_INJECTION findings):\n",
               "| set | n | old main | this branch |", "|---|---|---|---|"]
    for name, m in sets.items():
        lines_.append(f"| {name} | {int(m.sum())} | {100 * (rows.old_heur[m] >= 0.6).mean():.1f}% "
                      f"| {100 * (rows.new_heur[m] >= 0.6).mean():.1f}% |")
    print("\n".join(lines_))
    (args.work / "report.json").write_text(json.dumps(report, indent=1))
    fp = rows[(val_benign | benign_prompts | benign_docs) & (rows.new >= warn)]
    (args.work / "false_positives.jsonl").write_text(
        "".join(json.dumps({"split": s, "kind": k, "score": float(v), "rules": list(r), "text": t[:300]}) + "\n"
                for s, k, v, r, t in zip(fp.split, fp.kind, fp.new, fp.new_rules, fp.text)))


if __name__ == "__main__":
    main()
