/**
 * Where a reply written now would go, before it is sent: the route (R2) and, on Messenger and Instagram,
 * how Meta's window labels it or why it cannot be sent at all. Pure; the composer shows it. @see R2
 */
import type { Result } from "effect"
import type { Conversation } from "../conversation/Conversation.ts"
import { lastCustomerMessageAtOf } from "../conversation/Conversation.ts"
import type { Instant } from "../time.ts"
import { type DeliveryRoute, routeReply } from "./DeliveryRoute.ts"
import {
  closesAt,
  hasMessagingWindow,
  type MessagingType,
  messagingTypeAt,
  type OutsideMessagingWindow,
} from "./MessagingWindow.ts"

export interface ReplyDestination {
  readonly route: DeliveryRoute
  /** Messenger/Instagram only: the label a person's reply gets now, or the refusal. */
  readonly window: Result.Result<MessagingType, OutsideMessagingWindow> | null
  /** Messenger/Instagram only: when a person can no longer answer (null when the window never opened). */
  readonly closesAt: Instant | null
}

/**
 * @example
 * replyDestination(conversation, now).route // { _tag: "email", to: "ana@example.com" }
 */
export const replyDestination = (c: Conversation, now: Instant): ReplyDestination => {
  const route = routeReply(c)
  if (!hasMessagingWindow(c.platform)) return { route, window: null, closesAt: null }
  const last = lastCustomerMessageAtOf(c)
  return {
    route,
    window: messagingTypeAt({ platform: c.platform, lastCustomerMessageAt: last, now, author: "person" }),
    closesAt: closesAt(last),
  }
}
