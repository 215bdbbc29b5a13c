## Helpers that never change between the two builds: in build 2 this module
## is loaded from the .rod file, but which of its procs are alive changes.

import std/strutils

proc whisper*(s: string): string = s.toLowerAscii & "..."

proc shout*(s: string): string = s.toUpperAscii & "!"

proc frame*(s: string, width: int): string = "[" & s.center(width) & "]"

proc unusedHelper*(): int = 42
