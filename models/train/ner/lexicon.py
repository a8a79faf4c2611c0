"""Word knowledge for the gazetteer beyond Faker's pools (`train.py --lexicon`, on by default).

Without it (and before the word clusters of clusters.py), a name the model never saw in training
is only a capitalised word to it ("meeting with Trisha in Paris": P(PERSON) 0.02), and its
first-name list is noisy (Faker's 30 locales contain "Will", "May", "Long", "Can"...), which teaches it to distrust
the list. Three lists fix what can be fixed from packages whose licences allow shipping them:

- `first`: US Census 1990 given names (public-domain data, in PyPI `names` 0.3.0, MIT) and the
  names and nicknames of PyPI `nicknames` 1.0.1 (Apache-2.0): "Matt", "Trisha", "Jen".
- `last`: the most frequent US Census 1990 surnames (same package), up to `--lexicon-surnames`.
- `word`: common lowercase words, counted in our own unlabelled corpora (Davidson tweets, MIT;
  S-Labs and Threat-Matrix prompts, MIT / Apache-2.0): a token the model never saw in training
  but that people write in lowercase mid-sentence is a word, not a name. Names that are also words
  ("will", "rose") hit both lists, which is exactly the ambiguity the model must learn.
"""
import collections
import csv
import re
from pathlib import Path

from data import DATA

TOKEN = re.compile(r"[A-Za-z][A-Za-z']*")


def census_first():
    import names

    root = Path(names.__file__).parent
    out = set()
    for f in ("dist.female.first", "dist.male.first"):
        out |= {line.split()[0].lower() for line in open(root / f) if line.strip()}
    return out


def census_last(top):
    import names

    rows = [line.split() for line in open(Path(names.__file__).parent / "dist.all.last") if line.strip()]
    rows.sort(key=lambda r: int(r[3]))  # rank
    return {r[0].lower() for r in rows[:top]}


def nicknames():
    import nicknames as nk

    out = set()
    with open(Path(nk.__file__).parent / "names.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out |= {row["name1"].lower(), row["name2"].lower()}
    return {n for n in out if n.isalpha() and len(n) > 1}


def common_words(top, min_count=5, min_lower_share=0.9):
    """Words written in lowercase at least `min_lower_share` of the times they appear mid-sentence,
    the `top` most frequent. Sentence starts are skipped: there every word is capitalised."""
    import pandas as pd

    texts = pd.read_csv(DATA / "toxicity/davidson_labeled_data.csv")["tweet"].astype(str).tolist()
    texts += pd.read_csv(DATA / "prompt_injection/slabs/train.csv").iloc[:, 0].astype(str).tolist()
    texts += pd.read_parquet(DATA / "prompt_injection/neuralchemy/core-train.parquet")["text"].astype(str).tolist()
    lower, total = collections.Counter(), collections.Counter()
    for text in texts:
        for sentence in re.split(r"[.!?\n]+", text):
            for i, m in enumerate(TOKEN.finditer(sentence)):
                w = m.group()
                if i == 0 or w.isupper():
                    continue
                total[w.lower()] += 1
                if w.islower():
                    lower[w] += 1
    ok = [(c, w) for w, c in lower.items() if c >= min_count and c / total[w] >= min_lower_share and len(w) > 1]
    return {w for _, w in sorted(ok, reverse=True)[:top]}


def lexicon(surnames=20000, words=6000):
    """Extra gazetteer entries: {"first": ..., "last": ..., "word": ...} (folded, lowercase)."""
    return {"first": census_first() | nicknames(), "last": census_last(surnames), "word": common_words(words)}
