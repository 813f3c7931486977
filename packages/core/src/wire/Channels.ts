/**
 * The channels a reply can leave through, as the merchant sees them: where the reply being written will go
 * (the composer says it before sending), and which channels are connected (settings). @see R2
 */
import { Schema } from "effect"
import { Instant } from "../time.ts"
import * as Endpoint from "./Endpoint.ts"
import { ConversationPath, DeliveryChannel } from "./Inbox.ts"
import { MetaAccountBody, MetaAccountPath, MetaPlatform } from "./Meta.ts"

/** Where a reply written now would go, and whether it can go now. */
export const ReplyDestination = Schema.Struct({
  /** `held`: it waits in the chat for the shopper's return (R2). */
  channel: Schema.Union([DeliveryChannel, Schema.Literal("held")]),
  /** The email address, or the name of the Messenger page / Instagram account it leaves from. */
  to: Schema.NullOr(Schema.String),
  /** False: the channel is not set up, so the reply could not leave (see `settings`). */
  connected: Schema.Boolean,
  /** Email on the embedded default with no SMTP server: replies are saved locally, openable at /api/email-capture. */
  captured: Schema.Boolean,
  /** Messenger/Instagram: the label Meta's window gives a reply now. */
  messagingType: Schema.NullOr(Schema.Literals(["RESPONSE", "HUMAN_AGENT"])),
  /** Messenger/Instagram: when a person can no longer answer. */
  closesAt: Schema.NullOr(Instant),
  /** Why the reply cannot be sent now, in the caller's language; null when it can. */
  refusal: Schema.NullOr(Schema.Struct({ code: Schema.String, message: Schema.String })),
})
export type ReplyDestination = typeof ReplyDestination.Type

export const ConnectedMetaAccount = Schema.Struct({
  platform: MetaPlatform,
  accountId: Schema.String,
  pageId: Schema.String,
  name: Schema.String,
  connectedAt: Instant,
})
export type ConnectedMetaAccount = typeof ConnectedMetaAccount.Type

/** The shop's channels and how each one is set up. */
export const ChannelStatus = Schema.Struct({
  email: Schema.Struct({
    /** smtp / api / binding: really sent; capture: saved locally (embedded default); off: replies fail. */
    transport: Schema.Literals(["smtp", "api", "binding", "capture", "off"]),
    /** The shop's address: From of replies and base of their reply addresses. */
    address: Schema.String,
    /** Whether inbound mail is received here (SMTP listener on Node, Email Routing on Workers). */
    receiving: Schema.Boolean,
  }),
  meta: Schema.Struct({
    /** INBOX_META_APP_SECRET and INBOX_META_VERIFY_TOKEN are set: Meta's webhooks are accepted. */
    configured: Schema.Boolean,
    accounts: Schema.Array(ConnectedMetaAccount),
  }),
  customPlatform: Schema.Struct({
    /** A URL receives the signed replies of the custom platform (e.g. the Shop app). */
    configured: Schema.Boolean,
  }),
})
export type ChannelStatus = typeof ChannelStatus.Type

export const ChannelsApi = {
  destination: Endpoint.get("/api/conversations/:id/destination", {
    summary: "Where a reply written now would go, and why it cannot go now if so",
    auth: "chatStaff",
    params: ConversationPath,
    success: ReplyDestination,
    errors: ["ConversationNotFound"],
  }),
  status: Endpoint.get("/api/channels", {
    summary: "The shop's channels and how each is set up",
    auth: "chatStaff",
    success: ChannelStatus,
  }),
  connectMeta: Endpoint.put("/api/channels/meta", {
    summary: "Connect a Facebook Page (Messenger) or an Instagram professional account (shop owner only)",
    auth: "chatStaff",
    body: MetaAccountBody,
    success: ConnectedMetaAccount,
    errors: ["StaffNotOwner", "MetaAccountTaken", "ChannelNotConfigured"],
  }),
  disconnectMeta: Endpoint.delete("/api/channels/meta/:platform/:accountId", {
    summary: "Disconnect a page or Instagram account (shop owner only)",
    auth: "chatStaff",
    params: MetaAccountPath,
    errors: ["StaffNotOwner", "MetaAccountNotFound"],
  }),
}
