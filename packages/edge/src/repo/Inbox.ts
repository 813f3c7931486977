/**
 * The merchant's conversation list: filters, newest activity first, keyset pagination (no OFFSET) on
 * (last_activity_at, conversation_id), viewer-dependent unread from read cursors. @see R3, R4, R12, R19
 * Longer than most modules because every filter shares one query builder and its keyset.
 */
import {
  type Cart,
  type Conversation,
  type Ids,
  type Platform,
  Presence,
  type InboxRow as Row,
  type Topic,
} from "@inbox/core"
import type { InboxFilter } from "@inbox/core/wire"
import { and, desc, eq, inArray, isNull, like, type SQL, sql } from "drizzle-orm"
import type { SQLiteColumn } from "drizzle-orm/sqlite-core"
import { Context, Effect, Layer } from "effect"
import type { StoreUnavailable } from "../db/Database.ts"
import { Database } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export interface InboxListQuery {
  readonly viewer: Ids.StaffId
  /** `blocked`: the Blocked list (the projection files a blocked sender's conversation under it). */
  readonly status: Conversation.ConversationStatus | "blocked"
  readonly filter: InboxFilter
  readonly topic: Topic.TopicId | null
  /** Only conversations on this channel. */
  readonly platform?: Platform.Platform | null
  readonly search: string | null
  readonly cursor: string | null
  readonly limit: number
}

export interface InboxListPage {
  readonly rows: ReadonlyArray<Row.InboxRow>
  readonly nextCursor: string | null
}

/** The row plus what the details panel adds. */
export interface InboxRowDetails {
  readonly row: Row.InboxRow
  readonly startedAt: number
  readonly customerEmail: string | null
  readonly latestTopic: Topic.TopicId | null
}

export class Inbox extends Context.Service<
  Inbox,
  {
    readonly list: (
      shopId: Ids.ShopId,
      query: InboxListQuery,
    ) => Effect.Effect<InboxListPage, StoreUnavailable>
    readonly row: (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
      viewer: Ids.StaffId,
    ) => Effect.Effect<InboxRowDetails | null, StoreUnavailable>
    /** The SQL of a list query, for EXPLAIN QUERY PLAN. */
    readonly explain: (
      shopId: Ids.ShopId,
      query: InboxListQuery,
    ) => ReadonlyArray<{ readonly sql: string; readonly params: ReadonlyArray<unknown> }>
  }
>()("@inbox/edge/repo/Inbox") {}

