## Imports native.nim but never calls it from Nim: what stays alive is what C can reach.

import native

proc unusedHere() =
  echo "nobody calls me"

echo "roots demo"
