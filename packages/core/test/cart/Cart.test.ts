/** Properties of the cart header: exact subtotal and quantities, shown only while the cart has items. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { addLine, type Cart, emptyCart, header, removeLine, subtotal } from "../../src/cart/Cart.ts"
import { cartLine } from "../arbitraries/catalog.ts"
import { currency } from "../arbitraries/money.ts"

/** Builds a cart by adding lines (variant ids repeat now and then) and removing some. */
const cart = currency.chain((cur) =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: cartLine(cur).map((line) => ({ add: line })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.nat(), fc.integer({ min: 1, max: 2000 }))
            .map(([i, q]) => ({ remove: i, q })),
        },
      ),
      { maxLength: 30 },
    )
    .map((ops) =>
      ops.reduce<Cart>((c, op) => {
        if ("add" in op) {
          const reuse = c.lines[op.add.quantity % Math.max(1, c.lines.length + 2)]
          return addLine(c, reuse === undefined ? op.add : { ...op.add, variantId: reuse.variantId })
        }
        const target = c.lines[op.remove % Math.max(1, c.lines.length)]
        return target === undefined ? c : removeLine(c, target.variantId, op.q)
      }, emptyCart(cur)),
    ),
)

describe("cart", () => {
  it("R7 the subtotal is the exact sum of unit price × quantity, in the cart's currency", () => {
    fc.assert(
      fc.property(cart, (c) => {
        const exact = c.lines.reduce((s, l) => s + BigInt(l.unitPrice.amount) * BigInt(l.quantity), 0n)
        const total = subtotal(c)
        assert.strictEqual(BigInt(total.amount), exact)
        assert.isTrue(Number.isSafeInteger(total.amount))
        assert.strictEqual(total.currency, c.currency)
      }),
    )
  })

  it("R7 the header is present iff the cart is non-empty and lists each line's quantity", () => {
    fc.assert(
      fc.property(cart, (c) => {
        const h = header(c)
        assert.strictEqual(h !== null, c.lines.length > 0)
        if (h !== null) {
          assert.deepStrictEqual(
            h.items,
            c.lines.map((l) => ({ title: l.title, quantity: l.quantity })),
          )
          assert.deepStrictEqual(h.subtotal, subtotal(c))
        }
        for (const l of c.lines) assert.isAbove(l.quantity, 0)
        assert.strictEqual(new Set(c.lines.map((l) => l.variantId)).size, c.lines.length)
      }),
    )
  })
})
