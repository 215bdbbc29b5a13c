## Version 1. Build 2 replaces this file by lib.nim.v2 (see README.md).

import util

const Version* = 1

proc greeting*(name: string): string =
  result = whisper("hello " & name)

proc framed*(name: string): string = frame(greeting(name), 20)
