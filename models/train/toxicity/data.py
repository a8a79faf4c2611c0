"""Build the toxicity training / validation / test tables from ../shared/data and templates.

Output: `<work>/rows.parquet` with columns text, source, split, the seven label targets in [0, 1]
(NaN where a row carries no information for a label) and the hard labels used for evaluation.

Splits (seeded, after de-duplication on a folded key so no text sits on both sides):
  real data (davidson, OLID, benign prompts, WNUT tweets): 75% train / 10% validation / 15% test.
  templates: train templates and eval templates are *disjoint sentence frames* (and, for implicit
  hate, disjoint target groups), so the implicit-hate and fairness figures measure generalisation to
  phrasings the model never saw.
"""
from __future__ import annotations

import html
import itertools
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


def key(t: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", t.lower())


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


def build(data: str = DATA, seed: int = 13) -> pd.DataFrame:
    rng = random.Random(seed)
    df = pd.DataFrame(real_rows(data) + template_rows(data, rng))
    df = df[df.text.str.len() > 0]
    df["key"] = df.text.map(key)
    df = df[df.key.str.len() > 0].drop_duplicates("key", keep="first").reset_index(drop=True)
    split = np.where(df.source.str.endswith("_eval") | (df.source == "fairness_eval"), "eval", "train")
    real = df.source.isin(["davidson", "olid", "prompts", "wnut"]).to_numpy()
    u = np.random.default_rng(seed).random(len(df))
    split = np.where(real & (u < 0.15), "test", np.where(real & (u < 0.25), "val", split))
    df["split"] = split
    return df


if __name__ == "__main__":
    df = build()
    print(df.groupby(["source", "split"]).size())
