## Enums: plain, with holes and string values, and pure enums.

type
  Color* = enum
    ## An enum with holes and custom string values.
    red = (1, "Red"),
    green = 5,
    blue = (10, "Blue"),
    alpha = "Alpha channel"

  Palette* {.pure.} = enum
    ## A pure (exported) enum: members must be qualified when ambiguous.
    Warm, Cool, Mono

  Visibility = enum   # private, no holes
    hidden, shown

proc describe*(c: Color): string =
  case c
  of red: "warm " & $c
  of green, blue: "cool " & $c
  of alpha: "transparent"

proc paletteOf*(c: Color): Palette =
  if c == red: Palette.Warm else: Palette.Cool

proc isShown*(c: Color): bool = (if c == alpha: hidden else: shown) == shown
