"""Stage 3: held-out evaluation, robustness, fairness, implicit hate; writes metrics JSON for the card.

Every figure is on rows the model never trained on: the `test` split of the real data (never used for
tuning: early stopping and thresholds use `val`), and the `*_eval` template sets whose frames and
target groups are disjoint from the training templates.
"""
from __future__ import annotations

import json
import os
import random
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

import prep
from data import LABELS, REAL_LABELLED, TEACHER_OF


def auc(y, p):
    y = np.asarray(y)
    return float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else float("nan")


# ------------------------------------------------------------------ perturbations
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
HOMO = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "i": "і", "x": "х", "y": "у"}


def perturb(text: str, kind: str, rng: random.Random, rate: float = 0.5) -> str:
    words = text.split(" ")
    out = []
    for w in words:
        if len(w) < 3 or not w.isalpha() or rng.random() > rate:
            out.append(w)
            continue
        if kind == "leet":
            w = "".join(LEET.get(c, c) if rng.random() < 0.6 else c for c in w)
        elif kind == "repeats":
            i = rng.randrange(len(w))
            w = w[:i] + w[i] * rng.randint(3, 6) + w[i + 1:]
        elif kind == "spacing":
            w = " ".join(w)
        elif kind == "homoglyphs":
            w = "".join(HOMO.get(c, c) if rng.random() < 0.6 else c for c in w)
        elif kind == "zero_width":
            i = rng.randrange(1, len(w))
            w = w[:i] + "\u200b" + w[i:]
        out.append(w)
    return " ".join(out)


PERTURBATIONS = ["leet", "repeats", "spacing", "homoglyphs", "zero_width", "all"]


def perturb_all(texts, kind, seed=7):
    rng = random.Random(seed)
    if kind == "all":
        return [perturb(perturb(t, rng.choice(PERTURBATIONS[:-1]), rng), rng.choice(PERTURBATIONS[:-1]), rng, 0.3) for t in texts]
    return [perturb(t, kind, rng) for t in texts]


# ------------------------------------------------------------------ fairness (Borkan et al. 2019)
def bias_metrics(df: pd.DataFrame, p: np.ndarray, threshold: float) -> dict:
    y = df.y_toxicity.to_numpy() > 0.5
    ident = df.identity.fillna("").to_numpy()
    has = ident != ""
    rows = {}
    for g in sorted(set(ident[has])):
        sg = ident == g
        rows[g] = {
            "subgroup_auc": auc(y[sg], p[sg]),
            "bpsn_auc": auc(y[(~sg & y) | (sg & ~y)], p[(~sg & y) | (sg & ~y)]),
            "bnsp_auc": auc(y[(~sg & ~y) | (sg & y)], p[(~sg & ~y) | (sg & y)]),
            "fpr": float((p[sg & ~y] >= threshold).mean()),
        }
    fpr_id = float((p[has & ~y] >= threshold).mean())
    fpr_ctl = float((p[~has & ~y] >= threshold).mean())
    summary = {k: float(np.nanmean([r[k] for r in rows.values()])) for k in ["subgroup_auc", "bpsn_auc", "bnsp_auc"]}
    summary.update({f"min_{k}": float(np.nanmin([r[k] for r in rows.values()])) for k in ["subgroup_auc", "bpsn_auc", "bnsp_auc"]})
    worst = sorted(rows.items(), key=lambda kv: kv[1]["bpsn_auc"])[:5]
    return {"threshold": threshold, "fpr_identity": fpr_id, "fpr_control": fpr_ctl, "fpr_gap": fpr_id - fpr_ctl,
            "mean_nontoxic_score_identity": float(p[has & ~y].mean()), "mean_nontoxic_score_control": float(p[~has & ~y].mean()),
            **summary, "worst_bpsn": {k: v for k, v in worst}, "per_identity": rows}


