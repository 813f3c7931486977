/** Errors of the commerce port: the shop's store could not answer. @see R15, R16, R20–R23 */
import { Schema } from "effect"

export const CommerceUnavailableReason = Schema.Literals([
  /** The store did not answer (network, timeout, 5xx) and nothing is cached. */
  "unreachable",
  /** The store refused for now (rate limit or query cost) and nothing is cached. */
  "throttled",
  /** The store no longer accepts the shop's credentials (app uninstalled or token revoked). */
  "unauthorized",
])
export type CommerceUnavailableReason = typeof CommerceUnavailableReason.Type

/** The shop's store could not be read or written just now; the merchant may retry. */
export class CommerceUnavailable extends Schema.TaggedError<CommerceUnavailable>()("CommerceUnavailable", {
  reason: CommerceUnavailableReason,
}) {}
