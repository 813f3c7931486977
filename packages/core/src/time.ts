/** Instants and time zones. Time never comes from a global clock here: callers pass `now`. */
import { Schema } from "effect"
import { isMaxChars, isMinChars } from "./text/Text.ts"

/** Milliseconds since the Unix epoch (UTC). */
export const Instant = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)).pipe(Schema.brand("Instant"))
export type Instant = typeof Instant.Type

export const instant = (ms: number): Instant => ms as Instant

/** An IANA time zone name such as "Europe/Paris". */
export const TimeZoneName = Schema.String.check(isMinChars(1), isMaxChars(64))
export type TimeZoneName = typeof TimeZoneName.Type

export const DAY_MS = 86_400_000
