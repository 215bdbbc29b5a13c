## A generic container; its instances live in the importing modules.

type
  Stack*[T] = object
    items: seq[T]

proc push*[T](s: var Stack[T], x: T) = s.items.add x

proc pop*[T](s: var Stack[T]): T =
  result = s.items[^1]
  s.items.setLen(s.items.len - 1)

proc len*[T](s: Stack[T]): int = s.items.len

proc peek*[T](s: Stack[T]): T = s.items[^1]

iterator items*[T](s: Stack[T]): T =
  for x in s.items: yield x
