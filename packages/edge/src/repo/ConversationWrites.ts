/**
 * The statements one conversation command commits, by table family: the conversation's snapshot, its event
 * log, the inbox projection (row, read cursors, unread rows), the cart projection and the outbox. Each family
 * is a small function of the state before and after, and writes only what moved; the rules they file by (which
 * list, which delivery status) are the core's. The SQL text of each statement is fixed (values are bound), so
 * the driver prepares it once and reuses it.
 */
import { Cart, Conversation, DeliveryRoute, type Event, type Ids } from "@inbox/core"
import type { InStatement, InValue, ResultSet } from "@libsql/client"

type State = Conversation.Conversation
type ConversationEvent = Event.ConversationEvent

export interface Change {
  readonly shopId: Ids.ShopId
  readonly before: State | null
  readonly after: State
  readonly events: ReadonlyArray<ConversationEvent>
  /** The customer's name and email as their record holds them. */
  readonly customerName: string
  readonly customerEmail: string | null
  readonly now: number
  /** The snapshot as JSON (what is stored; its length sizes the state kept in memory). */
  readonly stateJson: string
}

const oldVersion = (c: Change): number => c.before?.version ?? 0

const isStart = (c: Change): boolean => c.before === null && c.events[0]?._tag === "ConversationStarted"

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v))

const statement = (sql: string, args: ReadonlyArray<InValue>): InStatement => ({ sql, args: [...args] })

const INSERT_CONVERSATION =
  "insert into conversations (id, shop_id, customer_id, platform, status, started_at, customer_email, version, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
const UPDATE_CONVERSATION =
  "update conversations set status = ?, customer_email = ?, version = ?, state = ? where id = ? and shop_id = ? and version = ?"

/** The snapshot, guarded by the version it was decided on (the event log's key is what refuses a concurrent writer). */
export const snapshotWrites = (c: Change): ReadonlyArray<InStatement> => {
  const { shopId, after } = c
  if (isStart(c))
    return [
      statement(INSERT_CONVERSATION, [
        after.id,
        shopId,
        after.customerId,
        after.platform,
        after.status,
        after.startedAt,
        after.customerEmail,
        after.version,
        c.stateJson,
      ]),
    ]
  return [
    statement(UPDATE_CONVERSATION, [
      after.status,
      after.customerEmail,
      after.version,
      c.stateJson,
      after.id,
      shopId,
      oldVersion(c),
    ]),
  ]
}

/**
 * The shop's next shop-wide sequence number: one past the last in its log (the right edge of the log's key, read
 * inside the write transaction), so an event writes no counter row. Events are never deleted, so a number is
 * never given twice.
 */
const NEXT_SHOP_SEQ = "(select coalesce(max(shop_seq), 0) + 1 from conversation_events where shop_id = ?)"

const INSERT_EVENT = `insert into conversation_events (shop_id, conversation_id, seq, shop_seq, tag, payload, at) values (?, ?, ?, ${NEXT_SHOP_SEQ}, ?, ?, ?)`

/**
 * The first event of a change to an existing conversation takes its sequence number only if the snapshot is
 * still at the version it was decided on; otherwise it takes 1 (always taken: the primary key refuses the
 * group), or, for a conversation that is gone, nothing (NOT NULL refuses it). So a state held in memory that
 * another writer has moved on can never be written over.
 */
const INSERT_GUARDED_EVENT = `insert into conversation_events (shop_id, conversation_id, seq, shop_seq, tag, payload, at) values (?, ?, case (select version from conversations where id = ?) when ? then ? else (select 1 from conversations where id = ?) end, ${NEXT_SHOP_SEQ}, ?, ?, ?)`

/**
 * The events at the next per-conversation sequence numbers (the (conversation, seq) key is the concurrency
 * guard) and the next shop-wide ones, which the group's events take in the order they are written.
 */
export const eventLogWrites = (c: Change): ReadonlyArray<InStatement> =>
  c.events.map((event, i) => {
    const seq = oldVersion(c) + i + 1
    const rest = [c.shopId, event._tag, JSON.stringify(event), event.at]
    return i === 0 && !isStart(c)
      ? statement(INSERT_GUARDED_EVENT, [
          c.shopId,
          c.after.id,
          c.after.id,
          oldVersion(c),
          seq,
          c.after.id,
          ...rest,
        ])
      : statement(INSERT_EVENT, [c.shopId, c.after.id, seq, ...rest])
  })

/**
 * The group's first statement: where the shop's sequence numbers will stand once the group's events are written
 * (its last one now, plus their number), from which each event's shop sequence number follows (no read at the
 * end). A read, not a write: the write transaction's lock keeps it true until the commit.
 */
export const advanceShopSeq = (shopId: string, events: number): InStatement =>
  statement(SHOP_SEQ_AFTER, [events, shopId])

const SHOP_SEQ_AFTER = "select coalesce(max(shop_seq), 0) + ? from conversation_events where shop_id = ?"

