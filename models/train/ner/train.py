"""Train scrim's NER model (PERSON, LOCATION, ORGANIZATION, ADDRESS) and export models/ner.onnx,
models/ner.json, the parity fixture and the metrics the model card quotes.

    models/train/ner/train.sh            # the one command (builds the featurizer, runs this)

Splits: WNUT17 train is cut 90/10 into train/validation (seeded); WNUT17 emerging.dev is the
held-out real test, never used for choices. Synthetic sentences have train/validation from the
training templates and a test from held-out templates. Thresholds (and, with `--select best`, the
epoch) use validation only.

The defaults are the shipped model's recipe (session 4 in models/ner.md): the census/nickname/
common-word lexicon, no spaCy silver labels, two lowercased copies of the real tweets, word clusters
of the 50,000 most frequent GloVe words, 1,500 sentences using names-that-are-words as words, and
the weights at the end of the schedule. The session 1-3 recipe is `--no-lexicon --silver 5000
--wnut-lower 0 --clusters 0 --word-uses 0 --select best` (those models also decoded by argmax).

Experiments: `--no-test --out /tmp/x` stops after validation (nothing is written to the repo);
`--fold K` uses another fifth of the WNUT training split as validation (`cv.py` runs them all);
data and ids are cached per setting in `--work`. `evaluate.py` scores a shipped model on the
held-out splits next to spaCy small.
"""
import argparse
import hashlib
import json
import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

# Some of Faker's lists are sets, whose order follows the interpreter's hash seed: pin it, so the
# same --seed draws the same sentences in every run.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
import codebook  # noqa: E402  (models/train/codebook.py: the weights as they ship)
from data import ENTITIES, REAL_SETS, prompt_texts, real_sets, spacy_predict, silver, unlabelled_texts, wnut  # noqa: E402
from clusters import word_clusters  # noqa: E402
from lexicon import lexicon  # noqa: E402
from synthetic import lower_same_length, synthetic, word_use_negatives  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
TAGS = ["O"] + [f"{p}-{e}" for e in ENTITIES for p in ("B", "I")]
VERSION = "3"


# ----------------------------------------------------------------------------------------------
# Data
def build_data(args):
    examples = wnut(args.seed, args.fold, args.folds)
    if args.real_sets:
        examples += real_sets()
    # Leave-out experiments: an excluded set is neither trained nor tuned on, only scored.
    for e in examples:
        if e["source"] in args.exclude_sets and e["split"] == "train":
            e["split"] = "unused"
    # Chat-style copies of the real training sentences: the same spans, every letter lowercased.
    examples += [dict(e, text=lower_same_length(e["text"]), aug="lower") for e in examples
                 if e["split"] == "train"] * min(args.wnut_lower, 1)
    lex = lexicon(args.lexicon_surnames, args.lexicon_words) if args.lexicon else None
    syn, gazetteer = synthetic(args.seed, args.synthetic, args.synthetic_test, args.gaz_frac, lex)
    examples += syn
    examples += silver(args.seed, args.silver)
    examples += word_use_negatives(args.seed, args.word_uses)
    # Word negatives: real prompts, as written and lowercased; only their lowercase words get a
    # label (O), see `word_negative_labels`.
    prompts = prompt_texts(args.seed, args.word_negatives)
    examples += [{"text": t, "spans": [], "source": "negatives", "split": "train"} for t in prompts]
    examples += [{"text": lower_same_length(t), "spans": [], "source": "negatives", "split": "train", "lowered_from": t}
                 for t in prompts]
    return examples, gazetteer


def word_negative_labels(e):
    """People writing to a chatbot almost never write a name in lowercase when the rest of the
    prompt is cased, so a lowercase word in a real prompt is a word: label O. Every other token
    (capitalised words, which may be names, and symbols) is left out of the loss (-100). The
    lowercased copy keeps the labels of the text it was made from, so "mark" in "mark it as done"
    is O in an all-lowercase sentence too, where the model cannot lean on capitals."""
    source = e.get("lowered_from", e["text"])
    return [0 if source[a:b].isalpha() and source[a:b].islower() else -100 for a, b in e["tok"]]


def featurize(examples, sidecar_path, binary):
    inp = "".join(json.dumps({"text": e["text"]}) + "\n" for e in examples)
    res = subprocess.run([binary, str(sidecar_path)], input=inp.encode(), capture_output=True, check=True)
    rows = [json.loads(l) for l in res.stdout.decode().splitlines()]
    assert len(rows) == len(examples)
    for e, r in zip(examples, rows):
        e["ids"] = r["ids"]
        e["tok"] = r["spans"]
        e["labels"] = align(r["spans"], e["spans"], e.get("ignore", ()))


def align(tokens, spans, ignore=()):
    """BIO label per token: a token inside a gold span is B- if it is the span's first token; a
    token that overlaps an ignored span (a label that is not ours) is left out of the loss (-100)."""
    labels = [0] * len(tokens)
    for s, t in ignore:
        for i, (a, b) in enumerate(tokens):
            if a < t and b > s:
                labels[i] = -100
    for s, t, ent in spans:
        first = True
        for i, (a, b) in enumerate(tokens):
            if a >= s and b <= t:
                labels[i] = TAGS.index(("B-" if first else "I-") + ent)
                first = False
    return labels