# ------------------------------------------------------------------ thresholds (validation only)
def thresholds(yv: np.ndarray, pv: np.ndarray) -> dict:
    """warn = best F1 on validation; block = smallest threshold with precision >= 0.95 (else 0.9).
    Labels with fewer than 30 validation positives get the defaults 0.5 / 0.8."""
    if yv.sum() < 30:
        return {"warn": 0.5, "block": 0.8, "note": f"defaults: only {int(yv.sum())} validation positives"}
    qs = np.unique(np.quantile(pv, np.linspace(0.01, 0.995, 400)))
    best_f1, warn, block = -1, 0.5, None
    for t in qs:
        pred = pv >= t
        tp = (pred & yv).sum()
        prec = tp / max(pred.sum(), 1)
        rec = tp / max(yv.sum(), 1)
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        if f1 > best_f1:
            best_f1, warn = f1, float(t)
        if block is None and prec >= 0.95 and pred.sum() >= 10:
            block = float(t)
    block = max(block if block is not None else 0.9, warn)
    return {"warn": round(warn, 3), "block": round(block, 3)}


def eval_labels(df: pd.DataFrame) -> dict:
    """Ground truth per label on a frame, where any exists (name -> (mask, y, description))."""
    out = {}
    dl = df.source.isin(REAL_LABELLED).to_numpy()
    out["toxicity"] = (dl, df.y_toxicity.to_numpy() > 0.5, "human labels of every labelled real set (each set's own toxic / offensive / hateful)")
    dv = (df.source == "davidson").to_numpy()
    out["identity_attack"] = (dv, df.hard_hate.fillna(0).to_numpy() > 0.5, "human labels: Davidson hate vs rest")
    ol = (df.source == "olid").to_numpy()
    out["insult"] = (ol, df.hard_insult_ind.fillna(0).to_numpy() > 0.5, "human labels: OLID OFF+TIN+IND vs rest")
    # Toxic Spans' raters typed their spans: a type two raters marked is a human label of it.
    for l in ["insult", "threat", "identity_attack", "obscene"]:
        ts = (df.source == "toxic_spans").to_numpy() & ~np.isnan(df[f"y_{l}"].to_numpy(dtype=np.float64))
        out[f"{l}_toxic_spans"] = (ts, df[f"y_{l}"].fillna(0).to_numpy() > 0.5,
                                    f"human labels: Toxic Spans posts where >= 2 raters typed a span {l} vs posts where none did")
    for l in ["severe_toxicity", "obscene", "threat"]:
        t = (df[f"t_toxblock_{TEACHER_OF[l]}"] + df[f"t_tcc_{TEACHER_OF[l]}"]).to_numpy() / 2
        out[l] = (np.ones(len(df), bool), t > 0.5, "teacher agreement: mean of the two Jigsaw BiLSTMs > 0.5 (not human labels)")
    return out


