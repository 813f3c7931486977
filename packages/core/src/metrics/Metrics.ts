/**
 * Inbox performance over a date range: new conversations, conversations with a reply, first response time
 * (average and median), conversations followed by an order within 7 days, topics, and new conversations per
 * day for the chart. Pure: logs, orders and the range are passed in; days are the shop's wall-clock days.
 */
import { Schema } from "effect"
import { instantOf, wallClock } from "../availability/Availability.ts"
import type { ConversationEvent } from "../conversation/Event.ts"
import { DAY_MS, type Instant } from "../time.ts"
import { TOPIC_IDS, type TopicId } from "../topics/Topic.ts"

export const RangePreset = Schema.Literals(["today", "yesterday", "7d", "30d", "last_month", "custom"])
export type RangePreset = typeof RangePreset.Type

/** A half-open range of instants: `from` included, `to` excluded. */
export interface DateRange {
  readonly from: Instant
  readonly to: Instant
}

/** An order attributed to a conversation when the same customer places it within 7 days of the conversation start. */
export const ORDER_WINDOW_MS = 7 * DAY_MS

const midnight = (timeZone: string, y: number, m: number, d: number): Instant => {
  const date = new Date(Date.UTC(y, m - 1, d))
  return instantOf(timeZone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0)
}

/**
 * The range a preset names at `now`, on the shop's wall clock: today so far, yesterday, the last 7 or 30 days
 * including today, or the previous calendar month. Days are calendar days, so a DST day is 23 or 25 hours.
 */
export const rangeOf = (
  preset: Exclude<RangePreset, "custom">,
  now: Instant,
  timeZone: string,
): DateRange => {
  const w = wallClock(now, timeZone)
  const startOfToday = midnight(timeZone, w.year, w.month, w.day)
  const tomorrow = midnight(timeZone, w.year, w.month, w.day + 1)
  switch (preset) {
    case "today":
      return { from: startOfToday, to: tomorrow }
    case "yesterday":
      return { from: midnight(timeZone, w.year, w.month, w.day - 1), to: startOfToday }
    case "7d":
      return { from: midnight(timeZone, w.year, w.month, w.day - 6), to: tomorrow }
    case "30d":
      return { from: midnight(timeZone, w.year, w.month, w.day - 29), to: tomorrow }
    case "last_month":
      return { from: midnight(timeZone, w.year, w.month - 1, 1), to: midnight(timeZone, w.year, w.month, 1) }
  }
}

/** A custom range of whole local days, `to` included; null when `to` is before `from`. */
export const customRange = (
  timeZone: string,
  from: { year: number; month: number; day: number },
  to: { year: number; month: number; day: number },
): DateRange | null => {
  const a = midnight(timeZone, from.year, from.month, from.day)
  const b = midnight(timeZone, to.year, to.month, to.day + 1)
  return b > a ? { from: a, to: b } : null
}

export interface ConversationLog {
  readonly customerId: string
  readonly events: ReadonlyArray<ConversationEvent>
}

export interface Order {
  readonly customerId: string
  readonly placedAt: number
}

export const Metrics = Schema.Struct({
  from: Schema.Int,
  to: Schema.Int,
  newConversations: Schema.Int,
  conversationsWithReply: Schema.Int,
  /** Milliseconds from the customer's first message to the first staff reply; null without any. */
  averageFirstResponseMs: Schema.NullOr(Schema.Finite),
  medianFirstResponseMs: Schema.NullOr(Schema.Finite),
  conversationsWithOrder: Schema.Int,
  topics: Schema.Array(Schema.Struct({ topic: Schema.String, count: Schema.Int })),
  /** New conversations per local day of the range, in order. */
  perDay: Schema.Array(
    Schema.Struct({ day: Schema.String, start: Schema.Int, newConversations: Schema.Int }),
  ),
})
export type Metrics = typeof Metrics.Type

export const median = (xs: ReadonlyArray<number>): number | null => {
  if (xs.length === 0) return null
  const s = xs.toSorted((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** The local days of a range, each with its first instant (at most 400, enough for any preset or a year). */
export const daysOf = (
  range: DateRange,
  timeZone: string,
): ReadonlyArray<{ day: string; start: Instant }> => {
  const days: Array<{ day: string; start: Instant }> = []
  const w = wallClock(range.from, timeZone)
  for (let i = 0; i < 400; i++) {
    const start = midnight(timeZone, w.year, w.month, w.day + i)
    if (start >= range.to) break
    const d = new Date(Date.UTC(w.year, w.month - 1, w.day + i))
    days.push({ day: d.toISOString().slice(0, 10), start })
  }
  return days
}

/** The metrics of the conversations started in the range. @see R10–R14 for topics */
export const compute = (
  logs: ReadonlyArray<ConversationLog>,
  orders: ReadonlyArray<Order>,
  range: DateRange,
  timeZone: string,
): Metrics => {
  const inRange = (at: number) => at >= range.from && at < range.to
  const started = logs.flatMap((log) => {
    const start = log.events.find((e) => e._tag === "ConversationStarted")
    return start !== undefined && inRange(start.at) ? [{ log, startedAt: start.at }] : []
  })
  const responseTimes: Array<number> = []
  let withReply = 0
  let withOrder = 0
  const topicCounts = new Map<TopicId, number>()
  for (const { log, startedAt } of started) {
    const firstMessage = log.events.find((e) => e._tag === "CustomerMessageReceived")
    // An automatic reply is not a response from the team.
    const firstReply = log.events.find((e) => e._tag === "ReplySent")
    if (firstReply !== undefined) withReply++
    if (firstMessage !== undefined) {
      const answer = log.events.find((e) => e._tag === "ReplySent" && e.at >= firstMessage.at)
      if (answer !== undefined) responseTimes.push(answer.at - firstMessage.at)
    }
    if (
      orders.some(
        (o) =>
          o.customerId === log.customerId &&
          o.placedAt >= startedAt &&
          o.placedAt <= startedAt + ORDER_WINDOW_MS,
      )
    )
      withOrder++
    for (const e of log.events)
      if (e._tag === "TopicDetected") topicCounts.set(e.topic, (topicCounts.get(e.topic) ?? 0) + 1)
  }
  const days = daysOf(range, timeZone)
  const perDay = days.map((d, i) => {
    const end = days[i + 1]?.start ?? range.to
    return {
      day: d.day,
      start: d.start,
      newConversations: started.filter((s) => s.startedAt >= d.start && s.startedAt < end).length,
    }
  })
  const sum = responseTimes.reduce((a, b) => a + b, 0)
  return {
    from: range.from,
    to: range.to,
    newConversations: started.length,
    conversationsWithReply: withReply,
    averageFirstResponseMs: responseTimes.length === 0 ? null : sum / responseTimes.length,
    medianFirstResponseMs: median(responseTimes),
    conversationsWithOrder: withOrder,
    topics: TOPIC_IDS.flatMap((topic) => {
      const count = topicCounts.get(topic) ?? 0
      return count > 0 ? [{ topic, count }] : []
    }).toSorted((a, b) => b.count - a.count),
    perDay,
  }
}
