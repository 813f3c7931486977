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
import { Context, Effect, Layer } from "effect"
import type { StoreUnavailable } from "../db/Database.ts"
import { Database } from "../db/Database.ts"
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

/** How many of the newest rows a search for a common term looks through before listing its candidates. */
const SEARCH_WINDOW = 4000

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

/** One statement of a list query, as the driver takes it. */
interface Statement {
  readonly sql: string
  readonly args: Array<string | number>
}

/**
 * The row's columns (`r` is inbox_rows, `c` the viewer's read cursor). The list is hand-written SQL over the
 * driver, not drizzle: building the query and mapping its rows through the ORM cost more than the indexed read.
 */
const COLUMNS = `r.conversation_id, r.customer_id, r.customer_name, r.platform, r.status, r.assignee, r.topics,
  r.latest_topic, r.customer_online, r.customer_email, r.started_at, r.cart, r.last_message, r.last_activity_at,
  r.last_customer_seq, r.version, coalesce(c.through, 0) as read_through`

interface Selected {
  readonly conversationId: string
  readonly customerId: string
  readonly customerName: string
  readonly platform: string
  readonly status: string
  readonly assignee: string | null
  readonly topics: ReadonlyArray<string>
  readonly latestTopic: string | null
  readonly customerOnline: boolean
  readonly customerEmail: string | null
  readonly startedAt: number
  readonly cart: unknown
  readonly lastMessage: unknown
  readonly lastActivityAt: number
  readonly lastCustomerSeq: number
  readonly version: number
  readonly readThrough: number
}

const json = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : null)
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

/** A driver row of COLUMNS, by position (the order above). */
const selected = (r: Row_): Selected => ({
  conversationId: String(r[0]),
  customerId: String(r[1]),
  customerName: String(r[2]),
  platform: String(r[3]),
  status: String(r[4]),
  assignee: textOrNull(r[5]),
  topics: (json(r[6]) ?? []) as ReadonlyArray<string>,
  latestTopic: textOrNull(r[7]),
  customerOnline: Number(r[8]) === 1,
  customerEmail: textOrNull(r[9]),
  startedAt: Number(r[10]),
  cart: json(r[11]),
  lastMessage: json(r[12]),
  lastActivityAt: Number(r[13]),
  lastCustomerSeq: Number(r[14]),
  version: Number(r[15]),
  readThrough: Number(r[16]),
})

type Row_ = ArrayLike<unknown>

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

/** A conjunction of SQL conditions with their arguments, in order. */
interface Where {
  readonly args: Array<string | number>
  readonly on: (condition: string, ...values: ReadonlyArray<string | number>) => Where
  readonly sql: () => string
}

const where = (): Where => {
  const parts: Array<string> = []
  const args: Array<string | number> = []
  const w: Where = {
    args,
    on: (condition, ...values) => {
      parts.push(condition)
      args.push(...values)
      return w
    },
    sql: () => (parts.length === 0 ? "1" : parts.join(" and ")),
  }
  return w
}

export const layer: Layer.Layer<Inbox, never, Database> = Layer.effect(
  Inbox,
  Effect.gen(function* () {
    const { client } = yield* Database

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

    const build = (shopId: Ids.ShopId, q: InboxListQuery, plan: Plan = plainPlan): Statement => {
      const cursor = q.cursor === null ? null : decodeCursor(q.cursor)
      const search = q.search?.trim().toLowerCase() ?? ""
      /** The list's own conditions on `alias` (its shop, status and keyset) and on the row `r`. */
      const listed = (w: Where, alias: string) => {
        w.on(`${alias}.shop_id = ? and ${alias}.status = ?`, shopId, q.status)
        if (cursor !== null)
          w.on(`(${alias}.last_activity_at, ${alias}.conversation_id) < (?, ?)`, cursor[0], cursor[1])
        if (q.filter === "mine") w.on("r.assignee = ?", q.viewer)
        if (q.filter === "unassigned") w.on("r.assignee is null")
        if (q.topic !== null) w.on(plan.topicSlot === 1 ? "r.topic1 = ?" : "r.topic2 = ?", q.topic)
        if (q.platform != null) w.on("r.platform = ?", q.platform)
        return w
      }
      const matching = (w: Where, text = "r.search_text") => {
        if (search !== "") w.on(`${text} like ? escape '\\'`, `%${escapeLike(search)}%`)
        if (plan.candidates !== null)
          w.on(`r.conversation_id in (${plan.candidates.map(() => "?").join(", ")})`, ...plan.candidates)
        return w
      }
      const viewerCursor =
        "left join read_cursors c on c.conversation_id = r.conversation_id and c.staff_id = ?"
      // Unread for me: walk the viewer's unread rows, already in list order. @see R4
      if (q.filter === "unread") {
        const w = matching(listed(where().on("u.staff_id = ? and r.shop_id = ?", q.viewer, shopId), "u"))
        return {
          sql: `select ${COLUMNS} from inbox_unread u join inbox_rows r on r.conversation_id = u.conversation_id
            ${viewerCursor} where ${w.sql()} order by u.last_activity_at desc, u.conversation_id desc limit ?`,
          args: [q.viewer, ...w.args, q.limit + 1],
        }
      }
      if (plan.window) {
        // The newest SEARCH_WINDOW rows of the list with their search text, read in order from the list's index
        // (covering for a status list), filtered by the term before any row is read; the join keeps the window's
        // order, and `ordered` sorts the page again rather than trust it.
        const inner = listed(where(), "r")
        const outer = matching(where(), "w.search_text")
        return {
          sql: `select ${COLUMNS} from (select r.conversation_id as id, r.search_text from inbox_rows r
              where ${inner.sql()} order by r.last_activity_at desc, r.conversation_id desc limit ?) w
            join inbox_rows r on r.conversation_id = w.id ${viewerCursor} where ${outer.sql()} limit ?`,
          args: [...inner.args, SEARCH_WINDOW, q.viewer, ...outer.args, q.limit + 1],
        }
      }
      const w = matching(listed(where(), "r"))
      return {
        sql: `select ${COLUMNS} from inbox_rows r ${viewerCursor} where ${w.sql()}
          order by r.last_activity_at desc, r.conversation_id desc limit ?`,
        args: [q.viewer, ...w.args, q.limit + 1],
      }
    }

    const run = async (statement: Statement): Promise<ReadonlyArray<Selected>> =>
      (await client.execute(statement)).rows.map(selected)

    /**
     * A topic sits in one of two columns (a conversation shows at most two, R12): two index range scans,
     * each already newest first, merged here. They never share a row, since the two topics are distinct.
     */
    const ordered = async (shopId: Ids.ShopId, q: InboxListQuery, plan: Omit<Plan, "topicSlot">) => {
      if (q.topic === null) {
        const rows = await run(build(shopId, q, { ...plan, topicSlot: 1 }))
        return plan.window ? [...rows].sort(newestFirst) : rows
      }
      const [first, second] = await Promise.all([
        run(build(shopId, q, { ...plan, topicSlot: 1 })),
        run(build(shopId, q, { ...plan, topicSlot: 2 })),
      ])
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
      const rows = yield* tryStore(() =>
        run({
          sql: `select ${COLUMNS} from inbox_rows r
            left join read_cursors c on c.conversation_id = r.conversation_id and c.staff_id = ?
            where r.shop_id = ? and r.conversation_id = ?`,
          args: [viewer, shopId, conversationId],
        }),
      )
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
      ).map((b) => ({ sql: b.sql, params: b.args }))
    }

    return Inbox.of({ list, row, explain })
  }),
)
