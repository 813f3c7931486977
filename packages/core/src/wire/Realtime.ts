/**
 * WebSocket frames, tagged with `_tag`. Every committed event carries the shop's sequence number, so a
 * client that reconnects with the last number it saw receives exactly what it missed. @see R8, R9
 */
import { Schema } from "effect"
import { ConversationEvent } from "../conversation/Event.ts"
import { ConversationId, StaffId } from "../ids.ts"
import { InboxRow } from "../inbox/InboxRow.ts"
import * as Endpoint from "./Endpoint.ts"
import { Delivery } from "./Inbox.ts"

/** An event committed to a conversation, with the row as the receiving staff member now sees it. */
export const Committed = Schema.TaggedStruct("Committed", {
  shopSeq: Schema.Int,
  conversationId: ConversationId,
  seq: Schema.Int,
  event: ConversationEvent,
  row: InboxRow,
})
export type Committed = typeof Committed.Type

/** Sent once after connect (and after any replay): the shop sequence number the client is now at. */
export const Ready = Schema.TaggedStruct("Ready", { shopSeq: Schema.Int })

/** A shopper is (or stopped being) in the store, after the grace period. @see R8, R9 */
export const PresenceChanged = Schema.TaggedStruct("Presence", {
  conversationId: ConversationId,
  online: Schema.Boolean,
})

export const Typist = Schema.Union([Schema.Literal("customer"), Schema.Struct({ staffId: StaffId })])
export type Typist = typeof Typist.Type

export const TypingServer = Schema.TaggedStruct("Typing", { conversationId: ConversationId, who: Typist })

/** Who of the staff has this conversation open now. */
export const ViewingServer = Schema.TaggedStruct("Viewing", {
  conversationId: ConversationId,
  staffIds: Schema.Array(StaffId),
})

/** A reply's delivery moved on (sent, retried, failed). @see R2 */
export const DeliveryUpdated = Schema.TaggedStruct("DeliveryUpdated", {
  conversationId: ConversationId,
  seq: Schema.Int,
  delivery: Delivery,
})

export const MerchantServerFrame = Schema.Union([
  Committed,
  Ready,
  PresenceChanged,
  TypingServer,
  ViewingServer,
  DeliveryUpdated,
])
export type MerchantServerFrame = typeof MerchantServerFrame.Type

export const ViewingClient = Schema.TaggedStruct("Viewing", { conversationId: Schema.NullOr(ConversationId) })
export const TypingClient = Schema.TaggedStruct("Typing", { conversationId: ConversationId })

export const MerchantClientFrame = Schema.Union([ViewingClient, TypingClient])
export type MerchantClientFrame = typeof MerchantClientFrame.Type

/** Query of the merchant socket `/api/realtime?since=<shopSeq>`. */
export const RealtimeQuery = Schema.Struct({
  since: Schema.optionalKey(Schema.FiniteFromString.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))),
})
export type RealtimeQuery = typeof RealtimeQuery.Type

/** A customer-visible event of the shopper's own conversation, at its conversation sequence number. */
export const ShopperCommitted = Schema.TaggedStruct("Committed", {
  seq: Schema.Int,
  event: ConversationEvent,
})

/** A staff member is typing in the shopper's conversation. */
export const ShopperTyping = Schema.TaggedStruct("Typing", {})

export const ShopperReady = Schema.TaggedStruct("Ready", { seq: Schema.Int })

export const ShopperServerFrame = Schema.Union([ShopperCommitted, ShopperTyping, ShopperReady])
export type ShopperServerFrame = typeof ShopperServerFrame.Type

export const ShopperClientFrame = Schema.Union([Schema.TaggedStruct("Typing", {})])
export type ShopperClientFrame = typeof ShopperClientFrame.Type

/** Query of the shopper socket `/api/store/chat/realtime?token=…&since=<seq>`. */
export const ShopperRealtimeQuery = Schema.Struct({
  token: Schema.String,
  since: Schema.optionalKey(Schema.FiniteFromString.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))),
})
export type ShopperRealtimeQuery = typeof ShopperRealtimeQuery.Type

/** The two sockets: a merchant tab's and a shopper's, each replaying what it missed from `since`. @see R8, R9 */
export const RealtimeApi = {
  merchant: Endpoint.get("/api/realtime", {
    summary:
      "The merchant's live inbox, upgraded to a socket: commits, presence, typing, viewing, deliveries",
    auth: "chatStaff",
    query: RealtimeQuery,
    frames: { client: MerchantClientFrame, server: MerchantServerFrame },
  }),
  shopper: Endpoint.get("/api/store/chat/realtime", {
    summary:
      "The shopper's live chat, upgraded to a socket (the chat token in the query: browsers send no header)",
    auth: "shopper",
    query: ShopperRealtimeQuery,
    frames: { client: ShopperClientFrame, server: ShopperServerFrame },
  }),
}
