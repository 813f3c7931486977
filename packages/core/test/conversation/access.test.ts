/** Properties of tenancy and credentials: who may see which conversation and which events. */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import { canChat } from "../../src/assignment/Staff.ts"
import {
  type ChatSession,
  CUSTOMER_VISIBLE_EVENTS,
  customerCanAccess,
  customerThread,
  staffCanAccess,
  visibleToCustomer,
} from "../../src/conversation/Access.ts"
import { decide } from "../../src/conversation/decide.ts"
import { conversationId, customerId, shopId } from "../arbitraries/ids.ts"
import { staffMember } from "../arbitraries/staff.ts"
import { reached } from "./reached.ts"

/** A credential that matches the conversation or differs in any subset of its three claims. */
const sessionFor = (c: { id: string; shopId: string; customerId: string }) =>
  fc
    .record({
      shopId: fc.oneof(fc.constant(c.shopId), shopId),
      customerId: fc.oneof(fc.constant(c.customerId), customerId),
      conversationId: fc.oneof(fc.constant(c.id), conversationId),
    })
    .map((s) => s as ChatSession)

describe("access", () => {
  it("R0.3 a shopper's credential opens only their own conversation, and shows only messages, replies and their applied code", () => {
    fc.assert(
      fc.property(
        reached().chain((r) => fc.tuple(fc.constant(r), sessionFor(r.state))),
        ([r, session]) => {
          const own =
            session.shopId === r.state.shopId &&
            session.customerId === r.state.customerId &&
            session.conversationId === r.state.id
          assert.strictEqual(customerCanAccess(session, r.state), own)
          const thread = customerThread(session, r.state, r.log)
          if (!own) assert.lengthOf(thread, 0)
          else
            assert.deepStrictEqual(
              thread,
              r.log.filter((e) => CUSTOMER_VISIBLE_EVENTS.includes(e._tag)),
            )
          for (const e of thread) {
            assert.include(["CustomerMessageReceived", "ReplySent", "DiscountAppliedToCart"], e._tag)
            assert.isTrue(visibleToCustomer(e))
          }
        },
      ),
    )
  })

  it("R0.1 R0.2 staff see a conversation only in their own shop and with the chat permission, and are refused otherwise", () => {
    fc.assert(
      fc.property(
        reached().chain((r) => fc.tuple(fc.constant(r), staffMember(r.state.shopId))),
        ([r, staff]) => {
          const allowed = staff.shopId === r.state.shopId && (staff.isOwner || staff.chatPermission)
          assert.strictEqual(staffCanAccess(staff, r.state), allowed)
          for (const cmd of [
            { _tag: "MarkRead", staff } as const,
            { _tag: "MarkUnread", staff } as const,
            { _tag: "SetStatus", staff, status: "closed" } as const,
            { _tag: "UnassignConversation", staff } as const,
            { _tag: "AssignConversation", staff, assignee: staff } as const,
          ]) {
            const out = decide(r.state, cmd, r.now)
            assert.strictEqual(Result.isSuccess(out), allowed, cmd._tag)
            if (Result.isFailure(out))
              assert.strictEqual(
                out.failure._tag,
                staff.shopId !== r.state.shopId ? "StaffNotInShop" : "StaffLacksChatPermission",
              )
          }
        },
      ),
    )
  })

  it("R0.2 the shop owner always holds the chat permission", () => {
    fc.assert(
      fc.property(fc.boolean(), (chatPermission) => {
        assert.isTrue(canChat({ isOwner: true, chatPermission }))
        assert.strictEqual(canChat({ isOwner: false, chatPermission }), chatPermission)
      }),
    )
  })
})
