#!/usr/bin/env python3
"""The benchmark corpus: labelled chat-style prompts, PII-free prompts and their perturbed copies.

Writes into OUT (default bench/out/):

  corpus.jsonl     {"id", "part", "text", "spans": [{"entity", "start", "end"}], "ignore"}
                   code-point offsets. Parts:
                     rules  identifiers and secrets, from bench/pii_corpus.py (the recognizer
                            helper's generator, reused as is); names there are not labelled, so
                            PERSON / LOCATION / ORGANIZATION findings in these prompts are ignored
                            by the scorer ("ignore" lists the entity types left unlabelled);
                     names  people, places and organisations in chat prompts, mixed with contact
                            details (everything labelled);
                     clean  PII-free prompts (code questions, versions, prices, dates of events,
                            hashes): any finding in them is a false positive.
  perturbed.jsonl  the labelled prompts again with each gold value perturbed the way an evader
                   would (homoglyphs, zero-width characters, fullwidth forms, spaced-out
                   characters, a line break inside the value); "perturbation" names which.
  long.jsonl       ~1 KB prompts (whole corpus prompts joined) for the per-prompt latency target.
  toxicity.jsonl   with --toxicity ROWS.parquet (the toxicity training table, target/train/
                   toxicity/rows.parquet): a seeded sample of its held-out "test" split with a
                   hard label, {"id", "text", "label", "source"}; never a split the model tuned on.
  toxicity_perturbed.jsonl   the toxic ones again, every word of 4+ letters perturbed (leetspeak,
                   homoglyphs, zero-width characters, fullwidth forms, spaced-out letters).

    python bench/corpus.py --seed 7 --per-entity 20 --out bench/out
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pii_corpus  # noqa: E402  (bench/pii_corpus.py: the recognizer helper's generator)

from faker import Faker  # noqa: E402

R = random.Random()
FK = Faker(["en_US", "en_GB"])

# Entity types the rules part does not label (see the module doc).
UNLABELLED_IN_RULES = ["PERSON", "LOCATION", "ORGANIZATION", "ADDRESS", "NRP", "DATE_TIME"]

# ----------------------------------------------------------------- names part

NAME_TEMPLATES = [
    "Can you write a reference letter for {PERSON}? She worked with us at {ORGANIZATION} for three years.",
    "Draft a polite reminder to {PERSON} about the overdue report, cc {EMAIL_ADDRESS}.",
    "I'm meeting {PERSON} in {LOCATION} next week, what should I see there?",
    "Summarize this: {PERSON} from {ORGANIZATION} called about the contract renewal and asked us to call back on {PHONE_NUMBER}.",
    "Translate to French: Dear {PERSON}, thank you for your order.",
    "My landlord {PERSON} won't return the deposit. I live in {LOCATION}. What are my rights?",
    "Help me reply to {PERSON}, who wants to move our call to Friday.",
    "Write a LinkedIn recommendation for {PERSON}, a data engineer at {ORGANIZATION}.",
    "We are relocating our office from {LOCATION} to {LOCATION}. Draft an announcement for staff.",
    "Is {ORGANIZATION} a good employer? I have an offer from them in {LOCATION}.",
    "Rewrite this email so it sounds friendlier: Hi {PERSON}, the numbers you sent are wrong again.",
    "{PERSON} and {PERSON} are organising the team offsite, write them a thank-you note.",
    "Patient {PERSON}, born {DATE_OF_BIRTH}, reports chest pain since Tuesday. Draft a referral.",
    "Make a packing list for my trip to {LOCATION} with {PERSON}.",
    "Compose a complaint to {ORGANIZATION} about my broken washing machine; my email is {EMAIL_ADDRESS}.",
]
FILL = {
    "PERSON": lambda: R.choice([FK.name, FK.first_name_female, lambda: f"{FK.first_name()} {FK.last_name()}", lambda: f"Mr. {FK.last_name()}"])(),
    "LOCATION": lambda: R.choice([FK.city, FK.country, FK.city])(),
    "ORGANIZATION": lambda: FK.company(),
    "EMAIL_ADDRESS": lambda: FK.email(),
    "PHONE_NUMBER": lambda: f"({R.randint(201, 989)}) {R.randint(200, 999)}-{R.randint(0, 9999):04d}",
    "DATE_OF_BIRTH": lambda: FK.date_of_birth(minimum_age=18, maximum_age=90).strftime("%m/%d/%Y"),
}


def fill(template):
    text, spans, pos = "", [], 0
    rest = template
    while "{" in rest:
        before, rest = rest.split("{", 1)
        ent, rest = rest.split("}", 1)
        text += before
        value = FILL[ent]()
        if ent == "PERSON" and value.startswith("Mr. "):
            text += "Mr. "
            value = value[4:]
        spans.append({"entity": ent, "start": len(text), "end": len(text) + len(value)})
        text += value
    text += rest
    return text, spans


# ----------------------------------------------------------------- clean part

CLEAN_TEMPLATES = [
    "How do I sort a list of tuples by the second element in Python {v}?",
    "Explain the difference between TCP and UDP in {n} sentences.",
    "My build fails with error code {hex} after upgrading to version {v}. Any idea?",
    "Write a haiku about autumn leaves and rain.",
    "What is {n} times {m}? Show the steps.",
    "Convert {n} degrees Fahrenheit to Celsius.",
    "The meeting on {date} was moved to 3pm; write a short note to the team.",
    "Give me a recipe for a vegetarian lasagna for {n} people.",
    "Why does `git rebase -i HEAD~{n}` say 'nothing to do'?",
    "Our revenue grew from ${m},000 to ${n},500 this quarter. Write a one-line summary.",
    "Refactor this function:\n\nfunction add(a, b) {{ return a + b; }}\n\nto use TypeScript types.",
    "What are the main causes of the French Revolution?",
    "Suggest {n} names for a bakery that sells sourdough bread.",
    "In SQL, how do I select the top {n} rows per group?",
    "The checksum of the release is sha256 {sha}. How do I verify it on Linux?",
    "Plan a {n}-day itinerary for a hiking trip in the mountains.",
    "Explain the big-O complexity of quicksort, worst case and average.",
    "I have {n} apples and give away {m}. How many are left?",
    "Write unit tests for a function that parses ISO 8601 dates like {date}.",
    "Why is my Docker image {n} MB larger after adding a single package?",
    "Rust: why does the borrow checker reject this loop over a Vec<String>?",
    "Summarize the plot of Hamlet in {n} bullet points.",
    "Our API returns HTTP {code} for about {n}% of requests after deploy {v}. Where should I look?",
    "How many grams of flour are in {n} cups?",
    "Translate 'good morning, how are you?' into Spanish and German.",
    "Make this paragraph more concise: the quarterly results, which were released on {date}, show growth.",
    "What is the capital city with the largest population in the world?",
    "Write a regular expression that matches hexadecimal colours like #{col}.",
    "Order #{n}{m} arrived damaged. Draft a polite return request without personal details.",
    "Give me {n} interview questions for a junior frontend developer.",
]


def clean_prompt():
    t = R.choice(CLEAN_TEMPLATES)
    return t.format(
        v=f"{R.randint(1, 4)}.{R.randint(0, 20)}.{R.randint(0, 9)}",
        n=R.randint(2, 120),
        m=R.randint(2, 99),
        hex=f"0x{R.getrandbits(32):08X}",
        date=f"2026-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}",
        sha=f"{R.getrandbits(256):064x}",
        code=R.choice([404, 429, 500, 502, 503]),
        col=f"{R.getrandbits(24):06x}",
    )


# ----------------------------------------------------------------- perturbations

HOMOGLYPH = dict(zip("aceopxyiABCEHKMOPTXy", "асеорхуіАВСЕНКМОРТХу"))
PERTURBATIONS = ["homoglyph", "zero_width", "fullwidth", "spacing", "line_break"]


def perturb_value(value, kind, rng):
    if kind == "homoglyph":
        return "".join(HOMOGLYPH.get(c, c) for c in value)
    if kind == "zero_width":
        out = []
        for i, c in enumerate(value):
            out.append(c)
            if i < len(value) - 1 and rng.random() < 0.3:
                out.append(rng.choice(["\u200b", "\u200d", "\u2060"]))
        return "".join(out)
    if kind == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in value)
    if kind == "spacing":
        return " ".join(value.replace(" ", ""))
    if kind == "line_break":
        i = len(value) // 2
        return value[:i] + "\n" + value[i:]
    raise ValueError(kind)


def perturb_doc(doc, kind, rng):
    text, spans, out, at, shift = doc["text"], sorted(doc["spans"], key=lambda s: s["start"]), "", 0, 0
    new_spans = []
    for s in spans:
        if s["start"] < at:
            continue
        value = perturb_value(text[s["start"]:s["end"]], kind, rng)
        out += text[at:s["start"]]
        new_spans.append({"entity": s["entity"], "start": len(out), "end": len(out) + len(value)})
        out += value
        at = s["end"]
    out += text[at:]
    return {**doc, "id": f"{doc['id']}~{kind}", "text": out, "spans": new_spans, "perturbation": kind}


# ----------------------------------------------------------------- toxicity split

LEET = dict(zip("aeiost", "4310$7"))
TOX_PERTURBATIONS = ["leetspeak", "homoglyph", "zero_width", "fullwidth", "spacing"]


def perturb_word(word, kind, rng):
    if kind == "leetspeak":
        return "".join(LEET.get(c.lower(), c) for c in word)
    if kind == "spacing":
        return " ".join(word)
    return perturb_value(word, kind, rng)


def toxicity(parquet, n, seed):
    import pandas as pd

    df = pd.read_parquet(parquet, columns=["text", "source", "split", "y_toxicity"])
    df = df[(df.split == "test") & df.y_toxicity.notna()]
    df = df.sample(n=min(n, len(df)), random_state=seed)
    rows = [{"id": f"tox-{i:05d}", "text": t, "label": int(y >= 0.5), "source": s}
            for i, (t, y, s) in enumerate(zip(df.text, df.y_toxicity, df.source))]
    rng = random.Random(seed + 2)
    perturbed = []
    for kind in TOX_PERTURBATIONS:
        for r in rows:
            if r["label"]:
                text = " ".join(perturb_word(w, kind, rng) if sum(c.isalpha() for c in w) >= 4 else w for w in r["text"].split(" "))
                perturbed.append({**r, "id": f"{r['id']}~{kind}", "text": text, "perturbation": kind})
    return rows, perturbed


# ----------------------------------------------------------------- main


def build(seed, per_entity, n_names, n_clean, n_perturb):
    R.seed(seed)
    FK.seed_instance(seed)
    pii_corpus.R.seed(seed)
    Faker.seed(seed)
    docs = []
    i = 0
    for ent in pii_corpus.T:
        for _ in range(per_entity):
            ents = [ent] + ([pii_corpus.R.choice(list(pii_corpus.T))] if pii_corpus.R.random() < 0.3 else [])
            d = pii_corpus.document(i, ents)
            # pii_corpus labels identifiers and secrets, not the names its templates and filler
            # happen to contain ("Dr. Smith's DEA number"): findings of these types are not scored
            docs.append({**d, "part": "rules", "ignore": UNLABELLED_IN_RULES})
            i += 1
    for j in range(n_names):
        text, spans = fill(R.choice(NAME_TEMPLATES))
        docs.append({"id": f"names-{j:05d}", "part": "names", "text": text, "spans": spans, "ignore": []})
    for j in range(n_clean):
        docs.append({"id": f"clean-{j:05d}", "part": "clean", "text": clean_prompt(), "spans": [], "ignore": []})
    rng = random.Random(seed + 1)
    labelled = [d for d in docs if d["spans"]]
    perturbed = []
    for kind in PERTURBATIONS:
        for d in rng.sample(labelled, len(labelled)):
            p = perturb_doc(d, kind, rng)
            if p["text"] != d["text"]:  # homoglyphs leave all-digit values alone: skip those
                perturbed.append(p)
            if sum(x["perturbation"] == kind for x in perturbed) >= n_perturb:
                break
    long_docs, buf = [], []
    for d in rng.sample(docs, len(docs)):
        buf.append(d["text"])
        if len(" ".join(buf).encode()) >= 1000:
            long_docs.append({"id": f"long-{len(long_docs):05d}", "text": " ".join(buf)[:1100]})
            buf = []
    return docs, perturbed, long_docs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-entity", type=int, default=20, help="rules-part prompts per entity type")
    ap.add_argument("--names", type=int, default=400, help="names-part prompts")
    ap.add_argument("--clean", type=int, default=600, help="PII-free prompts")
    ap.add_argument("--perturb", type=int, default=200, help="prompts per perturbation")
    ap.add_argument("--toxicity", help="the toxicity helper's rows.parquet (held-out split: 'test')")
    ap.add_argument("--toxicity-n", type=int, default=2000, help="toxicity test prompts sampled")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    docs, perturbed, long_docs = build(a.seed, a.per_entity, a.names, a.clean, a.perturb)
    files = [("corpus.jsonl", docs), ("perturbed.jsonl", perturbed), ("long.jsonl", long_docs)]
    if a.toxicity:
        try:
            tox, tox_perturbed = toxicity(a.toxicity, a.toxicity_n, a.seed)
            files += [("toxicity.jsonl", tox), ("toxicity_perturbed.jsonl", tox_perturbed)]
        except (OSError, KeyError, ValueError) as e:  # the table is a training cache: it may be mid-rewrite
            kept = os.path.exists(os.path.join(a.out, "toxicity.jsonl"))
            print(f"corpus: cannot read the toxicity split {a.toxicity}: {e}; "
                  + ("keeping the sample of a previous run" if kept else "no toxicity benchmark"), file=sys.stderr)
    for name, rows in files:
        with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"corpus: {len(docs)} prompts, {len(perturbed)} perturbed, {len(long_docs)} ~1 KB prompts -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