def evaluate(df: pd.DataFrame, score_ids, config_path: str, log=sys.stderr) -> dict:
    """score_ids(id arrays, their word_of arrays) -> probs [n, L]. Returns the metrics dict."""
    ids, word_of = prep.ragged_load(prep.ids_path(config_path))
    P = score_ids(ids, word_of)
    res = {"labels": LABELS}
    val = df.split.to_numpy() == "val"
    test = df.split.to_numpy() == "test"
    # thresholds per label from validation
    th = {}
    ev_val = eval_labels(df[val])
    benign_val = (df.source == "prompts").to_numpy() & val
    import train
    neutral_val = train.implicit_val_mask(df) & (df.y_toxicity.to_numpy() < 0.5)
    group_val = (df.source == "group_neutral_val").to_numpy()
    for j, l in enumerate(LABELS):
        m, y, _ = ev_val[l]
        th[l] = thresholds(y[m], P[val][m, j])
        # Never warn on more than 1% (block: 0.2%) of the benign validation prompts: scrim screens
        # prompts, and a warning on every tenth one would teach people to ignore it.
        floor_warn = float(np.quantile(P[benign_val, j], 0.99))
        floor_block = float(np.quantile(P[benign_val, j], 0.998))
        # Nor on neutral sentences about a group (validation: the training frames' neutral
        # sentences about the three groups held out of training): naming a group is not abuse.
        floor_warn = max(floor_warn, float(np.quantile(P[neutral_val, j], 0.99)))
        # ... nor on those about the groups the hateful training frames name.
        floor_warn = max(floor_warn, float(np.quantile(P[group_val, j], 0.99)))
        th[l]["warn"] = round(max(th[l]["warn"], floor_warn), 3)
        th[l]["block"] = round(max(th[l]["block"], floor_block, th[l]["warn"]), 3)
    res["thresholds"] = th
    # held-out test: ours vs peers
    dt = df[test]
    pt = P[test]
    ev = eval_labels(dt)
    rows = {}
    def side_by_side(m, y, j, teacher):
        return {"n": int(m.sum()), "positives": int(y[m].sum()), "scrim": auc(y[m], pt[m, j]),
                "alt_profanity_check": auc(y[m], dt.peer_profanity_check.to_numpy()[m]),
                "tox_block": auc(y[m], dt[f"t_toxblock_{teacher}"].to_numpy()[m]),
                "toxic_comment_classifier": auc(y[m], dt[f"t_tcc_{teacher}"].to_numpy()[m])}

    for name, (m, y, desc) in ev.items():
        l = name.split("_toxic_spans")[0]
        rows[name] = {**side_by_side(m, y, LABELS.index(l), TEACHER_OF[l]), "truth": desc}
    res["test_auc"] = rows
    # Each labelled real set's held-out test split alone (issue 19: ahead of the peer on every one).
    per_set = {}
    for src in REAL_LABELLED:
        m = (dt.source == src).to_numpy()
        per_set[src] = side_by_side(m, dt.y_toxicity.to_numpy() > 0.5, 0, "toxic")
    res["test_auc_toxicity_per_set"] = per_set
    # false positives on benign LLM prompts (held-out test prompts)
    m = (dt.source == "prompts").to_numpy()
    res["benign_prompts"] = {"n": int(m.sum()), "warn_rate": float((pt[m, 0] >= th["toxicity"]["warn"]).mean()),
                             "block_rate": float((pt[m, 0] >= th["toxicity"]["block"]).mean())}
    # implicit hate (disjoint frames and groups)
    e = (df.source == "implicit_eval").to_numpy()
    y = df.y_toxicity.to_numpy()[e] > 0.5
    res["implicit_hate"] = {"n": int(e.sum()), "positives": int(y.sum()),
                            "scrim_toxicity": auc(y, P[e, 0]), "scrim_identity_attack": auc(y, P[e, 5]),
                            "scrim_max": auc(y, P[e].max(1)),
                            "alt_profanity_check": auc(y, df.peer_profanity_check.to_numpy()[e]),
                            "tox_block": auc(y, df.t_toxblock_toxic.to_numpy()[e]),
                            "recall_at_warn": float((P[e][y, 0] >= th["toxicity"]["warn"]).mean()),
                            "fpr_at_warn": float((P[e][~y, 0] >= th["toxicity"]["warn"]).mean())}
    def group_neutral(src):
        m = (df.source == src).to_numpy()
        return {"n": int(m.sum()), "mean_toxicity": float(P[m, 0].mean()),
                "warn_rate_toxicity": float((P[m, 0] >= th["toxicity"]["warn"]).mean()),
                "warn_rate_identity_attack": float((P[m, 5] >= th["identity_attack"]["warn"]).mean()),
                "alt_profanity_check_mean": float(df.peer_profanity_check.to_numpy()[m].mean())}
    res["group_neutral_fresh"] = group_neutral("group_neutral_fresh")
    res["group_neutral"] = group_neutral("group_neutral_eval")
    te = (df.source == "threat_eval").to_numpy()
    res["threat_eval"] = {"n": int(te.sum()), "mean_threat_score": float(P[te, 3].mean()),
                          "recall_toxicity_at_warn": float((P[te, 0] >= th["toxicity"]["warn"]).mean())}
    # fairness
    f = (df.source == "fairness_eval").to_numpy()
    res["fairness"] = bias_metrics(df[f], P[f, 0], th["toxicity"]["warn"])
    pc = bias_metrics(df[f], df.peer_profanity_check.to_numpy()[f], 0.5)
    res["fairness_alt_profanity_check"] = {k: v for k, v in pc.items() if k not in ("per_identity", "worst_bpsn")}
    # The neutral-statement gap: per identity, the mean toxicity of its non-toxic held-out sentences
    # minus the same sentences' mean with a neutral adjective instead ("I am a proud tall person").
    def gaps(rows, p):
        fd = df[rows]
        nt = fd.y_toxicity.to_numpy() < 0.5
        ident = fd.identity.fillna("").to_numpy()
        ctl = float(p[nt & (ident == "")].mean())
        return {g: float(p[nt & (ident == g)].mean()) - ctl for g in sorted(set(ident[ident != ""]))}
    # fairness_eval's frames chose the warn rule (validation now); fairness_fresh is held out.
    for key_, src in [("neutral_gap", "fairness_eval"), ("neutral_gap_fresh", "fairness_fresh")]:
        rows = (df.source == src).to_numpy()
        for name, p in [("scrim", P[rows, 0]), ("alt_profanity_check", df.peer_profanity_check.to_numpy()[rows])]:
            g = gaps(rows, p)
            worst = max(g, key=g.get)
            res.setdefault(key_, {})[name] = {"max_gap": g[worst], "worst_identity": worst, "per_identity": g,
                                              "nontoxic_warn_rate": float((p[df.y_toxicity.to_numpy()[rows] < 0.5] >= (th["toxicity"]["warn"] if name == "scrim" else 0.5)).mean())}
    # Real and templated identity mentions with labels (Conversation AI's held-out frames and
    # Wikipedia comments): subgroup / BPSN / BNSP AUC per identity with >= 100 test rows.
    bt = test & df.source.isin(["bias_templates", "bias_wikipedia"]).to_numpy() & (df.identity.fillna("") != "").to_numpy()
    counts = df[bt].identity.value_counts()
    big = set(counts[counts >= 100].index)
    keep = bt & df.identity.isin(big).to_numpy()
    for name, p in [("scrim", P[:, 0]), ("alt_profanity_check", df.peer_profanity_check.to_numpy()),
                    ("tox_block", df.t_toxblock_toxic.to_numpy()), ("toxic_comment_classifier", df.t_tcc_toxic.to_numpy())]:
        m = bias_metrics(df[keep], p[keep], th["toxicity"]["warn"] if name == "scrim" else 0.5)
        res.setdefault("fairness_identity_sets", {})[name] = {
            k: v for k, v in m.items() if k not in ("worst_bpsn",)} if name == "scrim" else {
            k: v for k, v in m.items() if k not in ("per_identity", "worst_bpsn")}
    res["fairness_identity_sets"]["groups"] = {g: int(counts[g]) for g in sorted(big)}
    # robustness: perturbed copies of the labelled test rows
    lab = dt[dt.source.isin(["davidson", "olid"])]
    y = lab.y_toxicity.to_numpy() > 0.5
    import teachers
    pc_fn = teachers.profanity_check()
    base = auc(y, pt[dt.source.isin(["davidson", "olid"]).to_numpy(), 0])
    base_pc = auc(y, lab.peer_profanity_check.to_numpy())
    rob = {"clean": {"scrim": base, "alt_profanity_check": base_pc}}
    for kind in PERTURBATIONS:
        texts = perturb_all(lab.text.tolist(), kind)
        pid, pwo, _ = prep.featurize(texts, config_path)
        a = auc(y, score_ids(pid, pwo)[:, 0])
        b = auc(y, pc_fn(texts))
        rob[kind] = {"scrim": a, "scrim_drop": base - a, "alt_profanity_check": b, "alt_profanity_check_drop": base_pc - b}
        print(f"robustness {kind}: scrim {a:.4f} pc {b:.4f}", file=log)
    res["robustness"] = rob
    # long prompts: a toxic/benign tweet inside two benign test prompts
    rng = random.Random(3)
    prompts = dt[dt.source == "prompts"].text.tolist()
    wrapped = [f"{rng.choice(prompts)} {t} {rng.choice(prompts)}" for t in lab.text]
    pid, pwo, _ = prep.featurize(wrapped, config_path)
    pw = score_ids(pid, pwo)[:, 0]
    res["long_prompt"] = {"scrim": auc(y, pw), "alt_profanity_check": auc(y, pc_fn(wrapped)),
                          "mean_words": float(np.mean([len(w.split()) for w in wrapped]))}
    return res


