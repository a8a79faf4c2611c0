"""Build the prompt-injection tables from ../shared/data plus generated documents.

Output `<work>/rows.parquet`: text, label (1 = injection / jailbreak), source, split, kind.

- Direct prompts: S-Labs (train+validation), neuralchemy (core-train+core-validation, grouped by
  `group_id`), yanismiraoui (multilingual, all positive). De-duplicated across all sets on a folded
  key (a text whose copies disagree on the label is dropped), then split by group (neuralchemy
  group_id, otherwise the folded key), seeded: 70% train / 15% validation / 15% test.
- Benign chat-like text: Davidson tweets labelled "neither" (same split scheme), and the
  hand-written `benign_prompts.txt` (evaluation only, kind "benign_handwritten").
- Generated benign prompts (benign.py; training only, kind "generated"): everyday assistant tasks
  in six languages.
- Documents (see documents.py): train/validation documents use the TRAIN frames and wrappers with
  train/validation injections and fillers; the test ("indirect") documents use the disjoint EVAL
  frames, wrappers and hand-written instructions with test injections and fillers.
"""
from __future__ import annotations

import hashlib
import html
import random
import re
import sys
from pathlib import Path

import pandas as pd

from benign import benign_prompts
from documents import (EVAL_FRAMES, EVAL_INDIRECT, EVAL_WRAPPERS, TRAIN_FRAMES, TRAIN_INDIRECT,
                       TRAIN_WRAPPERS, documents)

SEED = 20261124
HERE = Path(__file__).resolve().parent


def key(t: str) -> str:
    return re.sub(r"[^\w]+", "", t.lower())


def split_of(group: str) -> str:
    h = int(hashlib.sha256(f"{SEED}:{group}".encode()).hexdigest()[:8], 16) % 100
    return "train" if h < 70 else "val" if h < 85 else "test"


def direct_rows(data: Path) -> pd.DataFrame:
    pi = data / "prompt_injection"
    parts = []
    for f in ["train.csv", "validation.csv"]:
        d = pd.read_csv(pi / "slabs" / f)
        parts.append(pd.DataFrame({"text": d.text, "label": d.label, "source": "slabs", "group": None}))
    for f in ["core-train.parquet", "core-validation.parquet"]:
        d = pd.read_parquet(pi / "neuralchemy" / f)
        parts.append(pd.DataFrame({"text": d.text, "label": d.label, "source": "neuralchemy",
                                   "group": d.group_id}))
    d = pd.read_csv(pi / "yanismiraoui" / "prompt_injections.csv")
    parts.append(pd.DataFrame({"text": d.prompt_injections, "label": 1, "source": "yanismiraoui", "group": None}))
    df = pd.concat(parts, ignore_index=True)
    df = df[df.text.astype(str).str.strip().str.len() > 0].copy()
    df["text"] = df.text.astype(str)
    df["key"] = df.text.map(key)
    # A text whose copies disagree on the label is ambiguous: drop every copy.
    conflict = df.groupby("key").label.nunique()
    df = df[~df.key.isin(conflict[conflict > 1].index)]
    df = df.drop_duplicates("key")
    df["group"] = df.group.fillna(df.key)
    df["split"] = df.group.map(split_of)
    df["kind"] = "prompt"
    return df[["text", "label", "source", "split", "kind", "key"]]


_MENTION = re.compile(r"@\w+|https?://\S+|\bRT\b|&#\d+;|#")


def tweet_rows(data: Path, seen: set[str]) -> pd.DataFrame:
    d = pd.read_csv(data / "toxicity" / "davidson_labeled_data.csv")
    d = d[d["class"] == 2]
    texts = [re.sub(r"\s+", " ", _MENTION.sub(" ", html.unescape(t))).strip(" :") for t in d.tweet]
    rows = [{"text": t, "label": 0, "source": "davidson_neither", "kind": "tweet", "key": key(t)}
            for t in texts if len(t) > 15]
    df = pd.DataFrame(rows).drop_duplicates("key")
    df = df[~df.key.isin(seen)]
    df["split"] = df.key.map(split_of)
    return df


def handwritten_rows() -> pd.DataFrame:
    lines = [l.strip() for l in (HERE / "benign_prompts.txt").read_text().splitlines()]
    lines = [l for l in lines if l and not l.startswith("#")]
    return pd.DataFrame({"text": lines, "label": 0, "source": "handwritten", "split": "test",
                         "kind": "benign_handwritten", "key": [key(l) for l in lines]})


def generated_rows(seen: set[str]) -> pd.DataFrame:
    texts = [t for t in benign_prompts(random.Random(SEED), 120) if key(t) not in seen]
    return pd.DataFrame({"text": texts, "label": 0, "source": "generated_benign", "split": "train",
                         "kind": "generated", "key": [key(t) for t in texts]})


def fillers(df: pd.DataFrame, split: str) -> list[str]:
    """Benign statements and tweets of one split, as document filler."""
    b = df[(df.label == 0) & (df.split == split) & df.kind.isin(["prompt", "tweet"])].text
    return [t for t in b if 20 <= len(t) <= 200 and not t.rstrip().endswith("?")]


def doc_rows(df: pd.DataFrame) -> pd.DataFrame:
    rng = random.Random(SEED)
    rows = []
    inj = {s: df[(df.label == 1) & (df.split == s) & (df.kind == "prompt") & (df.text.str.len() <= 400)].text.tolist()
           for s in ["train", "val", "test"]}
    plan = [  # split, frames, wrappers, extra hand-written injections, n benign, n injected
        ("train", TRAIN_FRAMES, TRAIN_WRAPPERS, TRAIN_INDIRECT, 3000, 3000),
        ("val", TRAIN_FRAMES, TRAIN_WRAPPERS, [], 600, 600),
        ("test", EVAL_FRAMES, EVAL_WRAPPERS, EVAL_INDIRECT, 1000, 1000),
    ]
    for split, frames, wrappers, extra, n_benign, n_inj in plan:
        fill = fillers(df, split)
        for text, _ in documents(rng, frames, wrappers, fill, [], n_benign, injected=False):
            rows.append({"text": text, "label": 0, "source": f"doc_benign_{split}", "split": split, "kind": "doc",
                         "inj_start": -1, "inj_end": -1})
        # Half from the data's injections, half from hand-written indirect ones (when there are any).
        n_extra = n_inj // 2 if extra else 0
        for source, pool, n in [("data", inj[split], n_inj - n_extra), ("handwritten", extra, n_extra)]:
            for text, hidden in documents(rng, frames, wrappers, fill, pool, n, injected=True):
                at = text.find(hidden)  # where the injection sits: training labels the windows over it
                rows.append({"text": text, "label": 1, "source": f"doc_{source}_{split}", "split": split,
                             "kind": "doc", "inj_start": at, "inj_end": at + len(hidden)})
    out = pd.DataFrame(rows)
    out["key"] = out.text.map(key)
    return out


def main(data: Path, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    direct = direct_rows(data)
    tweets = tweet_rows(data, set(direct.key))
    hand = handwritten_rows()
    gen = generated_rows(set(direct.key) | set(hand.key))
    base = pd.concat([direct, tweets, hand, gen], ignore_index=True)
    docs = doc_rows(base)
    rows = pd.concat([base, docs], ignore_index=True).drop(columns=["key"])
    rows.to_parquet(work / "rows.parquet")
    print(rows.groupby(["kind", "split"]).label.agg(["count", "sum"]).to_string())


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
