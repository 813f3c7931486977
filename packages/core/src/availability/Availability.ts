/**
 * Availability hours per weekday on the shop's wall clock (default: always available), and when the shop
 * is next available. Pure: `now` is passed in; the shop's time zone is resolved with Intl, so DST is right.
 */
import { Schema } from "effect"
import { type Instant, instant, TimeZoneName } from "../time.ts"

const MINUTES_PER_DAY = 24 * 60

/** Minutes after local midnight, `to` excluded; `to = 1440` reaches midnight. */
export const OpenInterval = Schema.Struct({
  from: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: MINUTES_PER_DAY - 1 })),
  to: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: MINUTES_PER_DAY })),
})
export type OpenInterval = typeof OpenInterval.Type

/** Weekdays as ISO numbers minus one: index 0 is Monday, 6 is Sunday. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const Availability = Schema.Union([
  Schema.TaggedStruct("AlwaysAvailable", {}),
  Schema.TaggedStruct("WeeklyHours", {
    timeZone: TimeZoneName,
    /** Seven lists of open intervals, Monday first; an empty list is a closed day. */
    days: Schema.Array(Schema.Array(OpenInterval)).check(Schema.isBetweenLength(7, 7)),
  }),
])
export type Availability = typeof Availability.Type

export const ALWAYS: Availability = { _tag: "AlwaysAvailable" }

/** A wall-clock reading in a zone. `weekday` 0 = Monday. */
export interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly weekday: number
  /** Minutes after local midnight. */
  readonly minute: number
  /** Local minus UTC, in minutes. */
  readonly offset: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Whether Intl knows the zone (a shop setting is checked before it is stored). */
export const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

/** The wall clock of `timeZone` at `at`. */
export const wallClock = (at: Instant, timeZone: string): WallClock => {
  const parts: Record<string, number> = {}
  for (const p of formatterFor(timeZone).formatToParts(at))
    if (p.type !== "literal") parts[p.type] = Number(p.value)
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second)
  const offset = Math.round((wallMs - Math.floor(at / 1000) * 1000) / 60_000)
  // Date.UTC's weekday of the local date is the local weekday (0 = Sunday there, so shift to Monday = 0).
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7
  return { year, month, day, weekday, minute: hour * 60 + minute, offset }
}

const openAt = (days: ReadonlyArray<ReadonlyArray<OpenInterval>>, weekday: number, minute: number): boolean =>
  (days[weekday] ?? []).some((i) => i.from <= minute && minute < i.to)

/** Whether the shop is available at `now` on its own wall clock. */
export const isAvailable = (availability: Availability, now: Instant): boolean => {
  if (availability._tag === "AlwaysAvailable") return true
  const w = wallClock(now, availability.timeZone)
  return openAt(availability.days, w.weekday, w.minute)
}

/**
 * The instant a wall-clock time of a local date happens in the zone. In a fall-back overlap it is the
 * first of the two; in a spring-forward gap the time does not exist, and it is the instant the gap ends.
 */
export const instantOf = (
  timeZone: string,
  year: number,
  month: number,
  day: number,
  minute: number,
): Instant => {
  const wall = Date.UTC(year, month - 1, day, 0, minute)
  const offsetAt = (t: number) => wallClock(instant(Math.max(0, t)), timeZone).offset * 60_000
  // Zones change offset at most once within a day or so: the offsets a day either side are the candidates.
  const before = offsetAt(wall - 86_400_000)
  const after = offsetAt(wall + 86_400_000)
  const candidates = [...new Set([before, after, offsetAt(wall)])]
    .map((o) => wall - o)
    .filter((t) => t + offsetAt(t) === wall)
    .toSorted((a, b) => a - b)
  if (candidates[0] !== undefined) return instant(Math.max(0, candidates[0]))
  // In the gap: binary search, in whole minutes (zones change on a minute), for the first one with the later offset.
  let lo = Math.floor(Math.min(wall - before, wall - after) / 60_000)
  let hi = Math.ceil(Math.max(wall - before, wall - after) / 60_000)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (offsetAt(mid * 60_000) === after) hi = mid
    else lo = mid
  }
  return instant(Math.max(0, hi * 60_000))
}

/**
 * When the shop is next available at or after `now`: `now` itself when open, null when the week has no
 * open interval. Looks eight local days ahead, which covers any weekly schedule.
 */
export const nextAvailable = (availability: Availability, now: Instant): Instant | null => {
  if (availability._tag === "AlwaysAvailable") return now
  if (isAvailable(availability, now)) return now
  const tz = availability.timeZone
  const today = wallClock(now, tz)
  for (let d = 0; d <= 8; d++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + d))
    const weekday = (today.weekday + d) % 7
    const starts = (availability.days[weekday] ?? []).map((i) => i.from).toSorted((a, b) => a - b)
    const candidates = starts.flatMap((from) => {
      const first = instantOf(tz, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), from)
      // In a fall-back overlap the same wall-clock time happens again an hour later.
      const again = first + 3_600_000
      const w = wallClock(instant(again), tz)
      return w.minute === from && w.day === date.getUTCDate() ? [first, again] : [first]
    })
    for (const at of candidates.toSorted((a, b) => a - b))
      if (at > now && isAvailable(availability, instant(at))) return instant(at)
  }
  return null
}

/** Which automatic first reply applies: inside or outside the availability hours. */
export type AutomaticReplyKind = "inside_hours" | "outside_hours"

export const kindAt = (availability: Availability, now: Instant): AutomaticReplyKind =>
  isAvailable(availability, now) ? "inside_hours" : "outside_hours"

/** Parses `"09:30"` into minutes after midnight (`"24:00"` is midnight at the end of the day). */
export const parseClock = (text: string): number | null => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (m === null) return null
  const minutes = Number(m[1]) * 60 + Number(m[2])
  return Number(m[2]) < 60 && minutes <= MINUTES_PER_DAY ? minutes : null
}

/** Formats minutes after midnight as `"HH:MM"`. */
export const formatClock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`

/** The shop's time zone is not one Intl knows, so its hours could not be read. */
export class TimeZoneUnknown extends Schema.TaggedError<TimeZoneUnknown>()("TimeZoneUnknown", {
  timeZone: Schema.String,
}) {}
