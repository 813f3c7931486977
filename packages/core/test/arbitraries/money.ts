/** Generators of exact money: integer minor units in a handful of currencies (JPY has no minor unit). */
import fc from "fast-check"
import type { Currency, Money } from "../../src/money.ts"

export const CURRENCIES = ["EUR", "USD", "JPY", "GBP"] as const satisfies ReadonlyArray<Currency>

export const currency: fc.Arbitrary<Currency> = fc.constantFrom(...CURRENCIES)

/** Up to 10 million minor units: large enough to matter, small enough that Σ price × qty stays safe. */
export const amount = fc.integer({ min: 0, max: 10_000_000 })

export const moneyIn = (c: Currency): fc.Arbitrary<Money> => amount.map((a) => ({ amount: a, currency: c }))

export const money: fc.Arbitrary<Money> = currency.chain(moneyIn)
