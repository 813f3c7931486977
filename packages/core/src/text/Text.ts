/**
 * Text crossing a boundary into the domain: well-formed Unicode everywhere (no lone UTF-16 surrogate, which
 * has no UTF-8 form and poisons storage and search), no control characters in one-line fields, and lengths
 * counted as people and JSON Schema count them: in code points (an emoji is one character, not two UTF-16
 * units), so the server refuses exactly what the API document says it refuses.
 */
import { Schema, type SchemaAST } from "effect"

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g")

/** True when the string is well-formed UTF-16: every surrogate is half of a pair. */
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s)

/** The string with each lone surrogate replaced by U+FFFD (what a UTF-8 decoder would show). */
export const toWellFormed = (s: string): string => s.replace(LONE_SURROGATES, "\uFFFD")

/** The path of the first string (a key or a value, at any depth) that is not well-formed, or null. */
export const illFormedPath = (u: unknown): ReadonlyArray<PropertyKey> | null => {
  const walk = (v: unknown, path: Array<PropertyKey>, depth: number): Array<PropertyKey> | null => {
    if (typeof v === "string") return isWellFormed(v) ? null : path
    if (typeof v !== "object" || v === null || depth > 64) return null
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) {
        const found = walk(item, [...path, i], depth + 1)
        if (found !== null) return found
      }
      return null
    }
    for (const [k, item] of Object.entries(v)) {
      if (!isWellFormed(k)) return [...path, k]
      const found = walk(item, [...path, k], depth + 1)
      if (found !== null) return found
    }
    return null
  }
  return walk(u, [], 0)
}

/** The one rule every decoded input passes: each string inside it is well-formed Unicode. */
export const everyStringWellFormed = Schema.makeFilter<unknown>(
  (u) => {
    const path = illFormedPath(u)
    return path === null ? undefined : { path, issue: "must be well-formed Unicode text (no lone surrogate)" }
  },
  { title: "well-formed Unicode" },
)

/** `schema`, refusing any decoded value that holds a string with a lone surrogate. */
export const wellFormed = <S extends Schema.Top>(schema: S): S["Rebuild"] =>
  schema.check(everyStringWellFormed as SchemaAST.Check<S["Type"]>)

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators (Unicode category Cc, plus two). */
const CONTROL = /[\p{Cc}\u2028\u2029]/u

/** True when a one-line value (a name, an email) holds no control character (NUL, CR, LF, ESC, …). */
export const isSingleLine = (s: string): boolean => !CONTROL.test(s)

/** A one-line text field: no control characters, so nothing is cut short, split or smuggled. @see L4 */
export const singleLine = Schema.makeFilter<string>(
  (s) => (isSingleLine(s) ? undefined : "must not contain control characters"),
  // The same set spelled as ranges, which every JSON Schema regex dialect reads.
  { toJsonSchema: () => ({ pattern: "^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]*$" }) },
)

const codePoints = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}

/** At most `max` characters. */
export const isMaxChars = (max: number) =>
  Schema.makeFilter<string>((s) => codePoints(s) <= max, {
    expected: `a text of at most ${max} characters`,
    toJsonSchema: () => ({ maxLength: max }),
    arbitraryConstraint: { maxLength: max },
  })

/** At least `min` characters. */
export const isMinChars = (min: number) =>
  Schema.makeFilter<string>((s) => codePoints(s) >= min, {
    expected: `a text of at least ${min} characters`,
    toJsonSchema: () => ({ minLength: min }),
    arbitraryConstraint: { minLength: min },
  })
