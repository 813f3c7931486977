/** Wire Schemas of a reply's delivery: the one-click retry of a reply that was not delivered. @see R2 */
import { Schema } from "effect"
import { ConversationId } from "../ids.ts"
import * as Endpoint from "./Endpoint.ts"
import { Delivery } from "./Inbox.ts"

/** `POST /api/conversations/:id/replies/:seq/retry`: the reply's sequence number in its conversation. */
export const RetryPath = Schema.Struct({
  id: ConversationId,
  seq: Schema.FiniteFromString.check(Schema.isInt(), Schema.isGreaterThan(0)),
})
export type RetryPath = typeof RetryPath.Type

/** The reply's delivery after the retry; `requeued` is false when an earlier click already did it. */
export const RetryResponse = Schema.Struct({ delivery: Delivery, requeued: Schema.Boolean })
export type RetryResponse = typeof RetryResponse.Type

export const DeliveriesApi = {
  retry: Endpoint.post("/api/conversations/:id/replies/:seq/retry", {
    summary: "Retry a reply that was not delivered (never sends twice)",
    auth: "chatStaff",
    params: RetryPath,
    success: RetryResponse,
    errors: ["ConversationNotFound", "ReplyNotFound", "ReplyNotRetryable"],
  }),
}
