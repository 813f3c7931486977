/** The metrics page: resolves the range on the shop's calendar, reads the logs and orders, computes in core. */
import { Metrics, Time } from "@inbox/core"
import type { MetricsQuery, MetricsResponse } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { MetricsRangeInvalid } from "../http/EdgeErrors.ts"
import type { StaffRecord } from "../repo/Directory.ts"
import { MetricsSource } from "../repo/MetricsSource.ts"
import { ShopSettings } from "../repo/ShopSettings.ts"

const day = (s: string) => {
  const [year = 0, month = 1, dayOfMonth = 1] = s.split("-").map(Number)
  return { year, month, day: dayOfMonth }
}

export const metrics = Effect.fn("Metrics.metrics")(function* (staff: StaffRecord, q: MetricsQuery) {
  // Days are the shop's days: its availability time zone when it has hours, UTC otherwise.
  const settings = yield* (yield* ShopSettings).automaticReplies(staff.shopId)
  const timeZone = settings.availability._tag === "WeeklyHours" ? settings.availability.timeZone : "UTC"
  const now = Time.instant(yield* Clock.currentTimeMillis)
  const range =
    q.range === "custom"
      ? q.from === undefined || q.to === undefined
        ? null
        : Metrics.customRange(timeZone, day(q.from), day(q.to))
      : Metrics.rangeOf(q.range, now, timeZone)
  if (range === null || range.to - range.from > 400 * Time.DAY_MS)
    return yield* Effect.fail(new MetricsRangeInvalid({ maxDays: 400 }))
  const source = yield* MetricsSource
  const logs = yield* source.logs(staff.shopId, range)
  const orders = yield* source.orders(staff.shopId, range.from, range.to + Metrics.ORDER_WINDOW_MS)
  const body: MetricsResponse = { metrics: Metrics.compute(logs, orders, range, timeZone), timeZone }
  return body
})
