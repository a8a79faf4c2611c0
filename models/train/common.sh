# One convention for training every bundled model; sourced (bash) by models/train/<model>/train.sh:
#
#   scrim_train_env <model> "<python imports this model needs>"
#
# sets, the same way for all three models:
#   REPO  the repository root
#   DATA  $SCRIM_DATA, else ../shared/data beside the repository (read only)
#   WORK  $SCRIM_TRAIN_WORK, else target/train/<model>: caches, checkpoints, logs (never committed)
#   PY    $SCRIM_TRAIN_PYTHON if set (used as is: you made it), else /opt/scrim-train/bin/python
#         when it imports what the model needs, else models/train/.venv, made once and given
#         requirements-<model>.txt
# and, at the end of a training, `scrim_train_inputs <model>` rewrites the card's table of the
# data files the training read with their sha256 (models/train/inputs.py lists them per model).

scrim_train_env() {
  local model=$1 imports=$2
  REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  DATA="$(realpath "${SCRIM_DATA:-$REPO/../shared/data}")"
  WORK="$(realpath -m "${SCRIM_TRAIN_WORK:-$REPO/target/train/$model}")"
  export SCRIM_DATA="$DATA" SCRIM_TRAIN_WORK="$WORK"
  mkdir -p "$WORK"
  if [[ -n "${SCRIM_TRAIN_PYTHON:-}" ]]; then
    PY=$SCRIM_TRAIN_PYTHON
  elif [[ -x /opt/scrim-train/bin/python ]] && /opt/scrim-train/bin/python -c "$imports" 2>/dev/null; then
    PY=/opt/scrim-train/bin/python
  else
    local venv="$REPO/models/train/.venv"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/python" -c "$imports" 2>/dev/null ||
      "$venv/bin/pip" install --quiet -r "$REPO/models/train/requirements-$model.txt"
    PY="$venv/bin/python"
  fi
  export SCRIM_TRAIN_PYTHON="$PY"
  echo "train $model: python $PY, data $DATA, work $WORK" >&2
}

scrim_train_inputs() {
  "$PY" "$REPO/models/train/inputs.py" "$1"
}