export const shopSeqOf = (result: ResultSet): number => Number(result.rows[0]?.[0] ?? 0)

/** What the search box matches: the customer's name and emails, lower-cased. */
export const searchTextOf = (name: string, emails: ReadonlyArray<string | null>): string =>
  [name, ...emails.filter((e): e is string => e !== null)].join(" ").toLowerCase()

/** The inbox row's columns that follow the conversation, and their values as stored, in the same order. */
const FOLLOWED = [
  "search_text",
  "platform",
  "status",
  "assignee",
  "topics",
  "topic1",
  "topic2",
  "latest_topic",
  "customer_online",
  "customer_email",
  "started_at",
  "cart",
  "last_message",
  "last_activity_at",
  "last_customer_seq",
  "version",
] as const

const projection = (s: State, c: Change): ReadonlyArray<InValue> => [
  searchTextOf(c.customerName, [c.customerEmail, s.customerEmail]),
  s.platform,
  Conversation.listOf(s),
  s.assignee,
  JSON.stringify(s.recentTopics),
  s.recentTopics[0] ?? null,
  s.recentTopics[1] ?? null,
  s.latestTopic,
  s.customerOnline ? 1 : 0,
  s.customerEmail,
  s.startedAt,
  json(Cart.header(s.cart)),
  json(s.lastMessage),
  s.lastActivityAt,
  s.lastCustomerMessageSeq,
  s.version,
]

export const INBOX_ROW_COLUMNS = [
  "conversation_id",
  "shop_id",
  "customer_id",
  "customer_name",
  ...FOLLOWED,
] as const
const INSERT_ROW = `insert into inbox_rows (${INBOX_ROW_COLUMNS.join(", ")}) values (${INBOX_ROW_COLUMNS.map(() => "?").join(", ")})`

const UPSERT_CURSOR =
  "insert into read_cursors (shop_id, conversation_id, staff_id, through) values (?, ?, ?, ?) on conflict (conversation_id, staff_id) do update set through = excluded.through"
/**
 * Every staff member beyond their read cursor has the conversation's unread row, with its list and place in
 * it; a row already right is left as it is (the upsert's own WHERE), so only rows that move are written.
 */
const UPSERT_UNREAD = `insert into inbox_unread (shop_id, staff_id, conversation_id, status, last_activity_at)
  select ?, s.id, ?, ?, ? from staff s left join read_cursors c on c.conversation_id = ? and c.staff_id = s.id
  where s.shop_id = ? and ? > coalesce(c.through, 0)
  on conflict (conversation_id, staff_id) do update set status = excluded.status, last_activity_at = excluded.last_activity_at
  where status is not excluded.status or last_activity_at is not excluded.last_activity_at`
const DELETE_UNREAD = "delete from inbox_unread where conversation_id = ? and staff_id = ?"

/** Where the conversation sits in the unread lists: which list, its place, and what a cursor must reach. */
const unreadOrderMoved = (before: State | null, after: State): boolean =>
  before === null ||
  before.lastCustomerMessageSeq !== after.lastCustomerMessageSeq ||
  Conversation.listOf(before) !== Conversation.listOf(after) ||
  before.lastActivityAt !== after.lastActivityAt

/**
 * The per-staff unread rows, written only where they move: every unread row follows the list and place when
 * those moved (and anyone newly beyond their cursor gets one); a cursor that moved removes its reader's row once
 * caught up, or adds it when moved back (mark unread); nothing else touches them. @see R4
 */
const unreadWrites = (c: Change, movedCursors: ReadonlyArray<string>): ReadonlyArray<InStatement> => {
  const { shopId, before, after } = c
  const upsert = statement(UPSERT_UNREAD, [
    shopId,
    after.id,
    Conversation.listOf(after),
    after.lastActivityAt,
    after.id,
    shopId,
    after.lastCustomerMessageSeq,
  ])
  const unreadFor = (s: State | null, staffId: string) =>
    s !== null && Conversation.isUnreadFor(s, staffId as Ids.StaffId)
  const caughtUp = movedCursors.filter((staffId) => unreadFor(before, staffId) && !unreadFor(after, staffId))
  const fellBehind = movedCursors.some((staffId) => !unreadFor(before, staffId) && unreadFor(after, staffId))
  // Nobody is beyond their cursor before the first customer message, unless one marked it unread.
  const anyUnread =
    after.lastCustomerMessageSeq > 0 ||
    Object.values(after.readThrough).some((through) => through < after.lastCustomerMessageSeq)
  const rebuild = anyUnread && (unreadOrderMoved(before, after) || fellBehind)
  return [
    ...caughtUp.map((staffId) => statement(DELETE_UNREAD, [after.id, staffId])),
    ...(rebuild ? [upsert] : []),
  ]
}

/**
 * The inbox row (inserted whole when the conversation starts, then only its columns that moved), the read
 * cursors that moved, and the per-staff unread rows. @see R3, R4, R12
 */
