/** Builds thread items (event + delivery + notice in the reader's language) from stored events. @see R2, R6, R9 */
import { Access, type Conversation, evolve, type I18n, type Ids, Notice } from "@inbox/core"
import { type Delivery, initialDelivery, type ThreadItem } from "@inbox/core/wire"
import type { StoredEvent } from "../repo/Conversations.ts"

/**
 * Merchant thread items; `before` is the state before the first event given (null from the start). The reader's
 * own actions read "You …" in their notices.
 */
export const merchantItems = (
  events: ReadonlyArray<StoredEvent>,
  before: Conversation.Conversation | null,
  locale: I18n.Locale,
  staffName: (id: Ids.StaffId) => string | undefined,
  deliveries: ReadonlyMap<number, Delivery>,
  viewer: Ids.StaffId | null = null,
): ReadonlyArray<ThreadItem> => {
  let state = before
  return events.map((e) => {
    const notice = Notice.describeEvent(e.event, locale, { conversation: state, staffName, viewer })
    state = evolve(state, e.event)
    return { seq: e.seq, event: e.event, delivery: deliveries.get(e.seq) ?? initialDelivery(e.event), notice }
  })
}

/** What the shopper sees: messages, replies and applied codes; no internal notices. @see R0.3 */
export const shopperItems = (events: ReadonlyArray<StoredEvent>): ReadonlyArray<ThreadItem> =>
  events
    .filter((e) => Access.visibleToCustomer(e.event))
    .map((e) => ({ seq: e.seq, event: e.event, delivery: null, notice: null }))
