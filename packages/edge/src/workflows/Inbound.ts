/** A customer message arriving from a platform webhook: find or start the conversation, then receive it. @see R1, R10 */
import { ConversationErrors, Ids, TopicClassifier } from "@inbox/core"
import type { InboundAccepted, InboundMessage, WebhookPlatform } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { customerEmail } from "../email/EmailAddress.ts"
import { ShopNotFound } from "../http/EdgeErrors.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Customers } from "../repo/Customers.ts"
import { Directory } from "../repo/Directory.ts"
import { automaticReplyFor } from "./Availability.ts"
import { publish } from "./Merchant.ts"

export const receive = Effect.fn("Inbound.receive")(function* (
  platform: WebhookPlatform,
  shopId: string,
  message: InboundMessage,
) {
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  const email = yield* customerEmail(message.email)
  const customers = yield* Customers
  const store = yield* Conversations
  const now = yield* Clock.currentTimeMillis
  const customer = yield* customers.ensure({
    id: `cus_${crypto.randomUUID().replaceAll("-", "")}`,
    shopId: shop.id,
    name: message.name.trim() || message.externalCustomerId,
    email,
    // One customer record per platform identity.
    clientId: `${platform}:${message.externalCustomerId}`,
    createdAt: now,
  })
  let conversationId = yield* customers.latestConversation(shop.id, customer.id)
  if (conversationId === null) {
    const id = Ids.ConversationId.make(`conv_${crypto.randomUUID().replaceAll("-", "")}`)
    const started = yield* store.execute({
      shopId: shop.id,
      conversationId: id,
      command: () =>
        Effect.succeed({
          _tag: "StartConversation" as const,
          conversationId: id,
          shopId: shop.id,
          customerId: customer.id,
          platform,
          customerEmail: email,
          currency: shop.currency,
        }),
      idempotency: {
        key: `inbound-start:${platform}:${message.externalCustomerId}`,
        respond: (c) => ({ status: 202, body: c.conversation.id }),
      },
    })
    yield* publish(shop.id, started)
    conversationId = (
      started._tag === "Committed" ? started.committed.conversation.id : started.response.body
    ) as Ids.ConversationId
  }
  const classification = yield* (yield* TopicClassifier).classify(message.text)
  const automaticReply = yield* automaticReplyFor(shop.id)
  const id = conversationId
  const outcome = yield* store.execute({
    shopId: shop.id,
    conversationId: id,
    command: (state) =>
      state === null
        ? Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: id }))
        : Effect.succeed({
            _tag: "ReceiveCustomerMessage" as const,
            messageId: message.messageId,
            text: message.text,
            hasImage: false,
            classification,
            ...automaticReply,
          }),
    idempotency: {
      key: `inbound:${platform}:${message.messageId}`,
      respond: () => ({ status: 202, body: { conversationId: id } satisfies InboundAccepted }),
    },
  })
  yield* publish(shop.id, outcome)
  return outcome._tag === "Committed" ? { conversationId: id } : (outcome.response.body as InboundAccepted)
})
