/** Wire Schemas of conversation search: the term, and results with their highlighted parts. */
import { Schema } from "effect"
import { isMaxChars, isMinChars, singleLine } from "../text/Text.ts"
import { Instant } from "../time.ts"
import * as Endpoint from "./Endpoint.ts"

/** `GET /api/search?q=`: conversations whose customer name, email or messages contain the term. */
export const ConversationSearchQuery = Schema.Struct({
  q: Schema.String.check(isMinChars(1), isMaxChars(200), singleLine),
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

export const SearchApi = {
  conversations: Endpoint.get("/api/search", {
    summary: "Search conversations by customer name, email and message text (highlighted)",
    auth: "chatStaff",
    query: ConversationSearchQuery,
    success: SearchResults,
  }),
}
