/**
 * Conversation search through the storage layer: the trigram FTS5 index of message texts (`message_search`)
 * (terms under three characters, which a trigram index cannot answer, scan a bounded window), and names and
 * emails matched folding accents in a bounded window of the newest conversations; always within one shop.
 * The message index is filled here, not when a message is written: a search first indexes the shop's events
 * after its mark (`message_search_progress`), in one transaction with the mark, so it answers on every event
 * committed before it, and a message's commit does not pay the index's per-transaction flush.
 */
import { type Ids, SearchHighlight, Text } from "@inbox/core"
import type { Client } from "@libsql/client"
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
    /**
     * Rewrites index rows that are not UTF-8 (what json_extract made of a lone surrogate before input was
     * checked), from their events; run at every start, it reads only events holding a surrogate escape.
     * Returns how many rows it rewrote.
     */
    readonly repairIndex: () => Effect.Effect<number, StoreUnavailable>
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

interface IndexedRow {
  readonly conversationId: string
  readonly seq: number
  readonly payload: string
  readonly tag: string
}

/**
 * A hit's text comes from its event (JSON text, always valid UTF-8), never from the index: SQLite's json_extract
 * writes a lone surrogate as bytes that are not UTF-8, and the libSQL driver aborts the process reading them.
 */
const textOf = (payload: string): string => {
  try {
    const text = (JSON.parse(payload) as { text?: unknown }).text
    return typeof text === "string" ? Text.toWellFormed(text) : ""
  } catch {
    return ""
  }
}

/** The startup repair of the search index (see `Search.repairIndex`): each host runs it after migrating. */
export const repairIndex = Search.use((s) => s.repairIndex())

/** The events whose text the message index holds. */
export const MESSAGE_TAGS = ["CustomerMessageReceived", "ReplySent", "AutomaticReplySent"] as const

/**
 * The text the index holds for an event's JSON `payload`: its `text`, read from a copy in which each surrogate
 * escape becomes a plain letter ("\ud8" -> "\u01"; JSON.stringify writes only lone ones), so what json_extract
 * returns is always UTF-8 (a lone surrogate came out as bytes that aborted the driver, see migration 0006).
 */
export const indexedText = (payload: string): string =>
  `json_extract(${["d8", "d9", "da", "db", "dc", "dd", "de", "df"].reduce(
    (inner, hex) => `replace(${inner}, '\\u${hex}', '\\u01')`,
    payload,
  )}, '$.text')`

const TAGS = MESSAGE_TAGS.map((tag) => `'${tag}'`).join(", ")

/**
 * Indexes the shop's events after its mark and moves the mark, in one write transaction (so two processes
 * never index an event twice); reads only the mark and the log's last number when nothing is new.
 */
const catchUp = async (client: Client, shopId: string): Promise<void> => {
  const behind = await client.execute({
    sql: `select coalesce((select indexed_through from message_search_progress where shop_id = ?), 0)
            < coalesce((select max(shop_seq) from conversation_events where shop_id = ?), 0) as behind`,
    args: [shopId, shopId],
  })
  if (Number(behind.rows[0]?.[0] ?? 0) === 0) return
  await client.batch(
    [
      {
        sql: "insert into message_search_progress (shop_id, indexed_through) values (?, 0) on conflict do nothing",
        args: [shopId],
      },
      {
        sql: `insert into message_search (text, shop_id, conversation_id, seq)
          select ${indexedText("payload")}, shop_id, conversation_id, seq from conversation_events
          where shop_id = ? and shop_seq > (select indexed_through from message_search_progress where shop_id = ?)
            and tag in (${TAGS}) and json_extract(payload, '$.text') <> ''
          order by shop_seq`,
        args: [shopId, shopId],
      },
      {
        sql: `update message_search_progress
          set indexed_through = (select max(shop_seq) from conversation_events where shop_id = ?)
          where shop_id = ?`,
        args: [shopId, shopId],
      },
    ],
    "write",
  )
}

/** How many of the newest conversations a name or email search reads. */
const NAME_WINDOW = 5000

