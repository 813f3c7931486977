/**
 * Platform webhooks (shop_app, messenger, instagram). Both directions are signed with HMAC-SHA256 over the
 * raw body, sent as `x-inbox-signature: sha256=<hex>`. @see R1, R2
 */
import { Schema } from "effect"
import { ConversationEvent } from "../conversation/Event.ts"
import { ConversationId, CustomerId, MessageId, ShopId } from "../ids.ts"
import { singleLine } from "../text/Text.ts"

export const WebhookPlatform = Schema.Literals(["shop_app", "messenger", "instagram"])
export type WebhookPlatform = typeof WebhookPlatform.Type

export const WebhookPath = Schema.Struct({ platform: WebhookPlatform, shopId: ShopId })
export type WebhookPath = typeof WebhookPath.Type

/** A customer wrote to the shop on a platform; `messageId` makes redelivery harmless. */
export const InboundMessage = Schema.Struct({
  messageId: MessageId,
  /** The customer's id on that platform. */
  externalCustomerId: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(128)),
  name: Schema.String.check(Schema.isMaxLength(120), singleLine),
  email: Schema.NullOr(Schema.String.check(Schema.isMaxLength(254), singleLine)),
  text: Schema.String.check(Schema.isMaxLength(20_000)),
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

/** What the edge posts to the platform's URL for each merchant reply. */
export const OutboundReply = Schema.Struct({
  shopId: ShopId,
  platform: WebhookPlatform,
  conversationId: ConversationId,
  customerId: CustomerId,
  seq: Schema.Int,
  reply: ConversationEvent,
})
export type OutboundReply = typeof OutboundReply.Type
