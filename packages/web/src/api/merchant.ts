/** The merchant inbox's calls, by name, over the declared API (staff session cookie). */
import type { Platform } from "@inbox/core"
import { Api } from "@inbox/core/wire"
import { call, clientId, url } from "./http.ts"
import type { TopicId } from "./types.ts"

export interface ListQuery {
  readonly status: "open" | "closed" | "blocked"
  readonly filter: "unread" | "mine" | "unassigned" | null
  readonly topic: TopicId | null
  readonly platform: Platform.Platform | null
  readonly q: string
  readonly cursor?: string | null
}

const A = Api

export const login = (email: string, password: string) => call(A.session.login, { body: { email, password } })

export const logout = () => call(A.session.logout, {})

export const me = () => call(A.session.me, {})

export const listConversations = (query: ListQuery) =>
  call(A.conversations.list, {
    query: {
      status: query.status,
      limit: "50",
      ...(query.filter ? { filter: query.filter } : {}),
      ...(query.topic ? { topic: query.topic } : {}),
      ...(query.platform ? { platform: query.platform } : {}),
      ...(query.q.trim() ? { q: query.q.trim() } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    },
  })

export const conversation = (id: string) => call(A.conversations.detail, { params: { id } })

/** A reply as the composer holds it (plain strings; the server validates them against the wire Schema). */
export interface ReplyInput {
  readonly clientMessageId: string
  readonly text: string
  readonly productIds: ReadonlyArray<string>
  readonly discountCode: string | null
  readonly imageId: string | null
}

export const reply = (id: string, body: ReplyInput) => call(A.conversations.reply, { params: { id }, body })

export const setStatus = (id: string, status: "open" | "closed") =>
  call(A.conversations.setStatus, { params: { id }, body: { status } })

export const markRead = (id: string) => call(A.conversations.markRead, { params: { id } })

export const markUnread = (id: string) => call(A.conversations.markUnread, { params: { id } })

export const assign = (id: string, staffId: string) =>
  call(A.conversations.assign, { params: { id }, body: { staffId } })

export const unassign = (id: string) => call(A.conversations.unassign, { params: { id } })

export const block = (id: string) => call(A.conversations.block, { params: { id } })

export const unblock = (id: string) => call(A.conversations.unblock, { params: { id } })

export const retryReply = (id: string, seq: number) =>
  call(A.deliveries.retry, { params: { id, seq: String(seq) } })

export const assignableStaff = () => call(A.staff.list, { query: { assignable: "true" } })

export const products = (q: string) => call(A.catalogue.products, { query: { q } })

export const discounts = (q: string) => call(A.catalogue.discounts, { query: { q } })

export const profile = (customerId: string, conversationId: string | null) =>
  call(A.customers.profile, {
    params: { id: customerId },
    query: conversationId ? { conversationId } : {},
  })

export const saveNote = (customerId: string, note: string) =>
  call(A.customers.setNote, { params: { id: customerId }, body: { note } })

export const uploadImage = (file: Blob) => call(A.images.upload, { body: file })

export const imageUrl = (imageId: string) => url(A.images.image, { params: { id: imageId } })

export type SavedReply = (typeof A.savedReplies.list.success.Type)["savedReplies"][number]
export type SavedReplyInput = typeof A.savedReplies.create.body.Encoded

export const savedReplies = () => call(A.savedReplies.list, {})

export const createSavedReply = (body: SavedReplyInput) => call(A.savedReplies.create, { body })

export const updateSavedReply = (id: string, body: SavedReplyInput) =>
  call(A.savedReplies.update, { params: { id }, body })

export const deleteSavedReply = (id: string) => call(A.savedReplies.remove, { params: { id } })

export type AvailabilitySettings = typeof A.availability.settings.success.Type

export const availabilitySettings = () => call(A.availability.settings, {})

export const saveAvailabilitySettings = (body: AvailabilitySettings) =>
  call(A.availability.saveSettings, { body })

export const search = (q: string, signal?: AbortSignal) =>
  call(A.search.conversations, { query: { q }, ...(signal === undefined ? {} : { signal }) })

export const metrics = (query: typeof A.metrics.metrics.query.Encoded) => call(A.metrics.metrics, { query })

export const notificationSettings = () => call(A.notificationSettings.get, {})

export const saveNotificationSettings = (body: typeof A.notificationSettings.set.body.Encoded) =>
  call(A.notificationSettings.set, { body })

export type StorefrontSettingsView = typeof A.storefrontSettings.view.success.Type

export const storefrontSettings = () => call(A.storefrontSettings.view, {})

export const saveAllowedOrigins = (origins: ReadonlyArray<string>) =>
  call(A.storefrontSettings.setAllowedOrigins, { body: { origins } })

export const createIdentitySecret = () => call(A.storefrontSettings.createIdentitySecret, {})

export const removeIdentitySecret = () => call(A.storefrontSettings.removeIdentitySecret, {})

export { clientId }

export const pushKey = () => call(A.push.key, {})

export const subscribePush = (body: typeof A.push.subscribe.body.Encoded) => call(A.push.subscribe, { body })

/** Where a reply written now would go, and why it cannot go now if so. @see R2 */
export const destination = (id: string) => call(A.channels.destination, { params: { id } })

export const channelStatus = () => call(A.channels.status, {})

export type MetaAccountInput = typeof A.channels.connectMeta.body.Encoded

export const connectMeta = (body: MetaAccountInput) => call(A.channels.connectMeta, { body })

export const disconnectMeta = (platform: "messenger" | "instagram", accountId: string) =>
  call(A.channels.disconnectMeta, { params: { platform, accountId } })

/** The page listing replies saved instead of sent (embedded default without SMTP). */
export const emailCapturePage = "/api/email-capture"