def summary(res: dict) -> str:
    lines = [f"{'label':18s} {'scrim':>7s} {'alt-pc':>7s} {'toxblk':>7s}"]
    for l, r in res["test_auc"].items():
        lines.append(f"{l:18s} {r['scrim']:7.4f} {r['alt_profanity_check']:7.4f} {r['tox_block']:7.4f}  n={r['n']} pos={r['positives']}")
    for s, r in res["test_auc_toxicity_per_set"].items():
        lines.append(f"toxicity/{s:14s} {r['scrim']:7.4f} {r['alt_profanity_check']:7.4f} {r['tox_block']:7.4f} {r['toxic_comment_classifier']:7.4f}  n={r['n']} pos={r['positives']}  margin {r['scrim'] - r['alt_profanity_check']:+.4f}")
    for name, r in res["fairness_identity_sets"].items():
        if name != "groups":
            lines.append(f"identity sets {name}: subgroup {r['subgroup_auc']:.3f} (min {r['min_subgroup_auc']:.3f}) bpsn {r['bpsn_auc']:.3f} (min {r['min_bpsn_auc']:.3f}) bnsp {r['bnsp_auc']:.3f} (min {r['min_bnsp_auc']:.3f})")
    for k in ["neutral_gap", "neutral_gap_fresh"]:
        for name, r in res[k].items():
            lines.append(f"{k} {name}: max {r['max_gap']:+.3f} ({r['worst_identity']}), non-toxic warn rate {r['nontoxic_warn_rate']:.3f}")
    ih = res["implicit_hate"]
    lines.append(f"implicit hate      {ih['scrim_toxicity']:7.4f} {ih['alt_profanity_check']:7.4f} {ih['tox_block']:7.4f} (max-label {ih['scrim_max']:.4f}, recall@warn {ih['recall_at_warn']:.2f}, fpr@warn {ih['fpr_at_warn']:.2f})")
    f = res["fairness"]
    lines.append(f"fairness: fpr id {f['fpr_identity']:.3f} ctl {f['fpr_control']:.3f} sub {f['subgroup_auc']:.3f} bpsn {f['bpsn_auc']:.3f} (min {f['min_bpsn_auc']:.3f}) bnsp {f['bnsp_auc']:.3f}")
    g = res["group_neutral"]
    lines.append(f"group-neutral: mean tox {g['mean_toxicity']:.3f} warn tox {g['warn_rate_toxicity']:.3f} warn ia {g['warn_rate_identity_attack']:.3f}")
    g = res["group_neutral_fresh"]
    lines.append(f"group-neutral fresh: mean tox {g['mean_toxicity']:.3f} warn tox {g['warn_rate_toxicity']:.3f} warn ia {g['warn_rate_identity_attack']:.3f} (pc mean {g['alt_profanity_check_mean']:.3f})")
    lines.append(f"benign prompts warn {res['benign_prompts']['warn_rate']:.4f} block {res['benign_prompts']['block_rate']:.4f}; long-prompt AUC {res['long_prompt']['scrim']:.4f} (pc {res['long_prompt']['alt_profanity_check']:.4f})")
    lines.append("robustness drop: " + ", ".join(f"{k} {v['scrim_drop']:+.4f} (pc {v['alt_profanity_check_drop']:+.4f})" for k, v in res["robustness"].items() if k != "clean"))
    lines.append(f"thresholds: {res['thresholds']}")
    return "\n".join(lines)


