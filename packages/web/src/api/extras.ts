/** Typed calls of the extras to the edge API: saved replies, availability settings, store availability. */
import type * as Wire from "@inbox/core/wire"
import { request } from "./http.ts"

const enc = encodeURIComponent

export type SavedReply = Wire.SavedReplyResponse["savedReply"]
export type AvailabilitySettings = Wire.AvailabilitySettings
export type StoreAvailability = Wire.StoreAvailability

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

export const storeAvailability = (shopId: string) =>
  request<StoreAvailability>("GET", `/api/store-availability/${enc(shopId)}`)
