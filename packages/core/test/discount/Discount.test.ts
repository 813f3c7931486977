/** Properties of discount validity at an instant, boundaries included. */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import { checkActive, isActive, status } from "../../src/discount/Discount.ts"
import { errorMessage } from "../../src/i18n/Messages.ts"
import { instant } from "../../src/time.ts"
import { anyDiscountShape, discountAt, offset } from "../arbitraries/discount.ts"

describe("discount", () => {
  it("R16 a code is active iff enabled, started (start ≤ now), not ended (now < end) and under its usage limit", () => {
    fc.assert(
      fc.property(
        anyDiscountShape,
        fc.integer({ min: 86_400_000, max: 4_000_000_000_000 }),
        offset,
        (shape, base, delta) => {
          const d = discountAt(shape, instant(base))
          const now = instant(base + delta)
          const active =
            d.enabled &&
            d.startsAt <= now &&
            (d.endsAt === null || now < d.endsAt) &&
            (d.usageLimit === null || d.usageCount < d.usageLimit)
          assert.strictEqual(isActive(d, now), active)
          const r = checkActive(d, now)
          if (Result.isFailure(r)) {
            const reason = !d.enabled
              ? "disabled"
              : now < d.startsAt
                ? "not_started"
                : d.endsAt !== null && now >= d.endsAt
                  ? "expired"
                  : "usage_limit"
            assert.strictEqual(r.failure.reason, reason)
            assert.strictEqual(r.failure.code, d.code)
            for (const locale of ["en", "fr"] as const)
              assert.include(errorMessage(r.failure, locale), d.code)
          }
        },
      ),
    )
  })

  it("R16 boundaries: active from its first millisecond, inactive from its end, inactive at its usage limit", () => {
    fc.assert(
      fc.property(
        anyDiscountShape,
        fc.integer({ min: 1, max: 4_000_000_000_000 }),
        fc.integer({ min: 1, max: 1e9 }),
        (shape, start, length) => {
          const d = {
            ...discountAt(shape, instant(start)),
            enabled: true,
            startsAt: instant(start),
            endsAt: instant(start + length),
            usageLimit: null,
          }
          assert.isFalse(isActive(d, instant(start - 1)))
          assert.isTrue(isActive(d, instant(start)))
          assert.isTrue(isActive(d, instant(start + length - 1)))
          assert.isFalse(isActive(d, instant(start + length)))
          assert.isFalse(isActive({ ...d, usageLimit: d.usageCount }, instant(start)))
          assert.isTrue(isActive({ ...d, usageLimit: d.usageCount + 1 }, instant(start)))
        },
      ),
    )
  })
})

describe("discount status", () => {
  it("R16 status names the first failing check (disabled, scheduled, expired, used up) and is active exactly when the code may be shared", () => {
    fc.assert(
      fc.property(
        anyDiscountShape,
        fc.integer({ min: 86_400_000, max: 4_000_000_000_000 }),
        (shape, base) => {
          const now = instant(base)
          const d = discountAt(shape, now)
          const s = status(d, now)
          assert.strictEqual(s === "active", isActive(d, now))
          const r = checkActive(d, now)
          if (Result.isFailure(r))
            assert.strictEqual(
              s,
              { disabled: "disabled", not_started: "scheduled", expired: "expired", usage_limit: "used_up" }[
                r.failure.reason
              ],
            )
        },
      ),
    )
  })
})
