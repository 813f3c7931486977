/** Who may see what of a conversation: staff by shop and permission, shoppers by their chat session. @see R0.1–R0.3 */
import { Schema } from "effect"
import { canChat, type StaffMember } from "../assignment/Staff.ts"
import { ConversationId, CustomerId, ShopId } from "../ids.ts"
import type { Conversation } from "./Conversation.ts"
import type { ConversationEvent, ConversationEventTag } from "./Event.ts"

/**
 * What a shopper's chat-session credential vouches for, once the edge has verified its signature:
 * one shop, one customer, one conversation. @see R0.3
 */
export const ChatSession = Schema.Struct({
  shopId: ShopId,
  customerId: CustomerId,
  conversationId: ConversationId,
})
export type ChatSession = typeof ChatSession.Type

/**
 * A shopper reads and writes only the conversation their credential names, and only while it is
 * theirs in that shop. @see R0.3
 */
export const customerCanAccess = (
  session: ChatSession,
  c: Pick<Conversation, "id" | "shopId" | "customerId">,
): boolean =>
  session.shopId === c.shopId && session.customerId === c.customerId && session.conversationId === c.id

/** Staff read a conversation only in their own shop and with the chat permission. @see R0.1, R0.2 */
export const staffCanAccess = (
  staff: Pick<StaffMember, "shopId" | "isOwner" | "chatPermission">,
  c: Pick<Conversation, "shopId">,
): boolean => staff.shopId === c.shopId && canChat(staff)

/**
 * The events a shopper sees in their chat: the messages and replies, and the code they applied.
 * Cart events are for the merchant (R6); topics, read cursors, assignment and status are internal.
 * @see R0.3, R6, R10, R17
 */
export const CUSTOMER_VISIBLE_EVENTS: ReadonlyArray<ConversationEventTag> = [
  "CustomerMessageReceived",
  "ReplySent",
  "AutomaticReplySent",
  "ReplySentOutsideInbox",
  "DiscountAppliedToCart",
]

export const visibleToCustomer = (event: ConversationEvent): boolean =>
  CUSTOMER_VISIBLE_EVENTS.includes(event._tag)

/**
 * The part of a conversation's log a shopper may read with this credential: nothing at all unless
 * the credential names this very conversation. @see R0.3
 */
export const customerThread = <E extends ConversationEvent>(
  session: ChatSession,
  c: Pick<Conversation, "id" | "shopId" | "customerId">,
  events: ReadonlyArray<E>,
): ReadonlyArray<E> => (customerCanAccess(session, c) ? events.filter(visibleToCustomer) : [])
