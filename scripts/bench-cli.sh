#!/usr/bin/env bash
# bench-cli.sh [RUNS]: wall time (hyperfine) of the CLI's heavy commands, and the
# peak memory of `dump` (/usr/bin/time -v), on the largest test files:
#   view and dump of system.rod (1.6.10, generated corpus), alive --check and check
#   of the largest cache (../shared/corpus/s2/nim-2.0.0/cache when present, else the
#   generated stdlib cache).
# RODSCOPE_BASE=/path/to/an/older/rodscope runs that build in the same hyperfine
# calls (before/after in one run). Needs hyperfine (apt-get install hyperfine) and the
# corpus (scripts/gen-corpus.sh target/rodscope-corpus).
# On a machine shared with other jobs, `chrt -f 10 bash scripts/bench-cli.sh` (as root) runs every
# timed command at a real-time priority, so their load does not skew the figures.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-20}
CORPUS=${RODSCOPE_CORPUS:-$ROOT/target/rodscope-corpus}
SYS=$(ls "$CORPUS"/stdlib/cache/*@slib@ssystem.rod 2>/dev/null | head -1)
[[ -f "$SYS" ]] || { echo "bench-cli: no system.rod; run scripts/gen-corpus.sh target/rodscope-corpus first" >&2; exit 1; }
CACHE=$ROOT/../shared/corpus/s2/nim-2.0.0/cache
[[ -d "$CACHE" ]] || CACHE=$CORPUS/stdlib/cache
command -v hyperfine >/dev/null || { echo "bench-cli: hyperfine missing (apt-get install -y hyperfine)" >&2; exit 1; }
cargo build -q --release -p rodscope --manifest-path "$ROOT/Cargo.toml"
BINS=("$ROOT/target/release/rodscope")
if [[ -n "${RODSCOPE_BASE:-}" ]]; then BINS+=("$RODSCOPE_BASE"); fi

bench() { # RUNS ARGS...: one hyperfine call over every binary
  local runs=$1 cmds=() b
  shift
  for b in "${BINS[@]}"; do cmds+=("$b $*"); done
  hyperfine -N -w 2 -r "$runs" --output=pipe "${cmds[@]}" 2>&1 | grep -E "^Benchmark|Time|Range"
}
echo "system.rod: $SYS ($(stat -c %s "$SYS") bytes); cache: $CACHE ($(ls "$CACHE"/*.rod | wc -l) .rod, $(cat "$CACHE"/*.rod | wc -c) bytes)"
bench "$RUNS" view "$SYS"
bench "$RUNS" dump "$SYS"
bench "$RUNS" alive --check "$CACHE"
bench "$RUNS" check "$CACHE"
for b in "${BINS[@]}"; do
  /usr/bin/time -v "$b" dump "$SYS" 2>&1 >/dev/null | awk -v b="$b" '/Maximum resident/ {rss=$6} /Minor/ {f=$NF} END {printf "dump peak RSS %s: %.2f MB (%d page faults)\n", b, rss*1024/1e6, f}'
done
echo "3 x file size: $(echo "3 * $(stat -c %s "$SYS") / 1000000" | bc -l | cut -c1-5) MB"
