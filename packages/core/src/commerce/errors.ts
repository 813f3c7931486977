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

/**
 * The store refused the note it was asked to save (its own validation, e.g. Shopify's `userErrors`); nothing was
 * saved, in the store or in the inbox. `storeMessage` is the store's own words, shown as given.
 */
export class CustomerNoteRejected extends Schema.TaggedError<CustomerNoteRejected>()("CustomerNoteRejected", {
  field: Schema.NullOr(Schema.String),
  storeMessage: Schema.String,
}) {}
