/**
 * Search highlighting: the parts of a text that match a search term, folding case and accents the way the
 * catalogue search does ("eLiSe" finds "Élise"), cut to a window around the first match. Pure.
 */

/** A run of the text, marked when it matches the term. Concatenated, the parts give back the shown text. */
export interface Part {
  readonly text: string
  readonly hit: boolean
}

export interface Highlighted {
  readonly parts: ReadonlyArray<Part>
  /** Text was left out before or after the window (the UI shows an ellipsis). */
  readonly clippedStart: boolean
  readonly clippedEnd: boolean
}

const foldChar = (ch: string): string => ch.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en")

/** Folds case and accents, one code point at a time, so positions map back to the original text. */
export const fold = (s: string): string => Array.from(s, foldChar).join("")

/** The [start, end) code-point ranges of the text that match the folded term, left to right, not overlapping. */
export const matchRanges = (text: string, term: string): ReadonlyArray<readonly [number, number]> => {
  const needle = fold(term.trim())
  if (needle === "") return []
  const chars = Array.from(text)
  // folded[i] is the fold of chars[i]; owner maps each folded code unit back to its code point.
  let folded = ""
  const owner: Array<number> = []
  chars.forEach((ch, i) => {
    const f = foldChar(ch)
    folded += f
    for (let k = 0; k < f.length; k++) owner.push(i)
  })
  const ranges: Array<readonly [number, number]> = []
  let from = 0
  for (;;) {
    const at = folded.indexOf(needle, from)
    if (at < 0) break
    const start = owner[at] ?? 0
    const end = (owner[at + needle.length - 1] ?? start) + 1
    if (ranges.length === 0 || start >= ranges[ranges.length - 1]![1]) ranges.push([start, end])
    from = at + needle.length
  }
  return ranges
}

/**
 * The text cut to about `max` code points around the first match, split into plain and matching parts.
 * @example highlight("Bonjour Élise", "elise").parts // [{ text: "Bonjour ", hit: false }, { text: "Élise", hit: true }]
 */
export const highlight = (text: string, term: string, max = 160): Highlighted => {
  const chars = Array.from(text)
  const ranges = matchRanges(text, term)
  const first = ranges[0]?.[0] ?? 0
  const start =
    chars.length <= max ? 0 : Math.max(0, Math.min(first - Math.floor(max / 4), chars.length - max))
  const end = Math.min(chars.length, start + max)
  const parts: Array<Part> = []
  const push = (a: number, b: number, hit: boolean) => {
    if (b > a) parts.push({ text: chars.slice(a, b).join(""), hit })
  }
  let at = start
  for (const [s, e] of ranges) {
    if (e <= start) continue
    if (s >= end) break
    push(at, Math.max(at, s), false)
    push(Math.max(at, s), Math.min(e, end), true)
    at = Math.min(e, end)
  }
  push(at, end, false)
  return { parts, clippedStart: start > 0, clippedEnd: end < chars.length }
}
