/**
 * Wire Schemas of the features around the conversation: saved replies, availability and automatic first
 * replies, reply retry. Shared by edge (validation) and web (types).
 */
import { Schema } from "effect"
import { AutomaticReplies } from "../availability/AutomaticReply.ts"
import { ProductId } from "../ids.ts"
import { Metrics as MetricsSchema } from "../metrics/Metrics.ts"
import { SavedReply, SavedReplyId } from "../replies/SavedReply.ts"
import { Instant, TimeZoneName } from "../time.ts"
import { Delivery } from "./Inbox.ts"

/** Create or edit a saved reply; the shortcut is checked by the core (SavedReplyShortcutInvalid…). */
export const SavedReplyBody = Schema.Struct({
  shortcut: Schema.String.check(Schema.isMaxLength(64)),
  text: Schema.String.check(Schema.isMaxLength(20_000)),
  productIds: Schema.optionalKey(Schema.Array(ProductId).check(Schema.isMaxLength(20))),
  discountCode: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(64)))),
})
export type SavedReplyBody = typeof SavedReplyBody.Type

export const SavedReplyPath = Schema.Struct({ id: SavedReplyId })
export type SavedReplyPath = typeof SavedReplyPath.Type

export const SavedReplyList = Schema.Struct({ savedReplies: Schema.Array(SavedReply) })
export type SavedReplyList = typeof SavedReplyList.Type

export const SavedReplyResponse = Schema.Struct({ savedReply: SavedReply })
export type SavedReplyResponse = typeof SavedReplyResponse.Type

/** The shop's hours and automatic first replies, as the settings page reads and writes them. */
export const AvailabilitySettings = AutomaticReplies
export type AvailabilitySettings = typeof AvailabilitySettings.Type

/** What the storefront chat shows: open now or not, and when the shop is next available. */
export const StoreAvailability = Schema.Struct({
  available: Schema.Boolean,
  /** Null when always available, or when the week has no open hour. */
  nextAvailableAt: Schema.NullOr(Instant),
  timeZone: Schema.NullOr(TimeZoneName),
  /** The shop's median first response over the last 30 days (ms), shown as the expected reply time; null without data. */
  typicalReplyMs: Schema.optionalKey(Schema.NullOr(Schema.Finite)),
})
export type StoreAvailability = typeof StoreAvailability.Type

/** `POST /api/conversations/:id/replies/:seq/retry`: the reply's sequence number in its conversation. */
export const RetryPath = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{1,64}$/)),
  seq: Schema.FiniteFromString.check(Schema.isInt(), Schema.isGreaterThan(0)),
})
export type RetryPath = typeof RetryPath.Type

/** The reply's delivery after the retry; `requeued` is false when an earlier click already did it. */
export const RetryResponse = Schema.Struct({ delivery: Delivery, requeued: Schema.Boolean })
export type RetryResponse = typeof RetryResponse.Type

/** `GET /api/search?q=`: conversations whose customer name, email or messages contain the term. */
export const ConversationSearchQuery = Schema.Struct({
  q: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
})
export type ConversationSearchQuery = typeof ConversationSearchQuery.Type

const HighlightPart = Schema.Struct({ text: Schema.String, hit: Schema.Boolean })
export const Highlighted = Schema.Struct({
  parts: Schema.Array(HighlightPart),
  clippedStart: Schema.Boolean,
  clippedEnd: Schema.Boolean,
})

export const SearchResult = Schema.Struct({
  conversationId: Schema.String,
  customerName: Highlighted,
  /** The customer's email when it matched. */
  email: Schema.NullOr(Highlighted),
  status: Schema.Literals(["open", "closed", "blocked"]),
  lastActivityAt: Instant,
  /** Up to three matching messages, newest first. */
  messages: Schema.Array(
    Schema.Struct({
      seq: Schema.Int,
      author: Schema.Literals(["customer", "merchant"]),
      text: Highlighted,
    }),
  ),
})
export type SearchResult = typeof SearchResult.Type

export const SearchResults = Schema.Struct({ results: Schema.Array(SearchResult) })
export type SearchResults = typeof SearchResults.Type

/** `GET /api/metrics?range=…` (`from`/`to` as YYYY-MM-DD for `custom`, both days included). */
export const MetricsQuery = Schema.Struct({
  range: Schema.Literals(["today", "yesterday", "7d", "30d", "last_month", "custom"]),
  from: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/))),
  to: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/))),
})
export type MetricsQuery = typeof MetricsQuery.Type

export const MetricsResponse = Schema.Struct({ metrics: MetricsSchema, timeZone: Schema.String })
export type MetricsResponse = typeof MetricsResponse.Type
