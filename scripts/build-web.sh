#!/usr/bin/env bash
# build-web.sh [--setup] [--setup-only] [--no-sample]
#
# Builds the rodscope web app:
#   dist/                       trunk --release build (index.html, hashed .js/.wasm/.css,
#                               sample/): serve it from any path of a static host.
#   dist-single/rodscope.html   the same app as ONE file (JS glue, gzipped wasm, CSS and the
#                               sample inlined) that works when opened from disk.
#
# The bundled samples: static/sample/ holds the IC files (and the .nim sources) of
# tests/programs/basics (the default sample) and of the playground gallery
# (tests/programs/teach-*, with their guides), compiled with the installed nim by
# scripts/gen-corpus.sh (regenerated here when a program changed; never committed).
# Without nim the app is built with what static/sample/ has (maybe nothing).
#
# --setup       first install whatever of the toolchain is missing (see setup_tools below:
#               trunk and wasm-bindgen-cli from crates.io, wasm-opt from the npm package
#               binaryen into tools/node_modules); then build.
# --setup-only  only that.
# --no-sample   do not generate static/sample/ (an existing one is still bundled).
#
# Nothing is downloaded outside the package registries: trunk runs offline (Trunk.toml)
# after `cargo fetch`, with wasm-bindgen and wasm-opt taken from PATH.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

TRUNK_VERSION=0.21.14
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

SETUP=0 BUILD=1 SAMPLE=1
for arg in "$@"; do
  case "$arg" in
    --setup) SETUP=1 ;;
    --setup-only) SETUP=1 BUILD=0 ;;
    --no-sample) SAMPLE=0 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "build-web: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { echo "build-web: $*" >&2; }
die() { log "error: $*"; exit 1; }

# The wasm-bindgen version that Cargo.lock resolved (the CLI must be exactly this one).
lock_wasm_bindgen() {
  [[ -f Cargo.lock ]] || cargo generate-lockfile >/dev/null
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}
trunk_toml_pin() { # KEY
  sed -n "s/^$1 = \"\\(.*\\)\"/\\1/p" Trunk.toml
}
tool_version() { # CMD -> second word of `CMD --version`, or nothing
  "$1" --version 2>/dev/null | awk '{ print $2; exit }' || true
}

setup_tools() {
  local t0 wb
  command -v cargo >/dev/null || die "cargo not found"
  command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (Debian: apt-get install nodejs npm; node >= 20)"
  if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    die "the Rust target wasm32-unknown-unknown is missing (rustup target add wasm32-unknown-unknown)"
  fi
  if [[ "$(tool_version trunk)" != "$TRUNK_VERSION" ]]; then
    t0=$SECONDS
    log "installing trunk $TRUNK_VERSION (cargo install, ~9 min cold)"
    cargo install trunk --version "=$TRUNK_VERSION" --locked
    log "trunk installed in $((SECONDS - t0)) s"
  fi
  wb=$(lock_wasm_bindgen)
  [[ -n "$wb" ]] || die "no wasm-bindgen in Cargo.lock"
  if [[ "$(tool_version wasm-bindgen)" != "$wb" ]]; then
    t0=$SECONDS
    # Without --locked: wasm-bindgen-cli's own lockfile does not build with this rustc.
    log "installing wasm-bindgen-cli $wb (cargo install, ~5 min cold)"
    cargo install wasm-bindgen-cli --version "=$wb"
    log "wasm-bindgen-cli installed in $((SECONDS - t0)) s"
  fi
  if [[ ! -x tools/node_modules/.bin/wasm-opt ]]; then
    log "installing wasm-opt (npm binaryen) into tools/node_modules"
    (cd tools && npm ci --no-audit --no-fund)
  fi
}

check_tools() {
  local wb pin have
  command -v trunk >/dev/null || die "trunk not found: run scripts/build-web.sh --setup"
  command -v node >/dev/null || die "node not found"
  wb=$(lock_wasm_bindgen)
  pin=$(trunk_toml_pin wasm_bindgen)
  [[ "$wb" == "$pin" ]] || die "Cargo.lock has wasm-bindgen $wb but Trunk.toml pins $pin: set [tools] wasm_bindgen = \"$wb\" in Trunk.toml and run scripts/build-web.sh --setup"
  have=$(tool_version wasm-bindgen)
  [[ "$have" == "$wb" ]] || die "wasm-bindgen CLI ${have:-missing}, need $wb: run scripts/build-web.sh --setup"
  [[ -x tools/node_modules/.bin/wasm-opt ]] || die "wasm-opt missing: run scripts/build-web.sh --setup"
  pin=$(trunk_toml_pin wasm_opt)
  have=$(wasm-opt --version | sed -n 's/.*(\(version_[0-9]*\)).*/\1/p')
  [[ "$have" == "$pin" ]] || die "wasm-opt is $have, Trunk.toml pins $pin"
}

