#!/usr/bin/env bash
# gen-corpus.sh OUTDIR
#
# Builds a test corpus of real Nim incremental-compilation (IC) files from the
# programs in tests/programs/ with the installed compiler (Debian nim 1.6.10).
#
# For every program tests/programs/<name>/ (main module: main.nim):
#
#   OUTDIR/<name>/src/         copy of the program's sources. It is compiled
#                              from here, so the absolute paths recorded in the
#                              .rod files point here. Keep it: `nim rod` checks
#                              the SHA-1 of these files.
#   OUTDIR/<name>/cache/       the nimcache: *.rod and *.alivesyms (one pair per
#                              module, stdlib modules included), plus the *.nim.c
#                              files and main.json that nim writes as well.
#   OUTDIR/<name>/build.log    nim's combined stdout+stderr of the build
#   OUTDIR/<name>/build.code   nim's exit code of the build
#   OUTDIR/<name>/nimrod/<F>.rod.txt   stdout of `nim rod` for cache/<F>.rod
#                              (always written; may be empty on error)
#   OUTDIR/<name>/nimrod/<F>.rod.err   stderr of `nim rod`, only if non-empty
#   OUTDIR/<name>/nimrod/<F>.rod.code  exit code of `nim rod`, only if non-zero
#                              => no .err and no .code means: success.
#
#   `nim rod` is run as `nim --skipCfg:on --hints:off rod ABSPATH`: without the
#   system config it is ~10x faster (no NimScript VM for /etc/nim/config.nims)
#   and its stdout is identical to plain `nim rod` (checked on the whole
#   corpus). Plain `nim rod` writes its two "Hint: used config file" lines to
#   stderr, never to stdout. As a safety net, lines starting with "Hint:" are
#   dropped from both streams anyway.
#
# Rebuild programs: a program that contains files named X.v2 is built twice
# into the same nimcache. Build 1 uses the sources as they are; then every X is
# replaced by X.v2 (in OUTDIR/<name>/src) and build 2 runs, so unchanged
# modules are loaded from their .rod files.
#   OUTDIR/<name>-1/      snapshot taken right after build 1: cache/ (a byte
#                         copy), nimrod/ (run BEFORE the edit, so valid),
#                         src/ (the v1 sources), build.log, build.code.
#                         NOTE: the .rod files in there record the paths of
#                         OUTDIR/<name>/src/, which now holds v2, so re-running
#                         `nim rod` on <name>-1/cache/ later fails for the
#                         edited modules (includeFileChanged). Use nimrod/.
#   OUTDIR/<name>/        final state after build 2 (build.log = build 2,
#                         build1.log/build1.code = build 1).
#   Known 1.6.10 bug: a module recompiled because its own source changed keeps
#   the stale SHA-1 of its old source in its .rod, so `nim rod` refuses it
#   with "Error: could not load: ... reason: includeFileChanged" (exit 1).
#   That is expected and recorded like any other result.
#
# Builds use --compileOnly:on: nim writes every .rod/.alivesyms (same file
# set, identical .alivesyms, identical `nim rod` output as a full build) but
# skips gcc and the link. The only byte that differs in each .rod is the
# optCompileOnly bit of globalOptions in the config section. Set
# GEN_CORPUS_FULL=1 to do a real build (gcc + link) instead; a C compiler
# failure (e.g. std/json in 1.6.10) is then tolerated as long as every module
# got its .rod and .alivesyms.
#
# Environment: NIM (default: nim), JOBS (parallel `nim rod` calls, default 2),
#              GEN_CORPUS_FULL=1 (see above), PROGRAMS="basics stdlib" (subset).
#
# Output: one summary line per program. Exit status is non-zero only if a
# program produced no .rod files, its IC files are incomplete, or nim failed
# unexpectedly (crash, or a compile error other than the C compiler step).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

NIM=${NIM:-nim}
JOBS=${JOBS:-2}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROGDIR=$(cd "$HERE/../tests/programs" && pwd)
mkdir -p "$1"
OUT=$(cd "$1" && pwd)

