## Small 2D geometry helpers: a value type, operators, generics and a converter.

type
  Vec2* = object
    x*, y*: float

  Pair*[T] = object
    ## A generic pair; instantiated from several modules.
    first*, second*: T

  Meters* = distinct float

proc vec2*(x, y: float): Vec2 = Vec2(x: x, y: y)

proc `+`*(a, b: Vec2): Vec2 = vec2(a.x + b.x, a.y + b.y)

proc `*`*(a: Vec2, k: float): Vec2 = vec2(a.x * k, a.y * k)

proc `$`*(v: Vec2): string = "(" & $v.x & ", " & $v.y & ")"

proc pair*[T](a, b: T): Pair[T] = Pair[T](first: a, second: b)

proc swap*[T](p: Pair[T]): Pair[T] = Pair[T](first: p.second, second: p.first)

proc larger*[T](a, b: T): T =
  ## Generic max; instantiated for int, float and string.
  if a < b: b else: a

converter toFloat*(m: Meters): float = float(m)

proc meters*(x: float): Meters = Meters(x)

# instances created inside this module
let unitSquareCorner* = pair(vec2(0, 0), vec2(1, 1))
let biggestInt* = larger(3, 7)
