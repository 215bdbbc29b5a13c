## Incremental rebuild scenario: main.nim stays the same, only lib.nim changes.

import lib

echo "lib v", Version, ": ", framed("world")
