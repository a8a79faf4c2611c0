"""Experiment (issue 19): a small convolutional encoder over words instead of one bag of n-grams.

Each word is the mean of its hashed feature embeddings (its unigram, the bigram it starts, its
character n-grams: the featurizer's ids, grouped by `word_of`), two 1-d convolutions read the
words in order (receptive field 7 words), and a max over the words gives each label's logit, so
one insult anywhere in a text scores as if it stood alone. Trained on the same rows, targets,
weights and validation objective as `train.py`'s bag model; compared on validation with
`evaluate.py CKPT CONFIG --validation` (its `torch_scorer` loads either kind of checkpoint).

    python train_cnn.py --config ../../toxicity.json --out $WORK/cnn.pt
"""
from __future__ import annotations

import argparse
import sys

import numpy as np
import torch

import train as bag
from data import LABELS

torch.set_num_threads(2)


class WordCnn(torch.nn.Module):
    def __init__(self, buckets: int, dim: int, channels: int, labels: int, fixed_bias: float | None):
        super().__init__()
        self.emb = torch.nn.Embedding(buckets, dim, padding_idx=0)
        torch.nn.init.normal_(self.emb.weight, 0, 0.05)
        self.conv1 = torch.nn.Conv1d(dim, channels, 3, padding=1)
        self.conv2 = torch.nn.Conv1d(channels, channels, 3, padding=2, dilation=2)
        self.out = torch.nn.Linear(channels, labels)
        if fixed_bias is not None:
            self.out.bias.data.fill_(fixed_bias)
            self.out.bias.requires_grad_(False)

    def words(self, ids, bag_offsets, words_per_row):
        """[B, W, dim]: each word the mean of its ids' embeddings, rows padded with zero words."""
        w = torch.nn.functional.embedding_bag(ids, self.emb.weight, bag_offsets, mode="mean")
        rows = torch.split(w, words_per_row.tolist())
        return torch.nn.utils.rnn.pad_sequence(rows, batch_first=True)

    def forward(self, ids, bag_offsets, words_per_row):
        x = self.words(ids, bag_offsets, words_per_row).transpose(1, 2)  # [B, dim, W]
        mask = (torch.arange(x.shape[2])[None, :] < words_per_row[:, None]).unsqueeze(1)
        # Zero past a row's last word, as the exported graph's zero padding is for a text alone,
        # so a text scores the same in a padded batch as in the browser.
        h1 = torch.relu(self.conv1(x)) * mask
        h2 = torch.relu(self.conv2(h1) + h1)
        pooled = h2.masked_fill(~mask, -1e4).amax(2)
        return self.out(pooled)


def batchify(ids, word_of, rows, drop=0.0, rng=None):
    flat, offsets, counts = [], [], []
    at = 0
    for r in rows:
        a, wo = ids[r], word_of[r]
        if drop > 0 and len(a) > 4:
            keep = rng.random(len(a)) >= drop
            # never drop every id of a word: its first id stays
            keep[np.r_[True, wo[1:] != wo[:-1]]] = True
            a, wo = a[keep], wo[keep]
        if len(a) == 0:
            a, wo = np.zeros(1, np.int64), np.zeros(1, np.int32)
        starts = np.flatnonzero(np.r_[True, wo[1:] != wo[:-1]])
        flat.append(a)
        offsets.append(starts + at)
        counts.append(len(starts))
        at += len(a)
    return (torch.from_numpy(np.concatenate(flat)).long(), torch.from_numpy(np.concatenate(offsets)).long(),
            torch.tensor(counts))


def predict(model, ids, word_of, rows, batch=1024):
    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(rows), batch):
            out.append(torch.sigmoid(model(*batchify(ids, word_of, rows[s:s + batch]))).numpy())
    return np.concatenate(out) if out else np.zeros((0, len(LABELS)), np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--dim", type=int, default=16)
    ap.add_argument("--channels", type=int, default=64)
    ap.add_argument("--fixed-bias", type=float, default=-3.0)
    ap.add_argument("--lr", type=float, default=0.003)
    ap.add_argument("--drop", type=float, default=0.1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--threat-weight", type=float, default=5.0, help="weight of the few threat template rows")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cfg, df, ids, word_of = bag.load(args.config)
    args.buckets = cfg["featurizer"]["buckets"]
    model, best = bag.fit(df, lambda: WordCnn(args.buckets, args.dim, args.channels, len(LABELS), args.fixed_bias),
                          lambda b, drop, rng: batchify(ids, word_of, b, drop, rng),
                          lambda m, rows: predict(m, ids, word_of, rows), args,
                          bag.sample_weights(df, threat_weight=args.threat_weight))
    torch.save({"state": model.state_dict(), "args": vars(args), "val_auc": best, "arch": "cnn"}, args.out)
    print(f"saved {args.out} (val objective {best:.4f})", file=sys.stderr)


if __name__ == "__main__":
    main()
