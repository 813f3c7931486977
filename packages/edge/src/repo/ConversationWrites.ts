/**
 * The statements one conversation command commits, by table family: the conversation's snapshot, its event
 * log, the inbox projection (row, read cursors, unread rows), the cart projection and the outbox. Each family
 * is a small function of the state before and after; the rules they file by (which list, which delivery
 * status) are the core's.
 */
import { Cart, Conversation, DeliveryRoute, type Event, type Ids } from "@inbox/core"
import { and, eq, sql } from "drizzle-orm"
import type { Db } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import type { Statement } from "./UnitOfWork.ts"

type State = Conversation.Conversation
type ConversationEvent = Event.ConversationEvent

export interface Change {
  readonly shopId: Ids.ShopId
  readonly before: State | null
  readonly after: State
  readonly events: ReadonlyArray<ConversationEvent>
  readonly customerName: string
  readonly searchText: string
  readonly now: number
}

const oldVersion = (c: Change): number => c.before?.version ?? 0

/** The snapshot, guarded by the version it was decided on: a concurrent writer's commit makes it fail. */
export const snapshotWrites = (db: Db, c: Change): ReadonlyArray<Statement> => {
  const { shopId, before, after } = c
  if (before === null && c.events[0]?._tag === "ConversationStarted")
    return [
      db.insert(t.conversations).values({
        id: after.id,
        shopId,
        customerId: after.customerId,
        platform: after.platform,
        status: after.status,
        startedAt: after.startedAt,
        customerEmail: after.customerEmail,
        version: after.version,
        state: after,
      }),
    ]
  return [
    db
      .update(t.conversations)
      .set({ status: after.status, version: after.version, state: after, customerEmail: after.customerEmail })
      .where(
        and(
          eq(t.conversations.id, after.id),
          eq(t.conversations.shopId, shopId),
          eq(t.conversations.version, oldVersion(c)),
        ),
      ),
  ]
}

/**
 * The events at the next per-conversation sequence numbers (the (conversation, seq) key is the concurrency
 * guard) and the next shop-wide ones for realtime replay. The last statement returns both numbers.
 */
export const eventLogWrites = (db: Db, c: Change): ReadonlyArray<Statement> => {
  const { shopId, after, events } = c
  const n = events.length
  return [
    db
      .update(t.shops)
      .set({ eventSeq: sql`${t.shops.eventSeq} + ${n}` })
      .where(eq(t.shops.id, shopId)),
    db
      .insert(t.conversationEvents)
      .values(
        events.map((event, i) => ({
          shopId,
          conversationId: after.id,
          seq: oldVersion(c) + i + 1,
          shopSeq: sql`(select event_seq from shops where id = ${shopId}) - ${n - 1 - i}`,
          tag: event._tag,
          payload: event,
          at: event.at,
        })),
      )
      .returning({ seq: t.conversationEvents.seq, shopSeq: t.conversationEvents.shopSeq }),
  ]
}

/** What decides "unread for me", or where the conversation sits in its list, moved. */
const unreadMoved = (before: State | null, after: State): boolean =>
  before === null ||
  before.lastCustomerMessageSeq !== after.lastCustomerMessageSeq ||
  before.status !== after.status ||
  before.blocked !== after.blocked ||
  before.lastActivityAt !== after.lastActivityAt ||
  JSON.stringify(before.readThrough) !== JSON.stringify(after.readThrough)

