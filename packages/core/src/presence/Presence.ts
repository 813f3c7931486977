/** What the merchant is told about the shopper's presence. Pure; @see R8, R9 */
import { Schema } from "effect"

/**
 * - `online`: show the "Online" indicator (R8).
 * - `offline_email`: the reply will go to this email (R9).
 * - `offline_no_email`: the shopper will see the reply when they come back (R9).
 * - `none`: not a live-chat conversation; presence does not apply.
 */
export const PresenceNotice = Schema.Union([
  Schema.TaggedStruct("online", {}),
  Schema.TaggedStruct("offline_email", { email: Schema.String }),
  Schema.TaggedStruct("offline_no_email", {}),
  Schema.TaggedStruct("none", {}),
])
export type PresenceNotice = typeof PresenceNotice.Type

export const presenceNotice = (c: {
  readonly platform: string
  readonly customerOnline: boolean
  readonly customerEmail: string | null
}): PresenceNotice => {
  if (c.platform !== "online_store_chat") return { _tag: "none" }
  if (c.customerOnline) return { _tag: "online" }
  return c.customerEmail === null
    ? { _tag: "offline_no_email" }
    : { _tag: "offline_email", email: c.customerEmail }
}
