## The same main module in both builds.

import lib

echo message("world")
