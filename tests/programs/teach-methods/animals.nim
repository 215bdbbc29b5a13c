## A small class hierarchy with methods: calls are dispatched on the run-time type.

type
  Animal* = ref object of RootObj
    name*: string
  Dog* = ref object of Animal
  Cat* = ref object of Animal
    lives*: int

method speak*(a: Animal): string {.base.} =
  a.name & " makes a sound"

method speak*(d: Dog): string =
  d.name & " barks"

method speak*(c: Cat): string =
  c.name & " meows (" & $c.lives & " lives left)"

proc greet*(a: Animal): string =
  ## A plain proc: the method call inside it is resolved at run time.
  "Hello! " & a.speak()
