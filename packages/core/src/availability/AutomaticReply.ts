/**
 * Automatic first replies: up to two texts (inside and outside availability hours), one of which answers
 * the customer's first message of a conversation, at most once. Pure; decide applies it.
 */
import { Schema } from "effect"
import { isMaxChars } from "../text/Text.ts"
import type { Instant } from "../time.ts"
import { type AutomaticReplyKind, Availability, kindAt } from "./Availability.ts"

/** As long as a message may be (decide's MAX_MESSAGE_LENGTH; not imported, decide imports this module). */
const MAX_TEXT = 5000
const ReplyText = Schema.NullOr(Schema.String.check(isMaxChars(MAX_TEXT)))

/** The shop's settings: its hours and the two optional texts (null or blank = none). */
export const AutomaticReplies = Schema.Struct({
  availability: Availability,
  insideHours: ReplyText,
  outsideHours: ReplyText,
})
export type AutomaticReplies = typeof AutomaticReplies.Type

export const NO_AUTOMATIC_REPLIES: AutomaticReplies = {
  availability: { _tag: "AlwaysAvailable" },
  insideHours: null,
  outsideHours: null,
}

/** The text to send at `now`, with which kind, or null when that kind has no text. */
export const automaticReplyAt = (
  settings: AutomaticReplies,
  now: Instant,
): { readonly kind: AutomaticReplyKind; readonly text: string } | null => {
  const kind = kindAt(settings.availability, now)
  const text = (kind === "inside_hours" ? settings.insideHours : settings.outsideHours)?.trim() ?? ""
  return text === "" ? null : { kind, text }
}
