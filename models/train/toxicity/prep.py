"""Stage 1: rows + teacher soft labels + feature ids (from the Rust featurizer).

Writes <cache>/rows.parquet (texts, splits, targets, teacher and peer scores) and
<cache>/ids-<featurizer digest>.npz (ragged ids / word_of per row, via `cargo run -p scrim-tools --bin featurize`).
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd

import data
import teachers

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
# The work directory of models/train/common.sh (train.sh exports it).
CACHE = os.environ.get("SCRIM_TRAIN_WORK", os.path.join(ROOT, "target", "train", "toxicity"))
# The Rust featurizer (tools/src/featurize.rs, the one the browser runs), built on first use.
FEATURIZE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "featurize")


def teacher_scores(texts: list[str]) -> dict[str, np.ndarray]:
    tb = teachers.tox_block().predict(texts)
    tc = teachers.toxic_comment_classifier().predict([teachers.tcc_clean(t) for t in texts])
    pc = teachers.profanity_check()(texts)
    out = {"peer_profanity_check": pc}
    for j, name in enumerate(teachers.JIGSAW):
        out[f"t_toxblock_{name}"] = tb[:, j]
        out[f"t_tcc_{name}"] = tc[:, j]
    return out


def featurize(texts: list[str], config_path: str) -> tuple[list[np.ndarray], list[np.ndarray], list[list[str]]]:
    if not os.path.exists(FEATURIZE):
        subprocess.run(["cargo", "build", "--release", "-p", "scrim-tools", "--bin", "featurize"], cwd=ROOT, check=True)
    inp = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    res = subprocess.run([FEATURIZE, config_path], input=inp.encode(), capture_output=True, check=True)
    ids, word_of, words = [], [], []
    for line in res.stdout.decode().splitlines():
        o = json.loads(line)
        ids.append(np.asarray(o["ids"], dtype=np.int64))
        word_of.append(np.asarray(o["word_of"], dtype=np.int32))
        words.append(o["words"])
    assert len(ids) == len(texts)
    return ids, word_of, words


def ids_path(config_path: str) -> str:
    """The cached ids of one featurizer configuration (buckets, n-grams, emoji...)."""
    f = json.dumps(json.load(open(config_path))["featurizer"], sort_keys=True)
    return os.path.join(CACHE, f"ids-{hashlib.sha256(f.encode()).hexdigest()[:12]}.npz")


def ragged_save(path: str, ids: list[np.ndarray], word_of: list[np.ndarray]):
    lens = np.array([len(a) for a in ids], dtype=np.int64)
    np.savez(path, lens=lens, ids=np.concatenate(ids) if ids else np.zeros(0, np.int64),
             word_of=np.concatenate(word_of) if word_of else np.zeros(0, np.int32))


def ragged_load(path: str) -> tuple[list[np.ndarray], list[np.ndarray]]:
    z = np.load(path)
    lens, flat_ids, flat_word_of = z["lens"], z["ids"], z["word_of"]  # each z[...] re-reads the file
    off = np.concatenate([[0], np.cumsum(lens)])
    return ([flat_ids[off[i]:off[i + 1]] for i in range(len(lens))],
            [flat_word_of[off[i]:off[i + 1]] for i in range(len(lens))])


def main(data_dir: str, config_path: str):
    os.makedirs(CACHE, exist_ok=True)
    rows_path = os.path.join(CACHE, "rows.parquet")
    if not os.path.exists(rows_path):
        df = data.build(data_dir)
        print(f"{len(df)} rows; running teachers", file=sys.stderr)
        for k, v in teacher_scores(df.text.tolist()).items():
            df[k] = v
        df.to_parquet(rows_path)
    df = pd.read_parquet(rows_path)
    path = ids_path(config_path)
    if not os.path.exists(path):
        ids, word_of, _ = featurize(df.text.tolist(), config_path)
        ragged_save(path, ids, word_of)
    print(f"rows: {rows_path}\nids: {path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data"),
         sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "models", "toxicity.json"))
