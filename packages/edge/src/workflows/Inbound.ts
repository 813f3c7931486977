/**
 * A customer message arriving from outside the storefront (a custom platform's webhook, an email, Meta):
 * find or start the conversation, then receive the message once. Every write carries an idempotency key
 * built from the channel's own message id, so a redelivery commits nothing new. @see R1, R5, R10
 */
import {
  type Command,
  type Conversation,
  ConversationErrors,
  type Event,
  Ids,
  newId,
  type Time,
  TopicClassifier,
} from "@inbox/core"
import type { InboundAccepted, InboundMessage, WebhookPlatform } from "@inbox/core/wire"
import { Clock, Effect, Schema } from "effect"
import { customerEmail } from "../email/EmailAddress.ts"
import { ShopNotFound } from "../http/EdgeErrors.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Customers } from "../repo/Customers.ts"
import { Directory, type Shop as ShopRecord } from "../repo/Directory.ts"
import { answerOnce, decodeStored } from "../repo/IdempotencyKeys.ts"
import { automaticReplyFor } from "./Availability.ts"
import { publish } from "./Merchant.ts"

export const shopOrFail = Effect.fn("Inbound.shopOrFail")(function* (shopId: string) {
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  return shop
})

/** The customer record of one identity on one channel (`clientId` is `<channel>:<id>`). */
export const customerFor = Effect.fn("Inbound.customerFor")(function* (
  shop: ShopRecord,
  identity: { readonly clientId: string; readonly name: string; readonly email: string | null },
) {
  return yield* (yield* Customers).ensure({
    id: yield* newId("cus"),
    shopId: shop.id,
    name: identity.name,
    email: identity.email,
    clientId: identity.clientId,
    createdAt: yield* Clock.currentTimeMillis,
  })
})

/** Starts a conversation once per `key`: a replay of the same key answers the conversation it started. */
export const startConversation = Effect.fn("Inbound.startConversation")(function* (
  shop: ShopRecord,
  input: {
    readonly key: string
    readonly customerId: Ids.CustomerId
    readonly platform: Conversation.Conversation["platform"]
    readonly customerEmail: string | null
  },
) {
  const id = Ids.ConversationId.make(yield* newId("conv"))
  const started = yield* answerOnce(
    shop.id,
    input.key,
    (yield* Conversations).execute({
      shopId: shop.id,
      conversationId: id,
      command: () =>
        Effect.succeed({
          _tag: "StartConversation" as const,
          conversationId: id,
          shopId: shop.id,
          customerId: input.customerId,
          platform: input.platform,
          customerEmail: input.customerEmail,
          currency: shop.currency,
        }),
      onCommitted: publish(shop.id),
    }),
    (c) => ({ status: 202, body: c.conversation.id }),
  )
  return yield* decodeStored(Ids.ConversationId, started.body)
})

/** What a received message answered the first time: replays of its key answer the same. */
export const Received = Schema.Struct({
  conversationId: Ids.ConversationId,
  /** The CustomerMessageReceived event's sequence number. */
  seq: Schema.Int,
})
export type Received = typeof Received.Type

/**
 * Receives one customer message into a conversation. The classifier runs on the text the thread shows
 * (for email, without quoted history), and the shop's automatic first reply rides along. @see R10, R5
 */
export const receiveMessage = Effect.fn("Inbound.receiveMessage")(function* (
  shop: ShopRecord,
  conversationId: Ids.ConversationId,
  message: {
    readonly key: string
    readonly messageId: Ids.MessageId
    readonly text: string
    readonly email?: Event.EmailOrigin
    readonly attachments?: ReadonlyArray<Event.AttachmentNote>
    /** When the customer sent it by the channel's clock (Meta's window counts from it). */
    readonly sentAt?: Time.Instant
  },
) {
  const classification = yield* (yield* TopicClassifier).classify(message.text)
  const automaticReply = yield* automaticReplyFor(shop.id)
  const command: Command.ConversationCommand = {
    _tag: "ReceiveCustomerMessage",
    messageId: message.messageId,
    text: message.text,
    hasImage: false,
    classification,
    ...automaticReply,
    ...(message.email === undefined ? {} : { email: message.email }),
    ...(message.attachments === undefined || message.attachments.length === 0
      ? {}
      : { attachments: message.attachments }),
    ...(message.sentAt === undefined ? {} : { sentAt: message.sentAt }),
  }
  const received = yield* answerOnce(
    shop.id,
    message.key,
    (yield* Conversations).execute({
      shopId: shop.id,
      conversationId,
      command: (state) =>
        state === null
          ? Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId }))
          : Effect.succeed(command),
      onCommitted: publish(shop.id),
    }),
    (c) => ({
      status: 202,
      body: Schema.encodeSync(Received)({
        conversationId,
        seq: c.events.find((e) => e.event._tag === "CustomerMessageReceived")?.seq ?? 0,
      }),
    }),
  )
  return yield* decodeStored(Received, received.body)
})

/** A custom platform's signed webhook: one conversation per platform customer, reopened by new messages. */
export const receive = Effect.fn("Inbound.receive")(function* (
  platform: WebhookPlatform,
  shopId: string,
  message: InboundMessage,
) {
  const shop = yield* shopOrFail(shopId)
  const email = yield* customerEmail(message.email)
  const customer = yield* customerFor(shop, {
    // One customer record per platform identity.
    clientId: `${platform}:${message.externalCustomerId}`,
    name: message.name.trim() || message.externalCustomerId,
    email,
  })
  const conversationId =
    (yield* (yield* Customers).latestConversation(shop.id, customer.id)) ??
    (yield* startConversation(shop, {
      key: `inbound-start:${platform}:${message.externalCustomerId}`,
      customerId: customer.id,
      platform,
      customerEmail: email,
    }))
  const received = yield* receiveMessage(shop, conversationId, {
    key: `inbound:${platform}:${message.messageId}`,
    messageId: message.messageId,
    text: message.text,
  })
  const body: InboundAccepted = { conversationId: received.conversationId }
  return body
})
