# This file is `include`d into main.nim (not imported): its symbols belong to
# the main module.

proc banner(title: string): string =
  result = "== " & title & " =="

const bannerWidth = 40
