## Version 1 (the second build replaces this file by lib.nim.v2).

import util

proc message*(name: string): string = quiet("hi " & name)
