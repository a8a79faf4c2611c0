"""Evaluate a shipped NER model (models/ner.onnx + models/ner.json) on the held-out splits, next to
spaCy small on exactly the same texts.

    $SCRIM_TRAIN_PYTHON models/train/ner/evaluate.py \
        --featurizer target/release/featurize_tokens [--person 0.75] [--out evaluation.json]

Held-out splits (the same as train.py builds with the same --seed): WNUT17 emerging.dev (real,
never used for a choice), the same texts lowercased (chat style), and the synthetic chat-style test
from held-out templates. Scores are exact-span P/R/F1 at the sidecar's thresholds and at the
default policy's operating point (config/policy.toml's min_score per entity, PERSON from `--person`;
the engine replaces the sidecar thresholds by the policy's). The network runs as the numpy reference of the ONNX graph
(tract matches it within 1e-4: tests/model_ner.rs).
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
from data import spacy_predict, wnut  # noqa: E402
from lexicon import lexicon  # noqa: E402
from synthetic import lower_same_length, synthetic  # noqa: E402
from train import REPO, TAGS, evaluate, featurize, np_forward, prf  # noqa: E402


def onnx_weights(path):
    import onnx
    from onnx import numpy_helper

    init = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}
    w = {"emb_q": init["emb_q"], "emb_scale": init["emb_scale"]}
    for n in ["c1", "c2", "c3", "out"]:
        w[f"{n}.weight"], w[f"{n}.bias"] = init[f"{n}_w"], init[f"{n}_b"]
    return w


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
    ap.add_argument("--draw", choices=["auto", "lexicon", "plain"], default="auto",
                    help="which synthetic test draw: with the lexicon's names (as train.py --lexicon), without, or as the model was trained (auto)")
    args = ap.parse_args()

    side = json.loads(Path(args.sidecar).read_text())
    w = onnx_weights(args.onnx)
    real = [e for e in wnut(args.seed) if e["split"] == "test"]
    # The synthetic test as train.py drew it: with the lexicon's names if the model was trained with it.
    with_lexicon = "word" in side.get("gazetteer", {}) if args.draw == "auto" else args.draw == "lexicon"
    lex = lexicon() if with_lexicon else None
    syn, _ = synthetic(args.seed, args.synthetic, args.synthetic_test, lexicon=lex)
    syn = [e for e in syn if e["split"] == "test"]
    low = [dict(e, text=lower_same_length(e["text"])) for e in real]
    # The default policy's min_score per NER entity (config/policy.toml), PERSON from --person.
    import tomllib

    policy = tomllib.loads((REPO / "config/policy.toml").read_text()).get("entities", {})
    at_policy = {e: float(policy[e]["min_score"]) for e in ("LOCATION", "ORGANIZATION", "ADDRESS") if "min_score" in policy.get(e, {})}
    points = {"sidecar": side.get("thresholds", {}), "policy": dict(side.get("thresholds", {}), **at_policy, PERSON=args.person)}
    res = {"onnx_sha256": side.get("sha256"), "person_operating_point": args.person, "thresholds": points["sidecar"],
           "policy_thresholds": points["policy"]}
    for name, exs in [("wnut17_test", real), ("wnut17_test_lowercased", low), ("synthetic_test", syn)]:
        featurize(exs, args.sidecar, args.featurizer)
        probs = [np_forward(w, np.array(e["ids"], dtype=np.int64)) if e["ids"] else np.zeros((0, len(TAGS))) for e in exs]
        for point, th in points.items():
            res[f"{name}@{point}"] = evaluate(probs, exs, th)[0]
        res[f"spacy_sm_{name}"] = prf([e["spans"] for e in exs], spacy_predict([e["text"] for e in exs]))
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1) + "\n")
    for k, v in res.items():
        if isinstance(v, dict) and "ALL" in v:
            print(f"{k:40s} " + "  ".join(f"{l[:3]} {v[l]['precision']:.3f}/{v[l]['recall']:.3f}/{v[l]['f1']:.3f}"
                                          for l in ("PERSON", "LOCATION", "ORGANIZATION", "ADDRESS", "ALL")))


if __name__ == "__main__":
    main()
