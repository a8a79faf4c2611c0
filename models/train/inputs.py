"""The data files each model's training reads, and their sha256, written into the model's card.

    python models/train/inputs.py ner|toxicity|injection     (train.sh runs it after training)

Reads $SCRIM_DATA (default ../shared/data beside the repository). Rewrites the part of
models/<model>.md between the `inputs:begin` / `inputs:end` markers (adds it at the end the first
time). A listed file that is missing is an error: the table must name what the model learned from.
Keep the lists in step with the training code (the paths below are the ones its readers open).
"""
import hashlib
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("SCRIM_DATA", REPO.parent / "shared" / "data")).resolve()

# Paths under DATA, or "repo:" paths inside this repository.
INPUTS = {
    "ner": [  # models/train/ner/data.py, lexicon.py, synthetic.py
        "pii/wnut17/wnut17train.conll",
        "pii/wnut17/emerging.dev.conll",
        # data.REAL_SETS (session 5)
        "pii/btc/btc.jsonl",
        "pii/uner_en_ewt/uner_en_ewt.jsonl",
        "pii/gum/gum.jsonl",
        "pii/wikigold/wikigold.jsonl",
        "pii/crossner/crossner.jsonl",
        "pii/sec_filings/sec_filings.jsonl",
        "pii/re3d/re3d.jsonl",
        "pii/snips_nlu_2017/snips_nlu_2017.jsonl",
        "pii/presidio_research/templates.txt",
        "pii/presidio_research/companies_and_organizations.csv",
        "pii/presidio_research/FakeNameGenerator.com_3000.csv",
        "toxicity/davidson_labeled_data.csv",
        "toxicity/olid/olid-training-v1.0.tsv",
        "prompt_injection/slabs/train.csv",
        "prompt_injection/neuralchemy/core-train.parquet",
    ],
    "toxicity": [  # models/train/toxicity/data.py
        "toxicity/davidson_labeled_data.csv",
        "toxicity/olid/olid-training-v1.0.tsv",
        "toxicity/profanity_en_lexicon.csv",
        "toxicity/hatexplain/hatexplain.jsonl",
        "toxicity/toxic_spans/toxic_spans.jsonl.gz",
        "toxicity/convabuse/convabuse.jsonl",
        "toxicity/hatemoji/hatemoji.jsonl",
        "toxicity/stormfront/stormfront.jsonl",
        "toxicity/mlma_en/mlma_en.jsonl",
        "toxicity/conversationai_bias/conversationai_bias.jsonl.gz",
        "prompt_injection/slabs/train.csv",
        "prompt_injection/neuralchemy/core-train.parquet",
        "pii/wnut17/wnut17train.conll",
    ],
    "injection": [  # models/train/injection/prep.py
        "prompt_injection/slabs/train.csv",
        "prompt_injection/slabs/validation.csv",
        "prompt_injection/neuralchemy/core-train.parquet",
        "prompt_injection/neuralchemy/core-validation.parquet",
        "prompt_injection/yanismiraoui/prompt_injections.csv",
        "toxicity/davidson_labeled_data.csv",
        "repo:models/train/injection/benign_prompts.txt",
    ],
}

BEGIN, END = "<!-- inputs:begin -->", "<!-- inputs:end -->"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def table(model: str) -> str:
    rows = ["| file | bytes | sha256 |", "|---|---:|---|"]
    for name in INPUTS[model]:
        path = REPO / name[5:] if name.startswith("repo:") else DATA / name
        if not path.is_file():
            sys.exit(f"inputs.py: {model} reads {name}, which is not at {path}")
        shown = name[5:] if name.startswith("repo:") else f"../shared/data/{name}"
        rows.append(f"| `{shown}` | {path.stat().st_size:,} | `{sha256(path)}` |")
    return "\n".join(rows)


def main(model: str) -> None:
    if model not in INPUTS:
        sys.exit(f"usage: inputs.py {'|'.join(INPUTS)}")
    card = REPO / "models" / f"{model}.md"
    text = card.read_text()
    block = (f"{BEGIN}\nThe data files the training script reads (`models/train/inputs.py {model}`, run by "
             f"`train.sh` after each training, rewrites this table).\n\n{table(model)}\n{END}")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Input data (sha256)\n\n" + block + "\n"
    card.write_text(text)
    print(f"inputs.py: {card.relative_to(REPO)}: {len(INPUTS[model])} input files hashed")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
