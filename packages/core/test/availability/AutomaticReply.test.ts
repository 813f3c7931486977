/**
 * The automatic first reply: sent at most once per conversation, whatever the order of customer messages,
 * replies and status changes, and only with the customer's first message, inside or outside hours.
 */
import { assert, describe, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import type { StaffMember } from "../../src/assignment/Staff.ts"
import { type AutomaticReplies, automaticReplyAt, hasAnyText } from "../../src/availability/AutomaticReply.ts"
import { isAvailable } from "../../src/availability/Availability.ts"
import type { ConversationCommand } from "../../src/conversation/Command.ts"
import type { Conversation } from "../../src/conversation/Conversation.ts"
import { decide } from "../../src/conversation/decide.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import { evolve, replay } from "../../src/conversation/evolve.ts"
import type { ConversationId, CustomerId, MessageId, ShopId, StaffId } from "../../src/ids.ts"
import { instant } from "../../src/time.ts"
import { platform } from "../arbitraries/commands.ts"

const shop = "shop" as ShopId
const staff: StaffMember = {
  id: "s1" as StaffId,
  shopId: shop,
  name: "Alice",
  isOwner: true,
  chatPermission: true,
}

const settings: fc.Arbitrary<AutomaticReplies> = fc.record({
  availability: fc.oneof(
    fc.constant({ _tag: "AlwaysAvailable" as const }),
    fc.constantFrom("Europe/Paris", "America/New_York", "Asia/Tokyo").map((timeZone) => ({
      _tag: "WeeklyHours" as const,
      timeZone,
      days: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ from: 9 * 60, to: 18 * 60 }] : [])),
    })),
  ),
  insideHours: fc.constantFrom(null, "", "Thanks! We'll answer in a few minutes."),
  outsideHours: fc.constantFrom(null, "  ", "We're closed now; we'll answer tomorrow."),
})

type Step =
  | { readonly _tag: "message"; readonly text: string; readonly withSettings: boolean }
  | { readonly _tag: "reply" }
  | { readonly _tag: "status"; readonly status: "open" | "closed" }

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant("message" as const),
      text: fc.constantFrom("Hello", " ", "Where is my order?"),
      withSettings: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ _tag: "reply" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("status" as const),
      status: fc.constantFrom("open" as const, "closed" as const),
    }),
  },
)

const run = (p: Conversation["platform"], s: AutomaticReplies, steps: ReadonlyArray<Step>, start: number) => {
  const log: Array<ConversationEvent> = []
  let state: Conversation | null = null
  const apply = (cmd: ConversationCommand, at: number) => {
    const r = decide(state, cmd, instant(at))
    if (Result.isFailure(r)) return
    for (const e of r.success) {
      state = evolve(state, e)
      log.push(e)
    }
  }
  apply(
    {
      _tag: "StartConversation",
      conversationId: "c1" as ConversationId,
      shopId: shop,
      customerId: "u1" as CustomerId,
      platform: p,
      customerEmail: "ana@example.com",
      currency: "EUR",
    },
    start,
  )
  steps.forEach((st, i) => {
    const at = start + (i + 1) * 3_600_000
    if (st._tag === "message")
      apply(
        {
          _tag: "ReceiveCustomerMessage",
          messageId: `m${i}` as MessageId,
          text: st.text,
          hasImage: false,
          classification: null,
          ...(st.withSettings ? { automaticReply: { settings: s, messageId: `a${i}` as MessageId } } : {}),
        },
        at,
      )
    else if (st._tag === "reply")
      apply(
        {
          _tag: "SendReply",
          messageId: `r${i}` as MessageId,
          staff,
          text: "Hi",
          products: [],
          discount: null,
          image: null,
        },
        at,
      )
    else apply({ _tag: "SetStatus", staff, status: st.status }, at)
  })
  return { log, state: state as Conversation | null }
}

