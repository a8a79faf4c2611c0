"""Stage 4: export ONNX (tract-friendly ops only) and the parity reference for the Rust tests.

The linear head is folded into the embedding table (T = E @ W, shape [buckets, labels]), stored
as one byte per weight (models/train/codebook.py: uint8 codes into 255 levels; 197 KB instead of
786 KB), so the graph is: Gather(codes, ids) -> Gather(codebook, .) = rows of T -> contributions [1, N, L] = rows / N**p -> ReduceSum over N + bias = logits
-> Sigmoid = probs. Outputs: `probs` (the contract), `logits`, `contributions` (per feature id;
summed per word they give an exact explanation: logits = bias + sum(contributions)).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import prep
from data import LABELS

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import codebook  # noqa: E402  (models/train/codebook.py)

OPSET = 13


def folded_table(ckpt_path: str):
    import torch

    ck = torch.load(ckpt_path)
    a = ck["args"]
    if a["head"] != "linear":
        raise SystemExit("export.py folds a linear head; the MLP head is for comparison only")
    st = ck["state"]
    E = st["emb.weight"].numpy().astype(np.float64)
    W = st["out.weight"].numpy().astype(np.float64).T
    T = (E @ W).astype(np.float32)
    T[0] = 0.0
    return T, st["out.bias"].numpy().astype(np.float32), float(a["power"]), a


def build_onnx(T: np.ndarray, b: np.ndarray, power: float, quantized: bool = True) -> onnx.ModelProto:
    """The graph for table T; `quantized` stores T as codes and a codebook (what ships), else as
    float32 (the tiny test fixture)."""
    L = T.shape[1]
    if quantized:
        codes, book = codebook.quantize(T)
        lookup, table = codebook.gather_nodes("table", "ids", "rows"), codebook.initializers("table", codes, book)
    else:
        lookup = [helper.make_node("Gather", ["table", "ids"], ["rows"], axis=0)]
        table = [numpy_helper.from_array(T, "table")]
    nodes = lookup + [                                                                       # rows [1, N, L]
        helper.make_node("Shape", ["ids"], ["ids_shape"]),
        helper.make_node("Gather", ["ids_shape", "one"], ["n"], axis=0),                     # [1] = N
        helper.make_node("Cast", ["n"], ["n_f"], to=TensorProto.FLOAT),
        helper.make_node("Pow", ["n_f", "power"], ["norm"]),                                 # [1] = N**p
        helper.make_node("Div", ["rows", "norm"], ["contributions"]),                        # [1, N, L]
        helper.make_node("ReduceSum", ["contributions", "axis1"], ["pooled"], keepdims=0),  # [1, L]
        helper.make_node("Add", ["pooled", "bias"], ["logits"]),
        helper.make_node("Sigmoid", ["logits"], ["probs"]),
    ]
    inits = table + [
        numpy_helper.from_array(b.astype(np.float32), "bias"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
        numpy_helper.from_array(np.array([power], dtype=np.float32), "power"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
    ]
    g = helper.make_graph(
        nodes, "scrim_toxicity",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, [1, "N"])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, L]),
         helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, L]),
         helper.make_tensor_value_info("contributions", TensorProto.FLOAT, [1, "N", L])],
        inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="scrim-train")
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def reference(T, b, power, texts, config_path):
    """What the training side computes for fixed texts (float64), for tests/model_toxicity.rs."""
    ids, word_of, words = prep.featurize(texts, config_path)
    out = []
    for t, i, w, ws in zip(texts, ids, word_of, words):
        if len(i) == 0:
            i, w = np.array([0]), np.array([0])
        rows = T[i].astype(np.float64) / (len(i) ** power)
        logits = b.astype(np.float64) + rows.sum(0)
        per_word = np.zeros((len(ws), T.shape[1]))
        for k, wi in enumerate(w):
            if len(ws):
                per_word[wi] += rows[k]
        out.append({"text": t, "probs": (1 / (1 + np.exp(-logits))).round(6).tolist(),
                    "logits": logits.round(6).tolist(),
                    "words": ws, "word_contributions": per_word.round(6).tolist()})
    return out


REFERENCE_TEXTS = [
    "", "Have a lovely day, thanks for your help!", "You are a stupid idiot and everyone hates you.",
    "I will kill you and your whole family.", "fuck off", "f u c k you", "sh1t h3ad",
    "Muslims should go back where they came from.", "I am a proud gay man.",
    "Can you summarize this article about the history of Rome?", "how do I kill a python process",
    "ｓｔｕｐｉｄ  іdіоt", "What a wonderful world", "Stop being such a dumbass", "these immigrants are vermin",
    "word " * 600,
]


def write_sidecar(config_path: str, metrics_path: str, sha: str, size: int):
    """Keep the featurizer; set thresholds (chosen on validation, see evaluate.thresholds)."""
    side = json.load(open(config_path))
    metrics = json.load(open(metrics_path))
    side["thresholds"] = {l: {"warn": t["warn"], "block": t["block"]} for l, t in metrics["thresholds"].items()}
    side["sha256"] = sha
    side["bytes"] = size
    side["explanation"] = "exact: logits = bias + sum(contributions); per-word sums are exact"
    with open(config_path, "w") as fh:
        json.dump(side, fh, indent=2)
        fh.write("\n")


def tiny_fixture(out_dir: str):
    """A 2-label, 64-bucket model with only a `probs` output, for the runner's occlusion path."""
    rng = np.random.default_rng(5)
    T = rng.normal(0, 2, (64, 2)).astype(np.float32)
    T[0] = 0
    m = build_onnx(T, np.array([-1.0, 0.5], np.float32), 1.0, quantized=False)
    keep = [o for o in m.graph.output if o.name == "probs"]
    del m.graph.output[:]
    m.graph.output.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out_dir, "classifier_probs_only.onnx"))
    side = {"name": "tiny", "version": "test", "labels": ["a", "b"],
            "featurizer": {"buckets": 64, "word_ngrams": [1], "char_ngrams": [0, 0], "max_words": 16}}
    json.dump(side, open(os.path.join(out_dir, "classifier_probs_only.json"), "w"), indent=1)


