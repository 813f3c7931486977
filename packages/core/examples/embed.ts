/**
 * Embedding @inbox/core in your own app: start a conversation, take a customer message, reply,
 * and render the merchant's inbox row and thread. Run: node --conditions=@inbox/source examples/embed.ts
 */

import {
  type Command,
  type Conversation,
  decide,
  type Event,
  evolve,
  Ids,
  InboxRow,
  Notice,
  Time,
  TopicClassifier,
} from "@inbox/core"
import { Effect, Result, Schema } from "effect"

// Ids are branded: decode them at your boundary (HTTP params, database rows) once.
const shopId = Schema.decodeUnknownSync(Ids.ShopId)("maison-lumiere")
const staff = {
  id: Schema.decodeUnknownSync(Ids.StaffId)("camille"),
  shopId,
  name: "Camille",
  isOwner: false,
  chatPermission: true,
}

// The core never reads a clock: you pass `now` to every decision.
let now = Time.instant(Date.UTC(2026, 10, 25, 9, 30))

// Your event store: here an array. decide() says what happens, evolve() folds it into the state.
const log: Array<Event.ConversationEvent> = []
let state: Conversation.Conversation | null = null
const run = (command: Command.ConversationCommand): void => {
  const decision = decide(state, command, now)
  if (Result.isFailure(decision)) throw new Error(`refused: ${decision.failure._tag}`)
  for (const event of decision.success) {
    log.push(event)
    state = evolve(state, event)
  }
}

// A stand-in classifier; a real one implements the same TopicClassifier port.
const classifier = TopicClassifier.of({
  classify: (text) =>
    Effect.succeed({
      topics: {
        checkout: 0,
        order_edits: 0,
        order_status: /commande|order/i.test(text) ? 0.96 : 0.02,
        pricing_discounts: 0,
        product_details: 0,
        product_interest: 0,
        returns: 0,
        shipping: 0,
        store_info: 0,
        wholesale: 0,
      },
      none: 0.02,
    }),
})

run({
  _tag: "StartConversation",
  conversationId: Schema.decodeUnknownSync(Ids.ConversationId)("c-1001"),
  shopId,
  customerId: Schema.decodeUnknownSync(Ids.CustomerId)("ana"),
  platform: "online_store_chat",
  customerEmail: "ana@example.com",
  currency: "EUR",
})

const text = "Bonjour, où en est ma commande ?"
now = Time.instant(now + 60_000)
run({
  _tag: "ReceiveCustomerMessage",
  messageId: Schema.decodeUnknownSync(Ids.MessageId)("m-1"),
  text,
  hasImage: false,
  classification: Effect.runSync(classifier.classify(text)),
})

now = Time.instant(now + 60_000)
run({ _tag: "ChangePresence", online: false })
run({
  _tag: "SendReply",
  messageId: Schema.decodeUnknownSync(Ids.MessageId)("m-2"),
  staff,
  text: "Elle part aujourd’hui !",
  products: [],
  discount: null,
  image: null,
})

const row = InboxRow.inboxRow(state!, staff.id, "Ana Lima")
for (const item of Notice.renderThread(log, "fr", (id) => (id === staff.id ? staff.name : undefined)))
  if (item.notice !== null) console.log(`#${item.seq} ${item.notice}`)
console.log(JSON.stringify(row))