const scenario = fc.tuple(
  platform.filter((p) => p !== "email"),
  settings,
  fc.array(step, { maxLength: 12 }),
  fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
)

describe("automatic first reply", () => {
  it("is sent at most once per conversation, whatever the order of messages, replies and status changes", () => {
    fc.assert(
      fc.property(scenario, fc.infiniteStream(fc.nat()), ([p, s, steps, start], shuffle) => {
        // The same steps in another order must still send at most one.
        const it = shuffle[Symbol.iterator]()
        const shuffled = steps.map((x) => ({ x, k: it.next().value as number })).toSorted((a, b) => a.k - b.k)
        for (const order of [steps, shuffled.map((y) => y.x)]) {
          const { log, state } = run(p, s, order, start)
          assert.isAtMost(log.filter((e) => e._tag === "AutomaticReplySent").length, 1)
          // The snapshot agrees with the log, so a reloaded conversation never sends it again.
          assert.deepStrictEqual(replay(log), state)
        }
      }),
    )
  })

  it("goes out with the customer's first accepted message exactly when a text exists for the hours at that moment", () => {
    fc.assert(
      fc.property(scenario, ([p, s, steps, start]) => {
        const { log } = run(p, s, steps, start)
        const firstMessage = log.findIndex((e) => e._tag === "CustomerMessageReceived")
        const autos = log.flatMap((e, i) => (e._tag === "AutomaticReplySent" ? [{ e, i }] : []))
        if (firstMessage < 0) return assert.strictEqual(autos.length, 0)
        const stepIndex = steps.findIndex((st) => st._tag === "message" && st.text.trim() !== "")
        const st = steps[stepIndex] as Extract<Step, { _tag: "message" }>
        const at = (log[firstMessage] as { at: number }).at
        const open = isAvailable(s.availability, instant(at))
        const text = (open ? s.insideHours : s.outsideHours)?.trim() ?? ""
        const expected = st.withSettings && text !== ""
        assert.strictEqual(autos.length, expected ? 1 : 0)
        if (autos[0] !== undefined) {
          const auto = autos[0].e as Extract<ConversationEvent, { _tag: "AutomaticReplySent" }>
          assert.strictEqual(auto.kind, open ? "inside_hours" : "outside_hours")
          assert.strictEqual(auto.text, text)
          assert.strictEqual(auto.at, at)
          // Committed in the same decision as the first message, after it.
          assert.isTrue(
            autos[0].i > firstMessage &&
              log.slice(firstMessage + 1, autos[0].i).every((e) => e._tag !== "CustomerMessageReceived"),
          )
        }
      }),
    )
  })
})

describe("the automatic reply in the customer's language", () => {
  const texts = fc.constantFrom(null, "", "  ", "Bonjour ! Nous répondons vite.", "Nous sommes fermés.")
  it("the customer's language picks its own text when the shop wrote one, else the default text", () => {
    fc.assert(
      fc.property(
        settings,
        texts,
        texts,
        fc.constantFrom(null, "en" as const, "fr" as const),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (s, frInside, frOutside, language, at) => {
          const withFrench: AutomaticReplies = {
            ...s,
            byLanguage: { fr: { insideHours: frInside, outsideHours: frOutside } },
          }
          const now = instant(at)
          const chosen = automaticReplyAt(withFrench, now, language)
          const kind = isAvailable(s.availability, now) ? "inside_hours" : "outside_hours"
          const french = (kind === "inside_hours" ? frInside : frOutside)?.trim() ?? ""
          if (language === "fr" && french !== "") assert.deepStrictEqual(chosen, { kind, text: french })
          else assert.deepStrictEqual(chosen, automaticReplyAt(s, now))
          const anyFrench = [frInside, frOutside].some((t) => (t?.trim() ?? "") !== "")
          assert.strictEqual(hasAnyText(withFrench), hasAnyText(s) || anyFrench)
        },
      ),
    )
  })
})
