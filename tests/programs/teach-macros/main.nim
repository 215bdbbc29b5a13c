## Uses the macro of gen.nim: each `command` call becomes a proc of this module, and
## the compile-time list grows (IC records that as replay actions).

import gen

command(hello, "Hello there")
command(bye, "See you")

echo hello()
echo bye()
echo commandNames()
