#!/usr/bin/env python3
"""Only the evasion part of the benchmark, for scrim native: recall before → after perturbation.

    python3 bench/evasion.py                 uses bench/out/{corpus,perturbed}.jsonl of the last
                                             full run (`bench/run.py` makes them, seed 7) and
                                             target/release/bench_native as built
    python3 bench/evasion.py --build         `cargo build --release -p scrim-tools --features models --bin bench_native` first
    python3 bench/evasion.py --misses 20     also list up to 20 missed values per perturbation
    python3 bench/evasion.py --save NAME     keep the predictions in bench/out/evasion/NAME.*.jsonl

Prints the scrim-native row of BENCHMARKS.md's evasion table (same scorer:
`score.recall_by_perturbation`) and the false-positive count on the corpus's PII-free prompts, so
a change to normalization can be judged on both without the 15-30 min full run. It writes no
report: BENCHMARKS.md stays the full run's.
"""
import argparse
import os
import subprocess
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
import score as scorer  # noqa: E402  (stdlib only)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus-dir", default=os.path.join(BENCH, "out"), help="where corpus.jsonl and perturbed.jsonl are")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "bench_native"))
    ap.add_argument("--build", action="store_true")
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--save", help="keep the predictions under bench/out/evasion/ with this name")
    a = ap.parse_args()

    corpus, perturbed = (os.path.join(a.corpus_dir, f) for f in ("corpus.jsonl", "perturbed.jsonl"))
    for f in (corpus, perturbed):
        if not os.path.exists(f):
            sys.exit(f"evasion: {f} is missing: run `python3 bench/run.py` (or --smoke) once to make the corpus")
    if a.build:
        subprocess.run(["cargo", "build", "--release", "-p", "scrim-tools", "--features", "models", "--bin", "bench_native"], cwd=ROOT, check=True)
    if not os.path.exists(a.binary):
        sys.exit(f"evasion: {a.binary} is missing: pass --build")

    out_dir = os.path.join(BENCH, "out", "evasion") if a.save else tempfile.mkdtemp(prefix="scrim-evasion-")
    os.makedirs(out_dir, exist_ok=True)
    name = a.save or "run"
    pred_c, pred_p = (os.path.join(out_dir, f"{name}.{k}.jsonl") for k in ("corpus", "perturbed"))
    subprocess.run([a.binary, "predict", corpus, pred_c, "--rounds", "0", "--also", f"{perturbed}={pred_p}"],
                   check=True, stdout=subprocess.DEVNULL)

    docs, pert = scorer.load_jsonl(corpus), scorer.load_jsonl(perturbed)
    preds_c, preds_p = scorer.load_jsonl(pred_c), scorer.load_jsonl(pred_p)
    ev = scorer.recall_by_perturbation(docs, pert, preds_c, preds_p, "scrim")
    kinds = sorted(ev)
    print("| peer | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    cells = [f"{ev[k]['original']['untyped']:.2f} → {ev[k]['perturbed']['untyped']:.2f} ({ev[k]['perturbed']['typed']:.2f})" for k in kinds]
    print("| scrim-native | " + " | ".join(cells) + " |")
    clean = scorer.score(docs, preds_c, "scrim")["clean"]
    print(f"PII-free prompts flagged: {clean['flagged']}/{clean['prompts']} {clean['by_label']}")

    if a.misses:
        by_id = {p["id"]: p for p in preds_p}
        for k in kinds:
            shown = 0
            print(f"\n-- missed under {k}")
            for d in pert:
                if d["perturbation"] != k or shown >= a.misses:
                    continue
                found = by_id.get(d["id"], {}).get("findings", [])
                for s in d["spans"]:
                    hit = [f for f in found if f["start"] < s["end"] and s["start"] < f["end"]]
                    if not any(f["entity"] == s["entity"] for f in hit):
                        got = ",".join(sorted({f["entity"] for f in hit})) or "-"
                        print(f"  {s['entity']:24} {d['text'][s['start']:s['end']]!r} (found: {got})")
                        shown += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
