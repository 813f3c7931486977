/**
 * A custom platform: a messaging app with no public API of its own (the Shop app), or a bridge the merchant
 * runs for any platform (Messenger and Instagram have their own adapter, see Meta.ts). Both directions are
 * signed with HMAC-SHA256 over the raw body with the shop's own webhook secret, sent as `x-inbox-signature: sha256=<hex>`. @see R1, R2
 */
import { Schema } from "effect"
import { CONVERSATION_ERROR_TAGS } from "../conversation/decide.ts"
import { ConversationEvent } from "../conversation/Event.ts"
import { ConversationId, CustomerId, MessageId, ShopId } from "../ids.ts"
import { isMaxChars, isMinChars, singleLine } from "../text/Text.ts"
import * as Endpoint from "./Endpoint.ts"

export const WebhookPlatform = Schema.Literals(["shop_app", "messenger", "instagram"])
export type WebhookPlatform = typeof WebhookPlatform.Type

export const WebhookPath = Schema.Struct({ platform: WebhookPlatform, shopId: ShopId })
export type WebhookPath = typeof WebhookPath.Type

/** A customer wrote to the shop on a platform; `messageId` makes redelivery harmless. */
export const InboundMessage = Schema.Struct({
  messageId: MessageId,
  /** The customer's id on that platform. */
  externalCustomerId: Schema.String.check(isMinChars(1), isMaxChars(128)),
  name: Schema.String.check(isMaxChars(120), singleLine),
  email: Schema.NullOr(Schema.String.check(isMaxChars(254), singleLine)),
  text: Schema.String.check(isMaxChars(20_000)),
})
export type InboundMessage = typeof InboundMessage.Type

/** A platform confirms a reply reached the customer (the `seq` of the OutboundReply it received). */
export const DeliveryReceipt = Schema.Struct({
  conversationId: ConversationId,
  seq: Schema.Int.check(Schema.isGreaterThan(0)),
})
export type DeliveryReceipt = typeof DeliveryReceipt.Type

export const InboundAccepted = Schema.Struct({ conversationId: ConversationId })
export type InboundAccepted = typeof InboundAccepted.Type

/** `delivered` is false when the receipt named no sent reply of that platform (nothing changed). */
export const ReceiptAccepted = Schema.Struct({ delivered: Schema.Boolean })
export type ReceiptAccepted = typeof ReceiptAccepted.Type

/**
 * What the inbox posts to the custom platform's URL (`INBOX_WEBHOOK_URL`) for each merchant reply, signed
 * like the inbound ones; any 2xx answer is success, anything else is retried with backoff.
 */
export const OutboundReply = Schema.Struct({
  shopId: ShopId,
  platform: WebhookPlatform,
  conversationId: ConversationId,
  customerId: CustomerId,
  seq: Schema.Int,
  reply: ConversationEvent,
})
export type OutboundReply = typeof OutboundReply.Type

/** What a custom platform posts, signed over the raw body. @see R1, R2 */
export const WebhooksApi = {
  inbound: Endpoint.post("/api/webhooks/:platform/:shopId", {
    summary:
      "Custom platform (e.g. the Shop app): a customer's message (HMAC-signed; idempotent by messageId)",
    auth: "webhook",
    params: WebhookPath,
    body: InboundMessage,
    success: InboundAccepted,
    status: 202,
    idempotencyKey: "messageId",
    errors: ["ShopNotFound", "CustomerEmailInvalid", ...CONVERSATION_ERROR_TAGS, "VersionConflict"],
  }),
  receipt: Endpoint.post("/api/webhooks/:platform/:shopId/receipts", {
    summary: "Custom platform: delivery receipt (HMAC-signed): a sent reply becomes delivered",
    auth: "webhook",
    params: WebhookPath,
    body: DeliveryReceipt,
    success: ReceiptAccepted,
    status: 202,
  }),
}

/**
 * What the inbox itself sends: the requests a custom platform's server receives (OpenAPI `webhooks`). The
 * signature is `x-inbox-signature: sha256=<hex HMAC-SHA256 of the raw body with INBOX_WEBHOOK_SECRET>`.
 */
export const OutgoingWebhooks = {
  customPlatformReply: {
    summary: "A merchant reply for a custom platform's customer, POSTed to INBOX_WEBHOOK_URL (HMAC-signed)",
    body: OutboundReply,
  },
} as const
