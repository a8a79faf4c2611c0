#!/usr/bin/env bash
# Retrain scrim's prompt-injection classifier and refresh its card's figures, in one command:
#
#   models/train/injection/train.sh            (from the repository root)
#
# Reads ../shared/data (see its README) or $SCRIM_DATA; writes models/injection.onnx,
# models/injection.json, tests/data/injection/parity.json and, in $WORK (default
# target/injection-train), rows.parquet, metrics.json and eval.json. Everything is seeded
# (SEED in prep.py / train.py): the same data gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")/../../.."
DATA="$(realpath "${SCRIM_DATA:-../shared/data}")"
WORK="${WORK:-target/injection-train}"
PY=/opt/scrim-train/bin/python
if [ ! -x "$PY" ]; then
  python3 -m venv target/venv-injection
  target/venv-injection/bin/pip install -q -r models/train/requirements-injection.txt
  PY=target/venv-injection/bin/python
fi
# The one featurizer (src/model/features.rs) and the heuristics (src/injection/), as binaries.
cargo build --release -p scrim-tools --bin featurize --bin injection_scan
mkdir -p "$WORK"
"$PY" models/train/injection/prep.py "$DATA" "$WORK"
"$PY" models/train/injection/train.py "$WORK" "$PWD"
"$PY" models/train/injection/eval.py "$WORK" "$PWD"
sha256sum models/injection.onnx
