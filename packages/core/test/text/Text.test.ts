/** Properties of the text rules: well-formed Unicode on every decoded string, one-line fields without controls. */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import * as Text from "../../src/text/Text.ts"

/** UTF-16 code units, surrogate halves included, so lone ones occur often. */
const units = fc.string({
  unit: fc.oneof(
    fc.constantFrom("a", "é", " ", "😀", "\ud800", "\udbff", "\udc00", "\udfff"),
    fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  ),
  maxLength: 30,
})

/** What a strict UTF-8 round trip says: a string is well-formed when it encodes and decodes to itself. */
const roundTrips = (s: string): boolean => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(s)) === s
  } catch {
    return false
  }
}

describe("well-formed Unicode", () => {
  it("isWellFormed agrees with a strict UTF-8 round trip", () => {
    fc.assert(fc.property(units, (s) => assert.strictEqual(Text.isWellFormed(s), roundTrips(s))))
  })

  it("toWellFormed gives a well-formed string, equal to the input when it already was", () => {
    fc.assert(
      fc.property(units, (s) => {
        const w = Text.toWellFormed(s)
        assert.isTrue(Text.isWellFormed(w))
        assert.strictEqual(w.length, s.length)
        if (Text.isWellFormed(s)) assert.strictEqual(w, s)
      }),
    )
  })

  it("wellFormed(schema) refuses a value with a lone surrogate at any depth (key or value), with its path", () => {
    const Body = Text.wellFormed(
      Schema.Struct({ text: Schema.String, tags: Schema.Array(Schema.String), meta: Schema.Unknown }),
    )
    const decode = Schema.decodeUnknownExit(Body)
    fc.assert(
      fc.property(units, units, units, (a, b, c) => {
        const value = { text: a, tags: [b], meta: { [c]: c } }
        const ok = decode(value)._tag === "Success"
        assert.strictEqual(ok, Text.isWellFormed(a) && Text.isWellFormed(b) && Text.isWellFormed(c))
        const path = Text.illFormedPath(value)
        if (!Text.isWellFormed(a)) assert.deepStrictEqual(path, ["text"])
        else if (!Text.isWellFormed(b)) assert.deepStrictEqual(path, ["tags", 0])
        else if (!Text.isWellFormed(c)) assert.deepStrictEqual(path, ["meta", c])
        else assert.isNull(path)
      }),
    )
  })

  it("a surrogate pair (an emoji) is well-formed; either half alone is not", () => {
    assert.isTrue(Text.isWellFormed("ok 😀"))
    assert.isFalse(Text.isWellFormed("😀".slice(0, 1)))
    assert.isFalse(Text.isWellFormed("😀".slice(1)))
    assert.isFalse(Text.isWellFormed("\udc00\ud800"))
  })
})

describe("one-line fields", () => {
  it("refuse every C0/C1 control, DEL and line separator; accept other text", () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
      0x2028,
      0x2029,
    ].map((n) => String.fromCharCode(n))
    for (const c of controls) assert.isFalse(Text.isSingleLine(`a${c}b`), JSON.stringify(c))
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) =>
        assert.strictEqual(Text.isSingleLine(s), ![...s].some((ch) => controls.includes(ch))),
      ),
    )
  })
})