export const layer: Layer.Layer<Search, never, Database> = Layer.effect(
  Search,
  Effect.gen(function* () {
    const { db, client } = yield* Database
    const byIds = (shopId: Ids.ShopId, ids: ReadonlyArray<string>) =>
      tryStore(() =>
        db.all<ConversationHit>(sql`
          select conversation_id as conversationId, customer_name as customerName,
                 customer_email as customerEmail, status, last_activity_at as lastActivityAt
          from inbox_rows
          where shop_id = ${shopId} and conversation_id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`),
      )
    return Search.of({
      messages: Effect.fn("Search.messages")(function* (shopId, term, limit) {
        yield* tryStore(() => catchUp(client, shopId))
        const rows = yield* tryStore(() =>
          [...term].length >= 3
            ? db.all<IndexedRow>(sql`
                select m.conversation_id as conversationId, m.seq as seq, e.payload as payload, e.tag as tag
                from message_search m
                join conversation_events e on e.conversation_id = m.conversation_id and e.seq = m.seq
                where message_search match ${phrase(term)} and m.shop_id = ${shopId}
                order by m.rowid desc limit ${limit}`)
            : db.all<IndexedRow>(sql`
                select m.conversation_id as conversationId, m.seq as seq, e.payload as payload, e.tag as tag
                from (select rowid, * from message_search where shop_id = ${shopId} order by rowid desc limit 2000) m
                join conversation_events e on e.conversation_id = m.conversation_id and e.seq = m.seq
                where lower(m.text) like ${likeTerm(term)} escape '\\'
                order by m.rowid desc limit ${limit}`),
        )
        return rows.map((r) => ({
          conversationId: r.conversationId,
          seq: Number(r.seq),
          text: textOf(r.payload),
          tag: r.tag,
        }))
      }),
      repairIndex: Effect.fn("Search.repairIndex")(function* () {
        // hex() keeps the bytes out of the driver: reading them as text is what aborts it.
        const rows = yield* tryStore(() =>
          db.all<{
            rowid: number
            hex: string
            payload: string
            shopId: string
            conversationId: string
            seq: number
          }>(sql`
            select m.rowid as rowid, hex(cast(m.text as blob)) as hex, e.payload as payload,
                   e.shop_id as shopId, e.conversation_id as conversationId, e.seq as seq
            from conversation_events e
            join message_search m on m.conversation_id = e.conversation_id and m.seq = e.seq
            where instr(e.payload, '\\ud') > 0`),
        )
        const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false })
        const poisoned = rows.filter((r) => {
          try {
            strict.decode(Uint8Array.from(r.hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16)))
            return false
          } catch {
            return true
          }
        })
        for (const r of poisoned)
          yield* tryStore(() =>
            db.batch([
              db.run(sql`delete from message_search where rowid = ${r.rowid}`),
              db.run(sql`
                insert into message_search (rowid, text, shop_id, conversation_id, seq)
                values (${r.rowid}, ${textOf(r.payload)}, ${r.shopId}, ${r.conversationId}, ${r.seq})`),
            ]),
          )
        return poisoned.length
      }),
      conversations: Effect.fn("Search.conversations")(function* (shopId, ids, term, limit) {
        // Names and emails are matched folding case and accents ("noemie" finds "Noémie"), which SQLite's
        // LIKE cannot do: the newest conversations of the shop are read in a bounded window and matched here.
        const rows = yield* tryStore(() =>
          db.all<ConversationHit>(sql`
            select conversation_id as conversationId, customer_name as customerName,
                   customer_email as customerEmail, status, last_activity_at as lastActivityAt
            from inbox_rows where shop_id = ${shopId}
            order by last_activity_at desc limit ${NAME_WINDOW}`),
        )
        const wanted = new Set(ids)
        const fromIds = ids.length === 0 ? [] : yield* byIds(shopId, ids)
        // One entry per conversation: a message match may also be in the newest window.
        const unique = new Map([...rows, ...fromIds].map((r) => [r.conversationId, r]))
        return [...unique.values()]
          .filter(
            (r) =>
              wanted.has(r.conversationId) ||
              SearchHighlight.matchRanges(`${r.customerName} ${r.customerEmail ?? ""}`, term).length > 0,
          )
          .map((r) => ({ ...r, lastActivityAt: Number(r.lastActivityAt) }))
          .toSorted((a, b) => b.lastActivityAt - a.lastActivityAt)
          .slice(0, limit)
      }),
    })
  }),
)
