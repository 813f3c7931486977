/** Errors of the discount area. @see R16 */
import { Schema } from "effect"
import { DiscountCode } from "../ids.ts"

export const DiscountInactiveReason = Schema.Literals(["not_started", "expired", "disabled", "usage_limit"])
export type DiscountInactiveReason = typeof DiscountInactiveReason.Type

/** The code cannot be shared now; the merchant should update it in the shop admin. @see R16 */
export class DiscountInactive extends Schema.TaggedError<DiscountInactive>()("DiscountInactive", {
  code: DiscountCode,
  reason: DiscountInactiveReason,
}) {}

/** No such code in this shop. */
export class DiscountNotFound extends Schema.TaggedError<DiscountNotFound>()("DiscountNotFound", {
  code: Schema.String,
}) {}
