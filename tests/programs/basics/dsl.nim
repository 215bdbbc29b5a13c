## Templates, macros, compile-time caches (std/macrocache) and a
## term-rewriting macro.

import std/macros, std/macrocache

const
  registeredNames = CacheSeq"rodscope.names"
  registeredCount = CacheCounter"rodscope.count"
  registeredKinds = CacheTable"rodscope.kinds"

template twice*(body: untyped) =
  ## Runs `body` two times.
  body
  body

template square*(x: untyped): untyped = x * x

macro register*(name: static[string], kind: untyped): untyped =
  ## Records `name` at compile time; IC stores these as replay actions.
  registeredNames.add newLit(name)
  registeredCount.inc
  registeredKinds[name] = kind
  result = newEmptyNode()

macro registeredList*(): untyped =
  ## Expands to an array literal of everything `register`ed so far.
  result = nnkBracket.newTree()
  for n in registeredNames:
    result.add n
  if result.len == 0:
    result = quote do: newSeq[string]()
  else:
    result = prefix(result, "@")

macro registeredTotal*(): untyped = newLit(registeredCount.value)

macro makeGetter*(field: untyped, T: typedesc, value: typed): untyped =
  ## Generates `proc field*(): T = value`.
  let name = postfix(field, "*")
  result = quote do:
    proc `name`(): `T` = `value`

# term-rewriting macro: `x * 2` becomes `x + x` for ints
template optDouble*{`*`(x, 2)}(x: int): int = x + x

register("circle", Circle)
register("rect", Rect)