# ----------------------------------------------------------------------------------------------
# Model
class Tagger(nn.Module):
    """Summed embeddings -> `layers` Conv1d k3 with dilations 1, 2, 4, 8... (each after the first
    adds its input back) -> Conv1d k1 to the tags. Receptive field 2^(layers+1) - 1 tokens: 15
    with 3 layers (sessions 1-4), 31 with 4."""

    def __init__(self, buckets, dim, hidden, tags, dropout=0.2, layers=3):
        super().__init__()
        self.emb = nn.Embedding(buckets, dim, padding_idx=0, sparse=True)
        nn.init.normal_(self.emb.weight, std=0.1)
        with torch.no_grad():
            self.emb.weight[0].zero_()
        self.layers = layers
        for i in range(layers):
            d = 2 ** i
            setattr(self, f"c{i + 1}", nn.Conv1d(dim if i == 0 else hidden, hidden, 3, padding=d, dilation=d))
        self.out = nn.Conv1d(hidden, tags, 1)
        self.drop = nn.Dropout(dropout)

    def forward(self, ids):  # ids [B, N, K] -> logits [B, N, T]
        h = torch.relu(self.c1(self.emb(ids).sum(2).transpose(1, 2)))
        for i in range(1, self.layers):
            h = torch.relu(getattr(self, f"c{i + 1}")(self.drop(h))) + h
        return self.out(self.drop(h)).transpose(1, 2)


def conv_layers(w):
    """How many dilated layers a weight dict has (c1, c2, ...)."""
    return sum(1 for k in w if k.startswith("c") and k.endswith(".weight"))


def batches(examples, size, rng, shuffle):
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["ids"]))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(chunks)
    for chunk in chunks:
        n = max(1, max(len(examples[i]["ids"]) for i in chunk))
        yield chunk, n


def tensors(examples, chunk, n, k):
    ids = np.zeros((len(chunk), n, k), dtype=np.int64)
    lab = np.full((len(chunk), n), -100, dtype=np.int64)
    for r, i in enumerate(chunk):
        e = examples[i]
        if e["ids"]:
            ids[r, :len(e["ids"])] = e["ids"]
            lab[r, :len(e["labels"])] = e["labels"]
    return torch.from_numpy(ids), torch.from_numpy(lab)


def slot_dropout(ids, gaz_slots, rng_t, word=0.15, gaz=0.3):
    """Drop features at random so no single slot (the word itself, a gazetteer hit) is relied on."""
    p = torch.full(ids.shape, 0.08)
    p[:, :, :2] = word  # the word and the cased word
    p[:, :, gaz_slots] = gaz
    keep = torch.rand(ids.shape, generator=rng_t) >= p
    return ids * keep


# ----------------------------------------------------------------------------------------------
# Reference forward (numpy), exactly the ONNX graph: used for evaluation and the parity fixture.
def np_forward(w, ids):
    x = w["emb"][ids].sum(1)  # [N, D]
    x = x.T  # [D, N]

    def conv(x, W, b, dil):
        k = W.shape[2]
        pad = dil * (k - 1) // 2
        xp = np.pad(x, ((0, 0), (pad, pad)))
        n = x.shape[1]
        out = np.zeros((W.shape[0], n), dtype=np.float32)
        for j in range(k):
            out += W[:, :, j] @ xp[:, j * dil:j * dil + n]
        return out + b[:, None]

    h = np.maximum(conv(x, w["c1.weight"], w["c1.bias"], 1), 0)
    for i in range(2, conv_layers(w) + 1):
        h = np.maximum(conv(h, w[f"c{i}.weight"], w[f"c{i}.bias"], 2 ** (i - 1)), 0) + h
    logits = conv(h, w["out.weight"], w["out.bias"], 1).T  # [N, T]
    z = np.exp(logits - logits.max(1, keepdims=True))
    return z / z.sum(1, keepdims=True)


def quantize(model):
    """The weights as they ship (`quantize_weights`) from a trained torch model."""
    return quantize_weights({k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()})


def quantize_weights(sd):
    """Float weights ({"emb.weight" or "emb", "c1.weight", ...}) -> the shipped form: the embedding
    table in half a byte per weight (16 levels per column), the dilated convolutions' kernels in
    one byte per weight (255 levels per kernel; models/train/codebook.py), biases and the 1x1
    output layer in float32. The dict holds both the storage form (`emb_packed`, `emb_book`,
    `cN.codes`, `cN.codebook`: what export_onnx writes) and the float values the graph computes
    from it (`emb`, `cN.weight`: what np_forward reads), so every score below is the shipped
    model's."""
    sd = dict(sd)
    e = sd.pop("emb.weight") if "emb.weight" in sd else sd.pop("emb")
    e = e.astype(np.float32).copy()
    e[0] = 0.0
    sd["emb_packed"], sd["emb_book"] = codebook.quantize_columns4(e)
    sd["emb"] = codebook.dequantized_columns4(sd["emb_packed"], sd["emb_book"])
    for i in range(1, conv_layers(sd) + 1):
        sd[f"c{i}.codes"], sd[f"c{i}.codebook"] = codebook.quantize(sd[f"c{i}.weight"])
        sd[f"c{i}.weight"] = codebook.dequantized(sd[f"c{i}.codes"], sd[f"c{i}.codebook"])
    return sd


