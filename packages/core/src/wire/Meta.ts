/**
 * Meta's webhooks for Messenger and Instagram, as Meta sends them (`object` page or instagram, several
 * entries, each with `messaging[]` or `standby[]` events), and the merchant's connected pages and accounts.
 * Only the fields the inbox reads are declared; Meta adds fields over versions and they are ignored.
 * Sources: developers.facebook.com/docs/messenger-platform/webhooks and …/instagram-messaging/webhooks.
 * @see R1, R2
 */
import { Schema } from "effect"
import { isMaxChars, isMinChars, singleLine } from "../text/Text.ts"
import * as Endpoint from "./Endpoint.ts"

const GraphId = Schema.String.check(Schema.isPattern(/^[0-9A-Za-z_.:-]{1,128}$/u))

const Party = Schema.Struct({ id: GraphId })

export const MetaAttachment = Schema.Struct({
  /** image, video, audio, file, sticker, reel, ig_reel, share, story_mention, fallback… */
  type: Schema.String.check(isMaxChars(40)),
  payload: Schema.optionalKey(Schema.NullOr(Schema.Struct({ url: Schema.optionalKey(Schema.String) }))),
})

export const MetaMessage = Schema.Struct({
  mid: Schema.String.check(isMinChars(1), isMaxChars(512)),
  text: Schema.optionalKey(Schema.String.check(isMaxChars(20_000))),
  attachments: Schema.optionalKey(Schema.Array(MetaAttachment).check(Schema.isMaxLength(20))),
  is_echo: Schema.optionalKey(Schema.Boolean),
  /** Instagram: the customer unsent the message. */
  is_deleted: Schema.optionalKey(Schema.Boolean),
  is_unsupported: Schema.optionalKey(Schema.Boolean),
  app_id: Schema.optionalKey(Schema.Union([Schema.Number, Schema.String])),
  metadata: Schema.optionalKey(Schema.String.check(isMaxChars(1000))),
})
export type MetaMessage = typeof MetaMessage.Type

/** One messaging event: a message (or its echo), a delivery or read watermark, an Instagram seen mark. */
export const MetaEvent = Schema.Struct({
  sender: Party,
  recipient: Party,
  timestamp: Schema.optionalKey(Schema.Number),
  message: Schema.optionalKey(MetaMessage),
  delivery: Schema.optionalKey(
    Schema.Struct({
      mids: Schema.optionalKey(
        Schema.Array(Schema.String.check(isMaxChars(512))).check(Schema.isMaxLength(100)),
      ),
      watermark: Schema.Number,
    }),
  ),
  /** Messenger: `watermark`; Instagram (`messaging_seen`): the `mid` seen. */
  read: Schema.optionalKey(
    Schema.Struct({
      watermark: Schema.optionalKey(Schema.Number),
      mid: Schema.optionalKey(Schema.String.check(isMaxChars(512))),
    }),
  ),
})
export type MetaEvent = typeof MetaEvent.Type

export const MetaEntry = Schema.Struct({
  /** The Page id (Messenger) or the Instagram professional account id. */
  id: GraphId,
  time: Schema.optionalKey(Schema.Number),
  messaging: Schema.optionalKey(Schema.Array(MetaEvent).check(Schema.isMaxLength(1000))),
  /** Events of conversations another app controls (handover protocol): read the same way. */
  standby: Schema.optionalKey(Schema.Array(MetaEvent).check(Schema.isMaxLength(1000))),
})
export type MetaEntry = typeof MetaEntry.Type

export const MetaObject = Schema.Literals(["page", "instagram"])
export type MetaObject = typeof MetaObject.Type

export const MetaWebhook = Schema.Struct({
  object: MetaObject,
  entry: Schema.Array(MetaEntry).check(Schema.isMaxLength(1000)),
})
export type MetaWebhook = typeof MetaWebhook.Type

/** The verification handshake Meta sends when the webhook is set up in the App Dashboard. */
export const MetaVerifyQuery = Schema.Struct({
  "hub.mode": Schema.Literal("subscribe"),
  "hub.verify_token": Schema.String.check(isMaxChars(512)),
  "hub.challenge": Schema.String.check(isMinChars(1), isMaxChars(512)),
})
export type MetaVerifyQuery = typeof MetaVerifyQuery.Type

/** How many messaging events the POST carried (Meta only needs the 200). */
export const MetaReceived = Schema.Struct({ events: Schema.Int })
export type MetaReceived = typeof MetaReceived.Type

export const MetaWebhooksApi = {
  verify: Endpoint.get("/api/webhooks/meta", {
    summary: "Meta's webhook verification: echoes hub.challenge when hub.verify_token matches",
    auth: "public",
    query: MetaVerifyQuery,
    success: Endpoint.Bytes("text/plain"),
    errors: ["WebhookVerifyTokenInvalid", "ChannelNotConfigured"],
  }),
  receive: Endpoint.post("/api/webhooks/meta", {
    summary:
      "Messenger and Instagram events from Meta (X-Hub-Signature-256 over the raw body; de-duplicated by message id)",
    auth: "meta",
    body: MetaWebhook,
    success: MetaReceived,
    errors: ["ChannelNotConfigured", "VersionConflict"],
  }),
}

export const MetaPlatform = Schema.Literals(["messenger", "instagram"])
export type MetaPlatform = typeof MetaPlatform.Type

/** A page or Instagram account the shop connects, with the token the Send API uses (sealed at rest). */
export const MetaAccountBody = Schema.Struct({
  platform: MetaPlatform,
  /** The id Meta names in webhooks: the Page id, or the Instagram professional account id. */
  accountId: GraphId,
  /** The Page whose `/messages` edge sends (for Instagram, the Page the account is linked to). */
  pageId: GraphId,
  name: Schema.String.check(isMinChars(1), isMaxChars(120), singleLine),
  accessToken: Schema.String.check(isMinChars(1), isMaxChars(1024), singleLine),
})
export type MetaAccountBody = typeof MetaAccountBody.Type

export const MetaAccountPath = Schema.Struct({ platform: MetaPlatform, accountId: GraphId })
export type MetaAccountPath = typeof MetaAccountPath.Type
