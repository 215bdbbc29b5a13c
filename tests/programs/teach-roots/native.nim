## Symbols that C code can reach: the compiler keeps them whether Nim code calls
## them or not.

var hits* {.exportc: "teach_hits".}: int

proc bump*() {.exportc: "teach_bump".} =
  ## Exported under a C name: a root of the live set.
  inc hits

proc helper(): int =
  ## Only called from `bump`'s neighbour below.
  hits * 2

proc report*(): int {.exportc: "teach_report".} =
  helper() + 1

proc neverCalled*(): int =
  ## Not exported to C and not called: dead.
  42
