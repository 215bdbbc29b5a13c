## Calls a method through the base type: the dispatcher picks the override.

import animals

let pets: seq[Animal] = @[Animal(Dog(name: "Rex")), Animal(Cat(name: "Tom", lives: 9))]
for p in pets:
  echo greet(p)
