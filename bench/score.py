#!/usr/bin/env python3
"""The one scorer of bench/: every peer's findings against the corpus's gold spans.

Matching, per finding (entity, start, end) in code points, after the peer's entity names are
mapped to scrim's (bench/mappings.json):

  typed exact      same entity, same start and end
  typed overlap    same entity, the spans share at least one character
  untyped exact    same start and end, any entity
  untyped overlap  the spans share a character, any entity

Precision counts findings that match some gold span, recall counts gold spans that some finding
matches (so overlap precision and recall are computed separately, as in the CoNLL "partial"
scheme). Findings of an entity type a prompt leaves unlabelled (its "ignore" list) are dropped
unless they overlap a gold span. Every finding in a PII-free prompt (part "clean") is a false
positive. "covered" figures restrict gold and findings to the entity types a peer can report.

    python bench/score.py CORPUS.jsonl PRED.jsonl [--peer NAME] [--json]

prints a table per label (the recognizer helper's quick view: exact P/R/F1, overlap P~ R~ and the
type confusions); bench/run.py imports `score()` and `recall_by_perturbation()`.
"""
import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def peer_config(peer):
    if peer is None:
        return {}
    with open(os.path.join(HERE, "mappings.json"), encoding="utf-8") as f:
        return json.load(f).get(peer, {})


def load_mapping(peer):
    """{peer_label: scrim_label or None}; None drops the label. Unknown labels pass unchanged.
    The key "__min_score__" carries the peer's score threshold."""
    m = peer_config(peer)
    return {**m.get("labels", {}), "__min_score__": m.get("min_score", 0.0)}


def covered_entities(peer):
    """The scrim entity types a peer can report (None: all of them)."""
    m = peer_config(peer)
    if "covers" in m:
        return set(m["covers"])
    return {v for v in m.get("labels", {}).values() if v} or None


def prf(tp_p, n_pred, tp_r, n_gold):
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "pred": n_pred, "gold": n_gold}


def overlaps(a, b):
    return a[1] < b[2] and b[1] < a[2]


def prepare(gold_docs, preds, mapping, only=None):
    """Pairs of (doc, gold spans, findings) with labels mapped and ignored types dropped."""
    by_id = {p["id"]: p for p in preds}
    out = []
    for d in gold_docs:
        gold = [(s["entity"], s["start"], s["end"]) for s in d["spans"]]
        found = []
        for f in by_id.get(d["id"], {}).get("findings", []):
            if f.get("score", 1.0) < mapping.get("__min_score__", 0.0):
                continue
            e = mapping.get(f["entity"], f["entity"])
            if e is None:
                continue
            g = (e, f["start"], f["end"])
            if e in d.get("ignore", []) and not any(overlaps(g, s) for s in gold):
                continue
            found.append(g)
        if only is not None:
            gold = [s for s in gold if s[0] in only]
            found = [f for f in found if f[0] in only]
        out.append((d, gold, sorted(set(found), key=lambda x: (x[1], x[2], x[0]))))
    return out


def counts(pairs):
    """Per-label and micro counts for the four matching schemes."""
    c = collections.defaultdict(collections.Counter)
    confusions = collections.Counter()
    for _, gold, found in pairs:
        for f in found:
            e = f[0]
            c[e]["pred"] += 1
            c[e]["te_p"] += f in gold
            c[e]["to_p"] += any(g[0] == e and overlaps(f, g) for g in gold)
            c[e]["ue_p"] += any(g[1:] == f[1:] for g in gold)
            c[e]["uo_p"] += any(overlaps(f, g) for g in gold)
        for g in gold:
            e = g[0]
            c[e]["gold"] += 1
            c[e]["te_r"] += g in found
            c[e]["to_r"] += any(f[0] == e and overlaps(f, g) for f in found)
            c[e]["ue_r"] += any(f[1:] == g[1:] for f in found)
            c[e]["uo_r"] += any(overlaps(f, g) for f in found)
            if not any(f[0] == e and overlaps(f, g) for f in found):
                other = [f[0] for f in found if overlaps(f, g)]
                if other:
                    confusions[(e, other[0])] += 1
    return c, confusions


def metrics(cnt):
    return {
        scheme: prf(cnt[f"{k}_p"], cnt["pred"], cnt[f"{k}_r"], cnt["gold"])
        for scheme, k in [("typed_exact", "te"), ("typed_overlap", "to"), ("untyped_exact", "ue"), ("untyped_overlap", "uo")]
    }


