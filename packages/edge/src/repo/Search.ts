/**
 * Conversation search through the storage layer: the trigram FTS5 index of message texts (`message_search`)
 * and of names and emails (`inbox_search`), always within one shop. Terms under three characters, which a
 * trigram index cannot answer, fall back to a bounded scan.
 */
import type { Ids } from "@inbox/core"
import { sql } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import { tryStore } from "./Conversations.ts"

export interface MessageHit {
  readonly conversationId: string
  readonly seq: number
  readonly text: string
  readonly tag: string
}

export interface ConversationHit {
  readonly conversationId: string
  readonly customerName: string
  readonly customerEmail: string | null
  readonly status: string
  readonly lastActivityAt: number
}

export class Search extends Context.Service<
  Search,
  {
    readonly messages: (
      shopId: Ids.ShopId,
      term: string,
      limit: number,
    ) => Effect.Effect<ReadonlyArray<MessageHit>, StoreUnavailable>
    /** Conversations by id, or by a name/email match when `term` is given; newest activity first. */
    readonly conversations: (
      shopId: Ids.ShopId,
      ids: ReadonlyArray<string>,
      term: string,
      limit: number,
    ) => Effect.Effect<ReadonlyArray<ConversationHit>, StoreUnavailable>
  }
>()("@inbox/edge/repo/Search") {}

/** An FTS5 phrase: the term quoted, its quotes doubled, so no user text is read as query syntax. */
const phrase = (term: string): string => `"${term.replaceAll('"', '""')}"`

const likeTerm = (term: string): string =>
  `%${term.toLowerCase().replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")}%`

export const layer: Layer.Layer<Search, never, Database> = Layer.effect(
  Search,
  Effect.gen(function* () {
    const { db } = yield* Database
    return Search.of({
      messages: Effect.fn("Search.messages")(function* (shopId, term, limit) {
        const rows = yield* tryStore(() =>
          [...term].length >= 3
            ? db.all<{ conversationId: string; seq: number; text: string; tag: string }>(sql`
                select m.conversation_id as conversationId, m.seq as seq, m.text as text, e.tag as tag
                from message_search m
                join conversation_events e on e.conversation_id = m.conversation_id and e.seq = m.seq
                where message_search match ${phrase(term)} and m.shop_id = ${shopId}
                order by m.rowid desc limit ${limit}`)
            : db.all<{ conversationId: string; seq: number; text: string; tag: string }>(sql`
                select m.conversation_id as conversationId, m.seq as seq, m.text as text, e.tag as tag
                from (select rowid, * from message_search where shop_id = ${shopId} order by rowid desc limit 2000) m
                join conversation_events e on e.conversation_id = m.conversation_id and e.seq = m.seq
                where lower(m.text) like ${likeTerm(term)} escape '\\'
                order by m.rowid desc limit ${limit}`),
        )
        return rows.map((r) => ({ ...r, seq: Number(r.seq) }))
      }),
      conversations: Effect.fn("Search.conversations")(function* (shopId, ids, term, limit) {
        const byId =
          ids.length === 0
            ? sql`0`
            : sql`conversation_id in (${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )})`
        const rows = yield* tryStore(() =>
          db.all<ConversationHit>(sql`
            select conversation_id as conversationId, customer_name as customerName,
                   customer_email as customerEmail, status, last_activity_at as lastActivityAt
            from inbox_rows
            where shop_id = ${shopId} and (${byId} or search_text like ${likeTerm(term)} escape '\\')
            order by last_activity_at desc limit ${limit}`),
        )
        return rows.map((r) => ({ ...r, lastActivityAt: Number(r.lastActivityAt) }))
      }),
    })
  }),
)
