"""Export `train_cnn.py`'s word CNN as ONNX (tract-friendly ops) and its parity reference.

The graph takes the featurizer's ids laid out by word, int64 `ids` `[1, W, K]`: row w holds word
w's ids (its unigram, the bigram it starts, its character n-grams) padded with 0 to the longest
word's count K (`"input_layout": "words"` in the sidecar tells the runner to build it):

    Gather(codes, ids) -> Gather(codebook, .) = embeddings [1, W, K, D]
    each word = sum over K / its count of non-zero ids          [1, W, D]
    Conv k3 -> Relu -> Conv k3 dilation 2, + residual -> Relu   [1, C, W]
    ReduceMax over W -> MatMul + bias = logits -> Sigmoid = probs [1, L]

The embedding table is stored as half a byte per weight, 16 levels per column
(`codebook.quantize_columns4`, as the NER model's), the convolution weights as one-byte codes
(`codebook.quantize`, folded back to floats by tract at load). `--check` compares the float and
the quantized weights on every set's validation split; the shipping rule is no set's validation
AUC may fall by more than 0.01. The model is not additive, so the runner explains it by
occlusion (each word removed in turn), and so does the reference here.

    python export_cnn.py CKPT.pt CONFIG OUT.onnx OUT_REFERENCE.json [METRICS.json]
"""
from __future__ import annotations

import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import export
import prep
from data import LABELS

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import codebook  # noqa: E402  (models/train/codebook.py)

# Words explained by occlusion at most: the runner's MAX_OCCLUSION_WORDS (src/model/classifier.rs).
MAX_OCCLUSION_WORDS = 128


def weights(ckpt_path: str) -> dict:
    import torch

    ck = torch.load(ckpt_path)
    if ck.get("arch") != "cnn":
        raise SystemExit(f"{ckpt_path} is not a train_cnn.py checkpoint")
    st = {k: v.numpy().astype(np.float32) for k, v in ck["state"].items()}
    st["emb.weight"][0] = 0.0
    return st


def quantized(st: dict) -> dict:
    """The weights the graph computes with: the table and the convolutions dequantized."""
    q = dict(st)
    q["emb.weight"] = codebook.dequantized_columns4(*codebook.quantize_columns4(st["emb.weight"]))
    for k in ("conv1.weight", "conv2.weight"):
        q[k] = codebook.dequantized(*codebook.quantize(st[k]))
    return q


def build_onnx(st: dict) -> onnx.ModelProto:
    packed, book = codebook.quantize_columns4(st["emb.weight"])
    consts = []
    for name, key in (("w1", "conv1.weight"), ("w2", "conv2.weight")):
        c, b = codebook.quantize(st[key])
        consts += codebook.initializers(name, c, b)
    nodes = codebook.columns4_gather_nodes("table", "ids", "emb") + codebook.constant_nodes("w1", "w1") + \
        codebook.constant_nodes("w2", "w2") + [                                              # emb [1, W, K, D]
        helper.make_node("Greater", ["ids", "zero_i"], ["present"]),
        helper.make_node("Cast", ["present"], ["present_f"], to=TensorProto.FLOAT),          # [1, W, K]
        helper.make_node("ReduceSum", ["present_f", "axis2"], ["count"], keepdims=1),        # [1, W, 1]
        helper.make_node("Max", ["count", "one_f"], ["count1"]),
        helper.make_node("ReduceSum", ["emb", "axis2"], ["sums"], keepdims=0),               # [1, W, D]
        helper.make_node("Div", ["sums", "count1"], ["words"]),
        helper.make_node("Transpose", ["words"], ["x"], perm=[0, 2, 1]),                     # [1, D, W]
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], kernel_shape=[3], pads=[1, 1]),
        helper.make_node("Relu", ["c1"], ["h1"]),
        helper.make_node("Conv", ["h1", "w2", "b2"], ["c2"], kernel_shape=[3], pads=[2, 2], dilations=[2]),
        helper.make_node("Add", ["c2", "h1"], ["r2"]),
        helper.make_node("Relu", ["r2"], ["h2"]),                                            # [1, C, W]
        helper.make_node("ReduceMax", ["h2"], ["pooled"], axes=[2], keepdims=0),             # [1, C]
        helper.make_node("MatMul", ["pooled", "w_out"], ["mm"]),
        helper.make_node("Add", ["mm", "b_out"], ["logits"]),                                # [1, L]
        helper.make_node("Sigmoid", ["logits"], ["probs"]),
    ]
    inits = codebook.columns4_initializers("table", packed, book) + consts + [
        numpy_helper.from_array(np.array(0, np.int64), "zero_i"),
        numpy_helper.from_array(np.array(1.0, np.float32), "one_f"),
        numpy_helper.from_array(np.array([2], np.int64), "axis2"),
        numpy_helper.from_array(st["conv1.bias"], "b1"), numpy_helper.from_array(st["conv2.bias"], "b2"),
        numpy_helper.from_array(np.ascontiguousarray(st["out.weight"].T), "w_out"),
        numpy_helper.from_array(st["out.bias"], "b_out"),
    ]
    L = st["out.bias"].shape[0]
    graph = helper.make_graph(
        nodes, "toxicity_word_cnn",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, [1, "W", "K"])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, L]),
         helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, L])],
        inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", export.OPSET)], producer_name="scrim")
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def word_layout(ids: np.ndarray, word_of: np.ndarray) -> np.ndarray:
    """[W, K]: each word's ids in order, padded with 0 (what the runner builds)."""
    if len(ids) == 0:
        return np.zeros((1, 1), np.int64)
    starts = np.flatnonzero(np.r_[True, word_of[1:] != word_of[:-1]])
    groups = np.split(ids, starts[1:])
    out = np.zeros((len(groups), max(len(g) for g in groups)), np.int64)
    for w, g in enumerate(groups):
        out[w, :len(g)] = g
    return out


