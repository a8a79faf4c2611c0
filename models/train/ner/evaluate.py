"""Evaluate a shipped NER model (models/ner.onnx + models/ner.json) on the held-out test splits,
next to spaCy small and medium on exactly the same texts.

    $SCRIM_TRAIN_PYTHON models/train/ner/evaluate.py \
        --featurizer target/release/featurize_tokens [--person 0.75] [--out evaluation.json]

Held-out splits (the same as train.py builds with the same --seed): the test share of WNUT17 and
of each of the eight other real sets (data.holdout_split: 15% by a hash of each document or
sentence, stratified by genre), each also lowercased (chat style), and the synthetic chat-style
test from held-out templates. Scores are exact-span P/R/F1 at the sidecar's thresholds and at the
default policy's operating point (config/policy.toml's min_score per entity, PERSON from
`--person`; the engine replaces the sidecar thresholds by the policy's). The network runs as the
numpy reference of the ONNX graph (tract matches it within 1e-4: tests/model_ner.rs).
"""
import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

# Some of Faker's lists are sets, whose order follows the interpreter's hash seed: pin it, so the
# same --seed draws the same sentences in every run.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
sys.path.insert(0, str(Path(__file__).parent))
from data import REAL_SETS, real_sets, wnut  # noqa: E402
from lexicon import lexicon  # noqa: E402
from synthetic import synthetic  # noqa: E402
from train import REPO, TAGS, featurize, heldout_report, np_forward, onnx_weights, policy_thresholds  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--synthetic", type=int, default=12000, help="as train.py: the test sentences are drawn after these")
    ap.add_argument("--synthetic-test", type=int, default=1500)
    ap.add_argument("--onnx", default=str(REPO / "models/ner.onnx"))
    ap.add_argument("--sidecar", default=str(REPO / "models/ner.json"))
    ap.add_argument("--featurizer", default=str(REPO / "target/release/featurize_tokens"))
    ap.add_argument("--person", type=float, default=0.75, help="the policy's PERSON min_score")
    ap.add_argument("--out", help="write the results as JSON here")
    ap.add_argument("--split", choices=["test", "val"], default="test",
                    help="val: the validation splits instead (for choosing; the synthetic part is then skipped)")
    ap.add_argument("--peers", default="sm,md", help="spaCy models scored on the same texts")
    ap.add_argument("--draw", choices=["auto", "lexicon", "plain"], default="auto",
                    help="which synthetic test draw: with the lexicon's names (as train.py --lexicon), without, or as the model was trained (auto)")
    args = ap.parse_args()

    side = json.loads(Path(args.sidecar).read_text())
    w = onnx_weights(args.onnx)
    examples = wnut(args.seed) + real_sets()
    tests = {name: [e for e in examples if e["source"] == name and e["split"] == args.split] for name in ["wnut17", *REAL_SETS]}
    # The synthetic test as train.py drew it: with the lexicon's names if the model was trained with it.
    with_lexicon = "word" in side.get("gazetteer", {}) if args.draw == "auto" else args.draw == "lexicon"
    if args.split == "test":
        syn, _ = synthetic(args.seed, args.synthetic, args.synthetic_test, lexicon=lexicon() if with_lexicon else None)
        tests["synthetic"] = [e for e in syn if e["split"] == "test"]
    th = side.get("thresholds", {})
    points = {"sidecar": th, "policy": policy_thresholds(th, args.person)}

    def np_probs(exs):
        return [np_forward(w, np.array(e["ids"], dtype=np.int64)) if e["ids"] else np.zeros((0, len(TAGS))) for e in exs]

    for exs in tests.values():
        featurize(exs, args.sidecar, args.featurizer)
    res = {"onnx_sha256": side.get("sha256"), "thresholds": points,
           "heldout": heldout_report(np_probs, tests, points, lambda exs: featurize(exs, args.sidecar, args.featurizer),
                                     [p for p in args.peers.split(",") if p])}
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
