#!/usr/bin/env bash
# Retrain the toxicity model from scratch (seeded), evaluate it and export it:
#
#   models/train/toxicity/train.sh
#
# Interpreter, data and work directory as every model's (models/train/common.sh): $SCRIM_TRAIN_PYTHON,
# $SCRIM_DATA, $SCRIM_TRAIN_WORK (default target/train/toxicity: the row table with the teachers'
# scores, the featurized ids, checkpoints). Writes models/toxicity.onnx, the thresholds in
# models/toxicity.json, models/train/toxicity/metrics.json, tests/data/models/toxicity_reference.json
# and the card's input table. Takes ~10 minutes on an idle 2-core machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../common.sh"
scrim_train_env toxicity "import torch, onnx, pandas, sklearn, h5py"
# find_spec, not import: the teachers' __init__ imports TensorFlow, which we never install.
"$PY" -c "import importlib.util as u, sys; sys.exit(not all(u.find_spec(m) for m in ('tox_block', 'toxic_classifier', 'profanity_check')))" ||
    "$PY" -m pip install --no-deps tox-block==0.1.2 toxic-comment-classifier==0.3.0 alt-profanity-check==1.9.1
(cd "$REPO" && cargo build --release -p scrim-tools --bin featurize)
# A fresh table: the data may have changed since the last training.
rm -f "$WORK/rows.parquet" "$WORK"/ids-*.npz
cd "$here"
"$PY" prep.py "$DATA" "$REPO/models/toxicity.json"
# The chosen configuration (see models/toxicity.md, "Architecture"): linear head, sqrt pooling,
# fixed bias, learning rate 0.003 (chosen on validation in the 2026-12-03 round), seed 13.
"$PY" train.py --power 0.5 --fixed-bias -3 --lr 0.003 --seed 13 --out "$WORK/model.pt"
"$PY" evaluate.py "$WORK/model.pt"
cp "$WORK/model.metrics.json" metrics.json
"$PY" export.py "$WORK/model.pt" "$REPO/models/toxicity.json" "$REPO/models/toxicity.onnx" \
    "$REPO/tests/data/models/toxicity_reference.json" metrics.json
scrim_train_inputs toxicity
