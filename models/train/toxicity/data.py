"""Build the toxicity training / validation / test tables from ../shared/data and templates.

Output: `<work>/rows.parquet` with columns text, source, split, the seven label targets in [0, 1]
(NaN where a row carries no information for a label) and the hard labels used for evaluation.

Splits (a held-out test split of *every* labelled set; no text on two sides):
  a set's own split where it has one (HateXplain, ConvAbuse, Hatemoji, Stormfront's balanced
  sample); Toxic Spans by the fifths `bench/toxicity_localization.py` already uses (0 test, 1
  validation); Stormfront's unsampled sentences by their post; the Conversation AI templates by
  template (whole sentence frames held out), its Wikipedia comments by revision (a comment and its
  identity-swapped copy stay together); everything else by a hash of the folded text: 15% test,
  10% validation, 75% train.
  generated templates: train templates and eval templates are *disjoint sentence frames* (and, for
  implicit hate, disjoint target groups), so the implicit-hate and fairness figures measure
  generalisation to phrasings the model never saw.
De-duplication on the folded key keeps the copy on the most held-out side (test, eval, val, train).
"""
from __future__ import annotations

import gzip
import hashlib
import html
import itertools
import json
import random
import re

import numpy as np
import pandas as pd

DATA = "../shared/data"
LABELS = ["toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"]
TEACHER_OF = dict(zip(LABELS, ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]))

_MENTION = re.compile(r"@\w+|https?://\S+|www\.\S+|\bRT\b|\bURL\b|#")
_SPACE = re.compile(r"\s+")


def clean_tweet(t: str) -> str:
    t = html.unescape(str(t))
    t = _MENTION.sub(" ", t)
    return _SPACE.sub(" ", t).strip(" :")


# Folds case, spaces and ASCII punctuation only: emoji and other scripts stay, so Hatemoji's pairs
# ("I would love to 🔪 some 👳🏾" / "... 👨🏿") are two texts, not one.
_KEY_DROP = re.compile(r"[\s!-/:-@\[-`{-~]+")


def key(t: str) -> str:
    return _KEY_DROP.sub("", t.lower())


def hash_split(group: str, salt: str = "scrim-tox") -> str:
    """15% test, 10% validation, 75% train, by a hash of the row's group (stable across runs)."""
    h = int.from_bytes(hashlib.sha256(f"{salt}:{group}".encode()).digest()[:8], "big") % 100
    return "test" if h < 15 else "val" if h < 25 else "train"


def spans_fifth(rid: str) -> str:
    """Toxic Spans' fifths, as in bench/toxicity_localization.py: 0 = test, 1 = validation."""
    b = int(hashlib.sha256(f"scrim-holdout:{rid}".encode()).hexdigest(), 16) % 5
    return "test" if b == 0 else "val" if b == 1 else "train"


OFFICIAL = {"train": "train", "val": "val", "valid": "val", "validation": "val", "dev": "val", "test": "test"}

# The Conversation AI identity terms (the 49 of its `verb_adj` templates), for the fairness figures
# on real and templated identity mentions. A row's `identity` is the first term it contains.
BIAS_TERMS = ["african", "aged", "american", "asian", "bisexual", "black", "blind", "buddhist", "canadian", "catholic",
              "chinese", "christian", "deaf", "eastern", "elderly", "european", "female", "gay", "heterosexual",
              "hispanic", "homosexual", "indian", "japanese", "jewish", "latina", "latino", "latinx", "lesbian", "lgbt",
              "lgbtq", "male", "mexican", "millenial", "muslim", "nonbinary", "old", "older", "paralyzed", "protestant",
              "queer", "sikh", "straight", "taoist", "teenage", "trans", "transgender", "white", "young", "younger"]
_BIAS_TERM = re.compile(r"\b(" + "|".join(sorted(BIAS_TERMS, key=len, reverse=True)) + r")s?\b", re.I)
# Whole Conversation AI sentence frames held out (test / validation); every other frame trains.
BIAS_TEST_TEMPLATES = {"being_adj", "you_are_adj", "being_eth_sex", "being_eth_sex_tox", "you_are_eth_gen_w",
                       "you_are_eth_gen_w_tox", "am_eth_sex_w", "hate_eth_sex_w"}
