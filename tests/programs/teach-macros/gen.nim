## A macro that writes procs, and a compile-time list (std/macrocache) that every
## module using the macro adds to.

import std/macros, std/macrocache

const commands = CacheSeq"teach.commands"

macro command*(name: untyped, reply: static[string]): untyped =
  ## Declares `proc name*(): string = reply` and records the name at compile time.
  commands.add newLit($name)
  let exported = postfix(name, "*")
  result = quote do:
    proc `exported`(): string = `reply`

macro commandNames*(): untyped =
  ## Expands to the list of every command declared so far.
  result = nnkBracket.newTree()
  for c in commands:
    result.add c
  result = prefix(result, "@")
