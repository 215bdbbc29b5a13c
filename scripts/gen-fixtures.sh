#!/usr/bin/env bash
# gen-fixtures.sh: regenerates tests/fixtures/ (see tests/fixtures/README.md).
#
# Compiles tests/programs/basics and tests/programs/rebuild with the installed Nim
# 1.6.10 (through scripts/gen-corpus.sh, so exactly as the test corpus is built) in
# a FIXED folder, /tmp/rodscope-fixtures, so the absolute paths recorded in the
# .rod files are the same on every machine, then copies the .rod/.alivesyms of a
# few of OUR OWN modules (never a standard-library module) and each one's `nim rod`
# output into tests/fixtures/, and removes the build folder again (so `view`
# cannot find the sources and never warns about them).
#
# After regenerating, `BLESS=1 cargo test -p rodscope --test fixtures` rewrites the
# golden files tests/expected/fixture-*.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=/tmp/rodscope-fixtures
DEST=$ROOT/tests/fixtures

# program/build : modules (file stems of the nimcache)
SETS=(
  "basics:@mcolors @mliterals @mnative"
  "rebuild-1:@mmain @mlib @mutil"
  "rebuild:@mmain @mlib @mutil"
)

rm -rf "$BUILD"
PROGRAMS="basics rebuild" bash "$ROOT/scripts/gen-corpus.sh" "$BUILD"
for set in "${SETS[@]}"; do
  name=${set%%:*}
  rm -rf "${DEST:?}/$name"
  mkdir -p "$DEST/$name/nimrod"
  for stem in ${set#*:}; do
    cp "$BUILD/$name/cache/$stem.rod" "$BUILD/$name/cache/$stem.alivesyms" "$DEST/$name/"
    for ext in txt err code; do
      f="$BUILD/$name/nimrod/$stem.rod.$ext"
      if [[ -f "$f" ]]; then sed "s|$BUILD|\$BUILD|g" "$f" >"$DEST/$name/nimrod/$stem.rod.$ext"; fi
    done
  done
done
rm -rf "$BUILD"
echo "gen-fixtures: $(find "$DEST" -name '*.rod' | wc -l) .rod, $(find "$DEST" -name '*.alivesyms' | wc -l) .alivesyms, $(du -sk "$DEST" | cut -f1) KiB in $DEST"
