/** Conversation search: names, emails and message texts of the staff member's shop, with highlighted matches. */
import { SearchHighlight } from "@inbox/core"
import type { SearchResult, SearchResults } from "@inbox/core/wire"
import { Effect } from "effect"
import type { StaffRecord } from "../repo/Directory.ts"
import { Search } from "../repo/Search.ts"

const MAX_CONVERSATIONS = 30
const MAX_MESSAGES_EACH = 3

export const search = Effect.fn("Search.search")(function* (staff: StaffRecord, raw: string) {
  const term = raw.trim()
  const repo = yield* Search
  const messages = yield* repo.messages(staff.shopId, term, 200)
  const byConversation = new Map<string, Array<(typeof messages)[number]>>()
  for (const m of messages) {
    const list = byConversation.get(m.conversationId) ?? []
    if (list.length < MAX_MESSAGES_EACH) list.push(m)
    byConversation.set(m.conversationId, list)
  }
  const conversations = yield* repo.conversations(
    staff.shopId,
    [...byConversation.keys()],
    term,
    MAX_CONVERSATIONS,
  )
  const emailHit = (email: string | null) =>
    email !== null && SearchHighlight.matchRanges(email, term).length > 0
      ? SearchHighlight.highlight(email, term)
      : null
  const results: Array<SearchResult> = conversations.map((c) => ({
    conversationId: c.conversationId,
    customerName: SearchHighlight.highlight(c.customerName, term),
    email: emailHit(c.customerEmail),
    status: c.status as SearchResult["status"],
    lastActivityAt: c.lastActivityAt as SearchResult["lastActivityAt"],
    messages: (byConversation.get(c.conversationId) ?? []).map((m) => ({
      seq: m.seq,
      author: m.tag === "CustomerMessageReceived" ? ("customer" as const) : ("merchant" as const),
      text: SearchHighlight.highlight(m.text, term),
    })),
  }))
  const body: SearchResults = { results }
  return body
})
