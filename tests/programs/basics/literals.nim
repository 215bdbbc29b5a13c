## Constants and literals of every flavour, to exercise the .rod number and
## string tables.

const
  answer* = 42
  bigInt64* = 9_223_372_036_854_775_807'i64
  smallInt64* = -9_223_372_036_854_775_807'i64 - 1
  int32Low* = -2147483648'i32
  bigUint64* = 18_446_744_073_709_551_615'u64
  byteVal* = 0xFF'u8
  pi32* = 3.1415927'f32
  euler* = 2.718281828459045
  tiny* = 1e-300
  negZero* = -0.0
  notANumber* = NaN
  posInf* = Inf
  negInf* = NegInf
  letterA* = 'A'
  tabChar* = '\t'
  nulChar* = '\0'
  escaped* = "tab\tnewline\nquote\"backslash\\bell\a hex\x7F unicode\u00e9 end"
  rawStr* = r"C:\no\escapes\here"
  tripleQuoted* = """line one
line "two""""
  htmlish* = "<img src=x onerror=alert(1)>"
  emptyStr* = ""
  someSet* = {'a'..'f', 'x'}
  primes* = [2, 3, 5, 7, 11]
  origin* = (x: 0.0, y: -0.0)

let runtimeLabel* = "label: " & htmlish
var mutableFloat* = 1.5'f32
