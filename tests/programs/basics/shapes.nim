## A small type hierarchy with dynamic dispatch (methods).

import geometry, colors
export geometry          # reexport: importers of `shapes` also see geometry
export colors.Color, colors.Palette

type
  ShapeKind* {.pure.} = enum
    Circle, Rect, Square

  Shape* = ref object of RootObj
    ## Base of the hierarchy.
    origin*: Vec2
    color*: Color

  Circle* = ref object of Shape
    radius*: float

  Rect* = ref object of Shape
    width*, height*: float

  Square* = ref object of Rect

const Pi* = 3.141592653589793

method area*(s: Shape): float {.base.} = 0.0
method area*(c: Circle): float = Pi * c.radius * c.radius
method area*(r: Rect): float = r.width * r.height

method name*(s: Shape): string {.base.} = "shape"
method name*(c: Circle): string = "circle"
method name*(r: Rect): string = "rect"
method name*(s: Square): string = "square"

proc newCircle*(at: Vec2, radius: float, color = red): Circle =
  Circle(origin: at, radius: radius, color: color)

proc newRect*(at: Vec2, w, h: float, color = blue): Rect =
  Rect(origin: at, width: w, height: h, color: color)

proc newSquare*(at: Vec2, side: float): Square =
  Square(origin: at, width: side, height: side, color: green)

proc kind*(s: Shape): ShapeKind =
  if s of Square: ShapeKind.Square
  elif s of Rect: ShapeKind.Rect
  else: ShapeKind.Circle

proc biggest*(a, b: Shape): Shape =
  ## Uses the generic `larger` from geometry with T = float.
  if larger(a.area, b.area) == a.area: a else: b
