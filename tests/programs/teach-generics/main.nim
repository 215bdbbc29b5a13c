## Instantiates the generics of boxes.nim for int, float and string.

import boxes

let small = biggest(3, 7)
let wide = biggest(2.5, 1.5)
let word = biggest("pear", "apple")

let counted = box("count", small)
let named = box("fruit", word)

echo describe(counted)
echo describe(named)
echo wide