def torch_scorer(ckpt_path: str):
    import torch

    import train
    ck = torch.load(ckpt_path)
    a = ck["args"]
    if ck.get("arch") == "cnn":  # train_cnn.py's word CNN: it needs each id's word
        import export_cnn
        import train_cnn
        # Scored with the weights the exported graph holds (the quantized table and convolutions).
        q = export_cnn.quantized({k: v.numpy() for k, v in ck["state"].items()})
        cnn = train_cnn.WordCnn(a["buckets"], a["dim"], a["channels"], len(LABELS), a.get("fixed_bias"))
        cnn.load_state_dict({k: torch.from_numpy(np.asarray(v, np.float32)) for k, v in q.items()})
        return lambda ids, word_of: train_cnn.predict(cnn, ids, word_of, np.arange(len(ids)))
    model = train.BagModel(a["buckets"], a["dim"], len(LABELS), a["head"], a["hidden"], a["power"], a.get("fixed_bias"))
    model.load_state_dict(ck["state"])
    return lambda ids, word_of=None: train.predict(model, ids, np.arange(len(ids)))


def onnx_scorer(path: str):
    """The probabilities of an exported bag model (one-byte table, sqrt-N pooling) from its ONNX
    initializers, in numpy: the shipped model as a column beside a candidate."""
    import onnx
    from onnx import numpy_helper
    init = {i.name: numpy_helper.to_array(i) for i in onnx.load(path).graph.initializer}
    T = init["table_codebook"][init["table_codes"].astype(np.int64)]
    b, power = init["bias"], float(init["power"][0])

    def score(ids, word_of=None):
        return np.stack([1 / (1 + np.exp(-(b + T[a].sum(0) / max(len(a), 1) ** power))) for a in ids])
    return score


