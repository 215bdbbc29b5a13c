#!/usr/bin/env bash
# bench-view.sh [FILE.rod] [RUNS]: wall time of `rodscope view` against `nim rod` on
# the same file (default: system.rod of the generated corpus), measured side by side
# in one run, interleaved, and printed as medians and ratios. Two nim variants:
# `nim rod` as a user types it (reads /etc/nim config, runs its NimScript) and
# `nim --skipCfg:on --hints:off rod` (the decoder alone, as scripts/gen-corpus.sh runs it).
# RODSCOPE_BASE=/path/to/an/older/rodscope adds that build to the same interleaved runs
# (before/after figures from one run).
# On a machine shared with other jobs, `chrt -f 10 bash scripts/bench-view.sh` (as root) runs every
# timed command at a real-time priority, so their load does not skew the figures.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FILE=${1:-$(ls "$ROOT"/target/rodscope-corpus/stdlib/cache/*@slib@ssystem.rod 2>/dev/null | head -1)}
RUNS=${2:-15}
[[ -f "$FILE" ]] || { echo "bench-view: no system.rod; run scripts/gen-corpus.sh target/rodscope-corpus first, or pass a file" >&2; exit 1; }
cargo build -q --release -p rodscope --manifest-path "$ROOT/Cargo.toml"
BIN="$ROOT/target/release/rodscope"
cmp -s <("$BIN" view "$FILE") <(nim --skipCfg:on --hints:off rod "$FILE" 2>/dev/null) || echo "bench-view: warning: outputs differ" >&2

# microseconds of one run; $EPOCHREALTIME is a bash builtin, so no `date` process
# (about a millisecond of fork and exec) is timed along with the command
us() { local t0 t1; t0=${EPOCHREALTIME/[.,]/}; "$@" >/dev/null 2>&1 || true; t1=${EPOCHREALTIME/[.,]/}; echo $((t1 - t0)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
BASE=${RODSCOPE_BASE:-}
a=(); b=(); c=(); d=()
for ((i = 0; i < RUNS; i++)); do
  a+=("$(us "$BIN" view "$FILE")")
  if [[ -n "$BASE" ]]; then d+=("$(us "$BASE" view "$FILE")"); fi
  b+=("$(us nim rod "$FILE")")
  c+=("$(us nim --skipCfg:on --hints:off rod "$FILE")")
done
ra=$(printf '%s\n' "${a[@]}" | median); rb=$(printf '%s\n' "${b[@]}" | median); rc=$(printf '%s\n' "${c[@]}" | median)
size=$(stat -c %s "$FILE")
echo "file: $FILE ($size bytes), $RUNS interleaved runs, median wall time:"
printf '  rodscope view                    %8.1f ms\n' "$(echo "$ra/1000" | bc -l)"
printf '  nim rod                          %8.1f ms   rodscope/nim = %.3f\n' "$(echo "$rb/1000" | bc -l)" "$(echo "$ra/$rb" | bc -l)"
printf '  nim --skipCfg:on rod             %8.1f ms   rodscope/nim = %.3f\n' "$(echo "$rc/1000" | bc -l)" "$(echo "$ra/$rc" | bc -l)"
if [[ -n "$BASE" ]]; then
  rd=$(printf '%s\n' "${d[@]}" | median)
  printf '  %-32s %8.1f ms   its ratio to nim --skipCfg:on rod = %.3f\n' "$BASE view" "$(echo "$rd/1000" | bc -l)" "$(echo "$rd/$rc" | bc -l)"
fi
