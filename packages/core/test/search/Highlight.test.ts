/** Properties of search highlighting: nothing lost or invented, every marked part matches, accents and case folded. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { fold, highlight, matchRanges } from "../../src/search/Highlight.ts"

const text = fc.string({
  unit: fc.constantFrom("a", "b", "é", "E", "ß", " ", "😀", "o", "\u0301", "İ"),
  maxLength: 60,
})

describe("search highlighting", () => {
  it("the parts are the text (or its window) in order, and every hit folds to the term", () => {
    fc.assert(
      fc.property(
        text,
        fc.string({ unit: fc.constantFrom("a", "b", "e", "É", "o"), minLength: 1, maxLength: 3 }),
        fc.integer({ min: 5, max: 80 }),
        (t, term, max) => {
          const h = highlight(t, term, max)
          const shown = h.parts.map((p) => p.text).join("")
          if (!h.clippedStart && !h.clippedEnd) assert.strictEqual(shown, t)
          else assert.include(t, shown)
          assert.isAtMost(Array.from(shown).length, max)
          // A marked part is the term, or the part of it the window kept.
          for (const p of h.parts)
            if (p.hit) assert.isTrue(fold(term).includes(fold(p.text)) || fold(p.text).includes(fold(term)))
          // Every match range covers the term.
          for (const [s, e] of matchRanges(t, term))
            assert.include(fold(Array.from(t).slice(s, e).join("")), fold(term))
        },
      ),
    )
  })

  it("finds the term wherever it occurs, whatever the case and accents", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (before, after) => {
        const t = `${before}Élise${after}`
        const h = highlight(t, "elise", 1000)
        assert.isTrue(h.parts.some((p) => p.hit && fold(p.text) === "elise"))
      }),
    )
    assert.deepStrictEqual(highlight("Bonjour Élise", "ELISE").parts, [
      { text: "Bonjour ", hit: false },
      { text: "Élise", hit: true },
    ])
    assert.deepStrictEqual(highlight("nothing here", "zzz").parts, [{ text: "nothing here", hit: false }])
  })
})
