#!/usr/bin/env bash
# Retrain one bundled model, or all three:
#
#   models/train/train.sh toxicity|injection|ner|all
#
# Every model trains the same way (models/train/common.sh): one interpreter ($SCRIM_TRAIN_PYTHON,
# else /opt/scrim-train, else models/train/.venv made from requirements-<model>.txt), one data
# directory ($SCRIM_DATA, default ../shared/data), one work directory per model
# ($SCRIM_TRAIN_WORK, default target/train/<model>). Each trains with a fixed seed, evaluates on
# the split it holds out, rewrites models/<model>.onnx, its sidecar, the metrics its card quotes
# and the card's table of input files with their sha256 (models/train/inputs.py). Nothing here
# runs at test time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
case "${1:-}" in
    toxicity | injection | ner) exec "$here/$1/train.sh" ;;
    all) for m in toxicity injection ner; do "$here/$m/train.sh"; done ;;
    *) echo "usage: models/train/train.sh toxicity|injection|ner|all" >&2; exit 2 ;;
esac
