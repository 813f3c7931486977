/**
 * Retrying a reply's delivery: only a failed delivery is queued again, once; asking again while it is queued
 * or after it was sent changes nothing, so a double click can never send a reply twice. Pure.
 */
import { Schema } from "effect"

/** Where a reply stands on its way to the customer (the outbox's status). @see R2 */
export type DeliveryState = "queued" | "sent" | "delivered" | "read" | "failed" | "held"

/** A held reply waits for the shopper's return (R2); nothing failed, so there is nothing to retry. */
export class ReplyNotRetryable extends Schema.TaggedError<ReplyNotRetryable>()("ReplyNotRetryable", {
  status: Schema.String,
}) {}

/** The retried reply does not exist in this conversation, or is not a reply. */
export class ReplyNotFound extends Schema.TaggedError<ReplyNotFound>()("ReplyNotFound", {
  conversationId: Schema.String,
  seq: Schema.Int,
}) {}

/**
 * What a retry does to a delivery: `requeue` a failed one, leave a queued, sent or delivered one `unchanged`
 * (the earlier click already did it), refuse a held one.
 */
export const retryOutcome = (status: DeliveryState): "requeue" | "unchanged" | ReplyNotRetryable =>
  status === "failed" ? "requeue" : status === "held" ? new ReplyNotRetryable({ status }) : "unchanged"
