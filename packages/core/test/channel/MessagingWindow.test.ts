/** Meta's 24 h / 7-day messaging window over any timeline of customer messages and replies. */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import {
  type Author,
  HUMAN_AGENT_WINDOW_MS,
  messagingTypeAt,
  STANDARD_WINDOW_MS,
  type WindowPlatform,
} from "../../src/channel/MessagingWindow.ts"
import type { Conversation } from "../../src/conversation/Conversation.ts"
import { decide } from "../../src/conversation/decide.ts"
import { evolve } from "../../src/conversation/evolve.ts"
import { errorMessage } from "../../src/i18n/Messages.ts"
import type { ConversationId, CustomerId, MessageId, ShopId, StaffId } from "../../src/ids.ts"
import { DAY_MS, type Instant, instant } from "../../src/time.ts"

const HOUR = 3_600_000

/** Gaps that land on, just before and just after both window edges, and anything in between. */
const gap = fc.oneof(
  fc.constantFrom(0, 1, DAY_MS - 1, DAY_MS, DAY_MS + 1, 7 * DAY_MS - 1, 7 * DAY_MS, 7 * DAY_MS + 1),
  fc.integer({ min: 0, max: 10 * DAY_MS }),
  fc.integer({ min: 0, max: 2 * HOUR }),
)

const platformArb = fc.constantFrom<WindowPlatform>("messenger", "instagram")
const startArb = fc.integer({ min: 0, max: 2e12 })

const timeline = fc.array(
  fc.record({ gap, what: fc.constantFrom("customer" as const, "person" as const, "automatic" as const) }),
  { maxLength: 30 },
)

/** The rule restated from Meta's policy text, independently of the core's code. */
const expected = (last: number | null, now: number, author: Author) => {
  if (last === null) return "no_customer_message"
  const age = now - last
  if (age < 24 * HOUR) return "RESPONSE"
  if (author === "automatic") return "automatic_after_24h"
  if (age < 7 * 24 * HOUR) return "HUMAN_AGENT"
  return "expired"
}

const staff: StaffMember = {
  id: "staff_1" as StaffId,
  shopId: "shop_1" as ShopId,
  name: "Ana",
  isOwner: true,
  chatPermission: true,
}

