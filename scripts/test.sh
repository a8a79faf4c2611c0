#!/usr/bin/env bash
# Every test of scrim, from a clean clone: installs what it needs, builds, runs
#   0. the gates: rustfmt, clippy (warnings are errors), rustdoc (warnings are errors), the
#      rules-only build (--no-default-features), the tools crate
#   1. Rust unit, integration, property and doc tests (native, all features)
#   2. the JS suite against the npm package as a user installs it (Node)
#   3. the browser suites in Debian's Chromium via playwright-core: the demo page and the extension
#   4. the benchmark's smoke mode: a tiny corpus through every scrim runner (native, Node, Chromium)
#      and the scorer; fails if a runner breaks (numbers are reported, never asserted)
set -euo pipefail
cd "$(dirname "$0")/.."

# No incremental caches: a one-shot CI build gains nothing from them and they double target/.
export CARGO_INCREMENTAL=0

node scripts/setup.mjs
if [ ! -x /usr/bin/chromium ]; then
  echo "test: installing Debian's chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
fi

# Each phase says when it starts (seconds since the start), so a slow CI run shows where time went.
phase() { echo "== [${SECONDS}s] $*" >&2; }

phase "gates: cargo fmt --check, clippy, rustdoc, rules-only build"
cargo fmt --all --check
cargo clippy --all-targets --features cli -- -D warnings
cargo clippy -p scrim-tools --all-targets --features models -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --features cli
cargo build --no-default-features

phase "cargo test"
cargo test --features cli,typescript

phase "npm package build"
node scripts/build.mjs
# The package's declarations type-check (types.d.ts is generated from the Rust structs and
# checked by cargo test --features typescript; this checks index.d.ts uses it correctly).
npx tsc --noEmit --strict pkg/index.d.ts pkg/worker.d.ts
# ...and say what the API does (failClosed results, vault secrets, error kinds): a usage file.
npx tsc --noEmit --strict tests/js/api-types.ts
# The SDK wrappers' declarations against the real `ai` and `openai` types, and how a user calls them.
npx tsc --noEmit --strict --target es2022 --module nodenext --lib es2022,dom pkg/ai-sdk.d.ts pkg/openai.d.ts tests/types/usage.ts

phase "JS suite (Node)"
node --test tests/js/

phase "browser suites (Chromium): demo page and extension"
node scripts/build-demo.mjs
node --test tests/browser/

phase "benchmark smoke run (bench/run.py --smoke)"
python3 bench/run.py --smoke
phase "all tests passed"
