#!/bin/sh
# Retrain the toxicity model from scratch (seeded), evaluate it and export it:
#
#   models/train/toxicity/train.sh            # uses /opt/scrim-train if present, else makes a venv
#
# Reads ../shared/data (override with SCRIM_DATA=...), writes models/toxicity.onnx, updates the
# thresholds in models/toxicity.json, writes models/train/toxicity/metrics.json and
# tests/data/models/toxicity_reference.json. Takes ~10 minutes on an idle 2-core machine.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
DATA=${SCRIM_DATA:-$ROOT/../shared/data}
PY=${SCRIM_TRAIN_PYTHON:-/opt/scrim-train/bin/python}
if [ ! -x "$PY" ]; then
    python3 -m venv "$ROOT/models/train/.venv"
    PY="$ROOT/models/train/.venv/bin/python"
    "$PY" -m pip install -r "$ROOT/models/train/requirements-toxicity.txt"
fi
# find_spec, not import: the teachers' __init__ imports TensorFlow, which we never install.
"$PY" -c "import importlib.util as u, sys; sys.exit(not all(u.find_spec(m) for m in ('tox_block', 'toxic_classifier', 'profanity_check')))" ||
    "$PY" -m pip install --no-deps tox-block==0.1.2 toxic-comment-classifier==0.3.0 alt-profanity-check==1.9.1
(cd "$ROOT" && cargo build --release -p scrim-tools --bin featurize)
CACHE="$ROOT/models/train/cache/toxicity"
rm -rf "$CACHE"
cd "$ROOT/models/train/toxicity"
"$PY" prep.py "$DATA" "$ROOT/models/toxicity.json"
# The chosen configuration (see models/toxicity.md, "Architecture"): linear head, sqrt pooling,
# fixed bias, seed 13.
"$PY" train.py --power 0.5 --fixed-bias -3 --seed 13 --out "$CACHE/model.pt"
"$PY" evaluate.py "$CACHE/model.pt"
cp "$CACHE/model.metrics.json" metrics.json
"$PY" export.py "$CACHE/model.pt" "$ROOT/models/toxicity.json" "$ROOT/models/toxicity.onnx" \
    "$ROOT/tests/data/models/toxicity_reference.json" metrics.json
