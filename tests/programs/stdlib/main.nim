## stdlib-heavy sample: json, strformat, options plus the wordstats module.

import std/[json, strformat, options, tables, strutils]
import wordstats

const text = """
The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!
Nim compiles to C, and the C compiler does the rest.
"""

proc toJson(ws: WordStats): JsonNode =
  result = %*{"distinct": ws.counts.len, "letters": ws.letters.card}
  var top = newJArray()
  for (w, c) in ws.top(3):
    top.add %*{"word": w, "count": c}
  result["top"] = top
  let lw = ws.longestWord
  result["longest"] = if lw.isSome: %lw.get else: newJNull()

proc main() =
  var ws = initWordStats(["the", "a", "to", "and"])
  ws.feed text
  let j = ws.toJson
  echo j.pretty
  let parsed = parseJson("""{"name": "rodscope", "version": [0, 1], "ok": true}""")
  let name = parsed["name"].getStr
  let major = parsed["version"][0].getInt
  echo fmt"{name} v{major}.{parsed[""version""][1].getInt}: {j[""distinct""].getInt:>4} words"
  echo &"first 'fox' at {ws.firstSeen.getOrDefault(\"fox\", -1)}, {3.14159:.2f}"
  echo "csv: ", ["a", "b", "c"].join(",")

main()
