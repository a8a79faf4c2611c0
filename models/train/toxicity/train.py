"""Stage 2: train the bag-of-hashed-n-grams classifier (seeded, CPU, 2 threads).

logits = pool(E[ids]) @ W + b, pool = sum / N**p (p = 1: fastText mean). With the linear head the
model is exactly additive over feature ids: logit_l = b_l + sum_i (E[id_i] @ W)[l] / N**p, which is
what `explain` relies on. An MLP head (`--head mlp`) is available for comparison.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import roc_auc_score

import prep
from data import LABELS, REAL_LABELLED, TEACHER_OF

torch.set_num_threads(2)


class BagModel(torch.nn.Module):
    def __init__(self, buckets, dim, labels, head="linear", hidden=32, power=1.0, fixed_bias=None):
        super().__init__()
        self.emb = torch.nn.Embedding(buckets, dim, padding_idx=0)
        torch.nn.init.normal_(self.emb.weight, 0, 0.05)
        with torch.no_grad():
            self.emb.weight[0].zero_()
        self.power = power
        self.head = head
        if head == "linear":
            self.out = torch.nn.Linear(dim, labels)
            if fixed_bias is not None:
                # The empty text scores sigmoid(fixed_bias) on every label; words must earn the rest.
                self.out.bias.data.fill_(fixed_bias)
                self.out.bias.requires_grad_(False)
        else:
            self.hid = torch.nn.Linear(dim, hidden)
            self.out = torch.nn.Linear(hidden, labels)

    def pooled(self, ids, offsets, lens):
        s = torch.nn.functional.embedding_bag(ids, self.emb.weight, offsets, mode="sum")
        return s / lens.clamp(min=1).float().pow(self.power).unsqueeze(1)

    def forward(self, ids, offsets, lens):
        h = self.pooled(ids, offsets, lens)
        if self.head != "linear":
            h = torch.relu(self.hid(h))
        return self.out(h)


def targets(df: pd.DataFrame) -> np.ndarray:
    """Hard/template labels where a row has them, else the mean of the two Jigsaw teachers."""
    y = np.zeros((len(df), len(LABELS)), dtype=np.float32)
    for j, l in enumerate(LABELS):
        teacher = (df[f"t_toxblock_{TEACHER_OF[l]}"] + df[f"t_tcc_{TEACHER_OF[l]}"]).to_numpy() / 2
        hard = df[f"y_{l}"].to_numpy(dtype=np.float64)
        y[:, j] = np.where(np.isnan(hard), teacher, hard)
    return y


def batchify(ids, rows, drop=0.0, rng=None):
    seqs = []
    for r in rows:
        a = ids[r]
        if drop > 0 and len(a) > 4:
            a = a[rng.random(len(a)) >= drop]
        seqs.append(a)
    lens = torch.tensor([len(a) for a in seqs])
    offsets = torch.cat([torch.zeros(1, dtype=torch.long), lens.cumsum(0)[:-1]])
    flat = torch.from_numpy(np.concatenate(seqs)) if len(seqs) else torch.zeros(0, dtype=torch.long)
    return flat.long(), offsets, lens


def predict(model, ids, rows, batch=4096):
    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(rows), batch):
            out.append(torch.sigmoid(model(*batchify(ids, rows[s:s + batch]))).numpy())
    return np.concatenate(out) if out else np.zeros((0, len(LABELS)), np.float32)


# Implicit-hate validation: training-template rows about these groups are held out of training and
# used (with the real validation split) to choose the epoch and the configuration. The implicit-hate
# *eval* set (other frames, other groups) is never looked at for choices.
IMPLICIT_VAL_GROUPS = ("refugees", "liberals", "women")


def implicit_val_mask(df):
    return (df.source == "implicit_train").to_numpy() & df.text.str.contains("|".join(IMPLICIT_VAL_GROUPS)).to_numpy()


def val_score(df, p, rows):
    """Validation objective: mean of (the mean over labelled real sets of each set's validation
    toxicity AUC) and the implicit-hate validation AUC. Per set, so the large sets do not decide."""
    v = df.iloc[rows]
    per_set = []
    for src in REAL_LABELLED:
        m = (v.source == src).to_numpy()
        y = v.y_toxicity.to_numpy()[m] > 0.5
        if 0 < y.sum() < len(y):
            per_set.append(roc_auc_score(y, p[m, 0]))
    real = float(np.mean(per_set))
    im = (v.source == "implicit_train").to_numpy()
    implicit = roc_auc_score(v.y_toxicity[im] > 0.5, p[im, 0]) if im.any() else real
    return (real + implicit) / 2, real, implicit


def sample_weights(df, threat_weight=5.0, davidson_weight=1.0) -> torch.Tensor:
    """Templates are few but carry the implicit-hate / threat / fairness signal: upweight them."""
    w = np.ones(len(df), np.float32)
    src = df.source.to_numpy()
    weights = {"implicit_train": 3, "identity_train": 3, "threat_train": threat_weight, "benign_train": 5, "lexicon": 1,
               "prompts": 2, "davidson": davidson_weight}
    for s, k in weights.items():
        w[src == s] = k
    return torch.from_numpy(w)


def fit(df, make_model, batch_of, predict_rows, args, weights, log=sys.stderr):
    """The training loop both models share (seeded; early stopping on `val_score`).

    make_model() builds the network after the seed is set; batch_of(rows, drop, rng) gives its
    inputs for training rows; predict_rows(model, rows) its probabilities."""
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    y = torch.from_numpy(targets(df))
    iv = implicit_val_mask(df)
    tr = np.flatnonzero((df.split.to_numpy() == "train") & ~iv)
    va = np.flatnonzero((df.split.to_numpy() == "val") | iv)
    w = weights
    model = make_model()
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    l2 = getattr(args, "l2", 0.0)
    best, best_state, bad = -1.0, None, 0
    for ep in range(args.epochs):
        model.train()
        perm = rng.permutation(tr)
        tot = 0.0
        for s in range(0, len(perm), args.batch):
            b = perm[s:s + args.batch]
            logits = model(*batch_of(b, args.drop, rng))
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, y[b], reduction="none").mean(1) * w[b]).sum() / w[b].sum()
            if l2 > 0:
                loss = loss + l2 * model.out.weight.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            with torch.no_grad():
                model.emb.weight[0].zero_()
            tot += loss.item() * len(b)
        p = predict_rows(model, va)
        score, real, implicit = val_score(df, p, va)
        print(f"epoch {ep + 1}: loss {tot / len(tr):.4f} val toxicity AUC (mean over sets) {real:.4f} implicit-val AUC {implicit:.4f}",
              file=log, flush=True)
        if score > best + 1e-4:
            best, best_state, bad = score, {k: v.clone() for k, v in model.state_dict().items()}, 0
        else:
            bad += 1
            if bad >= 2:
                break
    model.load_state_dict(best_state)
    return model, best


def train(df, ids, args, log=sys.stderr):
    return fit(df, lambda: BagModel(args.buckets, args.dim, len(LABELS), args.head, args.hidden, args.power, args.fixed_bias),
               lambda b, drop, rng: batchify(ids, b, drop, rng), lambda m, rows: predict(m, ids, rows), args,
               sample_weights(df, davidson_weight=args.davidson_weight), log)


def parser():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default=os.path.join(prep.ROOT, "models", "toxicity.json"))
    ap.add_argument("--dim", type=int, default=16)
    ap.add_argument("--head", default="linear", choices=["linear", "mlp"])
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--power", type=float, default=1.0)
    ap.add_argument("--fixed-bias", type=float, default=None)
    ap.add_argument("--davidson-weight", type=float, default=1.0, help="Davidson is 77%% 'offensive' tweets; <1 evens it out")
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--l2", type=float, default=0.0)
    ap.add_argument("--drop", type=float, default=0.1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=os.path.join(prep.CACHE, "model.pt"))
    return ap


def load(config):
    cfg = json.load(open(config))
    df = pd.read_parquet(os.path.join(prep.CACHE, "rows.parquet"))
    ids, word_of = prep.ragged_load(prep.ids_path(config))
    return cfg, df, ids, word_of


if __name__ == "__main__":
    args = parser().parse_args()
    cfg, df, ids, _ = load(args.config)
    args.buckets = cfg["featurizer"]["buckets"]
    model, best = train(df, ids, args)
    torch.save({"state": model.state_dict(), "args": vars(args), "val_auc": best}, args.out)
    print(f"saved {args.out} (val objective {best:.4f})", file=sys.stderr)
