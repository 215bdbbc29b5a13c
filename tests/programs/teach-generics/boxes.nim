## Generic code: written once here, compiled once per set of type arguments in the
## module that uses it.

type
  Box*[T] = object
    ## A value with a label.
    label*: string
    value*: T

proc box*[T](label: string, value: T): Box[T] =
  Box[T](label: label, value: value)

proc biggest*[T](a, b: T): T =
  ## The larger of two values of any ordered type.
  if a < b: b else: a

proc describe*[T](b: Box[T]): string =
  b.label & " = " & $b.value
