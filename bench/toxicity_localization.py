"""Does an insult in one sentence of a longer prompt count as if it stood alone?

    python3 bench/toxicity_localization.py [--data ../shared/data] [--out bench/out/toxicity_localization.json]

Scores three held-out sets, none of whose texts the shipped toxicity model trained or was tuned on
(its training read Davidson, OLID, slabs *train*, neuralchemy core-train and WNUT17 train; see
models/toxicity.md), with the bundled model two ways — `whole` (one run over the text: what scrim
reported before per-sentence scoring) and `localized` (each label's highest score over the text,
each sentence alone and each window of WINDOW_WORDS words: what the engine reports now) — and, on the same texts, the TF-IDF + linear SVM
peer alt-profanity-check (its venv bench/.venv/profanity-check is made from the registry if missing):

  convabuse       ConvAbuse's own *test* split (user turns to chatbots; CC-BY-4.0), as they are;
  toxic_spans     Toxic Spans (Civil Comments posts, multi-sentence; CC0-1.0): the posts whose id
                  hashes into the held-out fifth (sha256("scrim-holdout:" + id) % 5 == 0), the rest
                  left for training;
  embedded        each ConvAbuse test turn after a benign prompt (slabs *validation*, label 0,
                  paired by a seeded shuffle): "<benign prompt> <turn>", the chat UI's case.

`--split valid` scores the same kinds of sets from data kept for choosing designs (ConvAbuse's
valid split, Toxic Spans' second fifth, slabs *train* prompts), e.g. `--window W` (also score
windows of W words across sentence ends); a design is chosen there, never on the test sets.

A text counts as flagged when any label reaches the default policy's `warn` (config/policy.toml);
ROC-AUC ranks by max over labels of score / warn (the same order as that decision at 1.0). Nothing
here chooses anything: no threshold, no recipe. Prints a Markdown table (BENCHMARKS.md) and writes
the JSON.
"""
import argparse
import csv
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import tomllib

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
SEED = 7


def spans_bucket(rid: str) -> int:
    """Toxic Spans' fifths: 0 = held-out test, 1 = validation, the rest left for training."""
    return int(hashlib.sha256(f"scrim-holdout:{rid}".encode()).hexdigest()[:8], 16) % 5


def load_sets(data: str, split: str) -> dict:
    conv = [json.loads(line) for line in open(os.path.join(data, "toxicity/convabuse/convabuse.jsonl"))]
    conv = [r for r in conv if r["split"] == split and r["toxic"] in (0, 1)]
    spans = [json.loads(line) for line in gzip.open(os.path.join(data, "toxicity/toxic_spans/toxic_spans.jsonl.gz"), "rt")]
    bucket = 0 if split == "test" else 1
    spans = [r for r in spans if r["toxic"] in (0, 1) and spans_bucket(str(r["id"])) == bucket]
    # Benign prompts: slabs validation for the test sets, slabs train (label 0) for validation.
    slabs = "validation.csv" if split == "test" else "train.csv"
    benign = [r["text"] for r in csv.DictReader(open(os.path.join(data, "prompt_injection/slabs", slabs))) if r["label"] == "0"]
    rng = random.Random(SEED)
    rng.shuffle(benign)
    embedded = [{"text": f"{benign[k % len(benign)].strip()} {r['text'].strip()}", "toxic": r["toxic"]} for k, r in enumerate(conv)]
    return {
        "convabuse": [{"text": r["text"], "toxic": r["toxic"]} for r in conv],
        "toxic_spans": [{"text": r["text"], "toxic": r["toxic"]} for r in spans],
        "embedded": embedded,
    }


def scrim_scores(texts: list, window: int) -> list:
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "scrim-tools", "--features", "models", "--bin", "toxicity_scan"],
                   cwd=REPO, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    lines = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    out = subprocess.run([os.path.join(target, "release", "toxicity_scan")] + ([] if window is None else [str(window)]), input=lines, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


def peer_scores(texts: list):
    venv = os.path.join(BENCH, ".venv", "profanity-check")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "-r", os.path.join(BENCH, "requirements", "profanity-check.txt")], check=True)
    code = ("import json,sys\nfrom profanity_check import predict_prob\n"
            "t=[json.loads(l) for l in sys.stdin]\nprint(json.dumps([float(p) for p in predict_prob(t)]))")
    out = subprocess.run([py, "-c", code], input="".join(json.dumps(t) + "\n" for t in texts), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def auc(scores: list, labels: list) -> float:
    pairs = sorted(zip(scores, labels))
    ranks, k = [0.0] * len(pairs), 0
    while k < len(pairs):
        j = k
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[k][0]:
            j += 1
        for i in range(k, j + 1):
            ranks[i] = (k + j) / 2 + 1
        k = j + 1
    pos = sum(labels)
    neg = len(labels) - pos
    return (sum(r for r, (_, y) in zip(ranks, pairs) if y) - pos * (pos + 1) / 2) / (pos * neg)


def rates(flags: list, labels: list) -> tuple:
    tp = sum(f and y for f, y in zip(flags, labels))
    fp = sum(f and not y for f, y in zip(flags, labels))
    pos = sum(labels)
    return tp / pos, fp / (len(labels) - pos)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("SCRIM_DATA", os.path.join(REPO, "..", "shared", "data")))
    ap.add_argument("--out", default=os.path.join(BENCH, "out", "toxicity_localization.json"))
    ap.add_argument("--no-peer", action="store_true", help="skip alt-profanity-check")
    ap.add_argument("--split", choices=["test", "valid"], default="test",
                    help="valid: ConvAbuse valid, Toxic Spans' validation fifth, slabs train prompts (to compare designs)")
    ap.add_argument("--window", type=int, default=None,
                    help="score word windows of this size instead of the engine's WINDOW_WORDS (0: sentences only)")
    args = ap.parse_args()
    warn = {k: v["warn"] for k, v in tomllib.load(open(os.path.join(REPO, "config", "policy.toml"), "rb"))["scores"].items() if "warn" in v}
    sets = load_sets(args.data, args.split)
    result = {"warn": warn, "split": args.split, "window": args.window, "sets": {}}
    rows = ["| set | texts (toxic) | method | ROC-AUC | TPR @ warn | FPR @ warn |", "|---|---|---|---:|---:|---:|"]
    for name, items in sets.items():
        texts = [r["text"] for r in items]
        labels = [r["toxic"] for r in items]
        scored = scrim_scores(texts, args.window)
        methods = {}
        for method in ("whole", "localized"):
            margin = [max(s[method].get(lab, 0.0) / w for lab, w in warn.items() if lab in s[method]) for s in scored]
            methods[f"scrim {method}"] = (margin, [m >= 1.0 for m in margin])
        if not args.no_peer:
            p = peer_scores(texts)
            methods["alt-profanity-check 1.9.1"] = (p, [x >= 0.5 for x in p])
        result["sets"][name] = {}
        for method, (score, flags) in methods.items():
            tpr, fpr = rates(flags, labels)
            a = auc(score, labels)
            result["sets"][name][method] = {"auc": a, "tpr": tpr, "fpr": fpr, "n": len(labels), "toxic": sum(labels)}
            rows.append(f"| {name} | {len(labels)} ({sum(labels)}) | {method} | {a:.3f} | {tpr:.3f} | {fpr:.3f} |")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    json.dump(result, open(args.out, "w"), indent=1)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
