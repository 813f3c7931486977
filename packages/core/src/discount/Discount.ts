/** Discount codes and when one may be shared. Pure; @see R16, R17 */
import { Result, Schema } from "effect"
import { DiscountCode } from "../ids.ts"
import { Instant } from "../time.ts"
import { DiscountInactive, type DiscountInactiveReason } from "./errors.ts"

export const DiscountValue = Schema.Union([
  Schema.TaggedStruct("percentage", {
    percent: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 })),
  }),
  Schema.TaggedStruct("fixed_amount", { amount: Schema.Int, currency: Schema.String }),
  Schema.TaggedStruct("free_shipping", {}),
])
export type DiscountValue = typeof DiscountValue.Type

export const Discount = Schema.Struct({
  code: DiscountCode,
  value: DiscountValue,
  startsAt: Instant,
  /** Exclusive end; null = no end date. */
  endsAt: Schema.NullOr(Instant),
  enabled: Schema.Boolean,
  usageCount: Schema.Int,
  /** null = unlimited. */
  usageLimit: Schema.NullOr(Schema.Int),
})
export type Discount = typeof Discount.Type

/** What the shopper sees of a shared code. */
export const DiscountCard = Schema.Struct({ code: DiscountCode, value: DiscountValue })
export type DiscountCard = typeof DiscountCard.Type

/**
 * A code is active when enabled, started (startsAt ≤ now), not ended (now < endsAt) and under its
 * usage limit. The first failing condition in that order is the reason given. @see R16
 */
export const checkActive = (d: Discount, now: Instant): Result.Result<Discount, DiscountInactive> => {
  if (!d.enabled) return Result.fail(new DiscountInactive({ code: d.code, reason: "disabled" }))
  if (now < d.startsAt) return Result.fail(new DiscountInactive({ code: d.code, reason: "not_started" }))
  if (d.endsAt !== null && now >= d.endsAt)
    return Result.fail(new DiscountInactive({ code: d.code, reason: "expired" }))
  if (d.usageLimit !== null && d.usageCount >= d.usageLimit)
    return Result.fail(new DiscountInactive({ code: d.code, reason: "usage_limit" }))
  return Result.succeed(d)
}

/** A code's state as the shop admin names it. @see R16 */
export const DiscountStatus = Schema.Literals(["active", "scheduled", "expired", "used_up", "disabled"])
export type DiscountStatus = typeof DiscountStatus.Type

const STATUS_OF_REASON: Record<DiscountInactiveReason, DiscountStatus> = {
  not_started: "scheduled",
  expired: "expired",
  disabled: "disabled",
  usage_limit: "used_up",
}

/** The code's status at `now`, by the same checks as `checkActive`, whatever store the code came from. @see R16 */
export const status = (d: Discount, now: Instant): DiscountStatus => {
  const check = checkActive(d, now)
  return Result.isSuccess(check) ? "active" : STATUS_OF_REASON[check.failure.reason]
}

export const isActive = (d: Discount, now: Instant): boolean => Result.isSuccess(checkActive(d, now))

export const toCard = (d: Discount): DiscountCard => ({ code: d.code, value: d.value })

/** Codes are case-insensitive for people; stored and compared upper-case. */
export const normalizeCode = (raw: string): string => raw.trim().toUpperCase()
