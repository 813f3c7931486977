/** The current time where the customer is, from an IANA zone and a `now` the caller passes. Pure; @see R20 */
import { Schema } from "effect"
import type { Locale } from "../i18n/Messages.ts"
import { type Instant, TimeZoneName } from "../time.ts"

export const LocalTime = Schema.Struct({
  timeZone: TimeZoneName,
  /** 0–23 and 0–59 on the customer's wall clock. */
  hour: Schema.Int,
  minute: Schema.Int,
  /** Wall clock minus UTC, in minutes (e.g. 60 for Paris in winter). */
  utcOffsetMinutes: Schema.Int,
  /** The wall-clock time formatted for the merchant's locale, e.g. "2:05 PM" or "14:05". */
  text: Schema.String,
})
export type LocalTime = typeof LocalTime.Type

const wallClock = (timeZone: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  })

/**
 * The customer's local time at `now`, or null when the zone is not one Intl knows (a bad zone in
 * customer data must not break the profile).
 */
export const localTime = (now: Instant, timeZone: string, locale: Locale): LocalTime | null => {
  try {
    const parts: Record<string, number> = {}
    for (const p of wallClock(timeZone).formatToParts(now))
      if (p.type !== "literal") parts[p.type] = Number(p.value)
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts
    const wallMs = Date.UTC(year, month - 1, day, hour, minute, second)
    const utcOffsetMinutes = Math.round((wallMs - Math.floor(now / 1000) * 1000) / 60_000)
    const text = new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" }).format(now)
    return { timeZone, hour, minute, utcOffsetMinutes, text }
  } catch {
    return null
  }
}
