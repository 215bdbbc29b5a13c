## Word statistics built on strutils, tables, sets, sequtils and algorithm.

import std/[strutils, tables, sets, sequtils, algorithm, options]

type
  WordStats* = object
    counts*: CountTable[string]
    firstSeen*: Table[string, int]
    letters*: set[char]
    stopWords*: HashSet[string]

proc initWordStats*(stopWords: openArray[string]): WordStats =
  result.counts = initCountTable[string]()
  result.firstSeen = initTable[string, int]()
  result.stopWords = toHashSet(stopWords)

proc feed*(ws: var WordStats, text: string) =
  var pos = 0
  for raw in text.splitWhitespace:
    let w = raw.strip(chars = {'.', ',', ';', '!', '?'}).toLowerAscii
    if w.len == 0 or w in ws.stopWords: continue
    ws.counts.inc w
    if w notin ws.firstSeen: ws.firstSeen[w] = pos
    for c in w: ws.letters.incl c
    inc pos

proc top*(ws: WordStats, n: int): seq[(string, int)] =
  for w, c in ws.counts.pairs: result.add((w, c))
  result.sort(proc (a, b: (string, int)): int =
    result = cmp(b[1], a[1])
    if result == 0: result = cmp(a[0], b[0]))
  if result.len > n: result.setLen(n)

proc longestWord*(ws: WordStats): Option[string] =
  # note: `toSeq(ws.firstSeen.keys)` breaks IC in 1.6.10 (see README)
  var words: seq[string]
  for w in ws.firstSeen.keys: words.add w
  if words.len == 0: return none(string)
  words = words.filterIt(it.len > 2).mapIt(it.toUpperAscii)
  if words.len == 0: return none(string)
  words.sort(proc (a, b: string): int = cmp(b.len, a.len))
  some(words[0])
