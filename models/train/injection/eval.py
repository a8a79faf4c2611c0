"""Heuristics only vs model vs combined, on the test split (never tuned on).

    python eval.py WORK_DIR REPO_DIR

Reads rows.parquet and model_scores.parquet (from train.py) and runs the Rust heuristics
(`tools/src/injection_scan.rs`) over every test text. Operating points:
  heuristics: any hit scoring >= 0.7 (a "medium" or "strong" rule);
  model:      windowed model score >= the validation 1% / 5% FPR thresholds (sidecar block / warn);
  combined:   either of the two.
Writes WORK_DIR/eval.json and prints a markdown table for the model card.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

HEURISTIC_THRESHOLD = 0.7


def heuristics(texts: list[str], repo: Path) -> list[dict]:
    binary = repo / "target" / "release" / "injection_scan"
    if not binary.exists():  # a debug build gives the same answers, only slower
        binary = repo / "target" / "debug" / "injection_scan"
    inp = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    out = subprocess.run([str(binary)], input=inp.encode(), capture_output=True, check=True).stdout
    return [json.loads(l) for l in out.decode().splitlines()]


def main(work: Path, repo: Path) -> None:
    rows = pd.read_parquet(work / "rows.parquet").join(pd.read_parquet(work / "model_scores.parquet"))
    side = json.loads((repo / "models" / "injection.json").read_text())
    thr = side["thresholds"]["prompt_injection"]
    test = rows[rows.split == "test"].reset_index(drop=True)
    h = heuristics(test.text.tolist(), repo)
    test["heur"] = [x["score"] for x in h]
    test["rules"] = [x["rules"] for x in h]
    groups = {
        "test prompts, injections (TPR)": (test.kind == "prompt") & (test.label == 1),
        "test prompts, benign (FPR)": (test.kind == "prompt") & (test.label == 0),
        "indirect: injected documents (TPR)": (test.kind == "doc") & (test.label == 1),
        "indirect: data injections in documents (TPR)": test.source == "doc_data_test",
        "indirect: hand-written indirect instructions (TPR)": test.source == "doc_handwritten_test",
        "benign documents (FPR)": (test.kind == "doc") & (test.label == 0),
        "hand-written benign chat prompts (FPR)": test.kind == "benign_handwritten",
        "benign tweets (FPR)": test.kind == "tweet",
    }
    h_flag = test.heur >= HEURISTIC_THRESHOLD
    out = {}
    lines = ["| set | n | heuristics | model (block, 1% val FPR) | model (warn, 5% val FPR) | combined (heuristics or block) |",
             "|---|---|---|---|---|---|"]
    for name, m in groups.items():
        n = int(m.sum())
        r = {
            "n": n,
            "heuristics": float(h_flag[m].mean()),
            "model_block": float((test.windowed[m] >= thr["block"]).mean()),
            "model_warn": float((test.windowed[m] >= thr["warn"]).mean()),
            "combined": float((h_flag | (test.windowed >= thr["block"]))[m].mean()),
        }
        out[name] = r
        lines.append(f"| {name} | {n} | {r['heuristics']:.1%} | {r['model_block']:.1%} | {r['model_warn']:.1%} | {r['combined']:.1%} |")
    fp = test[(test.label == 0) & h_flag]
    out["heuristic_false_positive_rules"] = dict(Counter(r for rs in fp.rules for r in rs).most_common(10))
    out["heuristic_false_positives_handwritten"] = fp[fp.kind == "benign_handwritten"].text.tolist()
    (work / "eval.json").write_text(json.dumps(out, indent=2))
    print("\n".join(lines))
    print(json.dumps({k: out[k] for k in ["heuristic_false_positive_rules", "heuristic_false_positives_handwritten"]}, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
