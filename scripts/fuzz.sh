#!/usr/bin/env bash
# Run every cargo-fuzz target of scrim (fuzz/) for a fixed budget, one after the other, one process
# each (the machine's cores are shared). Usage:
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     # default 300 s; targets: protect policy
#                                                        # vault_import vault_import_encrypted restore_stream
#   FUZZ_MODELS=1 scripts/fuzz.sh 300 protect_models     # the protect target with the classifiers
#
# Needs `cargo install cargo-fuzz`. cargo fuzz passes nightly-only flags to rustc; on the stable
# toolchain RUSTC_BOOTSTRAP=1 lets it through (set here), with a nightly toolchain it is not needed.
# The sanitizer is off (`-s none`): scrim and its parsers are safe Rust, and without ASan the
# fuzzer runs several times as many inputs in the same budget; set FUZZ_SANITIZER=address to turn
# it back on. Seeds (fuzz/seeds/<target>, committed) are read; what the fuzzer learns goes to
# fuzz/corpus/<target> (not committed). A crash stops that target and leaves its input in
# fuzz/artifacts/<target>/; minimize it (`cargo fuzz tmin`), fix it, and commit the input under
# fuzz/regressions/<target>/, where `cargo test --test fuzz_regressions` replays it.
# Each target's log, with libFuzzer's final stats (executions, coverage), is fuzz/artifacts/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

budget="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(protect policy vault_import vault_import_encrypted restore_stream)
fi
sanitizer="${FUZZ_SANITIZER:-none}"
features=()
if [ "${FUZZ_MODELS:-0}" = 1 ]; then
  features=(--features models)
fi
export RUSTC_BOOTSTRAP=1

status=0
for t in "${targets[@]}"; do
  seeds="$t"
  [ "$t" = protect_models ] && seeds=protect
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  dict=()
  [ -f "fuzz/dict/$seeds.dict" ] && dict=("-dict=fuzz/dict/$seeds.dict")
  echo "== $t: ${budget}s" >&2
  if cargo fuzz run -s "$sanitizer" "${features[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$seeds" -- \
      -max_total_time="$budget" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "${dict[@]}" \
      2>&1 | tee "fuzz/artifacts/$t.log" | grep -E '^(#[0-9]+ +(INITED|DONE)|stat::number_of_executed_units|==[0-9]+== ERROR|.*panicked at|SUMMARY)' >&2; then
    :
  fi
  if grep -q -E 'panicked at|==[0-9]+== ERROR|libFuzzer: (deadly signal|timeout|out-of-memory)' "fuzz/artifacts/$t.log"; then
    echo "!! $t: crash; input in fuzz/artifacts/$t/" >&2
    status=1
  fi
done
exit "$status"
