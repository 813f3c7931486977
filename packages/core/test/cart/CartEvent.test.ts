/** Properties of the cart event description: the 41-grapheme rule over arbitrary Unicode, EN and FR. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { describe as describeCart, graphemeLength, namesProduct } from "../../src/cart/CartEvent.ts"
import { LOCALES, messages } from "../../src/i18n/Messages.ts"
import { countedText, productTitle } from "../arbitraries/text.ts"

describe("cart events", () => {
  it("R6 a grapheme is what a person sees as one character (emoji, combining accents, CJK, flags)", () => {
    fc.assert(
      fc.property(countedText({ maxLength: 80 }), (t) => {
        assert.strictEqual(graphemeLength(t.text), t.graphemes)
      }),
    )
  })

  it("R6 the event names the product only when its name has fewer than 41 graphemes", () => {
    fc.assert(
      fc.property(
        productTitle,
        fc.constantFrom(...LOCALES),
        fc.constantFrom("added" as const, "removed" as const),
        (t, locale, change) => {
          const m = messages(locale)
          const text = describeCart(change, t.text, locale)
          const named = t.graphemes < 41
          assert.strictEqual(namesProduct(t.text), named)
          const expected = named
            ? change === "added"
              ? m.cart.addedNamed(t.text)
              : m.cart.removedNamed(t.text)
            : change === "added"
              ? m.cart.addedUnnamed
              : m.cart.removedUnnamed
          assert.strictEqual(text, expected)
          if (!named && t.text.length > 0) assert.notInclude(text, t.text)
        },
      ),
    )
  })

  it("R6 boundary: exactly 40 graphemes is named, 41 is not, however many code units they take", () => {
    fc.assert(
      fc.property(
        countedText({ minLength: 40, maxLength: 40 }),
        countedText({ minLength: 1, maxLength: 1 }),
        (forty, one) => {
          assert.isTrue(namesProduct(forty.text))
          assert.isFalse(namesProduct(forty.text + one.text))
        },
      ),
    )
  })
})
