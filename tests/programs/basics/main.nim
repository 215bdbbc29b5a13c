## rodscope sample program: a tiny shape inventory spread over several
## modules. Compile with `nim c --incremental:on main.nim`.

import shapes, colors, containers, dsl, native, literals
include banner

type
  Inventory = object
    stack: Stack[Shape]
    labels: Stack[string]

proc add(inv: var Inventory, s: Shape) =
  inv.stack.push s
  inv.labels.push s.name

proc totalArea(inv: Inventory): float =
  for s in inv.stack:
    result += s.area

makeGetter(defaultSide, float, 2.5)

register("square", Square)

proc report() =
  var inv: Inventory
  inv.add newCircle(vec2(0, 0), 1.0)
  inv.add newRect(vec2(1, 1), 2, 3)
  inv.add newSquare(vec2(2, 2), defaultSide())
  echo banner("inventory")
  echo "shapes: ", inv.stack.len, " total area: ", inv.totalArea
  echo "top: ", inv.labels.peek, " kind ", inv.stack.peek.kind
  let p = pair(red, blue)          # Pair[Color], instantiated here
  echo "pair: ", p.swap.first, " ", describe(p.second), " ", paletteOf(p.first)
  echo "larger: ", larger("apple", "pear"), " ", larger(1.5, -0.5)
  let d: float = meters(3.0)        # converter Meters -> float
  echo "meters: ", d, " hypot: ", hypot2(3, 4)
  var n = 21
  echo "doubled: ", n * 2, " squared: ", square(n)
  twice:
    discard rodscopeBump(1)
  echo "counter: ", rodscopeCounter
  echo "registered: ", registeredList(), " total ", registeredTotal()
  echo "literals: ", int32Low, " ", bigUint64, " ", pi32, " ", negZero, " ",
    notANumber, " ", posInf, " ", letterA, " ", escaped.len
  echo htmlish
  echo "width: ", bannerWidth

report()