export const inboxWrites = (c: Change): ReadonlyArray<InStatement> => {
  const { shopId, before, after } = c
  const next = projection(after, c)
  const row =
    before === null
      ? [statement(INSERT_ROW, [after.id, shopId, after.customerId, c.customerName, ...next])]
      : (() => {
          const previous = projection(before, c)
          const moved = FOLLOWED.flatMap((_, i) => (previous[i] === next[i] ? [] : [i]))
          return moved.length === 0
            ? []
            : [
                statement(
                  `update inbox_rows set ${moved.map((i) => `${FOLLOWED[i]} = ?`).join(", ")} where conversation_id = ?`,
                  [...moved.map((i) => next[i]!), after.id],
                ),
              ]
        })()
  const movedCursors = Object.entries(after.readThrough).filter(
    ([staffId, through]) =>
      before === null ||
      !Object.hasOwn(before.readThrough, staffId) ||
      before.readThrough[staffId] !== through,
  )
  const cursors = movedCursors.map(([staffId, through]) =>
    statement(UPSERT_CURSOR, [shopId, after.id, staffId, through]),
  )
  // The cursors first: the unread upsert reads them.
  return [
    ...row,
    ...cursors,
    ...unreadWrites(
      c,
      movedCursors.map(([staffId]) => staffId),
    ),
  ]
}

const CART_EVENTS = new Set([
  "CartItemAdded",
  "CartItemRemoved",
  "DiscountAppliedToCart",
  "ConversationStarted",
])

const UPSERT_CART =
  "insert into carts (conversation_id, shop_id, customer_id, applied_discount, updated_at) values (?, ?, ?, ?, ?) on conflict (conversation_id) do update set shop_id = excluded.shop_id, customer_id = excluded.customer_id, applied_discount = excluded.applied_discount, updated_at = excluded.updated_at"
const DELETE_LINES = "delete from cart_lines where conversation_id = ?"
const INSERT_LINE =
  "insert into cart_lines (conversation_id, shop_id, variant_id, product_id, title, variant_title, quantity, unit_price_amount, currency, position) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

/** The shopper's cart and its lines, when an event changed them. @see R6, R7 */
export const cartWrites = (c: Change): ReadonlyArray<InStatement> => {
  const { shopId, after } = c
  if (!c.events.some((e) => CART_EVENTS.has(e._tag))) return []
  return [
    statement(UPSERT_CART, [
      after.id,
      shopId,
      after.customerId,
      after.appliedDiscount,
      after.lastCartActivityAt,
    ]),
    statement(DELETE_LINES, [after.id]),
    ...after.cart.lines.map((l, position) =>
      statement(INSERT_LINE, [
        after.id,
        shopId,
        l.variantId,
        l.productId,
        l.title,
        l.variantTitle,
        l.quantity,
        l.unitPrice.amount,
        l.unitPrice.currency,
        position,
      ]),
    ),
  ]
}

const INSERT_OUTBOX =
  "insert into outbox (shop_id, conversation_id, seq, channel, recipient, payload, status, attempts, next_attempt_at, reason, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, null, ?, ?)"
const RELEASE_HELD =
  "update outbox set status = 'sent', updated_at = ? where conversation_id = ? and status = 'held'"

/** Each reply (an automatic first reply too) in the outbox of its channel; held ones seen on return. @see R2 */
export const outboxWrites = (c: Change): ReadonlyArray<InStatement> => {
  const { shopId, after, now } = c
  const entries = c.events.flatMap((event, i) =>
    event._tag === "ReplySent" || event._tag === "AutomaticReplySent"
      ? [
          statement(INSERT_OUTBOX, [
            shopId,
            after.id,
            oldVersion(c) + i + 1,
            DeliveryRoute.channelOf(event.route),
            event.route._tag === "email" ? event.route.to : null,
            JSON.stringify({ event, customerId: after.customerId, customerName: c.customerName }),
            DeliveryRoute.statusAtCommit(event.route),
            now,
            now,
            now,
          ]),
        ]
      : [],
  )
  const returned = c.events.some((e) => e._tag === "CustomerCameOnline")
    ? [statement(RELEASE_HELD, [now, after.id])]
    : []
  return [...entries, ...returned]
}

/**
 * Every statement of the change, in the order they must run: a new
 * conversation's snapshot before its events (they reference it); an existing one's guarded first event before
 * anything else is written.
 */
export const changeWrites = (c: Change): (() => ReadonlyArray<InStatement>) => {
  const events = eventLogWrites(c)
  const head = isStart(c) ? [...snapshotWrites(c), ...events] : [...events, ...snapshotWrites(c)]
  const statements = [...head, ...inboxWrites(c), ...cartWrites(c), ...outboxWrites(c)]
  // The same wherever the group places it: each event takes the next shop sequence number as it is written.
  return () => statements
}