BUILD_FLAGS=(--incremental:on)
if [[ "${GEN_CORPUS_FULL:-0}" != 1 ]]; then
  BUILD_FLAGS+=(--compileOnly:on)
fi

if ! command -v "$NIM" >/dev/null; then
  echo "gen-corpus: '$NIM' not found (apt-get install nim)" >&2
  exit 1
fi

failures=0

# run_nimrod ROD_ABS_PATH NIMROD_DIR : one `nim rod` call, results as described
# above. Exported for xargs.
run_nimrod() {
  local rod=$1 dir=$2 base code
  base="$dir/$(basename "$rod")"
  set +e
  "$NIM" --skipCfg:on --hints:off rod "$rod" >"$base.out.tmp" 2>"$base.err.tmp"
  code=$?
  set -e
  grep -v '^Hint:' "$base.out.tmp" >"$base.txt" || true
  grep -v '^Hint:' "$base.err.tmp" >"$base.err" || true
  rm -f "$base.out.tmp" "$base.err.tmp"
  [[ -s "$base.err" ]] || rm -f "$base.err"
  if [[ $code -ne 0 ]]; then echo "$code" >"$base.code"; fi
}
export -f run_nimrod
export NIM

# nimrod_all DIR : runs `nim rod` on DIR/cache/*.rod into DIR/nimrod/
nimrod_all() {
  local dir=$1
  rm -rf "$dir/nimrod"
  mkdir -p "$dir/nimrod"
  find "$dir/cache" -maxdepth 1 -name '*.rod' -print0 |
    xargs -0 -r -P "$JOBS" -I{} bash -c 'run_nimrod "$1" "$2"' _ {} "$dir/nimrod"
}