const encodeCursor = (at: number, id: string): string =>
  btoa(JSON.stringify([at, id]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "")

const decodeCursor = (cursor: string): readonly [number, string] | null => {
  try {
    const v: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")))
    if (Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && typeof v[1] === "string")
      return [v[0] as number, v[1] as string]
    return null
  } catch {
    return null
  }
}

/** Above this many trigram matches a term is not selective: the ordered scan is faster. */
const MAX_SEARCH_CANDIDATES = 5000

/** At most this many trigram matches make a term rare: its rows are read by id, before any scan. */
const RARE_TERM_CANDIDATES = 200

/** How many of the newest rows a search looks through before asking the trigram index. */
const SEARCH_WINDOW = 1000

const newestFirst = (
  a: { readonly lastActivityAt: number; readonly conversationId: string },
  b: { readonly lastActivityAt: number; readonly conversationId: string },
): number =>
  b.lastActivityAt !== a.lastActivityAt
    ? b.lastActivityAt - a.lastActivityAt
    : b.conversationId < a.conversationId
      ? -1
      : b.conversationId > a.conversationId
        ? 1
        : 0

const escapeLike = (s: string): string =>
  s.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")

const readThrough = sql<number>`coalesce(${t.readCursors.through}, 0)`

const selection = {
  conversationId: t.inboxRows.conversationId,
  customerId: t.inboxRows.customerId,
  customerName: t.inboxRows.customerName,
  platform: t.inboxRows.platform,
  status: t.inboxRows.status,
  assignee: t.inboxRows.assignee,
  topics: t.inboxRows.topics,
  latestTopic: t.inboxRows.latestTopic,
  customerOnline: t.inboxRows.customerOnline,
  customerEmail: t.inboxRows.customerEmail,
  startedAt: t.inboxRows.startedAt,
  cart: t.inboxRows.cart,
  lastMessage: t.inboxRows.lastMessage,
  lastActivityAt: t.inboxRows.lastActivityAt,
  lastCustomerSeq: t.inboxRows.lastCustomerSeq,
  version: t.inboxRows.version,
  readThrough,
}

type Selected = {
  [K in keyof typeof selection]: (typeof selection)[K] extends { _: { data: infer D } }
    ? D
    : (typeof selection)[K] extends SQL<infer D>
      ? D
      : never
}

const toRow = (r: Selected, viewer: Ids.StaffId): Row.InboxRow => ({
  conversationId: r.conversationId as Ids.ConversationId,
  customerId: r.customerId as Ids.CustomerId,
  customerName: r.customerName,
  platform: r.platform as Row.InboxRow["platform"],
  // A blocked sender's conversation is closed; its list is the Blocked one.
  status: (r.status === "blocked" ? "closed" : r.status) as Conversation.ConversationStatus,
  ...(r.status === "blocked" ? { blocked: true } : {}),
  unread: r.lastCustomerSeq > r.readThrough,
  topics: r.topics as ReadonlyArray<Topic.TopicId>,
  assignee: r.assignee as Ids.StaffId | null,
  assignedToMe: r.assignee === viewer,
  presence: Presence.presenceNotice({
    platform: r.platform,
    customerOnline: r.customerOnline,
    customerEmail: r.customerEmail,
  }),
  cart: r.cart as Cart.CartHeader | null,
  lastMessage: r.lastMessage as Conversation.LastMessage | null,
  lastActivityAt: r.lastActivityAt as Row.InboxRow["lastActivityAt"],
  version: r.version,
})

export const layer: Layer.Layer<Inbox, never, Database> = Layer.effect(
  Inbox,
  Effect.gen(function* () {
    const { db, client } = yield* Database

    /**
     * How one list query narrows the rows: `topicSlot` picks which of the two topic columns must equal the topic
     * (each rides its own index); `candidates` are conversation ids named by the search index; `window` bounds the
     * search to the newest rows of the list (a dense term finds its page there).
     */
    interface Plan {
      readonly topicSlot: 1 | 2
      readonly candidates: ReadonlyArray<string> | null
      readonly window: boolean
    }
    const plainPlan: Plan = { topicSlot: 1, candidates: null, window: false }

    const build = (shopId: Ids.ShopId, q: InboxListQuery, plan: Plan = plainPlan) => {
      const listed: Array<SQL | undefined> = []
      if (q.filter === "mine") listed.push(eq(t.inboxRows.assignee, q.viewer))
      if (q.filter === "unassigned") listed.push(isNull(t.inboxRows.assignee))
      if (q.topic !== null)
        listed.push(eq(plan.topicSlot === 1 ? t.inboxRows.topic1 : t.inboxRows.topic2, q.topic))
      if (q.platform != null) listed.push(eq(t.inboxRows.platform, q.platform))
      const cursor = q.cursor === null ? null : decodeCursor(q.cursor)
      const cursorOn = (at: SQLiteColumn, id: SQLiteColumn) =>
        cursor === null ? undefined : sql`(${at}, ${id}) < (${cursor[0]}, ${cursor[1]})`
      const conditions: Array<SQL | undefined> = [...listed]
      const search = q.search?.trim().toLowerCase() ?? ""
      if (search !== "")
        conditions.push(like(t.inboxRows.searchText, sql`${`%${escapeLike(search)}%`} escape '\\'`))
      if (plan.candidates !== null) conditions.push(inArray(t.inboxRows.conversationId, [...plan.candidates]))
      if (plan.window)
        conditions.push(
          inArray(
            t.inboxRows.conversationId,
            db
              .select({ id: t.inboxRows.conversationId })
              .from(t.inboxRows)
              .where(
                and(
                  eq(t.inboxRows.shopId, shopId),
                  eq(t.inboxRows.status, q.status),
                  cursorOn(t.inboxRows.lastActivityAt, t.inboxRows.conversationId),
                  ...listed,
                ),
              )
              .orderBy(desc(t.inboxRows.lastActivityAt), desc(t.inboxRows.conversationId))
              .limit(SEARCH_WINDOW),
          ),
        )
      const withCursor = and(
        eq(t.readCursors.conversationId, t.inboxRows.conversationId),
        eq(t.readCursors.staffId, q.viewer),
      )
      // Unread for me: walk the viewer's unread rows, already in list order. @see R4
      if (q.filter === "unread")
        return db
          .select(selection)
          .from(t.inboxUnread)
          .innerJoin(t.inboxRows, eq(t.inboxRows.conversationId, t.inboxUnread.conversationId))
          .leftJoin(t.readCursors, withCursor)
          .where(
            and(
              eq(t.inboxUnread.shopId, shopId),
              eq(t.inboxUnread.staffId, q.viewer),
              eq(t.inboxUnread.status, q.status),
              eq(t.inboxRows.shopId, shopId),
              cursorOn(t.inboxUnread.lastActivityAt, t.inboxUnread.conversationId),
              ...conditions,
            ),
          )
          .orderBy(desc(t.inboxUnread.lastActivityAt), desc(t.inboxUnread.conversationId))
          .limit(q.limit + 1)
      return db
        .select(selection)
        .from(t.inboxRows)
        .leftJoin(t.readCursors, withCursor)
        .where(
          and(
            eq(t.inboxRows.shopId, shopId),
            eq(t.inboxRows.status, q.status),
            cursorOn(t.inboxRows.lastActivityAt, t.inboxRows.conversationId),
            ...conditions,
          ),
        )
        .orderBy(desc(t.inboxRows.lastActivityAt), desc(t.inboxRows.conversationId))
        .limit(q.limit + 1)
    }

    /**
     * A topic sits in one of two columns (a conversation shows at most two, R12): two index range scans,
     * each already newest first, merged here. They never share a row, since the two topics are distinct.
     */
    const ordered = async (shopId: Ids.ShopId, q: InboxListQuery, plan: Omit<Plan, "topicSlot">) => {
      if (q.topic === null)
        return (await build(shopId, q, { ...plan, topicSlot: 1 })) as ReadonlyArray<Selected>
      const [first, second] = (await Promise.all([
        build(shopId, q, { ...plan, topicSlot: 1 }),
        build(shopId, q, { ...plan, topicSlot: 2 }),
      ])) as [ReadonlyArray<Selected>, ReadonlyArray<Selected>]
      return [...first, ...second].sort(newestFirst).slice(0, q.limit + 1)
    }

    /**
     * Conversation ids whose search text holds the term, from the trigram index; null when more than `bound`
     * hold it (the index cannot narrow enough) or the term is too short for trigrams.
     */
    const searchCandidates = async (term: string, bound: number): Promise<ReadonlyArray<string> | null> => {
      if ([...term].length < 3) return null
      const found = await client.execute({
        sql: "select conversation_id from inbox_search where inbox_search match ? limit ?",
        args: [`"${term.replaceAll('"', '""')}"`, bound + 1],
      })
      return found.rows.length > bound ? null : found.rows.map((r) => String(r.conversation_id))
    }

    /**
     * Search in three steps. A rare term (an email, a full name) is named by a few conversations in the
     * trigram index, so nothing is scanned. A common term (a frequent name, a mail domain) fills a page from a
     * bounded window of the newest rows. In between, the index names up to MAX_SEARCH_CANDIDATES rows. The
     * unread list is already short per person and is filtered directly.
     */
    const fetch = async (shopId: Ids.ShopId, q: InboxListQuery): Promise<ReadonlyArray<Selected>> => {
      const term = q.search?.trim().toLowerCase() ?? ""
      if (term === "" || q.filter === "unread") return ordered(shopId, q, { candidates: null, window: false })
      const few = await searchCandidates(term, RARE_TERM_CANDIDATES)
      if (few !== null) return few.length === 0 ? [] : ordered(shopId, q, { candidates: few, window: false })
      const windowed = await ordered(shopId, q, { candidates: null, window: true })
      if (windowed.length > q.limit) return windowed
      const candidates = await searchCandidates(term, MAX_SEARCH_CANDIDATES)
      if (candidates !== null && candidates.length === 0) return []
      return ordered(shopId, q, { candidates, window: false })
    }

    const list = Effect.fn("Inbox.list")(function* (shopId: Ids.ShopId, q: InboxListQuery) {
      const rows = yield* tryStore(() => fetch(shopId, q))
      const page = rows.slice(0, q.limit)
      const last = page[page.length - 1]
      return {
        rows: page.map((r) => toRow(r, q.viewer)),
        nextCursor:
          rows.length > q.limit && last !== undefined
            ? encodeCursor(last.lastActivityAt, last.conversationId)
            : null,
      }
    })

    const row = Effect.fn("Inbox.row")(function* (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
      viewer: Ids.StaffId,
    ) {
      const rows = (yield* tryStore(() =>
        db
          .select(selection)
          .from(t.inboxRows)
          .leftJoin(
            t.readCursors,
            and(
              eq(t.readCursors.conversationId, t.inboxRows.conversationId),
              eq(t.readCursors.staffId, viewer),
            ),
          )
          .where(and(eq(t.inboxRows.shopId, shopId), eq(t.inboxRows.conversationId, conversationId))),
      )) as ReadonlyArray<Selected>
      const r = rows[0]
      if (r === undefined) return null
      return {
        row: toRow(r, viewer),
        startedAt: r.startedAt,
        customerEmail: r.customerEmail,
        latestTopic: r.latestTopic as Topic.TopicId | null,
      }
    })

    /** The first statement(s) a list runs (a search shows its bounded window). */
    const explain = (shopId: Ids.ShopId, q: InboxListQuery) => {
      const window = (q.search?.trim() ?? "") !== "" && q.filter !== "unread"
      const plan: Plan = { ...plainPlan, window }
      return (
        q.topic === null
          ? [build(shopId, q, plan)]
          : [build(shopId, q, plan), build(shopId, q, { ...plan, topicSlot: 2 })]
      ).map((b) => {
        const built = b.toSQL()
        return { sql: built.sql, params: built.params }
      })
    }

    return Inbox.of({ list, row, explain })
  }),
)