def forward(st: dict, table: np.ndarray, layout: np.ndarray) -> np.ndarray:
    # st: quantized(weights); table: its emb.weight
    """The graph's logits in float64, for one [W, K] layout."""
    emb = table[layout].astype(np.float64)                                  # [W, K, D]
    count = np.maximum((layout > 0).sum(1, keepdims=True), 1)
    x = (emb.sum(1) / count).T                                              # [D, W]

    def conv(x, w, b, dilation):
        c_out, _, k = w.shape
        pad = dilation * (k // 2)
        xp = np.pad(x, ((0, 0), (pad, pad)))
        return b[:, None] + sum(np.einsum("oi,iw->ow", w[:, :, j], xp[:, j * dilation: j * dilation + x.shape[1]]) for j in range(k))

    h1 = np.maximum(conv(x, st["conv1.weight"].astype(np.float64), st["conv1.bias"], 1), 0)
    h2 = np.maximum(conv(h1, st["conv2.weight"].astype(np.float64), st["conv2.bias"], 2) + h1, 0)
    return h2.max(1) @ st["out.weight"].T.astype(np.float64) + st["out.bias"]


def reference(st, table, texts, config_path):
    ids, word_of, words = prep.featurize(texts, config_path)
    out = []
    for t, i, w, ws in zip(texts, ids, word_of, words):
        logits = forward(st, table, word_layout(i, w))
        per_word = np.zeros((len(ws), len(logits)))
        for k in range(min(len(ws), MAX_OCCLUSION_WORDS)):  # occlusion, as the runner does it
            keep = w != k
            per_word[k] = logits - forward(st, table, word_layout(i[keep], w[keep]))
        out.append({"text": t, "probs": (1 / (1 + np.exp(-logits))).round(6).tolist(), "logits": logits.round(6).tolist(),
                    "words": ws, "word_contributions": per_word.round(6).tolist()})
    return out


def main(ckpt_path: str, config_path: str, out_onnx: str, out_ref: str, metrics_path: str | None = None):
    st = weights(ckpt_path)
    m = build_onnx(st)
    st = quantized(st)
    table = st["emb.weight"]
    onnx.save(m, out_onnx)
    data = open(out_onnx, "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    print(f"{out_onnx}: {len(data)} bytes sha256 {sha}", file=sys.stderr)
    ref = {"model_sha256": sha, "tolerance": 1e-4, "labels": LABELS,
           "cases": reference(st, table, export.REFERENCE_TEXTS, config_path)}
    json.dump(ref, open(out_ref, "w"), indent=1, ensure_ascii=False)
    if metrics_path:
        export.write_sidecar(config_path, metrics_path, sha, len(data))
        side = json.load(open(config_path))
        side["input_layout"] = "words"
        side["explanation"] = "occlusion: each word's contribution is the logit minus the logit without it"
        with open(config_path, "w") as fh:
            json.dump(side, fh, indent=2)
            fh.write("\n")
    export.tiny_fixture(os.path.dirname(out_ref))
    from onnx.reference import ReferenceEvaluator

    ev = ReferenceEvaluator(m)
    ids, word_of, _ = prep.featurize(export.REFERENCE_TEXTS[1:5], config_path)
    for c, i, w in zip(ref["cases"][1:5], ids, word_of):
        p = ev.run(None, {"ids": word_layout(i, w)[None]})[0][0]
        assert np.allclose(p, c["probs"], atol=1e-4), (p, c["probs"])
    print("onnx reference evaluator agrees", file=sys.stderr)


def check(ckpt_path: str, config_path: str):
    """Validation AUC per set, float weights vs the quantized ones the graph holds."""
    import torch

    import evaluate
    import train as bag
    import train_cnn
    ck = torch.load(ckpt_path)
    a = ck["args"]
    cfg, df, ids, word_of = bag.load(config_path)
    val = np.flatnonzero((df.split == "val").to_numpy())
    q = quantized({k: v.numpy() for k, v in ck["state"].items()})
    out = {}
    for name, state in (("float", ck["state"]), ("quantized", {k: torch.from_numpy(np.asarray(v, np.float32)) for k, v in q.items()})):
        cnn = train_cnn.WordCnn(a["buckets"], a["dim"], a["channels"], len(LABELS), a.get("fixed_bias"))
        cnn.load_state_dict(state)
        P = train_cnn.predict(cnn, [ids[i] for i in val], [word_of[i] for i in val], np.arange(len(val)))
        dv = df.iloc[val]
        out[name] = {s: evaluate.auc(dv.y_toxicity.to_numpy()[(dv.source == s).to_numpy()] > 0.5, P[(dv.source == s).to_numpy(), 0])
                     for s in evaluate.REAL_LABELLED if ((dv.source == s).to_numpy()).any()}
    worst = 0.0
    for s in out["float"]:
        d = out["quantized"][s] - out["float"][s]
        if d == d:
            worst = min(worst, d)
        print(f"{s:16s} float {out['float'][s]:.4f} quantized {out['quantized'][s]:.4f} ({d:+.4f})")
    print(f"largest fall {worst:+.4f} (rule: no more than 0.01)")
    if worst < -0.01:
        raise SystemExit("quantization costs more than 0.01 validation AUC on some set")


if __name__ == "__main__":
    if "--check" in sys.argv:
        check(*[a for a in sys.argv[1:] if a != "--check"][:2])
    else:
        main(*sys.argv[1:6])
