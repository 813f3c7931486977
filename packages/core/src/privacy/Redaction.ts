/**
 * Redacting a customer (a privacy request such as Shopify's customers/redact): conversations are never
 * deleted (R3), so they stay, but nothing in them identifies the person any more. What the customer wrote is
 * emptied; where the merchant's own words name them (name, email, phone), those words are replaced. Pure.
 */
import type { Conversation } from "../conversation/Conversation.ts"
import type { ConversationEvent } from "../conversation/Event.ts"

/** Stands in for a redacted customer's name. */
export const REDACTED_NAME = "Redacted customer"
/** Replaces a redacted person's details inside text they did not write. */
export const REDACTED = "[redacted]"

/** Shorter strings than this are not searched for inside other text: "Al" would redact half a reply. */
const MIN_NEEDLE = 3

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** The details to remove, longest first so an email is replaced before the name inside it. */
export const needles = (details: ReadonlyArray<string | null | undefined>): ReadonlyArray<string> =>
  [
    ...new Set(
      details.flatMap((d) => (typeof d === "string" && d.trim().length >= MIN_NEEDLE ? [d.trim()] : [])),
    ),
  ].sort((a, b) => b.length - a.length)

/** Every occurrence of every detail (case-insensitive) replaced. */
export const scrub = (text: string, details: ReadonlyArray<string>): string =>
  details.reduce((t, d) => t.replace(new RegExp(escapeRegExp(d), "giu"), REDACTED), text)

/** One event of the customer's conversation, with their details gone. */
export const redactEvent = (e: ConversationEvent, details: ReadonlyArray<string>): ConversationEvent => {
  switch (e._tag) {
    case "ConversationStarted":
      return { ...e, customerEmail: null }
    case "CustomerMessageReceived":
      return { ...e, text: "" }
    case "ReplySent":
      return {
        ...e,
        text: scrub(e.text, details),
        route: e.route._tag === "email" ? { _tag: "email", to: REDACTED } : e.route,
      }
    case "AutomaticReplySent":
      return {
        ...e,
        text: scrub(e.text, details),
        route: e.route._tag === "email" ? { _tag: "email", to: REDACTED } : e.route,
      }
    default:
      return e
  }
}

/** The conversation's state, with the customer's email and last words gone. */
export const redactConversation = (c: Conversation, details: ReadonlyArray<string>): Conversation => ({
  ...c,
  customerEmail: null,
  lastMessage:
    c.lastMessage === null
      ? null
      : {
          ...c.lastMessage,
          text: c.lastMessage.author === "customer" ? "" : scrub(c.lastMessage.text, details),
        },
})