BIAS_VAL_TEMPLATES = {"you_are_eth_sex_m", "you_are_eth_sex_m_tox", "being_eth_gen", "being_eth_gen_tox",
                      "am_eth_gen_p", "hate_eth_gen_p"}
# The 72,000 `name_adj` rows ("Elizabeth is a gracious queer") are one frame: a sample is enough.
NAME_ADJ_SAMPLE = 6000


def identity_of(text: str) -> str:
    m = _BIAS_TERM.search(text)
    return m.group(1).lower() if m else ""


def _jsonl(path: str):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _row(text, source, **labels):
    r = {"text": text, "source": source}
    r.update({f"y_{k}": labels.pop(k, np.nan) for k in LABELS})
    r.update(labels)  # evaluation-only columns: hard_hate, hard_insult_ind, identity
    return r


def real_rows(data: str) -> list[dict]:
    rows = []
    d = pd.read_csv(f"{data}/toxicity/davidson_labeled_data.csv")
    for t, c in zip(d.tweet, d["class"]):
        t = clean_tweet(t)
        # class 0 hate, 1 offensive, 2 neither. Hate here is hate against a group: identity_attack.
        rows.append(_row(t, "davidson", toxicity=float(c != 2), identity_attack=float(c == 0) if c != 1 else np.nan,
                         hard_hate=int(c == 0)))
    o = pd.read_csv(f"{data}/toxicity/olid/olid-training-v1.0.tsv", sep="\t", quoting=3)
    for t, a, b, c in zip(o.tweet, o.subtask_a, o.subtask_b, o.subtask_c):
        rows.append(_row(clean_tweet(t), "olid", toxicity=float(a == "OFF"),
                         hard_insult_ind=int(a == "OFF" and b == "TIN" and c == "IND")))
    # Benign LLM prompts (what scrim actually screens): negatives for every label, but we keep the
    # teachers' soft labels on them rather than forcing 0 (a few "benign" prompts are rude).
    s = pd.read_csv(f"{data}/prompt_injection/slabs/train.csv")
    for t in s[s.label == 0].text:
        rows.append(_row(str(t), "prompts"))
    n = pd.read_parquet(f"{data}/prompt_injection/neuralchemy/core-train.parquet")
    for t in n[n.label == 0].text:
        rows.append(_row(str(t), "prompts"))
    # WNUT-17 tweets: unlabelled everyday social-media text, teacher labels only.
    sent, out = [], []
    for line in open(f"{data}/pii/wnut17/wnut17train.conll", encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if sent:
                out.append(" ".join(sent))
            sent = []
        else:
            sent.append(line.split("\t")[0])
    for t in out:
        t = clean_tweet(t)
        if len(t) > 10:
            rows.append(_row(t, "wnut"))
    return rows


SPAN_LABEL = {"Insult": "insult", "Threat": "threat", "Identity based Attack": "identity_attack",
              "Profane/Obscene": "obscene"}


def more_rows(data: str, rng: random.Random) -> list[dict]:
    """The labelled sets added for issue 19, each with its held-out split (see the module doc)."""
    t = f"{data}/toxicity"
    rows = []
    for r in _jsonl(f"{t}/hatexplain/hatexplain.jsonl"):
        if r["toxic"] is not None:
            rows.append(_row(r["text"], "hatexplain", toxicity=float(r["toxic"]), split=OFFICIAL[r["official_split"]]))
    for r in _jsonl(f"{t}/toxic_spans/toxic_spans.jsonl.gz"):
        labels = {"toxicity": float(r["toxic"])}
        if r["toxic"] == 1:
            # A type at least two raters marked is a human positive; one no rater marked, a negative.
            votes = r["span_type_votes"]
            for typ, label in SPAN_LABEL.items():
                v = votes.get(typ, 0)
                labels[label] = 1.0 if v >= 2 else 0.0 if v == 0 else np.nan
        rows.append(_row(r["text"], "toxic_spans", split=spans_fifth(r["id"]), **labels))
    for r in _jsonl(f"{t}/convabuse/convabuse.jsonl"):
        if r["toxic"] in (0, 1):
            rows.append(_row(r["text"], "convabuse", toxicity=float(r["toxic"]), split=OFFICIAL[r["split"]]))
    for r in _jsonl(f"{t}/hatemoji/hatemoji.jsonl"):
        # Hatemoji's hate is hate against a group: identity_attack too.
        src = "hatemoji_check" if r["set"] == "HatemojiCheck" else "hatemoji_build"
        rows.append(_row(r["text"], src, toxicity=float(r["toxic"]), identity_attack=float(r["toxic"]),
                         split=OFFICIAL[r["split"]]))
    for r in _jsonl(f"{t}/stormfront/stormfront.jsonl"):
        if r["toxic"] in (0, 1):
            # The balanced sample's test is the test; a tenth of its train (by post) validates,
            # since the unsampled rest is all noHate; the unsampled sentences go by their post.
            post = "stormfront:" + r["id"].split("_")[0]
            if r["sampled_split"] == "test":
                split = "test"
            elif r["sampled_split"] == "train":
                split = "val" if hash_split(post) == "val" else "train"
            else:
                split = hash_split(post)
            rows.append(_row(r["text"], "stormfront", toxicity=float(r["toxic"]), identity_attack=float(r["toxic"]),
                             split=split))
    for r in _jsonl(f"{t}/mlma_en/mlma_en.jsonl"):
        rows.append(_row(clean_tweet(r["text"]), "mlma", toxicity=float(r["toxic"]), split=hash_split(r["text"])))
    name_adj = []
    for r in _jsonl(f"{t}/conversationai_bias/conversationai_bias.jsonl.gz"):
        if "rev_id" in r:
            rows.append(_row(r["text"], "bias_wikipedia", toxicity=float(r["toxic"]), identity=identity_of(r["text"]),
                             split=hash_split(f"rev:{r['rev_id']}")))
            continue
        tpl = r["template"]
        split = "test" if tpl in BIAS_TEST_TEMPLATES else "val" if tpl in BIAS_VAL_TEMPLATES else "train"
        row = _row(r["text"], "bias_templates", toxicity=float(r["toxic"]), identity=identity_of(r["text"]), split=split)
        (name_adj if tpl == "name_adj" else rows).append(row)
    rows += rng.sample(name_adj, NAME_ADJ_SAMPLE)
    return rows


# Labelled real sets, each with a held-out test split (evaluate.py scores each alone).
REAL_LABELLED = ["davidson", "olid", "hatexplain", "toxic_spans", "convabuse", "hatemoji_build", "hatemoji_check",
                 "stormfront", "mlma", "bias_wikipedia", "bias_templates"]


# ---------------------------------------------------------------- templates
# Implicit hate: no swear words. Train and eval use disjoint frames AND disjoint target groups.
HATE_TRAIN = [
    "{g} should go back where they came from", "{g} are ruining this country", "we need to get rid of all the {g}",
    "{g} are a disease on society", "I wouldn't let {g} anywhere near my children", "{g} are not real people",
    "{g} are animals", "the world would be better without {g}", "{g} don't belong here",
    "never trust {g}, they are all liars", "{g} are genetically inferior", "{g} breed like rats",
    "keep {g} out of our neighbourhood", "{g} are parasites living off our taxes", "it's a shame {g} are allowed to vote",
    "{g} are too stupid to run their own lives", "there are too many {g} in this town, time to clean it up",
    "{g} only know how to steal", "send the {g} back on the next boat", "{g} are a cancer",
]
HATE_EVAL = [
    "they should all be sent back to where they came from, these {g}", "{g} will never be as civilized as us",
    "deport every last one of the {g}", "{g} are vermin", "I don't want {g} moving into my street",
    "{g} are a plague on this nation", "our country was great before the {g} arrived", "{g} can't be trusted with anything",
    "{g} are subhuman", "{g} should not be allowed to have children", "why are {g} always so dirty",
    "{g} are taking over and we must stop them", "no {g} should ever hold public office", "{g} are nothing but criminals",
]
NEUTRAL_TRAIN = [
    "{g} are my neighbours", "I went to dinner with some {g}", "many {g} live in this city",
    "the history of {g} in Europe", "{g} celebrate many holidays", "a report on {g} in the workforce",
    "how many {g} live in Canada?", "write a short story about two {g} who become friends",
    "{g} have the same rights as everyone else", "some of my coworkers are {g}",
    # As many neutral as hateful sentences per group, so a group's name alone carries no toxicity.
    "the {g} in my class are really good at maths", "list famous {g} in history", "{g} run many small businesses here",
    "I volunteer at a centre that helps {g}", "are there many {g} in Germany?", "{g} were at the festival yesterday",
    "my grandparents were {g}", "explain the traditions of {g}", "{g} and their families are welcome here",
    "the documentary follows three {g} over a year",
]
NEUTRAL_EVAL = [
    "I read a book written by {g}", "{g} have contributed a lot to science", "our team includes several {g}",
    "what do {g} usually eat for breakfast?", "the museum has an exhibit about {g}", "summarize the article about {g} and housing",
    "{g} often face discrimination at work", "my best friends growing up were {g}",
]
# Written on 2026-12-03. Validation: the warn threshold may not flag neutral sentences about the
# groups the hateful training frames name. Held out (scored once): the same question, new frames.
NEUTRAL_VAL = [
    "{g} organised a charity run last weekend", "I interviewed several {g} for my thesis",
    "a podcast episode about {g} and their music", "{g} in our town opened a new library",
    "what languages do {g} speak at home?", "I'm writing an essay about {g} in the nineteenth century",
]
NEUTRAL_FRESH = [
    "The conference had a panel of {g} talking about urban planning.", "Recommend novels written by {g}.",
    "{g} and their neighbours cleaned up the park together.", "How have {g} shaped the food of this region?",
    "My manager hired two {g} last month and they are great.", "A photo essay on {g} at the harvest festival.",
]
GROUPS_TRAIN = ["immigrants", "muslims", "jews", "black people", "mexicans", "refugees", "gays", "women", "asians",
                "arabs", "gypsies", "trans people", "foreigners", "liberals"]
GROUPS_EVAL = ["africans", "chinese people", "lesbians", "hindus", "indians", "latinos", "disabled people",
               "catholics", "syrians", "somalis", "christians", "old people"]

THREAT_TRAIN = [
    "I will kill you", "I'm going to find where you live and hurt you", "you'd better watch your back",
    "I will beat you up", "I hope you die", "I'll burn your house down", "I am going to shoot you",
    "you will regret this when I get my hands on you", "I know where your kids go to school",
    "say that again and I'll break your neck", "I'm going to stab you", "someone should put a bullet in {g}",
]
THREAT_EVAL = [
    "I will end your life", "you won't survive the night", "I'm coming for you and your family",
    "I swear I will make you bleed", "you are dead meat", "I'll strangle you with my own hands",
]
BENIGN_TRAIN = [  # words that look dangerous in ordinary prompts
    "how do I kill a python process on linux", "the deadline is killing me", "this song kills it",
    "shoot me an email when you are done", "I destroyed my exam today", "explain how a bullet point list works",
    "the hitman is the main character of the novel I am writing", "what does 'break a leg' mean?",
    "how do I terminate all child threads", "the attack surface of this web app", "execute the script and kill the server",
    "my cat is a little monster", "that joke was sick", "git blame shows who wrote this line",
]

IDENTITY = ["gay", "lesbian", "bisexual", "transgender", "queer", "muslim", "jewish", "christian", "hindu", "buddhist",
            "atheist", "black", "white", "asian", "latino", "mexican", "african", "arab", "immigrant", "disabled", "deaf",
            "blind", "old", "female", "male", "indian", "chinese", "catholic"]
CONTROL = ["tall", "friendly", "happy", "local", "new", "quiet", "busy", "young", "kind", "curious"]
ID_NONTOXIC_TRAIN = [
    "I am a {i} person", "as a {i} woman, I love hiking", "my {i} friend helped me move", "{i} people deserve equal rights",
    "I grew up in a {i} family", "the {i} community organised a food drive", "is it hard being {i} at work?",
    "my doctor is {i}", "write a birthday message for my {i} uncle",
]
ID_NONTOXIC_EVAL = [
    "I am a proud {i} person.", "Being {i} is just part of who I am.", "My neighbour is {i} and very kind.",
    "We welcome {i} members to our club.", "As a {i} man, I want advice on my career.", "Our teacher is {i}.",
]
# Written on 2026-12-03 after the fairness_eval frames above had been looked at to choose the
# warn rule: the neutral-statement gap is reported held out on these, scored once.
ID_NONTOXIC_FRESH = [
    "My {i} coworker recommended this book to me.", "Can you suggest a recipe my {i} friends would enjoy?",
    "The {i} student won the science fair.", "I met a {i} artist at the gallery yesterday.",
    "Our new {i} neighbour helped us fix the fence.", "Tell me about the history of the {i} community in Chicago.",
    "My {i} sister is visiting next week.", "I'm {i} and I'm looking for a running club.",
]
ID_TOXIC_EVAL = [
    "I hate {i} people.", "{i} people are disgusting.", "All {i} people are stupid.", "{i} people should be punished.",
    "You are a worthless {i} idiot.", "Shut up, you {i} freak.",
]

LEX_FRAMES = ["{t}", "you {t}", "you are such a {t}", "what a {t}", "shut up {t}"]


def template_rows(data: str, rng: random.Random) -> list[dict]:
    rows = []
    for f, g in itertools.product(HATE_TRAIN, GROUPS_TRAIN):
        rows.append(_row(f.format(g=g), "implicit_train", toxicity=1.0, identity_attack=1.0, severe_toxicity=np.nan))
    for f, g in itertools.product(NEUTRAL_TRAIN, GROUPS_TRAIN):
        rows.append(_row(f.format(g=g), "implicit_train", toxicity=0.0, identity_attack=0.0, insult=0.0, threat=0.0, obscene=0.0))
    for f, g in itertools.product(HATE_EVAL, GROUPS_EVAL):
        rows.append(_row(f.format(g=g), "implicit_eval", toxicity=1.0, identity_attack=1.0))
    for f, g in itertools.product(NEUTRAL_EVAL, GROUPS_EVAL):
        rows.append(_row(f.format(g=g), "implicit_eval", toxicity=0.0, identity_attack=0.0))
    for f, g in itertools.product(NEUTRAL_VAL, GROUPS_TRAIN):
        rows.append(_row(f.format(g=g), "group_neutral_val", toxicity=0.0, identity_attack=0.0, split="val"))
    for f, g in itertools.product(NEUTRAL_FRESH, GROUPS_TRAIN + GROUPS_EVAL):
        rows.append(_row(f.format(g=g), "group_neutral_fresh", toxicity=0.0, identity_attack=0.0))
    # Do the training groups' names alone raise scores? Held-out neutral frames about them.
    for f, g in itertools.product(NEUTRAL_EVAL, GROUPS_TRAIN):
        rows.append(_row(f.format(g=g), "group_neutral_eval", toxicity=0.0, identity_attack=0.0))
    for t in THREAT_TRAIN:
        for g in (GROUPS_TRAIN if "{g}" in t else [None]):
            rows.append(_row(t.format(g=g) if g else t, "threat_train", toxicity=1.0, threat=1.0))
    for t in THREAT_EVAL:
        rows.append(_row(t, "threat_eval", toxicity=1.0, threat=1.0))
    for t in BENIGN_TRAIN:
        rows.append(_row(t, "benign_train", toxicity=0.0, threat=0.0, insult=0.0, obscene=0.0, identity_attack=0.0, severe_toxicity=0.0))
    for f, i in itertools.product(ID_NONTOXIC_TRAIN, IDENTITY + CONTROL):
        rows.append(_row(f.format(i=i), "identity_train", toxicity=0.0, identity_attack=0.0, insult=0.0, obscene=0.0, threat=0.0))
    for f, i in itertools.product(ID_NONTOXIC_EVAL, IDENTITY + CONTROL):
        rows.append(_row(f.format(i=i), "fairness_eval", toxicity=0.0, identity_attack=0.0, identity=i if i in IDENTITY else "", ))
    for f, i in itertools.product(ID_NONTOXIC_FRESH, IDENTITY + CONTROL):
        rows.append(_row(f.format(i=i), "fairness_fresh", toxicity=0.0, identity_attack=0.0, identity=i if i in IDENTITY else ""))
    for f, i in itertools.product(ID_TOXIC_EVAL, IDENTITY + CONTROL):
        rows.append(_row(f.format(i=i), "fairness_eval", toxicity=1.0, identity=i if i in IDENTITY else ""))
    lex = pd.read_csv(f"{data}/toxicity/profanity_en_lexicon.csv")
    for t, c1, c2, sev in zip(lex.text, lex.category_1, lex.category_2.fillna(""), lex.severity_rating):
        cats = f"{c1}|{c2}"
        obscene = float("sexual" in cats or "bodily" in cats)
        identity = float(("racial" in cats or "orientation" in cats or "religious" in cats) and sev >= 2)
        tox = 1.0 if sev >= 2 else 0.7
        for frame in rng.sample(LEX_FRAMES, 2):
            rows.append(_row(frame.format(t=t), "lexicon", toxicity=tox, obscene=obscene, identity_attack=identity,
                             insult=tox if frame != "{t}" else np.nan, severe_toxicity=0.5 if sev >= 2.5 else np.nan))
    return rows


# Counterfactual augmentation over identity terms: each real training text that names an identity
# also trains once with that term swapped for another, under the same labels, so a term's presence
# alone carries no toxicity (Dixon et al. 2018; Garg et al. 2019). Evaluation frames are untouched.
SWAP_TERMS = sorted(set(IDENTITY) | set(BIAS_TERMS) | {"immigrant", "refugee", "foreigner", "jew", "arab", "asian"})
_SWAP = re.compile(r"\b(" + "|".join(sorted(SWAP_TERMS, key=len, reverse=True)) + r")(s?)\b", re.I)


def counterfactuals(df: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    src = df[(df.split == "train") & df.source.isin(REAL_LABELLED)]
    out = []
    for _, r in src.iterrows():
        m = _SWAP.search(r.text)
        if not m:
            continue
        other = rng.choice([t for t in SWAP_TERMS if t != m.group(1).lower()])
        row = r.to_dict()
        row["text"] = r.text[:m.start()] + other + m.group(2) + r.text[m.end():]
        row["source"] = "counterfactual"
        row["identity"] = other
        out.append(row)
    return pd.DataFrame(out)


def build(data: str = DATA, seed: int = 13) -> pd.DataFrame:
    rng = random.Random(seed)
    df = pd.DataFrame(real_rows(data) + template_rows(data, rng) + more_rows(data, rng))
    df = df[df.text.str.len() > 0]
    df["key"] = df.text.map(key)
    df = df[df.key.str.len() > 0]
    # Rows without a split of their own: the session-1 real sets by text hash, templates by frame.
    templated = df.source.str.endswith("_eval") | df.source.isin(["fairness_eval", "fairness_fresh", "group_neutral_fresh"])
    own = df["split"].isna() if "split" in df else pd.Series(True, index=df.index)
    df["split"] = np.where(~own, df.get("split"), np.where(templated, "eval", "train"))
    old_real = own & df.source.isin(["davidson", "olid", "prompts", "wnut"])
    df.loc[old_real, "split"] = df.loc[old_real, "key"].map(hash_split)
    aug = counterfactuals(df, rng)
    df = pd.concat([df, aug.assign(key=aug.text.map(key))], ignore_index=True)
    # One copy per text, on its most held-out side.
    order = df.split.map({"test": 0, "eval": 1, "val": 2, "train": 3})
    df = df.assign(_o=order).sort_values("_o", kind="stable").drop_duplicates("key", keep="first")
    return df.drop(columns="_o").sort_index().reset_index(drop=True)


if __name__ == "__main__":
    df = build()
    print(df.groupby(["source", "split"]).size())
