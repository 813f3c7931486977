/** Wire Schemas of the shop's availability: the settings page's hours and automatic replies, the store's line. */
import { Schema } from "effect"
import { AutomaticReplies } from "../availability/AutomaticReply.ts"
import { Instant, TimeZoneName } from "../time.ts"
import * as Endpoint from "./Endpoint.ts"
import { ShopPath } from "./Storefront.ts"

/** The shop's hours and automatic first replies, as the settings page reads and writes them. */
export const AvailabilitySettings = AutomaticReplies
export type AvailabilitySettings = typeof AvailabilitySettings.Type

/** What the storefront chat shows: open now or not, and when the shop is next available. */
export const StoreAvailability = Schema.Struct({
  available: Schema.Boolean,
  /** Null when always available, or when the week has no open hour. */
  nextAvailableAt: Schema.NullOr(Instant),
  timeZone: Schema.NullOr(TimeZoneName),
  /** The shop's median first response over the last 30 days (ms), shown as the expected reply time; null without data. */
  typicalReplyMs: Schema.optionalKey(Schema.NullOr(Schema.Finite)),
})
export type StoreAvailability = typeof StoreAvailability.Type

export const AvailabilityApi = {
  settings: Endpoint.get("/api/settings/availability", {
    summary: "Availability hours and automatic first replies",
    auth: "chatStaff",
    success: AvailabilitySettings,
  }),
  saveSettings: Endpoint.put("/api/settings/availability", {
    summary: "Set availability hours and automatic first replies",
    auth: "chatStaff",
    body: AvailabilitySettings,
    success: AvailabilitySettings,
    errors: ["TimeZoneUnknown"],
  }),
  store: Endpoint.get("/api/store-availability/:shopId", {
    summary: "Whether the shop is available now, and when next",
    auth: "public",
    budget: "storefront",
    params: ShopPath,
    success: StoreAvailability,
    errors: ["ShopNotFound"],
  }),
}