# ----------------------------------------------------------------------------------------------
# Decoding and metrics (the same decoding as src/model/ner.rs `decode`)
def bio_lattice():
    """(start, allowed): log-weights 0 or -inf of a first tag and of a tag after another under BIO
    (I-X only after B-X or I-X, never first)."""
    k = len(TAGS)
    allowed = np.zeros((k, k))  # [previous, current]
    start = np.zeros(k)
    for j, cur in enumerate(TAGS):
        if cur.startswith("I-"):
            start[j] = -np.inf
            for i, prev in enumerate(TAGS):
                if prev == "O" or prev[2:] != cur[2:]:
                    allowed[i, j] = -np.inf
    return start, allowed


def viterbi(probs):
    """The most likely tag sequence under BIO constraints, and each tag's probability given the
    constraints (forward-backward over the same lattice). Log-probabilities in float64; ties go
    to the lower tag index (as in the Rust decoder)."""
    lp = np.log(np.maximum(np.asarray(probs, dtype=np.float64), 1e-12))
    k = len(TAGS)
    start, allowed = bio_lattice()
    score = start + lp[0]
    back = []
    for t in range(1, len(lp)):
        m = score[:, None] + allowed
        b = m.argmax(0)
        back.append(b)
        score = m[b, np.arange(k)] + lp[t]
    path = [int(score.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    # Forward-backward in probability space, each step scaled to sum 1 (as in the Rust decoder).
    p = np.exp(lp)
    ok = np.isfinite(allowed).astype(np.float64)
    n = len(p)
    alpha = np.zeros_like(p)
    scale = np.zeros(n)
    for t in range(n):
        reach = np.isfinite(start).astype(np.float64) if t == 0 else alpha[t - 1] @ ok
        alpha[t] = reach * p[t]
        scale[t] = alpha[t].sum()
        alpha[t] /= scale[t]
    beta = np.ones_like(p)
    for t in range(n - 2, -1, -1):
        beta[t] = ok @ (p[t + 1] * beta[t + 1]) / scale[t + 1]
    return path[::-1], alpha * beta


def decode(probs, tokens, thresholds):
    """Spans from per-token probabilities: the BIO-constrained most likely tags (`viterbi`), a span
    per B-X and the I-X after it, scored by the mean over its tokens of the constrained
    probability of B-X or I-X (see src/model/ner.rs `decode`)."""
    out, open_ = [], None
    if len(probs) == 0:
        return out
    path, marg = viterbi(probs)

    def close():
        if open_:
            ent, a, b, s, n = open_
            score = s / n
            if score >= thresholds.get(ent, 0.5):
                out.append([tokens[a][0], tokens[b][1], ent, score])

    for i, (row, tag) in enumerate(zip(marg, path)):
        name = TAGS[tag]
        if name == "O":
            close()
            open_ = None
            continue
        ent = name[2:]
        p = float(row[TAGS.index("B-" + ent)] + row[TAGS.index("I-" + ent)])
        if name.startswith("I-") and open_ and open_[0] == ent:
            open_ = [ent, open_[1], i, open_[3] + p, open_[4] + 1]
        else:
            close()
            open_ = [ent, i, i, p, 1]
    close()
    return out


def prf(gold, pred, ignore=None):
    """Exact-span P/R/F1 per entity and micro over all. gold/pred: lists of [s, e, ENT, ...] per text;
    `ignore`: per text, [s, e] ranges whose label is not ours, where a predicted span is not counted."""
    res = {}
    if ignore is not None:
        pred = [[q for q in p if not any(q[0] < b and q[1] > a for a, b in ig)] for p, ig in zip(pred, ignore)]
    for ent in ENTITIES + ["ALL"]:
        tp = fp = fn = 0
        for g, p in zip(gold, pred):
            gs = {(s, e, l) for s, e, l, *_ in g if ent in ("ALL", l)}
            ps = {(s, e, l) for s, e, l, *_ in p if ent in ("ALL", l)}
            tp += len(gs & ps)
            fp += len(ps - gs)
            fn += len(gs - ps)
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        res[ent] = {"precision": round(P, 4), "recall": round(R, 4), "f1": round(F, 4), "support": tp + fn}
    return res


def predict_probs_torch(model, examples):
    model.eval()
    out = [None] * len(examples)
    with torch.no_grad():
        for chunk, n in batches(examples, 64, None, False):
            k = len(next(e for e in examples if e["ids"])["ids"][0])
            ids, _ = tensors(examples, chunk, n, k)
            probs = torch.softmax(model(ids), -1).numpy()
            for r, i in enumerate(chunk):
                out[i] = probs[r, :len(examples[i]["ids"])]
    return out


def predict(probs, examples, thresholds):
    """The decoded spans of each example."""
    return [decode(p, e["tok"], thresholds) if e["ids"] else [] for p, e in zip(probs, examples)]


def evaluate(probs, examples, thresholds):
    pred = predict(probs, examples, thresholds)
    return prf([e["spans"] for e in examples], pred, [e.get("ignore", ()) for e in examples]), pred


def tune_thresholds(probs, examples):
    # Decoding does not depend on the thresholds (they only drop spans by score): decode once.
    spans = evaluate(probs, examples, {e: 0.0 for e in ENTITIES})[1]
    gold = [e["spans"] for e in examples]
    ignore = [e.get("ignore", ()) for e in examples]
    th = {}
    for ent in ENTITIES:
        best = (-1, 0.5)
        for t in np.arange(0.3, 0.86, 0.05):
            kept = [[s for s in sp if s[2] != ent or s[3] >= float(t)] for sp in spans]
            f = prf(gold, kept, ignore)[ent]["f1"]
            if f > best[0] + 1e-9:
                best = (f, round(float(t), 2))
        th[ent] = best[1]
    return th


def policy_thresholds(thresholds, person=0.75):
    """The default policy's operating point: config/policy.toml's min_score per NER entity, which
    the engine applies instead of the sidecar's thresholds (PERSON from `person`)."""
    import tomllib

    policy = tomllib.loads((REPO / "config/policy.toml").read_text()).get("entities", {})
    at_policy = {e: float(policy[e]["min_score"]) for e in ENTITIES if e != "PERSON" and "min_score" in policy.get(e, {})}
    return dict(thresholds, **at_policy, PERSON=person)


def heldout_report(np_probs, tests, points, featurize_fn, peers=("sm", "md")):
    """Scores on every held-out test split, as written and lowercased (chat style), at each
    operating point in `points`, next to the spaCy `peers` on exactly the same texts; the
    union of the real sets ("real_all", micro) too. Printed as a table and returned."""
    res = {}
    union = {}
    for name, exs in tests.items():
        low = [dict(e, text=lower_same_length(e["text"])) for e in exs]
        featurize_fn(low)
        for variant, texts in (("", exs), ("_lowercased", low)):
            key = name + variant
            probs = np_probs(texts)
            gold = [e["spans"] for e in texts]
            ignore = [e.get("ignore", ()) for e in texts]
            runs = {f"scrim@{point}": predict(probs, texts, th) for point, th in points.items()}
            for peer in peers:
                runs[f"spacy_{peer}"] = spacy_predict([e["text"] for e in texts], peer)
            res[key] = {"sentences": len(texts), **{system: prf(gold, pred, ignore) for system, pred in runs.items()}}
            if name != "synthetic":
                u = union.setdefault("real_all" + variant, {"gold": [], "ignore": [], "runs": {}})
                u["gold"] += gold
                u["ignore"] += ignore
                for system, pred in runs.items():
                    u["runs"].setdefault(system, []).extend(pred)
    for key, u in union.items():
        res[key] = {"sentences": len(u["gold"]), **{system: prf(u["gold"], pred, u["ignore"]) for system, pred in u["runs"].items()}}
    for key, row in res.items():
        print(f"{key} ({row['sentences']} sentences)", flush=True)
        for system, r in row.items():
            if system != "sentences":
                print(f"  {system:16s} " + "  ".join(f"{l[:3]} {r[l]['f1']:.3f} (n {r[l]['support']})" for l in ("PERSON", "LOCATION", "ORGANIZATION", "ALL")), flush=True)
    return res


# ----------------------------------------------------------------------------------------------
# ONNX export (written by hand: only ops tract-onnx 0.23 runs, a symbolic sequence length N)
def export_onnx(w, slots, path):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    # The embedding as packed nibbles and per-column codebooks, the kernels as codes into a
    # codebook each (models/train/codebook.py); tract folds the kernels to float32 at load.
    inits = codebook.columns4_initializers("emb", w["emb_packed"], w["emb_book"]) + [
        numpy_helper.from_array(np.array([2], dtype=np.int64), "axes_slots")]
    layers = conv_layers(w)
    kernels = []
    for i in range(1, layers + 1):
        inits += codebook.initializers(f"c{i}_w", w[f"c{i}.codes"], w[f"c{i}.codebook"])
        inits.append(numpy_helper.from_array(w[f"c{i}.bias"], f"c{i}_b"))
        kernels += codebook.constant_nodes(f"c{i}_w", f"c{i}_w")
    inits += [numpy_helper.from_array(w["out.weight"], "out_w"), numpy_helper.from_array(w["out.bias"], "out_b")]
    nodes = kernels + codebook.columns4_gather_nodes("emb", "ids", "gs") + [
        helper.make_node("ReduceSum", ["gs", "axes_slots"], ["x"], keepdims=0),
        helper.make_node("Transpose", ["x"], ["xt"], perm=[0, 2, 1]),
        helper.make_node("Conv", ["xt", "c1_w", "c1_b"], ["a1"], kernel_shape=[3], pads=[1, 1], dilations=[1]),
        helper.make_node("Relu", ["a1"], ["h1"]),
    ]
    for i in range(2, layers + 1):
        d = 2 ** (i - 1)
        nodes += [
            helper.make_node("Conv", [f"h{i - 1}", f"c{i}_w", f"c{i}_b"], [f"a{i}"], kernel_shape=[3], pads=[d, d], dilations=[d]),
            helper.make_node("Relu", [f"a{i}"], [f"r{i}"]),
            helper.make_node("Add", [f"r{i}", f"h{i - 1}"], [f"h{i}"]),
        ]
    nodes += [
        helper.make_node("Conv", [f"h{layers}", "out_w", "out_b"], ["lt"], kernel_shape=[1]),
        helper.make_node("Transpose", ["lt"], ["logits"], perm=[0, 2, 1]),
        helper.make_node("Softmax", ["logits"], ["probs"], axis=2),
    ]
    graph = helper.make_graph(
        nodes, "scrim_ner",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, [1, "N", slots])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, "N", len(TAGS)])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="scrim-ner-train")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


