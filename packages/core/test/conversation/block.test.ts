/**
 * Blocking a sender: their new messages are kept but stay closed, unread for nobody and without an automatic
 * reply, in the Blocked list; unblocking reopens the conversation with what arrived meanwhile unread.
 */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import type { ConversationCommand } from "../../src/conversation/Command.ts"
import { type Conversation, isUnreadFor } from "../../src/conversation/Conversation.ts"
import { decide } from "../../src/conversation/decide.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import { evolve, replay } from "../../src/conversation/evolve.ts"
import type { ConversationId, CustomerId, MessageId, ShopId, StaffId } from "../../src/ids.ts"
import { inboxRow } from "../../src/inbox/InboxRow.ts"
import { instant } from "../../src/time.ts"

const shop = "shop" as ShopId
const alice: StaffMember = {
  id: "s1" as StaffId,
  shopId: shop,
  name: "Alice",
  isOwner: true,
  chatPermission: true,
}
const bob: StaffMember = {
  id: "s2" as StaffId,
  shopId: shop,
  name: "Bob",
  isOwner: false,
  chatPermission: true,
}

type Step = "message" | "block" | "unblock" | "open" | "close" | "read"
const step = fc.constantFrom<Step>("message", "message", "block", "unblock", "open", "close", "read")

const start: ConversationCommand = {
  _tag: "StartConversation",
  conversationId: "c1" as ConversationId,
  shopId: shop,
  customerId: "u1" as CustomerId,
  platform: "online_store_chat",
  customerEmail: null,
  currency: "EUR",
}

const commandOf = (s: Step, i: number): ConversationCommand => {
  switch (s) {
    case "message":
      return {
        _tag: "ReceiveCustomerMessage",
        messageId: `m${i}` as MessageId,
        text: `message ${i}`,
        hasImage: false,
        classification: null,
        automaticReply: {
          settings: { availability: { _tag: "AlwaysAvailable" }, insideHours: "Hi!", outsideHours: null },
          messageId: `a${i}` as MessageId,
        },
      }
    case "block":
      return { _tag: "BlockSender", staff: alice }
    case "unblock":
      return { _tag: "UnblockSender", staff: alice }
    case "open":
    case "close":
      return { _tag: "SetStatus", staff: alice, status: s === "open" ? "open" : "closed" }
    case "read":
      return { _tag: "MarkRead", staff: bob }
  }
}

describe("block sender", () => {
  it("a blocked sender's messages are kept, reopen nothing, notify nobody; unblocking restores them unread", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const log: Array<ConversationEvent> = []
        let state: Conversation | null = null
        const apply = (cmd: ConversationCommand, at: number) => {
          const r = decide(state, cmd, instant(at))
          if (Result.isFailure(r)) return [] as ReadonlyArray<ConversationEvent>
          for (const e of r.success) state = evolve(state, e)
          log.push(...r.success)
          return r.success
        }
        apply(start, 1000)
        let sent = 0
        let arrivedWhileBlocked = false
        steps.forEach((s, i) => {
          const before = state as Conversation
          const events = apply(commandOf(s, i), 2000 + i)
          const after = state as Conversation
          if (s === "message") {
            sent++
            assert.strictEqual(events[0]?._tag, "CustomerMessageReceived")
            if (before.blocked === true) {
              arrivedWhileBlocked = true
              assert.strictEqual(after.status, "closed")
              // It makes nothing unread that was not already: no notification, no unread badge.
              assert.strictEqual(after.lastCustomerMessageSeq, before.lastCustomerMessageSeq)
              assert.strictEqual(isUnreadFor(after, bob.id), isUnreadFor(before, bob.id))
              assert.isFalse(
                events.some((e) => e._tag === "AutomaticReplySent" || e._tag === "ConversationReopened"),
              )
              assert.isTrue(inboxRow(after, alice.id, "Ana").blocked)
            }
          }
          // Bob opened it and saw everything so far.
          if (s === "read") arrivedWhileBlocked = false
          if (s === "block") {
            assert.isTrue(after.blocked)
            assert.strictEqual(after.status, "closed")
            arrivedWhileBlocked = false
          }
          if (s === "unblock" && before.blocked === true) {
            assert.strictEqual(after.status, "open")
            assert.isUndefined(inboxRow(after, alice.id, "Ana").blocked)
            // Nothing that arrived while blocked is missed: it is unread for whoever had not read it since.
            if (arrivedWhileBlocked) assert.isTrue(isUnreadFor(after, bob.id))
          }
        })
        assert.strictEqual(log.filter((e) => e._tag === "CustomerMessageReceived").length, sent)
        assert.deepStrictEqual(replay(log), state)
      }),
    )
  })
})
