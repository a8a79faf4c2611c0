"""Compare NER training recipes by cross-validation on the WNUT17 training split.

One 339-tweet validation split (73 PERSON spans) cannot rank recipes: the same recipe rerun moved
its PERSON F1 by 0.06. This runs `train.py --no-test --fold K` for every fold (each a fifth of the
real training tweets as validation, the rest for training) and reports the mean and spread over
folds. The held-out split (emerging.dev) is never touched.

    $SCRIM_TRAIN_PYTHON models/train/ner/cv.py --name lex -- --lexicon
    $SCRIM_TRAIN_PYTHON models/train/ner/cv.py --name shipped --        # the default recipe

Results go to target/ner-cv/<name>/fold<K>/validation.json and a summary line per metric.
"""
import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

METRICS = [
    ("wnut17_val", "PERSON"), ("wnut17_val@policy", "PERSON"), ("wnut17_val", "LOCATION"), ("wnut17_val", "ALL"),
    ("wnut17_val_lowercased", "PERSON"), ("wnut17_val_lowercased@policy", "PERSON"), ("synthetic_val", "ALL"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", type=int, nargs="*", help="run these folds only")
    ap.add_argument("rest", nargs=argparse.REMAINDER, help="arguments for train.py, after --")
    args = ap.parse_args()
    extra = [a for a in args.rest if a != "--"]
    out = REPO / "target/ner-cv" / args.name
    results = []
    for k in args.only if args.only is not None else range(args.folds):
        d = out / f"fold{k}"
        d.mkdir(parents=True, exist_ok=True)
        if not (d / "validation.json").exists():
            cmd = [sys.executable, str(REPO / "models/train/ner/train.py"), "--no-test", "--out", str(d),
                   "--fold", str(k), "--folds", str(args.folds),
                   "--featurizer", str(REPO / "target/release/featurize_tokens"), *extra]
            with open(d / "log.txt", "w") as log:
                subprocess.run(cmd, check=True, stdout=log, stderr=subprocess.STDOUT)
        results.append(json.loads((d / "validation.json").read_text()))
    summary = {}
    for split, label in METRICS:
        f1 = [r[split][label]["f1"] for r in results]
        summary[f"{split} {label}"] = (statistics.mean(f1), statistics.pstdev(f1))
        print(f"{args.name:12s} {split + ' ' + label:40s} {statistics.mean(f1):.3f} ± {statistics.pstdev(f1):.3f}  "
              + " ".join(f"{x:.3f}" for x in f1), flush=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")


if __name__ == "__main__":
    main()