PARITY_SENTENCES = [
    "tell Priya Raman in Leeds that Acme's offer stands",
    "Nguyễn Văn An met Olusegun Obasanjo and María José García in Lagos.",
    "Zhang Wei works at Deutsche Bank in Frankfurt",
    "ask will if rose can send the report to 221B Baker Street, London NW1 6XE",
    "Summary Of Results",
    "my iPhone 15 keeps crashing when I open Excel",
    "",
    "😀 ok",
]


def write_parity(w, sidecar_path, featurizer, out, thresholds, digest):
    """tests/data/models/ner_parity.json: ids from the Rust featurizer and probs from the
    reference forward of the shipped weights, for tests/model_ner.rs."""
    par = [{"text": t, "spans": []} for t in PARITY_SENTENCES]
    featurize(par, sidecar_path, featurizer)
    fixture = []
    for e in par:
        p = np_forward(w, np.array(e["ids"], dtype=np.int64)) if e["ids"] else np.zeros((0, len(TAGS)))
        def b(i, text=e["text"]):
            return len(text[:i].encode())
        fixture.append({"text": e["text"], "ids": e["ids"], "probs": [[round(float(x), 6) for x in r] for r in p],
                        "spans": [[b(s), b(t), ent, round(float(sc), 4)] for s, t, ent, sc in decode(p, e["tok"], thresholds)]})
    fx = Path(out) / "tests/data/models/ner_parity.json"
    fx.parent.mkdir(parents=True, exist_ok=True)
    fx.write_text(json.dumps({"tolerance": 1e-4, "sha256": digest, "cases": fixture}, ensure_ascii=False) + "\n")


