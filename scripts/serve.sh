#!/usr/bin/env bash
# serve.sh [PORT]
#
# Installs whatever of the web toolchain is missing, builds the web app (dist/ and
# dist-single/rodscope.html, see scripts/build-web.sh) and serves dist/ on
# http://127.0.0.1:PORT/ (default 8080; 0 picks a free port) until interrupted.
#
# Environment: NO_BUILD=1 serves the existing dist/ without building.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PORT=${1:-${PORT:-8080}}

if [[ "${NO_BUILD:-0}" != 1 ]]; then
  bash scripts/setup.sh --no-browser
  bash scripts/build-web.sh
fi
[[ -f dist/index.html ]] || { echo "serve: no dist/index.html: build first" >&2; exit 1; }

echo "serve: single-file build (open from disk): $ROOT/dist-single/rodscope.html" >&2
echo "serve: serving $ROOT/dist (Ctrl-C to stop) at:" >&2
exec node tools/static-server.mjs dist "$PORT"
