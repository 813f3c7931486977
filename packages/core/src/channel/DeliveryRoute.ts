/** Which channel a merchant reply leaves through. Pure; @see R2, R9 */
import { Schema } from "effect"
import type { Platform } from "./Platform.ts"

/**
 * - `chat`: pushed live to the shopper's open chat (online store, shopper present).
 * - `email`: the shopper left the store; the reply goes to the email given at chat start, or the
 *   conversation came in by email.
 * - `held`: online-store chat, shopper away and no email known: the reply waits in the chat.
 * - `shop_app` / `messenger` / `instagram`: back through that platform.
 */
export const DeliveryRoute = Schema.Union([
  Schema.TaggedStruct("chat", {}),
  Schema.TaggedStruct("email", { to: Schema.String }),
  Schema.TaggedStruct("held", {}),
  Schema.TaggedStruct("platform", { platform: Schema.Literals(["shop_app", "messenger", "instagram"]) }),
])
export type DeliveryRoute = typeof DeliveryRoute.Type

export interface RouteInput {
  readonly platform: Platform
  readonly customerOnline: boolean
  /** The email the customer gave when the chat started (or the address that wrote, for email). */
  readonly customerEmail: string | null
}

/** @see R2 */
export const routeReply = ({ platform, customerOnline, customerEmail }: RouteInput): DeliveryRoute => {
  switch (platform) {
    case "online_store_chat":
      if (customerOnline) return { _tag: "chat" }
      return customerEmail === null ? { _tag: "held" } : { _tag: "email", to: customerEmail }
    case "email":
      return customerEmail === null ? { _tag: "held" } : { _tag: "email", to: customerEmail }
    default:
      return { _tag: "platform", platform }
  }
}

/** The channel a reply on this route is delivered by: a held reply belongs to the chat it waits in. @see R2 */
export const channelOf = (
  route: DeliveryRoute,
): "chat" | "email" | Extract<DeliveryRoute, { _tag: "platform" }>["platform"] =>
  route._tag === "platform" ? route.platform : route._tag === "held" ? "chat" : route._tag

/**
 * A reply's delivery status when it commits: a chat reply is sent with the commit (over the shopper's open
 * socket), a held one waits for the shopper's return, any other is queued for its channel. @see R2
 */
export const statusAtCommit = (route: DeliveryRoute): "sent" | "held" | "queued" =>
  route._tag === "chat" ? "sent" : route._tag === "held" ? "held" : "queued"