def onnx_weights(path):
    """Float weights of an exported ner.onnx, of either form: int8 embedding + float kernels
    (before codebook.py) or the packed form export_onnx writes now."""
    import onnx
    from onnx import numpy_helper

    init = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}
    if "emb_packed" in init:
        book = init["emb_codebook"].reshape(-1, codebook.NIBBLE_LEVELS)
        w = {"emb": codebook.dequantized_columns4(init["emb_packed"], book)}
    else:
        w = {"emb": init["emb_q"].astype(np.float32) * init["emb_scale"]}
    for n in sorted({k.split("_")[0] for k in init if k.startswith("c") and k.split("_")[0][1:].isdigit()}) + ["out"]:
        if f"{n}_w_codes" in init:
            w[f"{n}.weight"] = codebook.dequantized(init[f"{n}_w_codes"], init[f"{n}_w_codebook"])
        else:
            w[f"{n}.weight"] = init[f"{n}_w"]
        w[f"{n}.bias"] = init[f"{n}_b"]
    return w


def requantize(featurizer):
    """Rewrite a models/ner.onnx of the int8 form (before codebook.py) as the packed form, from
    its own weights (no retraining: the sidecar and its thresholds stay), and remake the parity
    fixture. A retrain writes the packed form directly from the float weights."""
    path = REPO / "models/ner.onnx"
    w = onnx_weights(path)
    if "emb_packed" in {i.name for i in __import__("onnx").load(str(path)).graph.initializer}:
        raise SystemExit("models/ner.onnx is already packed")
    w = quantize_weights(w)
    side_path = REPO / "models/ner.json"
    side = json.loads(side_path.read_text())
    old = __import__("onnx").load(str(path)).graph.input[0].type.tensor_type.shape.dim
    export_onnx(w, old[2].dim_value, path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    side.update(sha256=digest, size_bytes=path.stat().st_size)
    side_path.write_text(json.dumps(side, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n")
    write_parity(w, side_path, featurizer, REPO, side["thresholds"], digest)
    print(f"wrote {path} ({path.stat().st_size} bytes, sha256 {digest})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--train-seed", type=int, default=None, help="seed of initialisation and batch order (default: --seed); the data split keeps --seed")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--buckets", type=int, default=1 << 15)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--layers", type=int, default=3, help="dilated conv layers (dilations 1, 2, 4, ...; receptive field 2^(layers+1)-1 tokens)")
    ap.add_argument("--synthetic", type=int, default=12000)
    ap.add_argument("--synthetic-test", type=int, default=1500)
    ap.add_argument("--silver", type=int, default=0, help="texts spaCy small labels as silver training data (session 1-3 models: 5000)")
    ap.add_argument("--featurizer", default=str(REPO / "target/release/featurize_tokens"))
    ap.add_argument("--work", default=os.environ.get("SCRIM_TRAIN_WORK", str(REPO / "target/train/ner")))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=str(REPO), help="where models/, tests/data/models/ and metrics.json are written")
    ap.add_argument("--requantize", action="store_true",
                    help="rewrite an int8 models/ner.onnx in the packed form from its own weights (no training)")
    ap.add_argument("--no-test", action="store_true", help="experiment: stop after validation (no test, no export)")
    ap.add_argument("--wnut-lower", type=int, default=2, help="how many lowercased copies of the real training split are seen per epoch")
    ap.add_argument("--gaz-frac", type=float, default=0.7, help="share of each name/city pool in the gazetteer")
    ap.add_argument("--entity-weight", type=float, default=1.0, help="loss weight of the entity tags (O is 1)")
    ap.add_argument("--select", choices=["last", "best"], default="last",
                    help="keep the weights at the end of the cosine schedule (last), or the epoch scoring best on validation (best; "
                         "sessions 1-3, but 339 validation tweets cannot rank epochs: see models/ner.md, session 4)")
    ap.add_argument("--average-from", type=int, default=None, help="also try the mean of the weights of epochs K.. (as a candidate)")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--word-drop", type=float, default=0.15, help="chance a token's word ids are dropped in training")
    ap.add_argument("--gaz-drop", type=float, default=0.3, help="chance a gazetteer hit is dropped in training")
    ap.add_argument("--emb-lr", type=float, default=3e-3)
    ap.add_argument("--wnut-repeat", type=int, default=2, help="how many times the real training split is seen per epoch")
    ap.add_argument("--fold", type=int, default=None, help="experiment: cross-validation fold of the WNUT training split used as validation")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--silver-lower", choices=["label", "ignore"], default="label",
                    help="spaCy small finds no lowercase names, so its O on a lowercase word is no evidence: 'ignore' leaves those tokens out of the loss")
    ap.add_argument("--self-train", type=int, default=0, help="pseudo-label this many unlabelled texts with the trained model, then train a fresh one on them too")
    ap.add_argument("--pseudo-conf", type=float, default=0.9)
    ap.add_argument("--pseudo-lower", action="store_true", help="also train on a lowercased copy of each pseudo-labelled text, with the labels read from the text as written")
    ap.add_argument("--lexicon", action=argparse.BooleanOptionalAction, default=True, help="census names, nicknames and common words in the gazetteer (lexicon.py)")
    ap.add_argument("--lexicon-surnames", type=int, default=20000)
    ap.add_argument("--lexicon-words", type=int, default=6000)
    ap.add_argument("--word-uses", type=int, default=1500, help="synthetic sentences using names-that-are-words as words (all O)")
    ap.add_argument("--word-negatives", type=int, default=0, help="real prompts whose lowercase words are labelled O (and their lowercased copies)")
    ap.add_argument("--clusters", type=int, default=50000, help="word clusters of the N most frequent words from pretrained vectors (clusters.py); 0: none")
    ap.add_argument("--cluster-levels", default="2048,512,128,32")
    ap.add_argument("--real-sets", action=argparse.BooleanOptionalAction, default=True,
                    help="the eight human-labelled sets of ../shared/data/pii besides WNUT17 (data.REAL_SETS; session 5)")
    ap.add_argument("--real-lower", type=int, default=1, help="how many lowercased copies of the other real sets are seen per epoch")
    ap.add_argument("--exclude-sets", type=lambda v: [x for x in v.split(",") if x], default=[],
                    help="experiment: real sets left out of training and tuning, only scored (generalization to an unseen genre)")
    ap.add_argument("--peers", default="sm,md", help="spaCy models scored on the same held-out texts")
    args = ap.parse_args()
    if args.requantize:
        requantize(args.featurizer)
        return

    torch.set_num_threads(args.threads)
    train_seed = args.seed if args.train_seed is None else args.train_seed
    torch.manual_seed(train_seed)
    random.seed(train_seed)
    np.random.seed(train_seed)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    t0 = time.time()
    # Data building (spaCy silver labels, Faker) and featurizing take minutes: cached per setting
    # in the work directory, so experiments on the network reuse them.
    featurizer = {"buckets": args.buckets, "affixes": [2, 4], "gazetteer_max_words": 3}
    key = f"seed{args.seed}-b{args.buckets}-syn{args.synthetic}-{args.synthetic_test}-silver{args.silver}-low{min(args.wnut_lower, 1)}-gaz{args.gaz_frac}" + (f"-lex{args.lexicon_surnames}-{args.lexicon_words}" if args.lexicon else "") + (
        f"-fold{args.fold}of{args.folds}" if args.fold is not None else "") + (
        f"-cl{args.clusters}-{args.cluster_levels.replace(',', '-')}" if args.clusters else "") + (
        f"-neg{args.word_negatives}" if args.word_negatives else "") + (f"-wu{args.word_uses}" if args.word_uses else "") + (
        "-real5d2" if args.real_sets else "-wnut5") + ("-ex-" + "-".join(args.exclude_sets) if args.exclude_sets else "")
    levels = [int(x) for x in args.cluster_levels.split(",")]
    clusters = word_clusters(args.clusters, levels, args.seed, cache=work) if args.clusters else None
    cache = work / f"data-{key}.pkl"
    pre = work / f"sidecar-{key}.json"
    if cache.exists() and pre.exists():
        examples, gazetteer = pickle.loads(cache.read_bytes())
    else:
        examples, gazetteer = build_data(args)
        pre.write_text(json.dumps({"name": "ner", "version": VERSION, "tags": TAGS, "featurizer": featurizer,
                                   "gazetteer": gazetteer, **({"clusters": clusters} if clusters else {})}))
        featurize(examples, pre, args.featurizer)
        cache.write_bytes(pickle.dumps((examples, gazetteer)))
    sidecar = {"name": "ner", "version": VERSION, "tags": TAGS, "featurizer": featurizer, "gazetteer": gazetteer}
    print(f"data: {len(examples)} examples in {time.time() - t0:.0f}s", flush=True)
    slots = 4 + 2 * 3 + len(gazetteer) + (len(levels) if clusters else 0)
    gaz_slots = list(range(10, 10 + len(gazetteer)))

    def pick(source, split):
        return [e for e in examples if e["source"] == source and e["split"] == split]

    train = [e for e in examples if e["split"] == "train" and e["ids"] and "aug" not in e]
    # WNUT's tweets count --wnut-repeat times (2), their lowercased copies --wnut-lower times (2);
    # the other real sets once as written and --real-lower times (1) lowercased.
    lowered = [e for e in examples if e["split"] == "train" and e["ids"] and "aug" in e]
    train += [e for e in train if e["source"] == "wnut17"] * (args.wnut_repeat - 1)
    train += [e for e in lowered if e["source"] == "wnut17"] * args.wnut_lower
    train += [e for e in lowered if e["source"] != "wnut17"] * args.real_lower
    for e in train:
        if e["source"] == "negatives":
            e["labels"] = word_negative_labels(e)
    if args.silver_lower == "ignore":
        for e in train:
            if e["source"] == "silver":
                e["labels"] = [-100 if lab == 0 and e["text"][a:b].isalpha() and e["text"][a:b].islower() else lab
                               for lab, (a, b) in zip(e["labels"], e["tok"])]
    real = ["wnut17", "wnut17_dev", *(REAL_SETS if args.real_sets else [])]
    val_real = [e for s in real if s not in args.exclude_sets for e in pick(s, "val")]
    val_syn = pick("synthetic", "val")
    test_syn = pick("synthetic", "test")
    counts = {f"{s}/{p}": n for s in real + ["synthetic", "silver", "word_uses"] for p in ("train", "val", "test")
              if (n := sum(1 for e in examples if e["source"] == s and e["split"] == p and "aug" not in e))}
    print(counts, flush=True)

    def validate(model, before, after=""):
        """The selection score (mean of WNUT-validation and synthetic-validation F1), printed."""
        fr = evaluate(predict_probs_torch(model, val_real), val_real, {})[0]
        fs = evaluate(predict_probs_torch(model, val_syn), val_syn, {})[0]
        print(f"{before} val real F1 {fr['ALL']['f1']:.3f} (PER {fr['PERSON']['f1']:.3f}) "
              f"val syn F1 {fs['ALL']['f1']:.3f}{after}", flush=True)
        return (fr["ALL"]["f1"] + fs["ALL"]["f1"]) / 2

    def fit(train, seed):
        """Train a fresh model on `train`; the best epoch on validation (or the weight average)."""
        model = Tagger(args.buckets, args.dim, args.hidden, len(TAGS), args.dropout, args.layers)
        # Sparse updates for the big embedding table (only the rows a batch touched), AdamW for the rest.
        opt_emb = torch.optim.SparseAdam([model.emb.weight], lr=args.emb_lr)
        opt = torch.optim.AdamW([p for n, p in model.named_parameters() if n != "emb.weight"], lr=3e-3, weight_decay=1e-5)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs)
        sched_emb = torch.optim.lr_scheduler.CosineAnnealingLR(opt_emb, T_max=args.epochs)
        rng = random.Random(seed)
        rng_t = torch.Generator().manual_seed(seed)
        # Entity tags may weigh more than O: recall on real text is what is short.
        loss_fn = nn.CrossEntropyLoss(weight=torch.tensor([1.0] + [args.entity_weight] * (len(TAGS) - 1)), ignore_index=-100)
        best = (-1, None, 0)
        for epoch in range(args.epochs):
            model.train()
            t1, total = time.time(), 0.0
            for chunk, n in batches(train, 32, rng, True):
                ids, lab = tensors(train, chunk, n, slots)
                ids = slot_dropout(ids, gaz_slots, rng_t, args.word_drop, args.gaz_drop)
                logits = model(ids)
                loss = loss_fn(logits.reshape(-1, len(TAGS)), lab.reshape(-1))
                opt.zero_grad()
                opt_emb.zero_grad()
                loss.backward()
                opt.step()
                opt_emb.step()
                with torch.no_grad():
                    model.emb.weight[0].zero_()
                total += loss.item()
            sched.step()
            sched_emb.step()
            score = validate(model, f"epoch {epoch}: loss {total:.1f}", f" [{time.time() - t1:.0f}s]")
            if score > best[0] or (args.select == "last" and epoch == args.epochs - 1):
                best = (score if args.select == "best" else float("inf"), {k: v.clone() for k, v in model.state_dict().items()}, epoch)
            if args.average_from is not None and epoch >= args.average_from:
                sd, k = model.state_dict(), epoch - args.average_from
                avg = {n: v.clone() for n, v in sd.items()} if k == 0 else {n: avg[n] + (sd[n] - avg[n]) / (k + 1) for n in sd}
        if args.average_from is not None and args.average_from < args.epochs:
            # The mean of the weights of the last epochs competes with the best single epoch.
            model.load_state_dict(avg)
            score = validate(model, f"weights averaged from epoch {args.average_from}:")
            if score > best[0]:
                best = (score, avg, f"average of {args.average_from}..{args.epochs - 1}")
        model.load_state_dict(best[1])
        print(f"best epoch {best[2]}", flush=True)
        return model, best[2]

    model, best_epoch = fit(train, train_seed)
    if args.self_train:
        # Pseudo-labels: the model labels unlabelled tweets and prompts it never saw (not the
        # silver texts); tokens it is sure of (max probability >= --pseudo-conf) become training
        # labels, the rest are left out of the loss; a fresh model trains on everything.
        texts = unlabelled_texts(args.seed, args.silver + args.self_train)[args.silver:]
        pseudo = [{"text": t, "spans": [], "source": "pseudo", "split": "train"} for t in texts]
        featurize(pseudo, pre, args.featurizer)
        pseudo = [e for e in pseudo if e["ids"]]
        for e, p in zip(pseudo, predict_probs_torch(model, pseudo)):
            e["labels"] = [int(r.argmax()) if r.max() >= args.pseudo_conf else -100 for r in p]
        if args.pseudo_lower:
            # The teacher read the text as written; its student also reads it lowercased with the
            # same labels, so names it found by their capital letter are learnt without one.
            low = [{"text": lower_same_length(e["text"]), "spans": [], "source": "pseudo", "split": "train"} for e in pseudo]
            featurize(low, pre, args.featurizer)
            for e, l in zip(pseudo, low):
                l["labels"] = e["labels"]
            pseudo += [l for e, l in zip(pseudo, low) if l["tok"] == e["tok"]]
        kept = sum(l != -100 for e in pseudo for l in e["labels"]) / max(1, sum(len(e["labels"]) for e in pseudo))
        print(f"self-training: {len(pseudo)} pseudo-labelled texts, {kept:.1%} of tokens kept", flush=True)
        model, best_epoch = fit(train + pseudo, train_seed + 1)

    # Quantize, then everything below uses the exported weights (numpy forward = ONNX graph).
    w = quantize(model)
    if Path(args.out).resolve() != REPO:  # an experiment: keep the weights for decoding studies
        np.savez(Path(args.out) / "weights.npz", **w)

    def np_probs(exs):
        return [np_forward(w, np.array(e["ids"], dtype=np.int64)) if e["ids"] else np.zeros((0, len(TAGS))) for e in exs]

    val = val_real + val_syn
    thresholds = tune_thresholds(np_probs(val), val)
    print("thresholds", thresholds, flush=True)
    if args.no_test:  # an experiment: choices are made on validation only
        result = heldout_report(np_probs, {s: pick(s, "val") for s in real if pick(s, "val")} | {"synthetic": val_syn},
                                {"sidecar": thresholds, "policy": policy_thresholds(thresholds)},
                                lambda exs: featurize(exs, pre, args.featurizer), [p for p in args.peers.split(",") if p])
        (Path(args.out) / "validation.json").write_text(json.dumps({"thresholds": thresholds, "validation": result}, indent=1) + "\n")
        return
    metrics = {"seed": args.seed, "best_epoch": best_epoch, "counts": counts, "thresholds": thresholds}
    for name, exs in [("real_val", val_real), ("synthetic_val", val_syn)]:
        metrics[name] = evaluate(np_probs(exs), exs, thresholds)[0]
        print(name, json.dumps(metrics[name]), flush=True)
    # The float model on the real tests, to show what quantization costs.
    test_all = [e for s in real for e in pick(s, "test")]
    metrics["real_test_float"] = evaluate(predict_probs_torch(model, test_all), test_all, thresholds)[0]
    peers = [p for p in args.peers.split(",") if p]
    metrics["heldout"] = heldout_report(np_probs, {s: pick(s, "test") for s in real if pick(s, "test")} | {"synthetic": test_syn},
                                        {"sidecar": thresholds, "policy": policy_thresholds(thresholds)},
                                        lambda exs: featurize(exs, pre, args.featurizer), peers)

    # Export.
    out = Path(args.out)
    models = out / "models"
    (out / "models/train/ner").mkdir(parents=True, exist_ok=True)
    onnx_path = models / "ner.onnx"
    export_onnx(w, slots, onnx_path)
    digest = hashlib.sha256(onnx_path.read_bytes()).hexdigest()
    sidecar.update(thresholds=thresholds, sha256=digest, size_bytes=onnx_path.stat().st_size,
                   onnx={"input": "ids [1, N, slots] int64", "output": "probs [1, N, tags] float32"},
                   gazetteer_source="Faker 40.x person/address providers (MIT), hand lists"
                   + ("; US Census 1990 names (public domain, via PyPI names 0.3.0, MIT), PyPI nicknames 1.0.1 (Apache-2.0), "
                      "common words counted in the training corpora" if args.lexicon else "") + "; see models/ner.md")
    # Keep "gazetteer" and "clusters" last: they are long.
    gaz = sidecar.pop("gazetteer")
    sidecar["gazetteer"] = gaz
    if clusters:
        sidecar["clusters"] = clusters
    (models / "ner.json").write_text(json.dumps(sidecar, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n")
    metrics["sha256"], metrics["size_bytes"] = digest, onnx_path.stat().st_size
    (out / "models/train/ner/metrics.json").write_text(json.dumps(metrics, indent=1) + "\n")

    write_parity(w, models / "ner.json", args.featurizer, out, thresholds, digest)
    print(f"wrote {onnx_path} ({onnx_path.stat().st_size} bytes, sha256 {digest}) in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
