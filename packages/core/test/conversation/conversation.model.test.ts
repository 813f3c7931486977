/** Model-based properties of the conversation aggregate: random command sequences against an independent model. */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import { canChat } from "../../src/assignment/Staff.ts"
import { header, subtotal } from "../../src/cart/Cart.ts"
import { isUnreadFor } from "../../src/conversation/Conversation.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import { replay } from "../../src/conversation/evolve.ts"
import { errorMessage } from "../../src/i18n/Messages.ts"
import type { StaffId } from "../../src/ids.ts"
import { inboxRow } from "../../src/inbox/InboxRow.ts"
import { scenario } from "../arbitraries/commands.ts"
import { expectedRoute, runScenario } from "./model.ts"

/** Staff ids an event attributes an action to. */
const actorsOf = (e: ConversationEvent): ReadonlyArray<StaffId> => {
  switch (e._tag) {
    case "ReplySent":
      return [e.staffId]
    case "ConversationClosed":
      return [e.by]
    case "ConversationReopened":
      return e.by === null ? [] : [e.by]
    case "ConversationRead":
    case "ConversationMarkedUnread":
      return [e.staffId]
    case "ConversationAssigned":
      return [e.assignee, e.by]
    case "ConversationUnassigned":
      return [e.by]
    default:
      return []
  }
}

describe("conversation model", () => {
  it("R0.1 R0.2 R1 R3 R4 R5 R7 R8 R12 R14 R17 R19 any command sequence matches the model and keeps every invariant", () => {
    fc.assert(
      fc.property(scenario(), (sc) => {
        const run = runScenario(sc)
        const home = sc.shopId
        const pool = new Map(sc.staff.map((s) => [s.id, s]))
        let wasStarted = false
        for (const st of run.steps) {
          const m = st.model
          // Decisions: accepted exactly when the model accepts, refused with the model's reason.
          if (st.expectedError === null)
            assert.isTrue(Result.isSuccess(st.result), `refused ${st.command._tag}`)
          else {
            assert.isTrue(Result.isFailure(st.result), `accepted ${st.command._tag}`)
            if (Result.isFailure(st.result)) {
              assert.strictEqual(st.result.failure._tag, st.expectedError)
              assert.notStrictEqual(
                errorMessage(st.result.failure, "fr"),
                errorMessage({ _tag: "Unknown" }, "fr"),
              )
              assert.strictEqual(st.after, st.before, "a refused command changes nothing")
            }
          }
          // R3: never deleted once started.
          if (wasStarted) assert.isNotNull(st.after)
          const c = st.after
          assert.strictEqual(c !== null, m.started)
          if (c === null) continue
          wasStarted = true
          // R1 and R0.1: the conversation keeps its shop, customer, platform and start.
          assert.strictEqual(c.shopId, home)
          assert.strictEqual(c.customerId, sc.customerId)
          assert.strictEqual(c.platform, m.platform)
          assert.strictEqual(c.startedAt, m.startedAt)
          assert.strictEqual(c.customerEmail, m.email)
          // R3, R19, R12, R14, R8, R17: state equals the model.
          assert.include(["open", "closed"], c.status)
          assert.strictEqual(c.status, m.status)
          assert.strictEqual(c.assignee, m.assignee)
          assert.deepStrictEqual([...c.recentTopics], m.topics)
          assert.strictEqual(c.latestTopic, m.latestTopic)
          assert.strictEqual(c.customerOnline, m.online)
          assert.deepStrictEqual([...c.sharedDiscounts], m.shared)
          assert.strictEqual(c.appliedDiscount, m.applied)
          // R7: the cart equals the model's, and its header shows iff it is non-empty.
          assert.deepStrictEqual(c.cart.lines, m.lines)
          assert.strictEqual(c.lastCartActivityAt, m.lastCartAt)
          assert.strictEqual(header(c.cart) !== null, m.lines.length > 0)
          // R12: at most two distinct topics.
          assert.isAtMost(c.recentTopics.length, 2)
          assert.strictEqual(new Set(c.recentTopics).size, c.recentTopics.length)
          // R19 and R0.2: the assignee is a staff member of this shop who can chat.
          if (c.assignee !== null) {
            const a = pool.get(c.assignee)
            assert.isDefined(a)
            assert.isTrue(a !== undefined && a.shopId === home && canChat(a))
          }
          // R4: unread per staff member, as the model says, in the state and in each one's inbox row.
          for (const s of sc.staff) {
            const unread = m.unread.get(s.id) ?? false
            assert.strictEqual(isUnreadFor(c, s.id), unread, `unread for ${s.id}`)
            const row = inboxRow(c, s.id, "Ana")
            assert.strictEqual(row.unread, unread)
            assert.strictEqual(row.assignedToMe, c.assignee === s.id)
            assert.strictEqual(row.status, m.status)
          }
          if (Result.isSuccess(st.result)) {
            const events = st.result.success
            // R5: a customer message in a closed conversation reopens it.
            if (st.command._tag === "ReceiveCustomerMessage")
              assert.strictEqual(
                events.some((e) => e._tag === "ConversationReopened" && e.by === null),
                st.before?.status === "closed",
              )
            // R2: the reply leaves by the route the rule gives for this platform, presence and email.
            for (const e of events)
              if (e._tag === "ReplySent")
                assert.deepStrictEqual(e.route, expectedRoute(m.platform, m.online, m.email))
          }
        }
        // R0.1, R0.2: no event is ever attributed to staff of another shop or without the permission.
        for (const e of run.log)
          for (const id of actorsOf(e)) {
            const s = pool.get(id)
            assert.isTrue(s !== undefined && s.shopId === home && canChat(s), `${e._tag} by ${id}`)
          }
        // Replay from empty reproduces the state; the version counts the events.
        assert.deepStrictEqual(replay(run.log), run.state)
        if (run.state !== null) {
          assert.strictEqual(run.state.version, run.log.length)
          assert.strictEqual(subtotal(run.state.cart).currency, sc.currency)
        }
      }),
    )
  })

  it("R10 R11 only customer messages are classified and no label is below 0.90", () => {
    fc.assert(
      fc.property(scenario(), (sc) => {
        const run = runScenario(sc)
        for (const st of run.steps) {
          if (!Result.isSuccess(st.result)) continue
          const events = st.result.success
          for (const [i, e] of events.entries()) {
            if (e._tag !== "TopicDetected") continue
            assert.strictEqual(st.command._tag, "ReceiveCustomerMessage")
            const message = events.slice(0, i).find((x) => x._tag === "CustomerMessageReceived")
            assert.isTrue(
              message !== undefined &&
                message._tag === "CustomerMessageReceived" &&
                message.messageId === e.messageId,
            )
            assert.isAtLeast(e.confidence, 0.9)
            assert.isAtMost(e.confidence, 1)
          }
        }
        for (const e of run.log) if (e._tag === "TopicDetected") assert.isAtLeast(e.confidence, 0.9)
      }),
    )
  })

  it("R3 replaying any prefix of the log from empty gives the state at that point (evolve is deterministic)", () => {
    fc.assert(
      fc.property(scenario(25), (sc) => {
        const run = runScenario(sc)
        let seen = 0
        for (const st of run.steps) {
          if (Result.isSuccess(st.result)) seen += st.result.success.length
          assert.deepStrictEqual(replay(run.log.slice(0, seen)), st.after)
        }
      }),
    )
  })
})