describe("Meta messaging window", () => {
  it("R2 any timeline: RESPONSE within 24 h, HUMAN_AGENT only for a person up to 7 days, nothing after", () => {
    fc.assert(
      fc.property(platformArb, startArb, timeline, (platform, start, steps) => {
        let clock = start
        let last: number | null = null
        for (const step of steps) {
          clock += step.gap
          if (step.what === "customer") {
            last = clock
            continue
          }
          const result = messagingTypeAt({
            platform,
            lastCustomerMessageAt: last === null ? null : instant(last),
            now: instant(clock),
            author: step.what,
          })
          const want = expected(last, clock, step.what)
          if (Result.isSuccess(result)) {
            const got = result.success.messagingType === "RESPONSE" ? "RESPONSE" : "HUMAN_AGENT"
            assert.strictEqual(got, want)
            if (result.success.messagingType === "MESSAGE_TAG") assert.strictEqual(step.what, "person")
          } else {
            assert.strictEqual(result.failure.reason, want)
            assert.strictEqual(result.failure.platform, platform)
            // The refusal says when the window that applied closed, and it is in the past.
            if (result.failure.closedAt !== null) assert.isAtMost(result.failure.closedAt, clock)
            for (const locale of ["en", "fr"] as const)
              assert.notStrictEqual(
                errorMessage(result.failure, locale),
                errorMessage({ _tag: "Unknown" }, locale),
              )
          }
        }
      }),
    )
  })

  it("R2 decide refuses a reply on Messenger/Instagram exactly when a person's window is closed, before anything is sent", () => {
    fc.assert(
      fc.property(platformArb, startArb, timeline, (platform, start, steps) => {
        let clock = start
        let state: Conversation | null = null
        const apply = (r: ReturnType<typeof decide>) => {
          if (Result.isSuccess(r)) for (const e of r.success) state = evolve(state, e)
          return r
        }
        apply(
          decide(
            null,
            {
              _tag: "StartConversation",
              conversationId: "conv_1" as ConversationId,
              shopId: staff.shopId,
              customerId: "cus_1" as CustomerId,
              platform,
              customerEmail: null,
              currency: "EUR",
            },
            instant(clock),
          ),
        )
        let last: number | null = null
        steps.forEach((step, n) => {
          clock += step.gap
          const now: Instant = instant(clock)
          const messageId = `m${n}` as MessageId
          if (step.what === "customer") {
            const r = apply(
              decide(
                state,
                {
                  _tag: "ReceiveCustomerMessage",
                  messageId,
                  text: "Hello",
                  hasImage: false,
                  classification: null,
                },
                now,
              ),
            )
            assert.isTrue(Result.isSuccess(r))
            last = clock
            return
          }
          const before = state
          const r = apply(
            decide(
              state,
              { _tag: "SendReply", messageId, staff, text: "Hi", products: [], discount: null, image: null },
              now,
            ),
          )
          const open = last !== null && clock - last < HUMAN_AGENT_WINDOW_MS
          assert.strictEqual(Result.isSuccess(r), open)
          if (Result.isFailure(r)) {
            assert.strictEqual(r.failure._tag, "OutsideMessagingWindow")
            assert.strictEqual(state, before)
          }
        })
      }),
    )
  })

  it("R2 boundaries: 24 h exactly needs the tag; 7 days exactly is closed; a clock behind the message is 'now'", () => {
    const t = instant(1_000_000)
    const at = (ms: number, author: Author) =>
      messagingTypeAt({ platform: "messenger", lastCustomerMessageAt: t, now: instant(t + ms), author })
    assert.deepStrictEqual(
      at(STANDARD_WINDOW_MS - 1, "automatic"),
      Result.succeed({ messagingType: "RESPONSE" }),
    )
    assert.deepStrictEqual(
      at(STANDARD_WINDOW_MS, "person"),
      Result.succeed({ messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" }),
    )
    assert.isTrue(Result.isFailure(at(STANDARD_WINDOW_MS, "automatic")))
    assert.isTrue(Result.isSuccess(at(HUMAN_AGENT_WINDOW_MS - 1, "person")))
    const closed = at(HUMAN_AGENT_WINDOW_MS, "person")
    assert.isTrue(Result.isFailure(closed) && closed.failure.closedAt === t + HUMAN_AGENT_WINDOW_MS)
    const skew = messagingTypeAt({
      platform: "instagram",
      lastCustomerMessageAt: instant(5000),
      now: instant(1000),
      author: "automatic",
    })
    assert.deepStrictEqual(skew, Result.succeed({ messagingType: "RESPONSE" }))
  })
})

describe("Meta's window counts from the customer's own send time", () => {
  const start = (platform: WindowPlatform, at: Instant) =>
    decide(
      null,
      {
        _tag: "StartConversation",
        conversationId: "conv_w" as ConversationId,
        shopId: staff.shopId,
        customerId: "cus_w" as CustomerId,
        platform,
        customerEmail: null,
        currency: "EUR",
      },
      at,
    )

  it("R2 a message delivered late counts from when the customer sent it; a channel clock ahead of ours counts as arrival", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 * DAY_MS }),
        fc.integer({ min: -DAY_MS, max: 0 }),
        (late, ahead) => {
          const arrival = instant(1e12)
          let state: Conversation | null = null
          const apply = (r: ReturnType<typeof decide>) => {
            if (Result.isSuccess(r)) for (const e of r.success) state = evolve(state, e)
          }
          apply(start("messenger", arrival))
          const sentAt = instant(arrival - late - ahead)
          apply(
            decide(
              state,
              {
                _tag: "ReceiveCustomerMessage",
                messageId: "m1" as MessageId,
                text: "Hello",
                hasImage: false,
                classification: null,
                sentAt,
              },
              arrival,
            ),
          )
          const counted = Math.min(sentAt, arrival)
          assert.strictEqual(state!.lastCustomerMessageAt, counted)
          const reply = decide(
            state,
            {
              _tag: "SendReply",
              messageId: "r1" as MessageId,
              staff,
              text: "Hi",
              products: [],
              discount: null,
              image: null,
            },
            arrival,
          )
          assert.strictEqual(Result.isSuccess(reply), arrival - counted < HUMAN_AGENT_WINDOW_MS)
        },
      ),
    )
  })

  it("R2 a reply the shop sent on Meta itself is the shop's message in the thread, and needs no window", () => {
    const at = instant(1e12)
    const started = start("instagram", at)
    assert.isTrue(Result.isSuccess(started))
    const state = Result.isSuccess(started) ? evolve(null, started.success[0]!) : null
    const r = decide(
      state,
      { _tag: "RecordReplySentOutsideInbox", messageId: "e1" as MessageId, text: "Bonjour !" },
      instant(at + 30 * DAY_MS),
    )
    assert.isTrue(Result.isSuccess(r))
    if (Result.isSuccess(r)) {
      const after = evolve(state, r.success[0]!)
      assert.deepStrictEqual(after?.lastMessage, {
        author: "merchant",
        text: "Bonjour !",
        at: at + 30 * DAY_MS,
      })
      assert.strictEqual(r.success[0]!._tag, "ReplySentOutsideInbox")
    }
    const empty = decide(
      state,
      { _tag: "RecordReplySentOutsideInbox", messageId: "e2" as MessageId, text: " " },
      at,
    )
    assert.isTrue(Result.isFailure(empty) && empty.failure._tag === "MessageEmpty")
  })
})
