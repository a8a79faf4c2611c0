#!/usr/bin/env bash
# Retrain scrim's prompt-injection classifier and refresh its card's figures, in one command:
#
#   models/train/injection/train.sh
#
# Interpreter, data and work directory as every model's (models/train/common.sh): $SCRIM_TRAIN_PYTHON,
# $SCRIM_DATA, $SCRIM_TRAIN_WORK (default target/train/injection: rows.parquet, metrics.json,
# eval.json). Writes models/injection.onnx, models/injection.json, tests/data/injection/parity.json
# and the card's input table. Everything is seeded (SEED in prep.py / train.py): the same data
# gives the same bytes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../common.sh"
scrim_train_env injection "import numpy, pandas, pyarrow, scipy, sklearn, onnx"
cd "$REPO"
# The one featurizer (src/model/hashed_ngrams.rs) and the heuristics (src/injection/), as binaries.
cargo build --release -p scrim-tools --bin featurize --bin injection_scan
"$PY" models/train/injection/prep.py "$DATA" "$WORK"
"$PY" models/train/injection/train.py "$WORK" "$REPO"
"$PY" models/train/injection/eval.py "$WORK" "$REPO"
sha256sum models/injection.onnx
scrim_train_inputs injection
