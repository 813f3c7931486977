import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import type { ConversationCommand } from "../../src/conversation/Command.ts"
import { isUnreadFor } from "../../src/conversation/Conversation.ts"
import { decide } from "../../src/conversation/decide.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import { replay } from "../../src/conversation/evolve.ts"
import type {
  ConversationId,
  CustomerId,
  MessageId,
  ProductId,
  ShopId,
  StaffId,
  VariantId,
} from "../../src/ids.ts"
import { instant } from "../../src/time.ts"

const shopId = "shop1" as ShopId
const alice: StaffMember = {
  id: "alice" as StaffId,
  shopId,
  name: "Alice",
  isOwner: false,
  chatPermission: true,
}

const run = (commands: ReadonlyArray<ConversationCommand>) => {
  const log: Array<ConversationEvent> = []
  for (const [i, cmd] of commands.entries()) {
    const r = decide(replay(log), cmd, instant(1000 + i))
    if (Result.isFailure(r)) return { log, error: r.failure }
    log.push(...r.success)
  }
  return { log, error: null }
}

describe("conversation examples", () => {
  it("R5 R4 a customer message reopens a closed conversation and makes it unread", () => {
    const { log, error } = run([
      {
        _tag: "StartConversation",
        conversationId: "c1" as ConversationId,
        shopId,
        customerId: "u1" as CustomerId,
        platform: "online_store_chat",
        customerEmail: null,
        currency: "EUR",
      },
      { _tag: "MarkRead", staff: alice },
      { _tag: "SetStatus", staff: alice, status: "closed" },
      {
        _tag: "ReceiveCustomerMessage",
        messageId: "m1" as MessageId,
        text: "hello",
        hasImage: false,
        classification: null,
      },
    ])
    assert.isNull(error)
    const state = replay(log)!
    assert.strictEqual(state.status, "open")
    assert.isTrue(isUnreadFor(state, alice.id))
  })

  it("R7 L6 the cart never holds more than the store has left, 999 of one item, or 50 different items", () => {
    const start: ConversationCommand = {
      _tag: "StartConversation",
      conversationId: "c2" as ConversationId,
      shopId,
      customerId: "u2" as CustomerId,
      platform: "online_store_chat",
      customerEmail: null,
      currency: "EUR",
    }
    const add = (variant: string, quantity: number, available?: number): ConversationCommand => ({
      _tag: "AddCartItem",
      line: {
        productId: `p_${variant}` as ProductId,
        variantId: variant as VariantId,
        title: "Hat",
        variantTitle: "One size",
        quantity,
        unitPrice: { amount: 1200, currency: "EUR" },
      },
      ...(available === undefined ? {} : { available }),
    })
    assert.strictEqual(run([start, add("v", 1, 0)]).error?._tag, "CartItemOutOfStock")
    const twoLeft = run([start, add("v", 2, 2), add("v", 1, 2)])
    assert.strictEqual(twoLeft.error?._tag, "CartItemOutOfStock")
    assert.deepInclude(twoLeft.error, { variantId: "v", available: 2 })
    assert.isNull(run([start, add("v", 2, 2)]).error)
    assert.strictEqual(run([start, add("v", 999), add("v", 1)]).error?._tag, "CartLineTooLarge")
    const fifty = Array.from({ length: 50 }, (_, i) => add(`v${i}`, 1))
    assert.isNull(run([start, ...fifty]).error)
    assert.strictEqual(run([start, ...fifty, add("v50", 1)]).error?._tag, "CartFull")
    // More of an item already in a full cart is still fine.
    assert.isNull(run([start, ...fifty, add("v0", 1)]).error)
  })
})
