/**
 * Who is notified of what: each staff member chooses among new conversations, new messages on conversations
 * assigned to them, and being assigned. A blocked sender never notifies anyone. Pure.
 */
import { Schema } from "effect"
import type { ConversationEvent } from "../conversation/Event.ts"
import type { StaffId } from "../ids.ts"

export const NotificationSettings = Schema.Struct({
  newConversation: Schema.Boolean,
  newMessageOnMine: Schema.Boolean,
  assignedToMe: Schema.Boolean,
})
export type NotificationSettings = typeof NotificationSettings.Type

export const DEFAULT_SETTINGS: NotificationSettings = {
  newConversation: true,
  newMessageOnMine: true,
  assignedToMe: true,
}

export type NotificationReason = "new_conversation" | "new_message_on_mine" | "assigned_to_me"

/** What just happened to a conversation, as the inbox sees it. */
export interface Happening {
  readonly event: ConversationEvent
  readonly assignee: StaffId | null
  readonly blocked: boolean
  /** The conversation was not in this person's inbox before this event (it just started for them). */
  readonly newConversation: boolean
}

const SETTING: Record<NotificationReason, keyof NotificationSettings> = {
  new_conversation: "newConversation",
  new_message_on_mine: "newMessageOnMine",
  assigned_to_me: "assignedToMe",
}

/** Why this would concern the viewer, before their settings are applied; null when it does not. */
export const reasonFor = (h: Happening, viewer: StaffId): NotificationReason | null => {
  if (h.blocked) return null
  if (h.event._tag === "CustomerMessageReceived") {
    if (h.newConversation) return "new_conversation"
    return h.assignee === viewer ? "new_message_on_mine" : null
  }
  // Assigning oneself is not news.
  if (h.event._tag === "ConversationAssigned" && h.event.assignee === viewer && h.event.by !== viewer)
    return "assigned_to_me"
  return null
}

/** The reason to notify the viewer, or null when nothing concerns them or they turned that kind off. */
export const notificationFor = (
  settings: NotificationSettings,
  h: Happening,
  viewer: StaffId,
): NotificationReason | null => {
  const reason = reasonFor(h, viewer)
  return reason !== null && settings[SETTING[reason]] ? reason : null
}
