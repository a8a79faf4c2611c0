"""The held-out tables of models/ner.md, from models/train/ner/metrics.json (so the card is never
copied by hand): per held-out real split and per entity, P/R/F1 of scrim at the default policy's
operating point next to spaCy small and spaCy md on the same sentences; then the same as written
and lowercased, F1 only.

    python models/train/ner/card_tables.py [metrics.json]      (train.sh writes them into the card)

With --write, replaces the part of models/ner.md between `<!-- heldout:begin -->` and
`<!-- heldout:end -->`.
"""
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
BEGIN, END = "<!-- heldout:begin -->", "<!-- heldout:end -->"
ENTS = [("PERSON", "PER"), ("LOCATION", "LOC"), ("ORGANIZATION", "ORG")]
# What each split is: the card's reader should not need the data README to read the table.
GENRES = {
    "wnut17": "tweets (WNUT17 train, held-out share)",
    "btc": "tweets, six sections (Broad Twitter Corpus)",
    "uner_en_ewt": "web: weblogs, e-mail, reviews, Q&A (UNER EWT)",
    "gum": "letters-like genres: interview, court, bio, news, voyage, academic (GUM, silver names)",
    "wikigold": "Wikipedia (wikigold)",
    "crossner": "Wikipedia, five domains (CrossNER)",
    "sec_filings": "loan agreements (SEC filings)",
    "re3d": "defence and security reports (re3d)",
    "snips_nlu_2017": "voice-assistant requests, places only (Snips)",
    "real_all": "**all real splits together (micro)**",
}


def f(x):
    return f"{x:.3f}"


def tables(m):
    h = m["heldout"]
    splits = [k for k in h if not k.endswith("_lowercased") and k != "synthetic"]
    splits = [k for k in splits if k != "real_all"] + ["real_all"]
    systems = [("scrim@policy", "scrim"), ("spacy_sm", "spaCy sm"), ("spacy_md", "spaCy md")]
    out = ["| split | sentences | entity | scrim P / R / **F1** | spaCy sm P / R / F1 | spaCy md P / R / F1 | support |",
           "|---|---|---|---|---|---|---|"]
    for split in splits:
        row = h[split]
        for ent, short in ENTS:
            if row["scrim@policy"][ent]["support"] == 0:
                continue
            cells = []
            for key, _ in systems:
                r = row.get(key, {}).get(ent)
                cells.append("n/a" if r is None else f"{f(r['precision'])} / {f(r['recall'])} / " + (f"**{f(r['f1'])}**" if key.startswith("scrim") else f(r["f1"])))
            out.append(f"| {GENRES.get(split, split)} | {row['sentences']:,} | {short} | " + " | ".join(cells) + f" | {row['scrim@policy'][ent]['support']:,} |")
    out += ["", "Same splits, F1 as written → every letter lowercased (chat style):", "",
            "| split | entity | scrim | spaCy sm | spaCy md |", "|---|---|---|---|---|"]
    for split in splits:
        row, low = h[split], h.get(split + "_lowercased")
        if low is None:
            continue
        for ent, short in ENTS:
            if row["scrim@policy"][ent]["support"] == 0:
                continue
            cells = [f"{f(row[k][ent]['f1'])} → {f(low[k][ent]['f1'])}" if k in row else "n/a" for k, _ in systems]
            out.append(f"| {GENRES.get(split, split)} | {short} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    m = json.loads(Path(args[0] if args else REPO / "models/train/ner/metrics.json").read_text())
    text = tables(m)
    if "--write" not in sys.argv:
        print(text)
        return
    card = REPO / "models/ner.md"
    md = card.read_text()
    if BEGIN not in md:
        raise SystemExit(f"{card}: no {BEGIN} marker")
    head, rest = md.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    card.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}")


if __name__ == "__main__":
    main()
