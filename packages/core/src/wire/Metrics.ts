/** Wire Schemas of the inbox metrics over a date range. */
import { Schema } from "effect"
import { Metrics as MetricsSchema } from "../metrics/Metrics.ts"
import * as Endpoint from "./Endpoint.ts"

/** `GET /api/metrics?range=…` (`from`/`to` as YYYY-MM-DD for `custom`, both days included). */
export const MetricsQuery = Schema.Struct({
  range: Schema.Literals(["today", "yesterday", "7d", "30d", "last_month", "custom"]),
  from: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/u))),
  to: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/u))),
})
export type MetricsQuery = typeof MetricsQuery.Type

export const MetricsResponse = Schema.Struct({ metrics: MetricsSchema, timeZone: Schema.String })
export type MetricsResponse = typeof MetricsResponse.Type

export const MetricsApi = {
  metrics: Endpoint.get("/api/metrics", {
    summary: "Inbox metrics over a date range (today, yesterday, 7d, 30d, last_month, custom from–to)",
    auth: "chatStaff",
    query: MetricsQuery,
    success: MetricsResponse,
    errors: ["MetricsRangeInvalid"],
  }),
}
