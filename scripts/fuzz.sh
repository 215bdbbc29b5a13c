#!/usr/bin/env bash
# fuzz.sh [SECONDS]: runs every cargo-fuzz target of fuzz/ for SECONDS each
# (default 60), one after the other, and fails on the first crash.
#
#   rod_file     one .rod file: detect, decode, validate, every printer, and the
#                navigation consistency oracle;
#   alivesyms    one .alivesyms file;
#   whole_cache  the generated 1.6 `basics` cache (modules up to 256 KiB) with one
#                module replaced by the input: graph, live set, why, usages, diff,
#                imports and their printers.
#
# Seeds are made at run time (never committed): the .rod/.alivesyms files of the
# 1.6 corpus that scripts/gen-corpus.sh builds with the installed nim (generated
# into $RODSCOPE_CORPUS, default target/rodscope-corpus, when missing) and of the
# 2.0/2.2 caches in ../shared/corpus when present; files up to 128 KiB. The
# libFuzzer corpora grow in fuzz/corpus/TARGET (git-ignored); crashes land in
# fuzz/artifacts/TARGET. Environment: FUZZ_SANITIZER (none|address, default none),
# FUZZ_TARGETS (default: all three), FUZZ_ARGS (extra libFuzzer flags). Needs cargo-fuzz (scripts/setup.sh installs it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
SECS=${1:-60}
SAN=${FUZZ_SANITIZER:-none}
TARGETS=${FUZZ_TARGETS:-rod_file alivesyms whole_cache legacy_file nif_file}
MAX_SEED=131072
log() { echo "fuzz: $*" >&2; }

command -v cargo-fuzz >/dev/null || { log "cargo-fuzz is missing: cargo install cargo-fuzz --locked (scripts/setup.sh)"; exit 1; }
export RODSCOPE_CORPUS=${RODSCOPE_CORPUS:-$ROOT/target/rodscope-corpus}
if [[ ! -d "$RODSCOPE_CORPUS/basics/cache" ]]; then
  log "generating the 1.6 corpus in $RODSCOPE_CORPUS"
  bash scripts/gen-corpus.sh "$RODSCOPE_CORPUS" >&2
fi
export RODSCOPE_FUZZ_CACHE=${RODSCOPE_FUZZ_CACHE:-$RODSCOPE_CORPUS/basics/cache}

# seed DIR EXT: copies the small files with extension EXT of every corpus cache
seed() {
  local dir=$1 ext=$2
  mkdir -p "$dir"
  local caches=("$RODSCOPE_CORPUS"/*/cache)
  [[ -d "$ROOT/../shared/corpus" ]] && caches+=("$ROOT"/../shared/corpus/*/nim-*/cache)
  local n=0
  for c in "${caches[@]}"; do
    [[ -d $c ]] || continue
    while IFS= read -r -d '' f; do
      # content-addressed names: re-seeding adds nothing twice
      cp -f "$f" "$dir/seed-$(sha1sum "$f" | cut -c1-16)"
      n=$((n + 1))
    done < <(find "$c" -maxdepth 1 -name "*.$ext" -size -$((MAX_SEED + 1))c -print0)
  done
  log "$(basename "$dir"): $n seed files"
}

mkdir -p "$ROOT/target"
cd fuzz
for t in $TARGETS; do
  case $t in
    rod_file) seed corpus/rod_file rod ;;
    alivesyms) seed corpus/alivesyms alivesyms ;;
    whole_cache)
      mkdir -p corpus/whole_cache
      find "$RODSCOPE_FUZZ_CACHE" -maxdepth 1 -name "*.rod" -size -$((MAX_SEED + 1))c -exec cp -f {} corpus/whole_cache/ \;
      log "whole_cache: base cache $RODSCOPE_FUZZ_CACHE"
      ;;
    legacy_file)
      # text .rod files and rodfiles.db of ../shared/corpus-legacy (small ones), when present
      mkdir -p corpus/legacy_file
      if [[ -d "$ROOT/../shared/corpus-legacy" ]]; then
        find "$ROOT/../shared/corpus-legacy" \( -name "*.rod" -o -name "rodfiles.db" \) -size -$((MAX_SEED + 1))c \
          -exec sh -c 'for f; do cp -f "$f" "corpus/legacy_file/seed-$(sha1sum "$f" | cut -c1-16)"; done' sh {} +
      fi
      printf 'NIM:1210\n' > corpus/legacy_file/seed-header
      log "legacy_file: $(ls corpus/legacy_file | wc -l) seed files"
      ;;
    nif_file)
      mkdir -p corpus/nif_file
      if [[ -d "$ROOT/../shared/corpus-nif" ]]; then
        find "$ROOT/../shared/corpus-nif" \( -name "*.nif" -o -name "*.bif" \) -size -$((MAX_SEED / 4))c \
          -exec sh -c 'for f; do cp -f "$f" "corpus/nif_file/seed-$(sha1sum "$f" | cut -c1-16)"; done' sh {} +
      fi
      printf '(.nif27)\n(stmts)\n' > corpus/nif_file/seed-header
      log "nif_file: $(ls corpus/nif_file | wc -l) seed files"
      ;;
    *) log "unknown target $t"; exit 2 ;;
  esac
  log "running $t for $SECS s (sanitizer $SAN)"
  set +e +o pipefail
  # shellcheck disable=SC2086
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s "$SAN" "$t" "corpus/$t" -- \
    -max_total_time="$SECS" -max_len=$MAX_SEED -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 ${FUZZ_ARGS:-} 2>&1 |
    tee "$ROOT/target/fuzz-$t.log" | grep -E "^(#[0-9]+ +(DONE|INITED)|stat::|==|SUMMARY|thread|Done)|panicked|crash-|Test unit written"
  status=${PIPESTATUS[0]}
  set -e -o pipefail
  if [[ $status -ne 0 ]]; then
    log "$t failed (exit $status); see target/fuzz-$t.log and fuzz/artifacts/$t/"
    exit 1
  fi
done
log "all targets ran ${SECS} s without a crash"
