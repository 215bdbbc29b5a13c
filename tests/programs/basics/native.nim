## C interop: passC/passL pragmas and exported symbols.

{.passC: "-DRODSCOPE_DEMO=1".}
{.passL: "-lm".}

var rodscopeCounter* {.exportc: "rodscope_counter".}: int = 0

proc rodscopeBump*(by: cint): cint {.exportc: "rodscope_bump".} =
  rodscopeCounter += by
  result = cint(rodscopeCounter)

proc c_sqrt(x: cdouble): cdouble {.importc: "sqrt", header: "<math.h>".}

proc hypot2*(a, b: float): float = c_sqrt(a * a + b * b)
