/**
 * Text → sparse hashed features for the topic model: normalised words, word pairs and the 3–5 letter
 * pieces of each word, so typos, missing accents and unseen word forms still share most features.
 */

/** Only the start of a message is read: topics show early, and huge inputs must stay cheap. */
export const MAX_CHARS = 2000

/** Upper bound on features per text: ≤ 3 letter pieces per character plus a word and a pair per word. */
export const MAX_FEATURES = 5 * (MAX_CHARS + 2)

const LIGATURES: Readonly<Record<string, string>> = { œ: "oe", æ: "ae", ß: "ss", "’": "'", ł: "l", ø: "o" }

const NON_ASCII = /[\u0080-\uffff]/

/**
 * Lower case, no accents (NFD then combining marks dropped), ligatures spelled out, digits mapped to `0`,
 * and any letter repeated three or more times cut to two ("sooo" → "soo"), so shoppers' spelling
 * variants meet the same features.
 */
export const normalise = (text: string): string => {
  const head = text.slice(0, MAX_CHARS).toLowerCase()
  // Most messages are plain ASCII: the same result without the Unicode passes, at a fraction of the cost.
  if (!NON_ASCII.test(head)) return head.replace(/[0-9]/g, "0").replace(/([a-z])\1{2,}/g, "$1$1")
  return head
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[œæßł’ø]/g, (c) => LIGATURES[c] ?? c)
    .replace(/\p{Nd}/gu, "0")
    .replace(/(\p{L})\1{2,}/gu, "$1$1")
    .slice(0, MAX_CHARS)
}

/**
 * Feature weight for a text with `n` features. The added constant pulls texts with little evidence
 * (one stray letter, a lone emoji word) towards the prior, where "none" wins, instead of letting a single
 * feature speak at full strength.
 */
export const featureWeight = (n: number, plausible = 1): number => plausible ** 4 / Math.sqrt(n + 16)

/**
 * Share of the text's characters that people type: control characters, private-use code points and
 * U+FFFD (what random bytes decode to) count against it. Binary-looking input thereby carries little
 * evidence, whatever words its bytes happen to spell.
 */
export const plausibility = (text: string): number => {
  const end = Math.min(text.length, MAX_CHARS)
  if (end === 0) return 1
  let junk = 0
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if (
      (c < 32 && c !== 9 && c !== 10 && c !== 13) ||
      (c >= 127 && c < 160) ||
      (c >= 0xe000 && c < 0xf900) ||
      c >= 0xfffd
    )
      junk++
  }
  return 1 - junk / end
}

/** Longer runs of letters are not words a shopper types: they get no letter pieces. */
const MAX_WORD = 30

/** Words: runs of letters or digits (apostrophes, punctuation, emoji and spaces separate them). */
const WORD = /[\p{L}0]+/gu

/** Murmur3's finaliser: spreads FNV's weak low bits so `& (buckets - 1)` is a fair bucket choice. */
const mix = (h: number): number => {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

const FNV_PRIME = 0x01000193
const WORD_SEED = 0x811c9dc5
const PAIR_SEED = 0x9e3779b9
const PIECE_SEED = 0x7f4a7c15

const fnv = (h: number, s: string, from: number, to: number): number => {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
  return h
}

/**
 * Which signed buckets the current text already emitted: slot `2·bucket + sign` holds the text's stamp.
 * Features are present or absent, never counted, so repeating a word (or pasting junk 10,000 times)
 * cannot multiply its weight.
 */
let seen = new Int32Array(0)
let stamp = 0

/**
 * Writes the distinct signed features of `text` into `out` as `±(bucket + 1)` (the sign halves the cost
 * of hash collisions) and returns how many were written. `buckets` must be a power of two.
 */
export const featurise = (text: string, buckets: number, out: Int32Array): number => {
  const s = normalise(text)
  const mask = buckets - 1
  if (seen.length !== 2 * buckets || stamp >= 0x7fffffff) {
    seen = new Int32Array(2 * buckets)
    stamp = 0
  }
  const current = ++stamp
  let n = 0
  const emit = (h: number): void => {
    const m = mix(h)
    const negative = (m & 0x80000000) !== 0
    const slot = 2 * (m & mask) + (negative ? 1 : 0)
    if (seen[slot] === current) return
    seen[slot] = current
    out[n++] = negative ? -((m & mask) + 1) : (m & mask) + 1
  }
  let previous = -1
  let previousEnd = -1
  for (const match of s.matchAll(WORD)) {
    const start = match.index
    const end = start + match[0].length
    const word = fnv(WORD_SEED, s, start, end)
    emit(word)
    if (previous >= 0)
      emit(fnv(Math.imul(fnv(PAIR_SEED, s, previous, previousEnd) ^ 32, FNV_PRIME), s, start, end))
    previous = start
    previousEnd = end
    // Letter pieces of "<word>": the boundaries count as characters so prefixes and suffixes stand out.
    const len = end - start + 2
    // Pieces of very long "words" (pasted junk, hashes, base64) would only add noise.
    if (len < 4 || len > MAX_WORD + 2) continue
    for (let i = 0; i + 3 <= len; i++) {
      let h = PIECE_SEED
      for (let k = 0; k < 5 && i + k < len; k++) {
        const at = start - 1 + i + k
        h = Math.imul(h ^ (at < start ? 60 : at >= end ? 62 : s.charCodeAt(at)), FNV_PRIME)
        if (k >= 2) emit(h)
      }
    }
  }
  return n
}
