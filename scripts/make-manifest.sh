#!/usr/bin/env bash
# make-manifest.sh DIR
#
# Writes DIR/manifest.json: the list of the cache files (.rod, .alivesyms) and Nim
# sources (.nim) below DIR, with their sizes, as {"files":[{"path":"REL","size":N},...]}.
# Serve DIR from the same origin as the explorer and open it with
#   https://HOST/PATH/TO/rodscope/#load=REL/DIR/        (add &embed to embed it)
# where REL/DIR/ is DIR's URL relative to the page (the page's CSP allows only its own
# origin: connect-src 'self'). The same format as the bundled sample's manifest.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -eq 1 && -d "$1" ]] || { sed -n '2,10p' "$0" >&2; exit 2; }
exec node "$ROOT/web/postbuild.mjs" sample-manifest "$1"