def validation_report(df: pd.DataFrame, P: np.ndarray, shipped: np.ndarray | None = None) -> str:
    """Per labelled set, validation toxicity AUC beside the peers (and the shipped model, whose
    training data may overlap the first four sets' validation rows): what designs are chosen on
    (`evaluate.py CKPT [CONFIG] --validation`; no test row is read)."""
    val = (df.split == "val").to_numpy()
    lines = [f"{'validation set':22s} {'scrim':>7s} {'alt-pc':>7s} {'toxblk':>7s} {'tcc':>7s} {'shipped':>7s}"]
    margins = []
    for src in REAL_LABELLED:
        m = val & (df.source == src).to_numpy()
        y = df.y_toxicity.to_numpy()[m] > 0.5
        if not 0 < y.sum() < len(y):
            continue
        a, b = auc(y, P[m, 0]), auc(y, df.peer_profanity_check.to_numpy()[m])
        margins.append(a - b)
        old = auc(y, shipped[m, 0]) if shipped is not None else float("nan")
        lines.append(f"{src:22s} {a:7.4f} {b:7.4f} {auc(y, df.t_toxblock_toxic.to_numpy()[m]):7.4f} "
                     f"{auc(y, df.t_tcc_toxic.to_numpy()[m]):7.4f} {old:7.4f}  margin {a - b:+.4f}  n={int(m.sum())}")
    lines.append(f"smallest margin over alt-profanity-check {min(margins):+.4f}, mean {np.mean(margins):+.4f}")
    return "\n".join(lines)


if __name__ == "__main__":
    ckpt = sys.argv[1]
    config = next((a for a in sys.argv[2:] if not a.startswith("--")), os.path.join(prep.ROOT, "models", "toxicity.json"))
    df = pd.read_parquet(os.path.join(prep.CACHE, "rows.parquet"))
    if "--validation" in sys.argv:
        ids, word_of = prep.ragged_load(prep.ids_path(config))
        shipped = None
        if "--shipped" in sys.argv:  # the committed model, on the ids of the committed featurizer
            base = os.path.join(prep.ROOT, "models", "toxicity.json")
            val = np.flatnonzero((df.split == "val").to_numpy())
            base_ids, _ = prep.ragged_load(prep.ids_path(base))
            shipped = np.zeros((len(df), len(LABELS)))
            shipped[val] = onnx_scorer(os.path.join(prep.ROOT, "models", "toxicity.onnx"))([base_ids[i] for i in val])
        print(validation_report(df, torch_scorer(ckpt)(ids, word_of), shipped))
        sys.exit(0)
    if "--previous" in sys.argv:
        # evaluate.py PREVIOUS.onnx CONFIG_WITHOUT_EMOJI --previous: an earlier exported model's
        # toxicity AUC on this table's test split of each set (previous_model_test_auc.json).
        ids, _ = prep.ragged_load(prep.ids_path(config))
        test = np.flatnonzero((df.split == "test").to_numpy())
        P = onnx_scorer(ckpt)([ids[i] for i in test])
        dt = df.iloc[test]
        out = {s: auc(dt.y_toxicity.to_numpy()[(dt.source == s).to_numpy()] > 0.5, P[(dt.source == s).to_numpy(), 0])
               for s in REAL_LABELLED}
        json.dump(out, open(os.path.join(os.path.dirname(__file__), "previous_model_test_auc.json"), "w"), indent=1)
        print(json.dumps(out, indent=1))
        sys.exit(0)
    res = evaluate(df, torch_scorer(ckpt), config)
    json.dump(res, open(ckpt.replace(".pt", ".metrics.json"), "w"), indent=1)
    print(summary(res))