# build DIR LOGNAME : compiles DIR/src/main.nim into DIR/cache.
# Returns 0 if the IC files are usable, 1 otherwise (message on stderr).
build() {
  local dir=$1 log=$2 code rod missing=0 f
  set +e
  (cd "$dir/src" && "$NIM" c "${BUILD_FLAGS[@]}" --nimcache:"$dir/cache" main.nim) \
    >"$dir/$log.log" 2>&1
  code=$?
  set -e
  echo "$code" >"$dir/$log.code"

  if ! compgen -G "$dir/cache/*.rod" >/dev/null; then
    echo "gen-corpus: $dir: no .rod files (nim exit $code, see $dir/$log.log)" >&2
    grep -m3 'Error' "$dir/$log.log" >&2 || true
    return 1
  fi
  for rod in "$dir"/cache/*.rod; do
    [[ -f "${rod%.rod}.alivesyms" ]] || { echo "gen-corpus: missing ${rod%.rod}.alivesyms" >&2; missing=1; }
  done
  for f in "$dir"/cache/*.nim.c; do
    [[ -e "$f" ]] || continue
    [[ -f "${f%.nim.c}.rod" ]] || { echo "gen-corpus: missing ${f%.nim.c}.rod" >&2; missing=1; }
  done
  [[ -f "$dir/cache/@mmain.rod" ]] || { echo "gen-corpus: $dir: no @mmain.rod" >&2; missing=1; }
  if [[ $missing -ne 0 ]]; then
    echo "gen-corpus: $dir: incomplete IC files (nim exit $code, see $dir/$log.log)" >&2
    grep -m3 'Error' "$dir/$log.log" >&2 || true
    return 1
  fi
  if [[ $code -ne 0 ]]; then
    # Tolerated: only the C compiler step failed, the IC files are complete.
    if [[ $code -lt 128 ]] &&
       grep -q "Error: execution of an external compiler program" "$dir/$log.log" &&
       ! grep -qi "internal error\|SIGSEGV\|Error: unhandled exception" "$dir/$log.log"; then
      echo "gen-corpus: $dir: C compilation failed (tolerated, IC files complete)" >&2
    else
      echo "gen-corpus: $dir: nim failed with exit $code (see $dir/$log.log):" >&2
      grep -m3 'Error' "$dir/$log.log" >&2 || true
      return 1
    fi
  fi
  return 0
}

# summary NAME DIR SECONDS
summary() {
  local name=$1 dir=$2 secs=$3 nrod nalive nerr bad
  nrod=$(find "$dir/cache" -maxdepth 1 -name '*.rod' | wc -l)
  nalive=$(find "$dir/cache" -maxdepth 1 -name '*.alivesyms' | wc -l)
  nerr=$(find "$dir/nimrod" -maxdepth 1 -name '*.rod.code' | wc -l)
  bad=""
  if [[ $nerr -gt 0 ]]; then
    bad=" ($(cd "$dir/nimrod" && for f in *.rod.code; do
      printf '%s: %s; ' "${f%.code}" "$(grep -o 'reason: .*' "${f%.code}.err" 2>/dev/null || echo "exit $(cat "$f")")"
    done | sed 's/; $//'))"
  fi
  printf '%-10s %3d modules (.rod), %3d .alivesyms, nim rod: %d ok, %d failed%s, %ss\n' \
    "$name" "$nrod" "$nalive" $((nrod - nerr)) "$nerr" "$bad" "$secs"
}

elapsed() { # START_NS
  local now; now=$(date +%s%N)
  awk -v a="$1" -v b="$now" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'
}

# copy_src PROGRAM DEST : copies the sources except the *.v2 replacements
copy_src() {
  mkdir -p "$2"
  (cd "$1" && find . -type f ! -name '*.v2' -print0 | xargs -0 -r cp --parents -t "$2")
}

# process NAME : builds one program (and its snapshot), prints summary lines.
process() {
  local name=$1 src dir snap t0 v2
  local -a v2s
  src=$PROGDIR/$name
  dir=$OUT/$name
  snap=$OUT/$name-1
  t0=$(date +%s%N)
  rm -rf "$dir" "$snap"
  mkdir -p "$dir"
  copy_src "$src" "$dir/src"
  mapfile -t v2s < <(cd "$src" && find . -type f -name '*.v2' | sort)

  if [[ ${#v2s[@]} -eq 0 ]]; then
    build "$dir" build || { echo "$name: FAILED" >&2; return 1; }
    nimrod_all "$dir"
    summary "$name" "$dir" "$(elapsed "$t0")"
    return 0
  fi

  # rebuild scenario
  build "$dir" build1 || { echo "$name: FAILED (build 1)" >&2; return 1; }
  nimrod_all "$dir"                       # while the v1 sources are in place
  mkdir -p "$snap"
  cp -a "$dir/cache" "$dir/nimrod" "$dir/src" "$snap/"
  cp -a "$dir/build1.log" "$snap/build.log"
  cp -a "$dir/build1.code" "$snap/build.code"
  summary "$name-1" "$snap" "$(elapsed "$t0")"

  t0=$(date +%s%N)
  for v2 in "${v2s[@]}"; do
    cp "$src/$v2" "$dir/src/${v2%.v2}"
  done
  build "$dir" build || { echo "$name: FAILED (build 2)" >&2; return 1; }
  nimrod_all "$dir"
  summary "$name" "$dir" "$(elapsed "$t0")"
}

list_programs() {
  local d
  for d in "$PROGDIR"/*/; do
    if [[ -f "$d/main.nim" ]]; then basename "$d"; fi
  done
}
programs=${PROGRAMS:-$(list_programs)}

# Programs are processed concurrently (at most JOBS at a time); each one's
# output is buffered and printed in order.
t_all=$(date +%s%N)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
names=()
for name in $programs; do
  while [[ $(jobs -rp | wc -l) -ge $JOBS ]]; do wait -n || true; done
  ( set +e; ( set -e; process "$name" ) >"$tmp/$name.out" 2>&1; echo $? >"$tmp/$name.rc" ) &
  names+=("$name")
done
wait
for name in "${names[@]}"; do
  cat "$tmp/$name.out"
  [[ "$(cat "$tmp/$name.rc" 2>/dev/null)" == 0 ]] || failures=$((failures + 1))
done

echo "total: $(elapsed "$t_all")s -> $OUT"
if [[ $failures -ne 0 ]]; then
  echo "gen-corpus: $failures program(s) failed" >&2
  exit 1
fi
