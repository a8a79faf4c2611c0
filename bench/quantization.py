"""What storing the toxicity and injection weights in one byte each changed, on held-out texts.

    models/train/.venv/bin/python bench/quantization.py [--base COMMIT] [--data ../shared/data]

The float32 models are read from git (`--base`, default 92920cb, the last commit before the one-byte models:
`git show COMMIT:models/<model>.onnx`), the one-byte ones from models/. Both are run as the numpy
reference of their graph (tract matches it within 1e-4 / 1e-5: tests/model_toxicity.rs,
tests/injection.rs) over the Rust featurizer's ids (target/release/featurize, built if missing),
one score per whole text: the engine's windows and sentences are the same function on substrings.

Sets, all held out (nothing was trained, tuned or chosen on them; the level grid of
models/train/codebook.py was chosen on the weight tables alone):
  toxicity: bench/toxicity_localization.py's test sets (ConvAbuse test, the held-out fifth of
            Toxic Spans, ConvAbuse test turns after a benign prompt); flagged = any label at the
            default policy's warn; ROC-AUC of max over labels of score / warn;
  injection: the `test` split of models/train/injection/prep.py's rows (run it first:
            `prep.py DATA target/train/injection`); flagged = score at the default warn.
Prints a Markdown table: ROC-AUC before and after, the largest change of a probability (any
label), and how many texts changed side of the warn threshold.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tomllib

import numpy as np
import onnx
from onnx import numpy_helper

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
sys.path.insert(0, os.path.join(REPO, "models", "train"))
import codebook  # noqa: E402
from toxicity_localization import auc, load_sets  # noqa: E402

FEATURIZE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target")), "release", "featurize")


def table(model: onnx.ModelProto, name: str) -> dict:
    """The graph's weight table (float, or the codebook's levels) and its other initializers."""
    init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    if name in init:
        init[name] = init[name].astype(np.float64)
    else:
        init[name] = codebook.dequantized(init[f"{name}_codes"], init[f"{name}_codebook"]).astype(np.float64)
    return init


def featurize(texts: list[str], featurizer: dict) -> list[np.ndarray]:
    if not os.path.exists(FEATURIZE):
        subprocess.run(["cargo", "build", "--release", "-p", "scrim-tools", "--bin", "featurize"], cwd=REPO, check=True)
    cfg = os.path.join(REPO, "target", "quantization-featurizer.json")
    with open(cfg, "w") as fh:
        json.dump(featurizer, fh)
    out = subprocess.run([FEATURIZE, cfg], input="".join(json.dumps({"text": t}) + "\n" for t in texts).encode(),
                         capture_output=True, check=True).stdout
    return [np.asarray(json.loads(line)["ids"] or [0], dtype=np.int64) for line in out.decode().splitlines()]


def toxicity_probs(init: dict, ids: list[np.ndarray]) -> np.ndarray:
    T, b, p = init["table"], init["bias"].astype(np.float64), float(init["power"][0])
    logits = np.stack([b + T[i].sum(0) / len(i) ** p for i in ids])
    return 1 / (1 + np.exp(-logits))


def injection_probs(init: dict, ids: list[np.ndarray]) -> np.ndarray:
    w, b = init["weights"][:, 0], float(init["bias"][0])
    return np.array([1 / (1 + np.exp(-(b + w[i].mean()))) for i in ids])


def load(source: str) -> onnx.ModelProto:
    if ":" in source:
        return onnx.load_from_string(subprocess.run(["git", "show", source], cwd=REPO, capture_output=True, check=True).stdout)
    return onnx.load(os.path.join(REPO, source))


def row(name: str, pos: list, before: np.ndarray, after: np.ndarray, warn: np.ndarray) -> str:
    """before/after: [texts, labels] probabilities; warn: [labels]. Ranked and flagged by the
    highest score / warn over the labels (the policy's decision at 1.0)."""
    rb, ra = (before / warn).max(1), (after / warn).max(1)
    fb, fa = rb >= 1.0, ra >= 1.0
    return (f"| {name} | {len(pos)} ({sum(pos)}) | {auc(list(rb), pos):.4f} | {auc(list(ra), pos):.4f} | "
            f"{np.abs(after - before).max():.4f} | {int(fb.sum())} → {int(fa.sum())} | {int((fb != fa).sum())} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="92920cb", help="commit holding the float32 models (the last before codebook.py)")
    ap.add_argument("--data", default=os.environ.get("SCRIM_DATA", os.path.join(REPO, "..", "shared", "data")))
    ap.add_argument("--work", default=os.path.join(REPO, "target", "train", "injection"))
    args = ap.parse_args()
    policy = tomllib.load(open(os.path.join(REPO, "config", "policy.toml"), "rb"))
    print("| set | texts (positive) | ROC-AUC float32 | ROC-AUC one byte | largest score change | flagged before → after | texts that changed side |")
    print("|---|---|---:|---:|---:|---|---:|")

    side = json.load(open(os.path.join(REPO, "models", "toxicity.json")))
    before, after = table(load(f"{args.base}:models/toxicity.onnx"), "table"), table(load("models/toxicity.onnx"), "table")
    labels = side["labels"]
    warn = np.array([policy["scores"][l]["warn"] for l in labels])
    for name, rows in load_sets(args.data, "test").items():
        ids = featurize([r["text"] for r in rows], side["featurizer"])
        y = [r["toxic"] for r in rows]
        print(row(f"toxicity: {name}", y, toxicity_probs(before, ids), toxicity_probs(after, ids), warn))

    import pandas as pd

    side = json.load(open(os.path.join(REPO, "models", "injection.json")))
    rows = pd.read_parquet(os.path.join(args.work, "rows.parquet"))
    rows = rows[rows.split == "test"]
    before, after = table(load(f"{args.base}:models/injection.onnx"), "weights"), table(load("models/injection.onnx"), "weights")
    ids = featurize(list(rows.text), side["featurizer"])
    y = [int(v) for v in rows.label]
    print(row("injection: test split", y, injection_probs(before, ids)[:, None], injection_probs(after, ids)[:, None],
              np.array([policy["scores"]["prompt_injection"]["warn"]])))


if __name__ == "__main__":
    main()
