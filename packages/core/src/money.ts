/** Money as integer minor units plus an ISO 4217 currency: exact sums, never floats. @see R7 */
import { Schema } from "effect"

export const Currency = Schema.String.check(Schema.isPattern(/^[A-Z]{3}$/u))
export type Currency = typeof Currency.Type

export const Money = Schema.Struct({
  /** Amount in the currency's minor unit (cents for EUR/USD). */
  amount: Schema.Int,
  currency: Currency,
})
export type Money = typeof Money.Type

export const money = (amount: number, currency: Currency): Money => ({ amount, currency })

export const zero = (currency: Currency): Money => ({ amount: 0, currency })

/** Multiplies a unit price by a quantity, exactly. */
export const times = (price: Money, quantity: number): Money => ({
  amount: price.amount * quantity,
  currency: price.currency,
})

/** Sums amounts of one currency; mixing currencies is a programming error, not a domain case. */
export const sum = (currency: Currency, amounts: Iterable<Money>): Money => {
  let total = 0
  for (const m of amounts) {
    if (m.currency !== currency) throw new Error(`Cannot add ${m.currency} to ${currency}`)
    total += m.amount
  }
  return { amount: total, currency }
}

const minorDigits = (currency: Currency): number =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2

/** Formats money for a person, e.g. "€12.50" (en) or "12,50 €" (fr). */
export const format = (m: Money, locale: string): string => {
  const digits = minorDigits(m.currency)
  return new Intl.NumberFormat(locale, { style: "currency", currency: m.currency }).format(
    m.amount / 10 ** digits,
  )
}

/** The minor-unit digits of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
export const minorUnitDigits = (currency: Currency): number => minorDigits(currency)

/**
 * Reads a decimal amount as stores send it ("19.99", "-5", "1200.5"), exactly, without floats; null when the
 * text is not a decimal or has more fraction digits than the currency's minor unit holds.
 */
export const fromDecimal = (text: string, currency: Currency): Money | null => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (m === null) return null
  const digits = minorDigits(currency)
  const fraction = (m[3] ?? "").replace(/0+$/, "")
  if (fraction.length > digits) return null
  const amount = Number(`${m[2]}${fraction.padEnd(digits, "0")}`)
  if (!Number.isSafeInteger(amount)) return null
  return { amount: m[1] === "-" && amount !== 0 ? -amount : amount, currency }
}

/** The decimal text of an amount ("19.99"), the inverse of `fromDecimal`. */
export const toDecimal = (m: Money): string => {
  const digits = minorDigits(m.currency)
  const abs = Math.abs(m.amount)
    .toString()
    .padStart(digits + 1, "0")
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`
  return m.amount < 0 ? `-${text}` : text
}
