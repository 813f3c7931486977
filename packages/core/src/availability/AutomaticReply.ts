/**
 * Automatic first replies: up to two texts (inside and outside availability hours), each optionally in other
 * languages, one of which answers the customer's first message of a conversation, at most once, in the
 * customer's language when the shop wrote one. Pure; decide applies it.
 */
import { Schema } from "effect"
import { LOCALES, type Locale } from "../i18n/Messages.ts"
import { isMaxChars } from "../text/Text.ts"
import type { Instant } from "../time.ts"
import { type AutomaticReplyKind, Availability, kindAt } from "./Availability.ts"

/** As long as a message may be (decide's MAX_MESSAGE_LENGTH; not imported, decide imports this module). */
const MAX_TEXT = 5000
const ReplyText = Schema.NullOr(Schema.String.check(isMaxChars(MAX_TEXT)))

/** The two texts in one language (null or blank = none in that language). */
export const ReplyTexts = Schema.Struct({ insideHours: ReplyText, outsideHours: ReplyText })
export type ReplyTexts = typeof ReplyTexts.Type

/**
 * The shop's settings: its hours and the two optional texts (null or blank = none), which any language without
 * its own gets; `byLanguage` holds the texts written for a language. Absent in settings saved before.
 */
export const AutomaticReplies = Schema.Struct({
  availability: Availability,
  insideHours: ReplyText,
  outsideHours: ReplyText,
  byLanguage: Schema.optionalKey(
    Schema.Struct({ en: Schema.optionalKey(ReplyTexts), fr: Schema.optionalKey(ReplyTexts) }),
  ),
})
export type AutomaticReplies = typeof AutomaticReplies.Type

export const NO_AUTOMATIC_REPLIES: AutomaticReplies = {
  availability: { _tag: "AlwaysAvailable" },
  insideHours: null,
  outsideHours: null,
}

const textOf = (texts: ReplyTexts | undefined, kind: AutomaticReplyKind): string =>
  (kind === "inside_hours" ? texts?.insideHours : texts?.outsideHours)?.trim() ?? ""

/**
 * The text to send at `now`, with which kind, or null when that kind has no text: the one in the customer's
 * `language` when the shop wrote it, else the shop's default text.
 */
export const automaticReplyAt = (
  settings: AutomaticReplies,
  now: Instant,
  language: Locale | null = null,
): { readonly kind: AutomaticReplyKind; readonly text: string } | null => {
  const kind = kindAt(settings.availability, now)
  const own = language === null ? "" : textOf(settings.byLanguage?.[language], kind)
  const text = own !== "" ? own : textOf(settings, kind)
  return text === "" ? null : { kind, text }
}

/** Whether any language has any text (a shop without automatic replies decides exactly as before). */
export const hasAnyText = (settings: AutomaticReplies): boolean =>
  [settings, ...LOCALES.map((l) => settings.byLanguage?.[l])].some(
    (t) => textOf(t, "inside_hours") !== "" || textOf(t, "outside_hours") !== "",
  )
