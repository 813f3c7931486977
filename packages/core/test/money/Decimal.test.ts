/** Decimal amounts as stores send them, read into exact minor units and written back. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { fromDecimal, minorUnitDigits, toDecimal } from "../../src/money.ts"

const currencies = fc.constantFrom("EUR", "USD", "JPY", "KWD", "CAD")

describe("money decimals", () => {
  it("R7 a decimal amount round-trips through exact minor units, whatever the currency's digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), currencies, (amount, currency) => {
        const text = toDecimal({ amount, currency })
        assert.deepStrictEqual(fromDecimal(text, currency), { amount, currency })
      }),
    )
  })

  it("R7 examples: trailing zeros, missing fraction, too many digits and non-numbers", () => {
    assert.deepStrictEqual(fromDecimal("19.99", "EUR"), { amount: 1999, currency: "EUR" })
    assert.deepStrictEqual(fromDecimal("19.9", "EUR"), { amount: 1990, currency: "EUR" })
    assert.deepStrictEqual(fromDecimal("20", "EUR"), { amount: 2000, currency: "EUR" })
    assert.deepStrictEqual(fromDecimal("1200.000", "JPY"), { amount: 1200, currency: "JPY" })
    assert.deepStrictEqual(fromDecimal("0.1+0.2", "EUR"), null)
    assert.deepStrictEqual(fromDecimal("1.005", "EUR"), null)
    assert.deepStrictEqual(fromDecimal("1.005", "KWD"), { amount: 1005, currency: "KWD" })
    assert.strictEqual(minorUnitDigits("JPY"), 0)
  })
})