def float_model(path: str):
    """T, b, power of an exported model that still holds a float32 `table` (before codebook.py)."""
    m = onnx.load(path)
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    if "table" not in init:
        raise SystemExit(f"{path} holds no float table (already quantized?): export from the checkpoint")
    return init["table"], init["bias"], float(init["power"][0]), None


def main(ckpt_path: str, config_path: str, out_onnx: str, out_ref: str, metrics_path: str | None = None):
    T, b, power, a = float_model(ckpt_path) if ckpt_path.endswith(".onnx") else folded_table(ckpt_path)
    m = build_onnx(T, b, power)
    # The reference is computed from the table the graph holds: the codebook's levels.
    T = codebook.dequantized(*codebook.quantize(T))
    onnx.save(m, out_onnx)
    data = open(out_onnx, "rb").read()
    print(f"{out_onnx}: {len(data)} bytes sha256 {hashlib.sha256(data).hexdigest()}", file=sys.stderr)
    ref = {"model_sha256": hashlib.sha256(data).hexdigest(), "tolerance": 1e-4,
           "labels": LABELS, "cases": reference(T, b, power, REFERENCE_TEXTS, config_path)}
    json.dump(ref, open(out_ref, "w"), indent=1, ensure_ascii=False)
    if metrics_path:
        write_sidecar(config_path, metrics_path, hashlib.sha256(data).hexdigest(), len(data))
    tiny_fixture(os.path.dirname(out_ref))
    # onnx reference runtime check when available (onnxruntime is not required)
    try:
        from onnx.reference import ReferenceEvaluator

        ev = ReferenceEvaluator(m)
        ids, _, _ = prep.featurize(REFERENCE_TEXTS[1:4], config_path)
        for c, i in zip(ref["cases"][1:4], ids):
            p = ev.run(None, {"ids": i[None, :]})[0][0]
            assert np.allclose(p, c["probs"], atol=1e-4), (p, c["probs"])
        print("onnx reference evaluator agrees", file=sys.stderr)
    except ImportError:
        pass


if __name__ == "__main__":
    # export.py CHECKPOINT.pt|FLOAT.onnx CONFIG OUT.onnx OUT_REFERENCE.json [METRICS.json]
    main(*sys.argv[1:6])
