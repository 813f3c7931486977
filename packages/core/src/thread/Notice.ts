/**
 * The system notices of a conversation thread (cart events, status, assignment, delivery, presence),
 * rendered in the merchant's language. Pure; messages themselves are not notices. @see R2, R3, R5, R6, R9, R19
 */
import { describe as describeCartChange } from "../cart/CartEvent.ts"
import type { DeliveryRoute } from "../channel/DeliveryRoute.ts"
import type { Platform } from "../channel/Platform.ts"
import type { Conversation } from "../conversation/Conversation.ts"
import type { ConversationEvent } from "../conversation/Event.ts"
import { evolve } from "../conversation/evolve.ts"
import { type Actor, type Locale, messages } from "../i18n/Messages.ts"
import type { StaffId } from "../ids.ts"

/** How a reply left, said to the merchant under the reply. `held` is R2's "merchant is told so". @see R2 */
export const describeRoute = (route: DeliveryRoute, locale: Locale): string => {
  const m = messages(locale)
  switch (route._tag) {
    case "chat":
      return m.route.chat
    case "email":
      return m.route.email(route.to)
    case "held":
      return m.route.held
    case "platform":
      return m.route.platform(m.platforms[route.platform])
  }
}

/** What the renderer needs beyond the event: names of staff, and the conversation as it was. */
export interface NoticeContext {
  /** Staff names by id; an unknown id renders as "A staff member". */
  readonly staffName?: (id: StaffId) => string | undefined
  /** The staff member reading: their own actions read "You closed…" / "Vous avez fermé…". */
  readonly viewer?: StaffId | null
  /** The conversation before the event, for presence notices (R9 needs the email and platform). */
  readonly conversation?: Pick<Conversation, "platform" | "customerEmail"> | null
}

/**
 * The notice a thread shows for an event, or null for events that are not notices: messages are
 * shown as bubbles, and topics and read cursors are not part of the thread.
 * @example describeEvent({ _tag: "CartItemAdded", line, at }, "en") // "The customer added Linen shirt to the cart"
 */
export const describeEvent = (
  event: ConversationEvent,
  locale: Locale,
  context: NoticeContext = {},
): string | null => {
  const m = messages(locale)
  const name = (id: StaffId): Actor =>
    context.viewer != null && id === context.viewer
      ? { _tag: "you" }
      : { _tag: "staff", name: context.staffName?.(id) ?? m.notices.someone }
  switch (event._tag) {
    case "ConversationStarted":
      return m.notices.started(event.platform)
    case "CustomerMessageReceived":
    case "TopicDetected":
    case "ConversationRead":
    case "ConversationMarkedUnread":
      return null
    case "ReplySent":
    case "AutomaticReplySent":
      return describeRoute(event.route, locale)
    case "ReplySentOutsideInbox":
      return m.notices.sentOutsideInbox(m.platforms[event.platform])
    case "CartItemAdded":
      return describeCartChange("added", event.line.title, locale)
    case "CartItemRemoved":
      return describeCartChange("removed", event.title, locale)
    case "CustomerCameOnline":
      return m.notices.customerOnline
    case "CustomerWentOffline":
      return offlineNotice(context.conversation ?? null, locale)
    case "ConversationClosed":
      return m.notices.closed(name(event.by))
    case "ConversationReopened":
      return event.by === null ? m.notices.reopenedByCustomer : m.notices.reopened(name(event.by))
    case "ConversationAssigned":
      return m.notices.assigned(name(event.assignee), name(event.by))
    case "ConversationUnassigned":
      return m.notices.unassigned(name(event.by))
    case "DiscountAppliedToCart":
      return m.notices.discountApplied(event.code)
    case "SenderBlocked":
      return m.notices.blocked(name(event.by))
    case "SenderUnblocked":
      return m.notices.unblocked(name(event.by))
  }
}

/** R9: where the reply will go now that the shopper left; without context, the no-email wording. */
const offlineNotice = (
  c: { readonly platform: Platform; readonly customerEmail: string | null } | null,
  locale: Locale,
): string => {
  const m = messages(locale)
  return c?.customerEmail == null ? m.presence.offlineNoEmail : m.presence.offlineEmail(c.customerEmail)
}

export interface ThreadNotice {
  /** 1-based position of the event in the log (the conversation's version after it). */
  readonly seq: number
  readonly event: ConversationEvent
  readonly notice: string | null
}

/**
 * Renders a whole log, folding it as it goes so that each notice sees the conversation as it was
 * (e.g. the email known when the shopper left). @see R9
 */
export const renderThread = (
  events: ReadonlyArray<ConversationEvent>,
  locale: Locale,
  staffName?: (id: StaffId) => string | undefined,
  viewer?: StaffId,
): ReadonlyArray<ThreadNotice> => {
  let state: Conversation | null = null
  return events.map((event, i) => {
    const notice = describeEvent(event, locale, {
      conversation: state,
      ...(staffName === undefined ? {} : { staffName }),
      ...(viewer === undefined ? {} : { viewer }),
    })
    state = evolve(state, event)
    return { seq: i + 1, event, notice }
  })
}
