/** One line of the merchant's conversation list, as seen by one staff member. Pure; @see R3, R4, R7, R8, R9, R12, R19 */
import { Schema } from "effect"
import { CartHeader, header } from "../cart/Cart.ts"
import { Platform } from "../channel/Platform.ts"
import {
  type Conversation,
  ConversationStatus,
  isBlocked,
  isUnreadFor,
  LastMessage,
} from "../conversation/Conversation.ts"
import { ConversationId, CustomerId, StaffId } from "../ids.ts"
import { PresenceNotice, presenceNotice } from "../presence/Presence.ts"
import { Instant } from "../time.ts"
import { TopicId } from "../topics/Topic.ts"

export const InboxRow = Schema.Struct({
  conversationId: ConversationId,
  customerId: CustomerId,
  customerName: Schema.String,
  platform: Platform,
  /** Which list it is in. @see R3 */
  status: ConversationStatus,
  /** @see R4 */
  unread: Schema.Boolean,
  /** At most two, most recent first. @see R12 */
  topics: Schema.Array(TopicId),
  assignee: Schema.NullOr(StaffId),
  /** The badge. @see R19 */
  assignedToMe: Schema.Boolean,
  /** @see R8, R9 */
  presence: PresenceNotice,
  /** @see R7 */
  cart: Schema.NullOr(CartHeader),
  lastMessage: Schema.NullOr(LastMessage),
  lastActivityAt: Instant,
  version: Schema.Int,
  /** The customer is blocked: the row is in the Blocked list and its messages notify nobody. */
  blocked: Schema.optionalKey(Schema.Boolean),
})
export type InboxRow = typeof InboxRow.Type

export const inboxRow = (c: Conversation, viewer: StaffId, customerName: string): InboxRow => ({
  conversationId: c.id,
  customerId: c.customerId,
  customerName,
  platform: c.platform,
  status: c.status,
  unread: isUnreadFor(c, viewer),
  topics: c.recentTopics,
  assignee: c.assignee,
  assignedToMe: c.assignee === viewer,
  presence: presenceNotice(c),
  cart: header(c.cart),
  lastMessage: c.lastMessage,
  lastActivityAt: c.lastActivityAt,
  version: c.version,
  ...(isBlocked(c) ? { blocked: true } : {}),
})
