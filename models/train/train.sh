#!/bin/sh
# Retrain one bundled model, or all three, from ../shared/data (override with SCRIM_DATA=...):
#
#   models/train/train.sh toxicity|injection|ner|all
#
# Each model's own script (models/train/<model>/train.sh) makes its venv from
# requirements-<model>.txt unless /opt/scrim-train or SCRIM_TRAIN_PYTHON points at one, trains with
# a fixed seed, evaluates on the split it holds out, and rewrites models/<model>.onnx, its sidecar
# and the metrics its card quotes. Nothing here runs at test time.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
case "${1:-}" in
    toxicity | injection | ner) exec "$HERE/$1/train.sh" ;;
    all) for m in toxicity injection ner; do "$HERE/$m/train.sh"; done ;;
    *) echo "usage: models/train/train.sh toxicity|injection|ner|all" >&2; exit 2 ;;
esac