/** The inbox row, the read cursors that moved, and the per-staff unread rows. @see R3, R4, R12 */
export const inboxWrites = (db: Db, c: Change): ReadonlyArray<Statement> => {
  const { shopId, before, after } = c
  const list = Conversation.listOf(after)
  const topics = after.recentTopics
  const projection = {
    shopId,
    customerId: after.customerId,
    customerName: c.customerName,
    searchText: c.searchText,
    platform: after.platform,
    status: list,
    assignee: after.assignee,
    topics,
    topic1: topics[0] ?? null,
    topic2: topics[1] ?? null,
    latestTopic: after.latestTopic,
    customerOnline: after.customerOnline,
    customerEmail: after.customerEmail,
    startedAt: after.startedAt,
    cart: Cart.header(after.cart),
    lastMessage: after.lastMessage,
    lastActivityAt: after.lastActivityAt,
    lastCustomerSeq: after.lastCustomerMessageSeq,
    version: after.version,
  }
  const row = db
    .insert(t.inboxRows)
    .values({ conversationId: after.id, ...projection })
    .onConflictDoUpdate({ target: t.inboxRows.conversationId, set: projection })
  const cursors = Object.entries(after.readThrough)
    .filter(
      ([staffId, through]) =>
        before === null ||
        !Object.hasOwn(before.readThrough, staffId) ||
        before.readThrough[staffId] !== through,
    )
    .map(([staffId, through]) =>
      db
        .insert(t.readCursors)
        .values({ shopId, conversationId: after.id, staffId, through })
        .onConflictDoUpdate({
          target: [t.readCursors.conversationId, t.readCursors.staffId],
          set: { through },
        }),
    )
  // "Unread for me" as rows: rebuilt for this conversation whenever what decides it (or its list order) moved.
  const unread = unreadMoved(before, after)
    ? [
        db.delete(t.inboxUnread).where(eq(t.inboxUnread.conversationId, after.id)),
        db.run(sql`insert into inbox_unread (shop_id, staff_id, conversation_id, status, last_activity_at)
          select ${shopId}, s.id, ${after.id}, ${list}, ${after.lastActivityAt}
          from staff s left join read_cursors c on c.conversation_id = ${after.id} and c.staff_id = s.id
          where s.shop_id = ${shopId} and ${after.lastCustomerMessageSeq} > coalesce(c.through, 0)`),
      ]
    : []
  return [row, ...cursors, ...unread]
}

const CART_EVENTS = new Set([
  "CartItemAdded",
  "CartItemRemoved",
  "DiscountAppliedToCart",
  "ConversationStarted",
])

/** The shopper's cart and its lines, when an event changed them. @see R6, R7 */
export const cartWrites = (db: Db, c: Change): ReadonlyArray<Statement> => {
  const { shopId, after } = c
  if (!c.events.some((e) => CART_EVENTS.has(e._tag))) return []
  const cart = {
    shopId,
    customerId: after.customerId,
    appliedDiscount: after.appliedDiscount,
    updatedAt: after.lastCartActivityAt,
  }
  const lines = after.cart.lines.map((l, position) => ({
    conversationId: after.id,
    shopId,
    variantId: l.variantId,
    productId: l.productId,
    title: l.title,
    variantTitle: l.variantTitle,
    quantity: l.quantity,
    unitPriceAmount: l.unitPrice.amount,
    currency: l.unitPrice.currency,
    position,
  }))
  return [
    db
      .insert(t.carts)
      .values({ conversationId: after.id, ...cart })
      .onConflictDoUpdate({ target: t.carts.conversationId, set: cart }),
    db.delete(t.cartLines).where(eq(t.cartLines.conversationId, after.id)),
    ...(lines.length > 0 ? [db.insert(t.cartLines).values(lines)] : []),
  ]
}

/** Each reply (an automatic first reply too) in the outbox of its channel; held ones seen on return. @see R2 */
export const outboxWrites = (db: Db, c: Change): ReadonlyArray<Statement> => {
  const { shopId, after, now } = c
  const entries = c.events.flatMap((event, i) =>
    event._tag === "ReplySent" || event._tag === "AutomaticReplySent"
      ? [
          db.insert(t.outbox).values({
            shopId,
            conversationId: after.id,
            seq: oldVersion(c) + i + 1,
            channel: DeliveryRoute.channelOf(event.route),
            recipient: event.route._tag === "email" ? event.route.to : null,
            payload: { event, customerId: after.customerId, customerName: c.customerName },
            status: DeliveryRoute.statusAtCommit(event.route),
            attempts: 0,
            nextAttemptAt: now,
            reason: null,
            createdAt: now,
            updatedAt: now,
          }),
        ]
      : [],
  )
  const returned = c.events.some((e) => e._tag === "CustomerCameOnline")
    ? [
        db
          .update(t.outbox)
          .set({ status: "sent", updatedAt: now })
          .where(and(eq(t.outbox.conversationId, after.id), eq(t.outbox.status, "held"))),
      ]
    : []
  return [...entries, ...returned]
}

/** Every statement of the change, in the order they must run, and where the event log's answer is. */
export const changeWrites = (
  db: Db,
  c: Change,
): { readonly statements: ReadonlyArray<Statement>; readonly eventLogAt: number } => {
  if (c.events.length === 0) return { statements: [], eventLogAt: -1 }
  const head = [...snapshotWrites(db, c), ...eventLogWrites(db, c)]
  return {
    statements: [...head, ...inboxWrites(db, c), ...cartWrites(db, c), ...outboxWrites(db, c)],
    eventLogAt: head.length - 1,
  }
}