# static/sample/: the bundled samples, compiled with the real nim by gen-corpus.sh:
#   basics/           tests/programs/basics, the default sample (its files are the ones
#                     sample/manifest.json lists under "files")
#   teach-*/          the playground gallery: tests/programs/teach-*, each with guide.md
#                     (listed under "samples", opened as #load=sample/NAME/); a rebuild
#                     program (X.v2 files) gives NAME-1/ (first build, guide-1.md) and NAME/
# each with its .rod / .alivesyms, its sources in src/ (gen-corpus.sh compiles a copy in
# NAME/src/, so the cache records paths ending in NAME/src/F.nim: the explorer matches
# them by that suffix and checks their SHA-1) and a .stamp. A sample is rebuilt when a
# file of its program is newer than its stamp (or it has none).
sample_stale() { # PROGRAM
  local dest=static/sample/$1 ref
  compgen -G "$dest/*.rod" >/dev/null || return 0
  ref=$dest/.stamp
  [[ -f $ref ]] || ref=$(compgen -G "$dest/*.rod" | head -1)
  [[ -n "$(find "tests/programs/$1" -newer "$ref" -print -quit)" ]]
}

copy_sample() { # BUILT_DIR NAME GUIDE
  local dest=static/sample/$2
  rm -rf "$dest"
  mkdir -p "$dest/src"
  find "$1/cache" -maxdepth 1 \( -name '*.rod' -o -name '*.alivesyms' \) -exec cp {} "$dest/" \;
  find "$1/src" -maxdepth 1 -name '*.nim' -exec cp {} "$dest/src/" \;
  if [[ -n "$3" && -f "$3" ]]; then cp "$3" "$dest/guide.md"; fi
  touch "$dest/.stamp"
}

make_sample() {
  local tmp p stale=()
  if ! command -v "${NIM:-nim}" >/dev/null || [[ ! -f scripts/gen-corpus.sh ]] || [[ ! -d tests/programs/basics ]]; then
    log "no nim / gen-corpus.sh / tests/programs/basics: building with the samples already in static/sample (if any)"
    return
  fi
  for p in basics $(cd tests/programs && ls -d teach-*/ 2>/dev/null | tr -d /); do
    if sample_stale "$p"; then stale+=("$p"); fi
  done
  ((${#stale[@]})) || return 0
  tmp=$(mktemp -d)
  log "compiling ${stale[*]} with nim for the bundled samples"
  if PROGRAMS="${stale[*]}" bash scripts/gen-corpus.sh "$tmp" >&2; then
    for p in "${stale[@]}"; do
      copy_sample "$tmp/$p" "$p" "tests/programs/$p/guide.md"
      if [[ -d "$tmp/$p-1" ]]; then
        copy_sample "$tmp/$p-1" "$p-1" "tests/programs/$p/guide-1.md"
      fi
    done
  else
    log "warning: gen-corpus.sh failed: building with the samples already in static/sample"
  fi
  rm -rf "$tmp"
}

t_start=$SECONDS
if ((SETUP)); then setup_tools; fi
((BUILD)) || exit 0
check_tools
if ((SAMPLE)); then make_sample; fi

# trunk runs cargo with --offline: make sure every crate is in the local registry first.
cargo fetch >&2

log "trunk build --release"
rm -rf dist
trunk build --release --skip-version-check >&2

log "single-file build"
rm -rf dist-single
node web/postbuild.mjs single dist dist-single/rodscope.html >&2

wasm=$(ls dist/*_bg.wasm)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
js=$(ls dist/rodscope-web-*.js)
log "done in $((SECONDS - t_start)) s"
printf 'build-web: %s: %d bytes raw, %d bytes gzip (%s KiB)\n' "$wasm" "$raw" "$gz" "$(awk -v n="$gz" 'BEGIN { printf "%.1f", n / 1024 }')" >&2
printf 'build-web: %s: %d bytes raw, %d bytes gzip\n' "$js" "$(stat -c %s "$js")" "$(gzip -9 -c "$js" | wc -c)" >&2
printf 'build-web: dist-single/rodscope.html: %d bytes\n' "$(stat -c %s dist-single/rodscope.html)" >&2
