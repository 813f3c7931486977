/**
 * Web Push to staff after a commit: a new conversation, a new message on a conversation assigned to them, or
 * an assignment to them, each as their notification settings allow (core Notifications: a blocked sender never
 * notifies). One notification per person and commit, in the language their browser subscribed with; a browser
 * that unsubscribed (404/410) is forgotten. @see R19
 */
import { Conversation, I18n, type Ids, Notifications } from "@inbox/core"
import { Context, Effect, Layer } from "effect"
import { PushSender } from "../channels/push/PushSender.ts"
import type { Committed } from "../repo/Conversations.ts"
import { Directory } from "../repo/Directory.ts"
import { PushSubscriptions } from "../repo/PushSubscriptions.ts"
import { StaffPreferences } from "../repo/StaffPreferences.ts"

export class PushNotifier extends Context.Service<
  PushNotifier,
  { readonly committed: (shopId: Ids.ShopId, committed: Committed) => Effect.Effect<void> }
>()("@inbox/edge/workflows/PushNotifier") {}

/** What a notification says and where it leads (the service worker opens `path`). */
export interface PushMessage {
  readonly title: string
  readonly body: string
  readonly tag: string
  readonly path: string
}

const MAX_BODY = 140

/** The notification for `viewer`, or null when nothing in the commit concerns them. Pure. */
export const messageFor = (
  committed: Committed,
  viewer: Ids.StaffId,
  settings: Notifications.NotificationSettings,
  language: I18n.Locale,
  staffName: (id: Ids.StaffId) => string | undefined,
): PushMessage | null => {
  const c = committed.conversation
  const m = I18n.messages(language).push
  const newConversation = committed.before === null || committed.before.lastMessage === null
  for (const { event } of committed.events) {
    const reason = Notifications.notificationFor(
      settings,
      { event, assignee: c.assignee, blocked: Conversation.isBlocked(c), newConversation },
      viewer,
    )
    if (reason === null) continue
    const base = { tag: c.id, path: `/conversations/${encodeURIComponent(c.id)}` }
    if (reason === "assigned_to_me" && event._tag === "ConversationAssigned")
      return {
        ...base,
        title: m.assignedToYou(committed.customerName),
        body: m.assignedBy(staffName(event.by) ?? I18n.messages(language).notices.someone),
      }
    const text = event._tag === "CustomerMessageReceived" ? event.text : ""
    return {
      ...base,
      title:
        reason === "new_conversation"
          ? m.newConversation(committed.customerName)
          : m.newMessage(committed.customerName),
      body: [...text].length > MAX_BODY ? `${[...text].slice(0, MAX_BODY - 1).join("")}…` : text,
    }
  }
  return null
}

export const layer: Layer.Layer<
  PushNotifier,
  never,
  PushSender | PushSubscriptions | StaffPreferences | Directory
> = Layer.effect(
  PushNotifier,
  Effect.gen(function* () {
    const sender = yield* PushSender
    const subscriptions = yield* PushSubscriptions
    const preferences = yield* StaffPreferences
    const directory = yield* Directory
    const notify = Effect.fn("PushNotifier.committed")(function* (shopId: Ids.ShopId, committed: Committed) {
      const targets = yield* subscriptions.ofShop(shopId)
      if (targets.length === 0) return
      const staff = yield* directory.staffOf(shopId)
      const names = new Map<string, string>(staff.map((s) => [s.id, s.name]))
      const settings = new Map<string, Notifications.NotificationSettings>()
      for (const target of targets) {
        if (!settings.has(target.staffId))
          settings.set(target.staffId, yield* preferences.notifications(shopId, target.staffId))
        const message = messageFor(
          committed,
          target.staffId,
          settings.get(target.staffId) ?? Notifications.DEFAULT_SETTINGS,
          target.language,
          (id) => names.get(id),
        )
        if (message === null) continue
        yield* sender
          .send(target, JSON.stringify(message))
          .pipe(
            Effect.catchTag("PushFailed", (e) =>
              e.gone ? subscriptions.remove(shopId, null, target.endpoint) : Effect.void,
            ),
          )
      }
    })
    return PushNotifier.of({
      // A push never fails a commit nor delays the answer: it runs on its own, and its errors stay there.
      committed: (shopId, committed) =>
        notify(shopId, committed).pipe(
          Effect.catchCause(() => Effect.void),
          Effect.forkDetach,
          Effect.asVoid,
        ),
    })
  }),
)
