/** One-click retry of a failed reply: requeue it once and tell every open inbox (DeliveryUpdated). @see R2 */
import { ConversationErrors, type Ids } from "@inbox/core"
import type { RetryResponse } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Deliveries } from "../repo/Deliveries.ts"
import type { StaffRecord } from "../repo/Directory.ts"

export const retry = Effect.fn("Deliveries.retry")(function* (
  staff: StaffRecord,
  conversationId: Ids.ConversationId,
  seq: number,
) {
  // Tenancy first: a conversation of another shop is simply not found. @see R0.1
  const state = yield* (yield* Conversations).load(staff.shopId, conversationId)
  if (state === null)
    return yield* Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId }))
  const result = yield* (yield* Deliveries).retry(
    staff.shopId,
    conversationId,
    seq,
    yield* Clock.currentTimeMillis,
  )
  if (result.requeued)
    yield* (yield* Broadcaster).deliveryUpdated(staff.shopId, conversationId, seq, result.delivery)
  const body: RetryResponse = result
  return body
})
