/** Typed calls of the merchant inbox to the edge API (staff session cookie). @see api-contract.md */
import type * as Wire from "@inbox/core/wire"
import { clientId, request } from "./http.ts"
import type {
  ConversationPage,
  DiscountOption,
  InboxRow,
  LoginResponse,
  Profile,
  ReplyResult,
  RowsPage,
  Session,
  ShareableProduct,
  StaffSummary,
  TopicId,
  UploadedImage,
} from "./types.ts"

export interface ListQuery {
  readonly status: "open" | "closed" | "blocked"
  readonly filter: "unread" | "mine" | "unassigned" | null
  readonly topic: TopicId | null
  readonly q: string
  readonly cursor?: string | null
}

const enc = encodeURIComponent

export const login = (email: string, password: string) =>
  request<LoginResponse>("POST", "/api/auth/login", { body: { email, password } })

export const logout = () => request<void>("POST", "/api/auth/logout")

export const me = () => request<Session>("GET", "/api/me")

export const listConversations = (query: ListQuery) => {
  const params = new URLSearchParams({ status: query.status, limit: "50" })
  if (query.filter) params.set("filter", query.filter)
  if (query.topic) params.set("topic", query.topic)
  if (query.q.trim()) params.set("q", query.q.trim())
  if (query.cursor) params.set("cursor", query.cursor)
  return request<RowsPage>("GET", `/api/conversations?${params}`)
}

export const conversation = (id: string) => request<ConversationPage>("GET", `/api/conversations/${enc(id)}`)

/** A reply as the composer holds it (plain strings; the server validates them against the wire Schema). */
export interface ReplyInput {
  readonly clientMessageId: string
  readonly text: string
  readonly productIds: ReadonlyArray<string>
  readonly discountCode: string | null
  readonly imageId: string | null
}

export const reply = (id: string, body: ReplyInput) =>
  request<ReplyResult>("POST", `/api/conversations/${enc(id)}/replies`, { body })

export const setStatus = (id: string, status: "open" | "closed") =>
  request<{ conversation: InboxRow }>("POST", `/api/conversations/${enc(id)}/status`, { body: { status } })

export const markRead = (id: string) =>
  request<{ conversation: InboxRow }>("POST", `/api/conversations/${enc(id)}/read`)

export const markUnread = (id: string) =>
  request<{ conversation: InboxRow }>("POST", `/api/conversations/${enc(id)}/unread`)

export const assign = (id: string, staffId: string) =>
  request<{ conversation: InboxRow }>("PUT", `/api/conversations/${enc(id)}/assignee`, { body: { staffId } })

export const unassign = (id: string) =>
  request<{ conversation: InboxRow }>("DELETE", `/api/conversations/${enc(id)}/assignee`)

export const assignableStaff = () => request<{ staff: StaffSummary[] }>("GET", "/api/staff?assignable=true")

export const products = (q: string) =>
  request<{ products: ShareableProduct[] }>("GET", `/api/products?q=${enc(q)}`)

export const discounts = (q: string) =>
  request<{ discounts: DiscountOption[] }>("GET", `/api/discounts?q=${enc(q)}`)

export const profile = (customerId: string, conversationId: string | null) =>
  request<Profile>(
    "GET",
    `/api/customers/${enc(customerId)}/profile${conversationId ? `?conversationId=${enc(conversationId)}` : ""}`,
  )

export const saveNote = (customerId: string, note: string) =>
  request<{ note: string }>("PUT", `/api/customers/${enc(customerId)}/note`, { body: { note } })

export const uploadImage = (file: Blob) => request<UploadedImage>("POST", "/api/images", { blob: file })

export const imageUrl = (imageId: string) => `/api/images/${enc(imageId)}`

export type SavedReply = Wire.SavedReplyResponse["savedReply"]
export type AvailabilitySettings = Wire.AvailabilitySettings

export interface SavedReplyInput {
  readonly shortcut: string
  readonly text: string
  readonly productIds: ReadonlyArray<string>
  readonly discountCode: string | null
}

export const savedReplies = () => request<Wire.SavedReplyList>("GET", "/api/saved-replies")

export const createSavedReply = (body: SavedReplyInput) =>
  request<Wire.SavedReplyResponse>("POST", "/api/saved-replies", { body })

export const updateSavedReply = (id: string, body: SavedReplyInput) =>
  request<Wire.SavedReplyResponse>("PUT", `/api/saved-replies/${enc(id)}`, { body })

export const deleteSavedReply = (id: string) => request<void>("DELETE", `/api/saved-replies/${enc(id)}`)

export const availabilitySettings = () => request<AvailabilitySettings>("GET", "/api/settings/availability")

export const saveAvailabilitySettings = (body: AvailabilitySettings) =>
  request<AvailabilitySettings>("PUT", "/api/settings/availability", { body })

export { clientId }
