/**
 * Availability hours on the shop's wall clock, checked against an independent model of the EU and US daylight
 * saving rules, so a DST change moves opening hours with the wall clock, never by an hour.
 */
import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import {
  type Availability,
  instantOf,
  isAvailable,
  nextAvailable,
  type OpenInterval,
  wallClock,
} from "../../src/availability/Availability.ts"
import { instant } from "../../src/time.ts"

/** The Sunday of a month on or before `day` (UTC calendar), as a day of the month. */
const sundayOnOrBefore = (year: number, month: number, day: number): number =>
  day - new Date(Date.UTC(year, month - 1, day)).getUTCDay()

/** Model offsets (minutes) from the written rules, not from Intl: EU since 1996, US since 2007. */
const MODEL: Record<string, (t: number) => number> = {
  "Europe/Paris": (t) => {
    const y = new Date(t).getUTCFullYear()
    const start = Date.UTC(y, 2, sundayOnOrBefore(y, 3, 31), 1)
    const end = Date.UTC(y, 9, sundayOnOrBefore(y, 10, 31), 1)
    return t >= start && t < end ? 120 : 60
  },
  "America/New_York": (t) => {
    const y = new Date(t).getUTCFullYear()
    const start = Date.UTC(y, 2, sundayOnOrBefore(y, 3, 14), 7)
    const end = Date.UTC(y, 10, sundayOnOrBefore(y, 11, 7), 6)
    return t >= start && t < end ? -240 : -300
  },
}
const ZONES = Object.keys(MODEL)

/** Instants from 2008 to 2037, with extra weight on the hours around each DST change. */
const when = fc.oneof(
  fc.integer({ min: Date.UTC(2008, 0, 1), max: Date.UTC(2037, 11, 31) }),
  fc
    .tuple(
      fc.integer({ min: 2008, max: 2037 }),
      fc.constantFrom(2, 9, 10),
      fc.integer({ min: -3 * 3600, max: 3 * 3600 }),
    )
    // The last Sunday of March and October (EU), the first Sunday of November (US), around 01:00 UTC.
    .map(([y, m, s]) => Date.UTC(y, m, sundayOnOrBefore(y, m + 1, m === 10 ? 7 : 31), 1) + s * 1000),
)

const interval: fc.Arbitrary<OpenInterval> = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
  .filter(([a, b]) => a < b)
  .map(([from, to]) => ({ from, to }))
const weekly = (timeZone: string): fc.Arbitrary<Availability> =>
  fc.array(fc.array(interval, { maxLength: 2 }), { minLength: 7, maxLength: 7 }).map((days) => ({
    _tag: "WeeklyHours" as const,
    timeZone,
    days,
  }))

describe("availability", () => {
  it("the wall clock matches the written DST rules of Paris and New York, including around each change", () => {
    fc.assert(
      fc.property(when, fc.constantFrom(...ZONES), (t, zone) => {
        const offset = MODEL[zone]!(t)
        const w = wallClock(instant(t), zone)
        assert.strictEqual(w.offset, offset)
        const local = new Date(t + offset * 60_000)
        assert.strictEqual(w.minute, local.getUTCHours() * 60 + local.getUTCMinutes())
        assert.strictEqual(w.weekday, (local.getUTCDay() + 6) % 7)
      }),
    )
  })

  it("availability is decided on the shop's wall clock: open exactly when the local weekday and minute fall in an interval", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES).chain((z) => fc.tuple(weekly(z), when)),
        ([a, t]) => {
          if (a._tag !== "WeeklyHours") return
          const local = new Date(t + MODEL[a.timeZone]!(t) * 60_000)
          const weekday = (local.getUTCDay() + 6) % 7
          const minute = local.getUTCHours() * 60 + local.getUTCMinutes()
          const expected = a.days[weekday]!.some((i) => i.from <= minute && minute < i.to)
          assert.strictEqual(isAvailable(a, instant(t)), expected)
        },
      ),
    )
  })

  it("by default a shop is always available", () => {
    fc.assert(fc.property(when, (t) => assert.isTrue(isAvailable({ _tag: "AlwaysAvailable" }, instant(t)))))
  })

  it("the next available instant is open, not before now, and the minute before it is closed (an opening edge)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES).chain((z) => fc.tuple(weekly(z), when)),
        ([a, t]) => {
          const next = nextAvailable(a, instant(t))
          if (a._tag === "WeeklyHours" && a.days.every((d) => d.length === 0)) return assert.isNull(next)
          assert.isNotNull(next)
          if (next === null) return
          assert.isAtLeast(next, t)
          assert.isTrue(isAvailable(a, next))
          if (next > t) assert.isFalse(isAvailable(a, instant(next - 60_000)))
          assert.isAtMost(next - t, 8 * 86_400_000)
        },
      ),
    )
  })

  it("09:00 on a DST-change Sunday is 09:00 on the wall clock (Paris spring and autumn, New York spring)", () => {
    assert.strictEqual(instantOf("Europe/Paris", 2026, 3, 29, 9 * 60), Date.UTC(2026, 2, 29, 7))
    assert.strictEqual(instantOf("Europe/Paris", 2026, 10, 25, 9 * 60), Date.UTC(2026, 9, 25, 8))
    assert.strictEqual(instantOf("America/New_York", 2026, 3, 8, 9 * 60), Date.UTC(2026, 2, 8, 13))
    // 02:30 does not exist in Paris on 29 March 2026: the gap ends at 03:00 local = 01:00 UTC.
    assert.strictEqual(instantOf("Europe/Paris", 2026, 3, 29, 150), Date.UTC(2026, 2, 29, 1))
    // 02:30 happens twice on 25 October 2026: the first one is 00:30 UTC.
    assert.strictEqual(instantOf("Europe/Paris", 2026, 10, 25, 150), Date.UTC(2026, 9, 25, 0, 30))
  })
})
