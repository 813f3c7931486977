/** Properties of the metrics: ranges tile the shop's calendar across DST, counts and averages are consistent. */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { wallClock } from "../../src/availability/Availability.ts"
import type { ConversationEvent } from "../../src/conversation/Event.ts"
import type { ConversationId, CustomerId, MessageId, ShopId, StaffId } from "../../src/ids.ts"
import { compute, daysOf, median, rangeOf } from "../../src/metrics/Metrics.ts"
import { instant } from "../../src/time.ts"
import { TOPIC_IDS } from "../../src/topics/Topic.ts"

const zone = fc.constantFrom("Europe/Paris", "America/New_York", "UTC", "Asia/Tokyo")
const now = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map(instant)

describe("metrics", () => {
  it("ranges follow the shop's calendar: yesterday ends where today starts, 7 and 30 days end tomorrow, last month ends where this month starts", () => {
    fc.assert(
      fc.property(now, zone, (t, tz) => {
        const today = rangeOf("today", t, tz)
        const yesterday = rangeOf("yesterday", t, tz)
        const week = rangeOf("7d", t, tz)
        const month = rangeOf("30d", t, tz)
        const last = rangeOf("last_month", t, tz)
        assert.isTrue(today.from <= t && t < today.to)
        assert.strictEqual(yesterday.to, today.from)
        assert.strictEqual(week.to, today.to)
        assert.strictEqual(month.to, today.to)
        assert.strictEqual(daysOf(today, tz).length, 1)
        assert.strictEqual(daysOf(week, tz).length, 7)
        assert.strictEqual(daysOf(month, tz).length, 30)
        // Each range starts at local midnight, whatever the DST offset that day.
        for (const r of [today, yesterday, week, month, last])
          assert.strictEqual(wallClock(r.from, tz).minute, 0)
        const w = wallClock(t, tz)
        const lastStart = wallClock(last.from, tz)
        assert.strictEqual(lastStart.day, 1)
        assert.strictEqual(lastStart.month, w.month === 1 ? 12 : w.month - 1)
        assert.strictEqual(wallClock(last.to, tz).day, 1)
        assert.isAtMost(last.to, today.from)
      }),
    )
  })

  it("the median lies between the smallest and largest value; the average of one value is that value", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 10_000_000 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const m = median(xs)!
        assert.isAtLeast(m, Math.min(...xs))
        assert.isAtMost(m, Math.max(...xs))
      }),
    )
    assert.isNull(median([]))
    assert.strictEqual(median([5, 1, 3]), 3)
    assert.strictEqual(median([4, 1, 3, 2]), 2.5)
  })

  it("counts are consistent: replies and orders never exceed new conversations, days sum to the total", () => {
    const conversation = fc.record({
      startOffset: fc.integer({ min: -3 * 86_400_000, max: 10 * 86_400_000 }),
      messageAfter: fc.option(fc.nat({ max: 3_600_000 }), { nil: null }),
      replyAfter: fc.option(fc.nat({ max: 7_200_000 }), { nil: null }),
      topic: fc.option(fc.constantFrom(...TOPIC_IDS), { nil: null }),
      orderAfter: fc.option(fc.integer({ min: -86_400_000, max: 9 * 86_400_000 }), { nil: null }),
    })
    fc.assert(
      fc.property(now, zone, fc.array(conversation, { maxLength: 25 }), (t, tz, convs) => {
        const range = rangeOf("7d", t, tz)
        const logs = convs.map((c, i) => {
          const start = range.from + c.startOffset
          const events: Array<ConversationEvent> = [
            {
              _tag: "ConversationStarted",
              conversationId: `c${i}` as ConversationId,
              shopId: "s" as ShopId,
              customerId: `u${i}` as CustomerId,
              platform: "email",
              customerEmail: "a@b.c",
              currency: "EUR",
              at: instant(Math.max(0, start)),
            },
          ]
          if (c.messageAfter !== null)
            events.push({
              _tag: "CustomerMessageReceived",
              messageId: "m" as MessageId,
              text: "hi",
              at: instant(start + c.messageAfter),
            })
          if (c.topic !== null)
            events.push({
              _tag: "TopicDetected",
              messageId: "m" as MessageId,
              topic: c.topic,
              confidence: 0.95,
              at: instant(start),
            })
          if (c.replyAfter !== null)
            events.push({
              _tag: "ReplySent",
              messageId: "r" as MessageId,
              staffId: "st" as StaffId,
              text: "hello",
              products: [],
              discount: null,
              image: null,
              route: { _tag: "email", to: "a@b.c" },
              at: instant(start + (c.messageAfter ?? 0) + c.replyAfter),
            })
          return { customerId: `u${i}`, events, start }
        })
        const orders = convs.flatMap((c, i) =>
          c.orderAfter === null ? [] : [{ customerId: `u${i}`, placedAt: logs[i]!.start + c.orderAfter }],
        )
        const m = compute(logs, orders, range, tz)
        const started = logs.filter((l) => l.start >= range.from && l.start < range.to)
        assert.strictEqual(m.newConversations, started.length)
        assert.isAtMost(m.conversationsWithReply, m.newConversations)
        assert.isAtMost(m.conversationsWithOrder, m.newConversations)
        assert.strictEqual(
          m.perDay.reduce((a, d) => a + d.newConversations, 0),
          m.newConversations,
        )
        if (m.averageFirstResponseMs !== null && m.medianFirstResponseMs !== null) {
          assert.isAtLeast(m.averageFirstResponseMs, 0)
          assert.isAtMost(m.medianFirstResponseMs, 7_200_000)
        }
        assert.strictEqual(
          m.topics.reduce((a, x) => a + x.count, 0),
          convs.filter((c, i) => c.topic !== null && started.includes(logs[i]!)).length,
        )
      }),
    )
  })
})
