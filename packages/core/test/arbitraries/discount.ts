/**
 * Discounts described relative to an instant, so that "starts now", "ends now" and "one use left"
 * boundaries are generated on purpose rather than by luck.
 */
import fc from "fast-check"
import type { Discount, DiscountValue } from "../../src/discount/Discount.ts"
import type { DiscountCode } from "../../src/ids.ts"
import { type Instant, instant } from "../../src/time.ts"
import { discountCode } from "./ids.ts"

/** An offset in ms around a reference instant, biased to the boundary values -1, 0, +1. */
export const offset = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(-1, 0, 1) },
  { weight: 2, arbitrary: fc.integer({ min: -86_400_000, max: 86_400_000 }) },
)

export interface DiscountShape {
  readonly code: DiscountCode
  readonly value: DiscountValue
  readonly startOffset: number
  readonly endOffset: number | null
  readonly enabled: boolean
  readonly usageCount: number
  readonly usageLimit: number | null
}

export const discountValue: fc.Arbitrary<DiscountValue> = fc.oneof(
  fc.record({ _tag: fc.constant("percentage" as const), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({
    _tag: fc.constant("fixed_amount" as const),
    amount: fc.integer({ min: 1, max: 10_000 }),
    currency: fc.constant("EUR"),
  }),
  fc.record({ _tag: fc.constant("free_shipping" as const) }),
)

/** Any combination of start, end, state and usage, boundaries included. */
export const anyDiscountShape: fc.Arbitrary<DiscountShape> = fc.record({
  code: discountCode,
  value: discountValue,
  startOffset: offset,
  endOffset: fc.option(offset, { nil: null }),
  enabled: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
  usageCount: fc.integer({ min: 0, max: 5 }),
  usageLimit: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
})

/** Places a shape at an instant; start and end are clamped at the epoch (instants are ≥ 0). */
export const discountAt = (shape: DiscountShape, now: Instant): Discount => ({
  code: shape.code,
  value: shape.value,
  startsAt: instant(Math.max(0, now + shape.startOffset)),
  endsAt: shape.endOffset === null ? null : instant(Math.max(0, now + shape.endOffset)),
  enabled: shape.enabled,
  usageCount: shape.usageCount,
  usageLimit: shape.usageLimit,
})

/** A code that is active at the reference instant, often only just (starts now, ends in 1 ms, one use left). */
export const activeDiscountShape: fc.Arbitrary<DiscountShape> = fc
  .record({
    code: discountCode,
    value: discountValue,
    startOffset: fc.oneof(fc.constantFrom(0, -1), fc.integer({ min: -86_400_000, max: 0 })),
    endOffset: fc.option(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 86_400_000 })), { nil: null }),
    enabled: fc.constant(true),
    usageCount: fc.integer({ min: 0, max: 5 }),
    spare: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  })
  .map(({ spare, ...d }) => ({ ...d, usageLimit: spare === null ? null : d.usageCount + spare }))

export const discountShape: fc.Arbitrary<DiscountShape> = fc.oneof(activeDiscountShape, anyDiscountShape)
