/** Folds one event into the state. Pure, total and deterministic: replaying the log rebuilds the state. */
import { addLine, emptyCart, removeLine } from "../cart/Cart.ts"
import { pushRecent } from "../topics/Topic.ts"
import { type Conversation, isBlocked } from "./Conversation.ts"
import type { ConversationEvent } from "./Event.ts"

export const evolve = (state: Conversation | null, event: ConversationEvent): Conversation | null => {
  if (event._tag === "ConversationStarted") {
    return {
      id: event.conversationId,
      shopId: event.shopId,
      customerId: event.customerId,
      platform: event.platform,
      startedAt: event.at,
      customerEmail: event.customerEmail,
      status: "open",
      assignee: null,
      recentTopics: [],
      latestTopic: null,
      customerOnline: event.platform === "online_store_chat",
      cart: emptyCart(event.currency),
      lastCartActivityAt: null,
      sharedDiscounts: [],
      appliedDiscount: null,
      version: 1,
      lastCustomerMessageSeq: 0,
      readThrough: {},
      lastMessage: null,
      lastActivityAt: event.at,
      messageCount: 0,
    }
  }
  // Every other event needs a started conversation; decide never emits one otherwise.
  if (state === null) return null
  const s: Conversation = { ...state, version: state.version + 1 }
  switch (event._tag) {
    case "CustomerMessageReceived":
      // A blocked sender's message is kept, but marks nothing unread until the sender is unblocked.
      if (isBlocked(s))
        return {
          ...s,
          heldCustomerMessageSeq: s.version,
          lastCustomerMessageAt: event.sentAt ?? event.at,
          lastMessage: { author: "customer", text: event.text, at: event.at },
          lastActivityAt: event.at,
          messageCount: s.messageCount + 1,
        }
      return {
        ...s,
        lastCustomerMessageSeq: s.version,
        lastCustomerMessageAt: event.sentAt ?? event.at,
        lastMessage: { author: "customer", text: event.text, at: event.at },
        lastActivityAt: event.at,
        messageCount: s.messageCount + 1,
      }
    case "TopicDetected":
      return { ...s, recentTopics: pushRecent(s.recentTopics, event.topic), latestTopic: event.topic }
    case "ReplySent":
      return {
        ...s,
        sharedDiscounts:
          event.discount === null || s.sharedDiscounts.includes(event.discount.code)
            ? s.sharedDiscounts
            : [...s.sharedDiscounts, event.discount.code],
        // Replying means the staff member has read everything so far.
        readThrough: { ...s.readThrough, [event.staffId]: s.version },
        lastMessage: { author: "merchant", text: event.text, at: event.at },
        lastActivityAt: event.at,
        messageCount: s.messageCount + 1,
      }
    case "ReplySentOutsideInbox":
      return {
        ...s,
        lastMessage: { author: "merchant", text: event.text, at: event.at },
        lastActivityAt: event.at,
        messageCount: s.messageCount + 1,
      }
    case "AutomaticReplySent":
      return {
        ...s,
        automaticReplySent: true,
        lastMessage: { author: "automatic", text: event.text, at: event.at },
        lastActivityAt: event.at,
        messageCount: s.messageCount + 1,
      }
    case "CartItemAdded":
      return {
        ...s,
        cart: addLine(s.cart, event.line),
        lastCartActivityAt: event.at,
        lastActivityAt: event.at,
      }
    case "CartItemRemoved":
      return {
        ...s,
        cart: removeLine(s.cart, event.variantId, event.quantity),
        lastCartActivityAt: event.at,
        lastActivityAt: event.at,
      }
    case "CustomerCameOnline":
      return { ...s, customerOnline: true }
    case "CustomerWentOffline":
      return { ...s, customerOnline: false }
    case "ConversationClosed":
      return { ...s, status: "closed" }
    case "ConversationReopened":
      return { ...s, status: "open" }
    case "ConversationRead":
      return { ...s, readThrough: { ...s.readThrough, [event.staffId]: event.through } }
    case "ConversationMarkedUnread":
      return { ...s, readThrough: { ...s.readThrough, [event.staffId]: s.lastCustomerMessageSeq - 1 } }
    case "ConversationAssigned":
      return { ...s, assignee: event.assignee }
    case "ConversationUnassigned":
      return { ...s, assignee: null }
    case "DiscountAppliedToCart":
      return { ...s, appliedDiscount: event.code }
    case "SenderBlocked":
      return { ...s, blocked: true, status: "closed" }
    case "SenderUnblocked":
      return {
        ...s,
        blocked: false,
        status: "open",
        lastCustomerMessageSeq: Math.max(s.lastCustomerMessageSeq, s.heldCustomerMessageSeq ?? 0),
        heldCustomerMessageSeq: 0,
      }
  }
}

/** Rebuilds the state from the full event log. */
export const replay = (events: Iterable<ConversationEvent>): Conversation | null => {
  let state: Conversation | null = null
  for (const e of events) state = evolve(state, e)
  return state
}