def score(gold_docs, preds, peer=None):
    """Everything run.py reports for one peer on one corpus."""
    mapping = load_mapping(peer)
    labelled = [d for d in gold_docs if d.get("part") != "clean"]
    clean = [d for d in gold_docs if d.get("part") == "clean"]
    pairs = prepare(labelled, preds, mapping)
    c, confusions = counts(pairs)
    micro = collections.Counter()
    for e in c:
        micro.update(c[e])
    covers = covered_entities(peer)
    res = {
        "micro": metrics(micro),
        "labels": {e: metrics(c[e]) for e in sorted(c)},
        "confusions": [[a, b, n] for (a, b), n in confusions.most_common(30)],
    }
    if covers is not None:
        cc, _ = counts(prepare(labelled, preds, mapping, only=covers))
        m = collections.Counter()
        for e in cc:
            m.update(cc[e])
        res["covered"] = metrics(m)
        res["covered_entities"] = sorted(covers)
    else:
        res["covered"] = res["micro"]
    for part in sorted({d.get("part", "") for d in labelled}):
        pc, _ = counts(prepare([d for d in labelled if d.get("part", "") == part], preds, mapping))
        m = collections.Counter()
        for e in pc:
            m.update(pc[e])
        res.setdefault("parts", {})[part] = metrics(m)
    clean_pairs = prepare(clean, preds, mapping)
    flagged = [d["id"] for d, _, found in clean_pairs if found]
    fp_labels = collections.Counter(f[0] for _, _, found in clean_pairs for f in found)
    res["clean"] = {
        "prompts": len(clean),
        "flagged": len(flagged),
        "flagged_rate": len(flagged) / len(clean) if clean else 0.0,
        "findings": sum(fp_labels.values()),
        "by_label": dict(fp_labels.most_common()),
    }
    return res


def recall_by_perturbation(gold_docs, perturbed_docs, preds_orig, preds_pert, peer=None):
    """Recall (typed and untyped overlap) of the perturbed prompts and of their originals."""
    mapping = load_mapping(peer)
    covers = covered_entities(peer)
    originals = {d["id"]: d for d in gold_docs}
    out = {}
    for kind in sorted({d["perturbation"] for d in perturbed_docs}):
        pert = [d for d in perturbed_docs if d["perturbation"] == kind]
        orig = [originals[d["id"].split("~")[0]] for d in pert]
        row = {}
        for name, docs, preds in [("original", orig, preds_orig), ("perturbed", pert, preds_pert)]:
            c, _ = counts(prepare(docs, preds, mapping, only=covers))
            m = collections.Counter()
            for e in c:
                m.update(c[e])
            mm = metrics(m)
            row[name] = {"typed": mm["typed_overlap"]["r"], "untyped": mm["untyped_overlap"]["r"], "gold": m["gold"]}
        out[kind] = row
    return out


def binary(labels, predicted):
    """Precision, recall, F1 and accuracy of boolean predictions against boolean labels."""
    tp = sum(1 for y, p in zip(labels, predicted) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted) if y and not p)
    acc = sum(1 for y, p in zip(labels, predicted) if bool(y) == bool(p)) / len(labels) if labels else 0.0
    r = prf(tp, tp + fp, tp, tp + fn)
    r["accuracy"] = acc
    return r


def print_table(res, out=sys.stdout):
    w = out.write
    w(f"{'entity':32} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}   {'P~':>6} {'R~':>6} {'F1~':>6}\n")
    for e, m in list(res["labels"].items()) + [("MICRO", res["micro"])]:
        x, o = m["typed_exact"], m["typed_overlap"]
        w(f"{e:32} {x['gold']:5d} {x['pred']:5d} {x['p']:6.3f} {x['r']:6.3f} {x['f1']:6.3f}   {o['p']:6.3f} {o['r']:6.3f} {o['f1']:6.3f}\n")
    u = res["micro"]["untyped_overlap"]
    w(f"untyped overlap: P {u['p']:.3f} R {u['r']:.3f} F1 {u['f1']:.3f}\n")
    c = res["clean"]
    w(f"PII-free prompts flagged: {c['flagged']}/{c['prompts']} ({c['by_label']})\n")
    if res["confusions"]:
        w("\nmissed gold span covered by another entity (gold -> found):\n")
        for a, b, n in res["confusions"][:25]:
            w(f"  {a} -> {b}: {n}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("pred")
    ap.add_argument("--peer", help="apply this peer's entity mapping from bench/mappings.json")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    a = ap.parse_args()
    res = score(load_jsonl(a.corpus), load_jsonl(a.pred), a.peer)
    if a.json:
        json.dump(res, sys.stdout, indent=1)
        print()
    else:
        print_table(res)


if __name__ == "__main__":
    main()
