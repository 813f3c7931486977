/** Wire Schemas of the shop's availability: the settings page's hours and automatic replies, the store's line. */
import { Schema } from "effect"
import { AutomaticReplies } from "../availability/AutomaticReply.ts"
import { Instant, TimeZoneName } from "../time.ts"

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
