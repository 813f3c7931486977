/** The conversation aggregate's state: everything the rules need, rebuilt from events by `evolve`. */
import { Schema } from "effect"
import { Cart } from "../cart/Cart.ts"
import { Platform } from "../channel/Platform.ts"
import { ConversationId, CustomerId, DiscountCode, ShopId, StaffId } from "../ids.ts"
import { Instant } from "../time.ts"
import { TopicId } from "../topics/Topic.ts"

/** @see R3 */
export const ConversationStatus = Schema.Literals(["open", "closed"])
export type ConversationStatus = typeof ConversationStatus.Type

export const LastMessage = Schema.Struct({
  /** `automatic`: the shop's automatic first reply, which no person wrote. */
  author: Schema.Literals(["customer", "merchant", "automatic"]),
  text: Schema.String,
  at: Instant,
})
export type LastMessage = typeof LastMessage.Type

export const Conversation = Schema.Struct({
  id: ConversationId,
  shopId: ShopId,
  customerId: CustomerId,
  /** @see R1 */
  platform: Platform,
  startedAt: Instant,
  /** Email the customer gave when the chat started; replies go there while they are away. @see R2, R9 */
  customerEmail: Schema.NullOr(Schema.String),
  status: ConversationStatus,
  /** @see R19 */
  assignee: Schema.NullOr(StaffId),
  /** Up to two distinct topics, most recent first. @see R12 */
  recentTopics: Schema.Array(TopicId),
  /** @see R14 */
  latestTopic: Schema.NullOr(TopicId),
  /** @see R8 */
  customerOnline: Schema.Boolean,
  /** @see R7 */
  cart: Cart,
  lastCartActivityAt: Schema.NullOr(Instant),
  /** Codes shared in this chat session, in the order shared. @see R17 */
  sharedDiscounts: Schema.Array(DiscountCode),
  /** The shared code the customer applied to their cart. @see R17 */
  appliedDiscount: Schema.NullOr(DiscountCode),
  /** Sequence number of the last event applied (1-based); the optimistic-concurrency version. */
  version: Schema.Int,
  /** Sequence number of the last customer message (0 = none). @see R4 */
  lastCustomerMessageSeq: Schema.Int,
  /**
   * When the customer last wrote, blocked or not (Meta's messaging window counts from it). Absent in
   * snapshots older than the field: see `lastCustomerMessageAtOf`.
   */
  lastCustomerMessageAt: Schema.optionalKey(Instant),
  /** Per staff member: the sequence number read through. @see R4 */
  readThrough: Schema.Record(Schema.String, Schema.Int),
  lastMessage: Schema.NullOr(LastMessage),
  lastActivityAt: Instant,
  messageCount: Schema.Int,
  /** Whether the automatic first reply went out (absent in snapshots older than the feature = no). */
  automaticReplySent: Schema.optionalKey(Schema.Boolean),
  /** The customer is blocked: their messages are kept but make nothing unread and reopen nothing. */
  blocked: Schema.optionalKey(Schema.Boolean),
  /** The last customer message that arrived while blocked (0 = none); unblocking makes it unread. */
  heldCustomerMessageSeq: Schema.optionalKey(Schema.Int),
})
export type Conversation = typeof Conversation.Type

/**
 * The sequence number a staff member has read through (0 = never opened). Own keys only: a staff id
 * such as `constructor` or `__proto__` must not read a value inherited from `Object.prototype`. @see R4
 */
export const readThroughOf = (c: Pick<Conversation, "readThrough">, staffId: StaffId): number =>
  Object.hasOwn(c.readThrough, staffId) ? (c.readThrough[staffId] ?? 0) : 0

/** Whether the customer of this conversation is blocked (snapshots older than the feature: no). */
export const isBlocked = (c: Pick<Conversation, "blocked">): boolean => c.blocked === true

/** The inbox lists: Open, Closed, and Blocked for the conversations of blocked senders. */
export type InboxList = ConversationStatus | "blocked"

/** The list a conversation is filed under: a blocked sender's goes to Blocked, never to Closed or Open. */
export const listOf = (c: Pick<Conversation, "blocked" | "status">): InboxList =>
  isBlocked(c) ? "blocked" : c.status

/** A staff member sees the conversation unread when a customer message is beyond their cursor. @see R4 */
export const isUnreadFor = (c: Conversation, staffId: StaffId): boolean =>
  c.lastCustomerMessageSeq > readThroughOf(c, staffId)

/**
 * When the customer last wrote. Snapshots older than the field fall back to the last activity when the
 * customer ever wrote: lenient, so an old conversation is never refused a reply the platform would take.
 */
export const lastCustomerMessageAtOf = (
  c: Pick<
    Conversation,
    "lastCustomerMessageAt" | "lastCustomerMessageSeq" | "heldCustomerMessageSeq" | "lastActivityAt"
  >,
): Instant | null => {
  if (c.lastCustomerMessageAt !== undefined) return c.lastCustomerMessageAt
  return c.lastCustomerMessageSeq > 0 || (c.heldCustomerMessageSeq ?? 0) > 0 ? c.lastActivityAt : null
}
