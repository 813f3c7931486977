/**
 * Values valid against a JSON Schema of the API document, as a fast-check arbitrary: the subset the document
 * uses (type, enum, const, pattern, min/maxLength in code points, min/max and exclusive bounds, items,
 * min/maxItems, properties and required, anyOf). Deliberately independent of the Effect Schemas, so a
 * document that says more or less than the server decodes is caught.
 */
import { Text } from "@inbox/core"
import fc from "fast-check"

export type JsonSchema = Readonly<Record<string, unknown>>

/** An operation of the document, as far as the tests read it. */
export interface DocumentOperation {
  readonly operationId: string
  readonly security: ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly parameters: ReadonlyArray<{
    name: string
    in: "path" | "query"
    required: boolean
    schema: JsonSchema
  }>
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> }
  readonly responses: Readonly<Record<string, unknown>>
}

const codePoints = (t: string): number => [...t].length

const text = (s: JsonSchema): fc.Arbitrary<string> => {
  const minLength = typeof s.minLength === "number" ? s.minLength : 0
  const maxLength = typeof s.maxLength === "number" ? s.maxLength : Math.max(minLength, 40)
  const fits = (t: string) => codePoints(t) >= minLength && codePoints(t) <= maxLength
  if (typeof s.pattern === "string") return fc.stringMatching(new RegExp(s.pattern, "u")).filter(fits)
  // Whole code points, astral ones included: the document counts characters, not UTF-16 units. JSON text
  // is Unicode, so a lone surrogate is not a string the document allows.
  return fc
    .string({ unit: "binary", minLength, maxLength: Math.min(maxLength, minLength + 40) })
    .filter((t) => Text.isWellFormed(t) && fits(t))
}

const number = (s: JsonSchema, integer: boolean): fc.Arbitrary<number> => {
  const exclusiveMin = typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum : undefined
  const exclusiveMax = typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum : undefined
  const min = typeof s.minimum === "number" ? s.minimum : exclusiveMin !== undefined ? exclusiveMin + 1 : -1e6
  const max = typeof s.maximum === "number" ? s.maximum : exclusiveMax !== undefined ? exclusiveMax - 1 : 1e6
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc
        .double({ min, max, noNaN: true, noDefaultInfinity: true })
        .filter(
          (n) =>
            (exclusiveMin === undefined || n > exclusiveMin) &&
            (exclusiveMax === undefined || n < exclusiveMax),
        )
}

export const arbitraryOf = (s: JsonSchema): fc.Arbitrary<unknown> => {
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as ReadonlyArray<unknown>))
  if ("const" in s) return fc.constant(s.const)
  if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as ReadonlyArray<JsonSchema>).map(arbitraryOf))
  if (Array.isArray(s.oneOf)) return fc.oneof(...(s.oneOf as ReadonlyArray<JsonSchema>).map(arbitraryOf))
  switch (s.type) {
    case "string":
      return text(s)
    case "integer":
      return number(s, true)
    case "number":
      return number(s, false)
    case "boolean":
      return fc.boolean()
    case "null":
      return fc.constant(null)
    case "array": {
      const minLength = typeof s.minItems === "number" ? s.minItems : 0
      const maxLength = typeof s.maxItems === "number" ? s.maxItems : minLength + 4
      return fc.array(arbitraryOf((s.items ?? {}) as JsonSchema), {
        minLength,
        maxLength: Math.min(maxLength, minLength + 4),
      })
    }
    case "object": {
      const properties = (s.properties ?? {}) as Readonly<Record<string, JsonSchema>>
      const required = new Set((s.required ?? []) as ReadonlyArray<string>)
      return fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryOf(v)])), {
        requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
      })
    }
    case undefined:
      return fc.jsonValue()
    default:
      throw new Error(`the document uses a schema this generator does not know: ${JSON.stringify(s)}`)
  }
}
