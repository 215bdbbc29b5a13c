#!/usr/bin/env bash
# test.sh: the whole test suite, as CI runs it.
#
#  1. setup (scripts/setup.sh; fast when everything is installed);
#  2. compile the Nim programs of tests/programs with the real compiler (nim 1.6.10,
#     --incremental:on) into target/rodscope-corpus, with `nim rod` of every module;
#  3. cargo test of the workspace (oracle, robustness, graph/DCE, CLI golden files, web unit tests),
#     reading that corpus and ../shared/corpus (the 2.0/2.2 caches); any test that
#     had to SKIP part of its work while both corpora exist fails the run;
#  4. a short fuzz run (scripts/fuzz.sh, FUZZ_SECONDS=25 s per target: one .rod file
#     with the navigation oracle, one .alivesyms, a whole cache with one module fuzzed);
#  5. the two library crates build for wasm32-unknown-unknown; the benchmarks compile;
#  6. the web app builds (dist/ and the single-file dist-single/rodscope.html) and the
#     end-to-end tests run in headless Chromium (tests/e2e/run.mjs).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
step() { echo; echo "=== test: $* ==="; }
t0=$SECONDS

step "setup"
bash scripts/setup.sh

step "corpus (nim $(nim --version 2>/dev/null | head -1 | awk '{print $4}'))"
export RODSCOPE_CORPUS="$ROOT/target/rodscope-corpus"
bash scripts/gen-corpus.sh "$RODSCOPE_CORPUS"

step "cargo test"
log=$(mktemp)
# --nocapture shows the oracle counts (ORACLE/DETECT/ALIVE lines) in the log
# (pipefail: the pipeline fails when cargo does; the grep only filters what is shown)
if ! cargo test --workspace -- --nocapture 2>&1 | tee "$log" |
  { grep -E "^(ORACLE|DETECT|ALIVE|SKIP|test result|error|thread)|panicked|FAILED" || true; }; then
  echo "test: cargo test failed; full log: $log" >&2
  exit 1
fi
if [[ -d ../shared/corpus ]] && grep -q "^SKIP:" "$log"; then
  echo "test: some tests skipped work although both corpora are present:" >&2
  grep "^SKIP:" "$log" >&2
  exit 1
fi

step "fuzz smoke run (${FUZZ_SECONDS:-25} s per target)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-25}"

step "wasm32 build of rod-format and rod-decoder"
cargo build -q --target wasm32-unknown-unknown -p rod-format -p rod-decoder
step "benchmarks compile"
cargo bench -q --no-run -p rod-decoder 2>&1 | tail -2

step "web app build"
bash scripts/build-web.sh
step "browser tests (headless chromium)"
e2e_log=$(mktemp)
if ! (cd tests/e2e && node run.mjs) 2>&1 | tee "$e2e_log"; then
  echo "test: browser tests failed" >&2
  exit 1
fi

cargo_passed=$({ grep -oE "^test result: ok\. [0-9]+ passed" "$log" || true; } | awk '{s += $4} END {print s + 0}')
e2e_passed=$({ grep -oE "^[0-9]+ passed, 0 failed" "$e2e_log" || true; } | tail -1 | awk '{print $1 + 0}')
echo "test: done in $((SECONDS - t0)) s (cargo tests: $cargo_passed, browser tests: ${e2e_passed:-0})"
echo "rodscope: $((cargo_passed + ${e2e_passed:-0})) passed, 0 failed"
