#!/usr/bin/env bash
# setup.sh: install everything rodscope's build, explorer and tests need, on a fresh
# Debian 12 machine with rustup, cargo, node and npm (as root, or with sudo).
# Idempotent: what is already there is not installed again.
#
#   - Debian packages: nim (1.6.10, the oracle compiler), chromium and chromium-driver
#     (browser tests), ca-certificates;
#   - the Rust target wasm32-unknown-unknown;
#   - the web toolchain (scripts/build-web.sh --setup-only): trunk 0.21.14, the
#     wasm-bindgen-cli of Cargo.lock, wasm-opt from npm `binaryen` (tools/);
#   - playwright-core for the browser tests (tests/e2e/, drives Debian's chromium;
#     no browser is ever downloaded);
#   - cargo-fuzz (crates.io) for the fuzz targets of fuzz/ (scripts/fuzz.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { echo "setup: $*" >&2; }
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"

BROWSER=1
[[ "${1:-}" == "--no-browser" ]] && BROWSER=0   # serve.sh: the explorer needs no test browser
need=()
command -v nim >/dev/null || need+=(nim)
if ((BROWSER)); then
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
fi
if ((${#need[@]})); then
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
nim --version 2>/dev/null | head -1 | grep -q "1\.6\.10" || log "warning: nim is not 1.6.10 ($(nim --version 2>/dev/null | head -1)); the oracle tests expect Debian's 1.6.10"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

cargo fetch --locked -q 2>/dev/null || cargo fetch -q
if ! command -v cargo-fuzz >/dev/null && [[ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo-fuzz" ]]; then
  log "cargo install cargo-fuzz --locked"
  cargo install cargo-fuzz --locked -q
fi
bash scripts/build-web.sh --setup-only

if ((BROWSER)) && [[ ! -d tests/e2e/node_modules/playwright-core ]]; then
  log "npm ci in tests/e2e (playwright-core)"
  (cd tests/e2e && npm ci --no-audit --no-fund --silent)
fi
log "ready"
