/**
 * Unicode text with a known number of user-perceived characters: names are built from units that are
 * each one grapheme cluster and cannot merge with a neighbour, so the unit count is an oracle
 * independent of Intl.Segmenter.
 */
import fc from "fast-check"

/** Each entry is exactly one grapheme cluster, whatever precedes or follows it in this list. */
export const GRAPHEME_UNITS = [
  "a",
  "Z",
  "7",
  " ",
  "-",
  "é", // precomposed
  "e\u0301", // e + combining acute
  "a\u0308\u0323", // a + two combining marks
  "ñ",
  "ß",
  "漢",
  "字",
  "한", // precomposed Hangul syllable
  "ア",
  "ש",
  "ع",
  "Ω",
  "👍",
  "👍🏽", // emoji + skin-tone modifier
  "👩‍💻", // ZWJ sequence
  "👨‍👩‍👧‍👦", // family ZWJ sequence
  "🇫🇷", // flag (regional-indicator pair)
  "❤️", // emoji + variation selector
  "1️⃣", // keycap
  "\r\n",
] as const

export interface CountedText {
  readonly text: string
  readonly graphemes: number
}

export const countedText = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc
    .array(fc.constantFrom(...GRAPHEME_UNITS), {
      minLength: constraints.minLength ?? 0,
      maxLength: constraints.maxLength ?? 60,
    })
    .map((units): CountedText => ({ text: units.join(""), graphemes: units.length }))

/** A product title around the 40-grapheme boundary of R6 more often than chance would give. */
export const productTitle: fc.Arbitrary<CountedText> = fc.oneof(
  countedText({ minLength: 1, maxLength: 12 }),
  countedText({ minLength: 38, maxLength: 43 }),
  countedText({ minLength: 1, maxLength: 80 }),
)

/** Message text: mostly ordinary, sometimes blank, sometimes over the length limit. */
export const messageText = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: countedText({ minLength: 1, maxLength: 20 }).map((t) => t.text) },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\n\t ") },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(max), "y".repeat(max + 1)) },
  )
