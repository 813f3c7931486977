/**
 * The conversation store: one command = one atomic batch (events with the next sequence numbers, the
 * snapshot, the inbox row, read cursors, the cart and the outbox). The (conversation, seq) primary key is
 * the optimistic-concurrency guard: a concurrent writer fails, reloads and retries; it never overwrites.
 */
import {
  type Command,
  type Conversation,
  type ConversationError,
  ConversationErrors,
  Cart as CoreCart,
  decide,
  type Event,
  evolve,
  type Ids,
  InboxRow,
  Time,
} from "@inbox/core"
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm"
import type { BatchItem } from "drizzle-orm/batch"
import { Clock, Context, Effect, Layer, Result, Schema } from "effect"
import { Database, type Db, StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"

type ConversationState = Conversation.Conversation
type ConversationEvent = Event.ConversationEvent

/** An event as stored: its place in the conversation and in the shop. */
export interface StoredEvent {
  readonly conversationId: Ids.ConversationId
  readonly seq: number
  readonly shopSeq: number
  readonly event: ConversationEvent
}

export interface Committed {
  readonly before: ConversationState | null
  readonly conversation: ConversationState
  readonly customerName: string
  readonly events: ReadonlyArray<StoredEvent>
}

/** What a client-generated write id replays: the first answer, unchanged. */
export interface StoredResponse {
  readonly status: number
  readonly body: unknown
}

export type Outcome =
  | { readonly _tag: "Committed"; readonly committed: Committed; readonly response: StoredResponse | null }
  | { readonly _tag: "Replayed"; readonly response: StoredResponse }

/** Writers kept colliding on the same conversation beyond the retry budget. */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  conversationId: Schema.String,
  attempts: Schema.Int,
}) {}

export interface ExecuteInput<E, R> {
  readonly shopId: Ids.ShopId
  readonly conversationId: Ids.ConversationId
  /** Builds the command from the current state (look-ups of staff, products… happen here). */
  readonly command: (state: ConversationState | null) => Effect.Effect<Command.ConversationCommand, E, R>
  /** A client write id: the same key again returns the stored response and writes nothing. */
  readonly idempotency?: {
    readonly key: string
    readonly respond: (committed: Committed) => StoredResponse
  }
}

export const MAX_ATTEMPTS = 25

export class Conversations extends Context.Service<
  Conversations,
  {
    readonly execute: <E, R>(
      input: ExecuteInput<E, R>,
    ) => Effect.Effect<Outcome, E | ConversationError | VersionConflict | StoreUnavailable, R>
    readonly load: (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) => Effect.Effect<ConversationState | null, StoreUnavailable>
    /** The state with the customer's name (what a row needs). */
    readonly loadNamed: (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) => Effect.Effect<
      { readonly state: ConversationState; readonly customerName: string } | null,
      StoreUnavailable
    >
    /** `loadNamed` for many conversations in one query (a realtime replay page names hundreds). */
    readonly loadNamedMany: (
      shopId: Ids.ShopId,
      conversationIds: ReadonlyArray<Ids.ConversationId>,
    ) => Effect.Effect<
      ReadonlyMap<string, { readonly state: ConversationState; readonly customerName: string }>,
      StoreUnavailable
    >
    /** The whole log, in order. */
    readonly events: (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreUnavailable>
    /** Every event of the shop after a shop sequence number, in order (realtime replay). */
    readonly eventsSince: (
      shopId: Ids.ShopId,
      shopSeq: number,
      limit?: number,
    ) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreUnavailable>
    readonly currentShopSeq: (shopId: Ids.ShopId) => Effect.Effect<number, StoreUnavailable>
    readonly lookupResponse: (
      shopId: Ids.ShopId,
      key: string,
    ) => Effect.Effect<StoredResponse | null, StoreUnavailable>
  }
>()("@inbox/edge/repo/Conversations") {}

export const tryStore = <A>(f: () => Promise<A>): Effect.Effect<A, StoreUnavailable> =>
  Effect.tryPromise({
    try: f,
    catch: (cause) =>
      new StoreUnavailable({ message: cause instanceof Error ? cause.message : String(cause) }),
  })

/** Another writer took this (conversation, seq) or this idempotency key first; other constraint errors are bugs. */
const isConstraintViolation = (cause: unknown): boolean => {
  const seen = new Set<unknown>()
  let c: unknown = cause
  while (c !== null && typeof c === "object" && !seen.has(c)) {
    seen.add(c)
    const code = (c as { extendedCode?: unknown }).extendedCode
    const message = (c as { message?: unknown }).message
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") return true
    if (typeof message === "string" && message.includes("UNIQUE constraint failed")) return true
    c = (c as { cause?: unknown }).cause
  }
  return false
}

const CART_EVENTS = new Set([
  "CartItemAdded",
  "CartItemRemoved",
  "DiscountAppliedToCart",
  "ConversationStarted",
])

/** Held replies belong to the chat: they wait there for the shopper. @see R2 */
const channelOf = (
  route: Extract<ConversationEvent, { _tag: "ReplySent" | "AutomaticReplySent" }>["route"],
) => (route._tag === "platform" ? route.platform : route._tag === "held" ? "chat" : route._tag)

interface Loaded {
  readonly state: ConversationState | null
  readonly customerName: string
  readonly searchText: string
}

const searchTextOf = (name: string, emails: ReadonlyArray<string | null>): string =>
  [name, ...emails.filter((e): e is string => e !== null)].join(" ").toLowerCase()

const loadFor = async (
  db: Db,
  shopId: Ids.ShopId,
  conversationId: Ids.ConversationId,
  customerIdForStart: string | null,
): Promise<Loaded> => {
  const rows = await db
    .select({ state: t.conversations.state, name: t.customers.name, email: t.customers.email })
    .from(t.conversations)
    .innerJoin(t.customers, eq(t.customers.id, t.conversations.customerId))
    .where(and(eq(t.conversations.id, conversationId), eq(t.conversations.shopId, shopId)))
  const row = rows[0]
  if (row !== undefined) {
    const state = row.state as ConversationState
    return {
      state,
      customerName: row.name,
      searchText: searchTextOf(row.name, [row.email, state.customerEmail]),
    }
  }
  if (customerIdForStart === null) return { state: null, customerName: "", searchText: "" }
  const customer = await db
    .select({ name: t.customers.name, email: t.customers.email })
    .from(t.customers)
    .where(and(eq(t.customers.id, customerIdForStart), eq(t.customers.shopId, shopId)))
  const c = customer[0]
  return {
    state: null,
    customerName: c?.name ?? "",
    searchText: searchTextOf(c?.name ?? "", [c?.email ?? null]),
  }
}

/** The statements of one commit, in the order they must run. */
const commitStatements = (
  db: Db,
  input: {
    readonly shopId: Ids.ShopId
    readonly before: ConversationState | null
    readonly after: ConversationState
    readonly events: ReadonlyArray<ConversationEvent>
    readonly customerName: string
    readonly searchText: string
    readonly idempotency: { readonly key: string; readonly response: StoredResponse } | null
    readonly now: number
  },
): { readonly statements: Array<BatchItem<"sqlite">>; readonly eventInsertIndex: number } => {
  const { shopId, before, after, events, now } = input
  const statements: Array<BatchItem<"sqlite">> = []
  if (input.idempotency !== null)
    statements.push(
      db.insert(t.idempotencyKeys).values({
        shopId,
        key: input.idempotency.key,
        status: input.idempotency.response.status,
        response: input.idempotency.response.body,
        createdAt: now,
      }),
    )
  if (events.length === 0) return { statements, eventInsertIndex: -1 }
  const oldVersion = before?.version ?? 0
  const n = events.length
  const firstEvent = events[0]!
  if (before === null && firstEvent._tag === "ConversationStarted")
    statements.push(
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
    )
  else
    statements.push(
      db
        .update(t.conversations)
        .set({
          status: after.status,
          version: after.version,
          state: after,
          customerEmail: after.customerEmail,
        })
        .where(
          and(
            eq(t.conversations.id, after.id),
            eq(t.conversations.shopId, shopId),
            eq(t.conversations.version, oldVersion),
          ),
        ),
    )
  statements.push(
    db
      .update(t.shops)
      .set({ eventSeq: sql`${t.shops.eventSeq} + ${n}` })
      .where(eq(t.shops.id, shopId)),
  )
  const eventInsertIndex = statements.length
  statements.push(
    db
      .insert(t.conversationEvents)
      .values(
        events.map((event, i) => ({
          shopId,
          conversationId: after.id,
          seq: oldVersion + i + 1,
          shopSeq: sql`(select event_seq from shops where id = ${shopId}) - ${n - 1 - i}`,
          tag: event._tag,
          payload: event,
          at: event.at,
        })),
      )
      .returning({ seq: t.conversationEvents.seq, shopSeq: t.conversationEvents.shopSeq }),
  )

  const topics = after.recentTopics
  // The list a conversation is filed under: a blocked sender's goes to the Blocked list, not the Closed one.
  const listStatus = after.blocked === true ? "blocked" : after.status
  const projection = {
    shopId,
    customerId: after.customerId,
    customerName: input.customerName,
    searchText: input.searchText,
    platform: after.platform,
    status: listStatus,
    assignee: after.assignee,
    topics,
    topic1: topics[0] ?? null,
    topic2: topics[1] ?? null,
    latestTopic: after.latestTopic,
    customerOnline: after.customerOnline,
    customerEmail: after.customerEmail,
    startedAt: after.startedAt,
    cart: CoreCart.header(after.cart),
    lastMessage: after.lastMessage,
    lastActivityAt: after.lastActivityAt,
    lastCustomerSeq: after.lastCustomerMessageSeq,
    version: after.version,
  }
  statements.push(
    db
      .insert(t.inboxRows)
      .values({ conversationId: after.id, ...projection })
      .onConflictDoUpdate({ target: t.inboxRows.conversationId, set: projection }),
  )

  for (const [staffId, through] of Object.entries(after.readThrough)) {
    if (
      before !== null &&
      Object.hasOwn(before.readThrough, staffId) &&
      before.readThrough[staffId] === through
    )
      continue
    statements.push(
      db
        .insert(t.readCursors)
        .values({ shopId, conversationId: after.id, staffId, through })
        .onConflictDoUpdate({
          target: [t.readCursors.conversationId, t.readCursors.staffId],
          set: { through },
        }),
    )
  }

  // "Unread for me" as rows: rebuilt for this conversation whenever what decides it (or its list order) moved.
  if (
    before === null ||
    before.lastCustomerMessageSeq !== after.lastCustomerMessageSeq ||
    before.status !== after.status ||
    before.blocked !== after.blocked ||
    before.lastActivityAt !== after.lastActivityAt ||
    JSON.stringify(before.readThrough) !== JSON.stringify(after.readThrough)
  ) {
    statements.push(db.delete(t.inboxUnread).where(eq(t.inboxUnread.conversationId, after.id)))
    statements.push(
      db.run(sql`insert into inbox_unread (shop_id, staff_id, conversation_id, status, last_activity_at)
          select ${shopId}, s.id, ${after.id}, ${listStatus}, ${after.lastActivityAt}
          from staff s left join read_cursors c on c.conversation_id = ${after.id} and c.staff_id = s.id
          where s.shop_id = ${shopId} and ${after.lastCustomerMessageSeq} > coalesce(c.through, 0)`),
    )
  }

  if (events.some((e) => CART_EVENTS.has(e._tag))) {
    const cart = {
      shopId,
      customerId: after.customerId,
      appliedDiscount: after.appliedDiscount,
      updatedAt: after.lastCartActivityAt,
    }
    statements.push(
      db
        .insert(t.carts)
        .values({ conversationId: after.id, ...cart })
        .onConflictDoUpdate({ target: t.carts.conversationId, set: cart }),
      db.delete(t.cartLines).where(eq(t.cartLines.conversationId, after.id)),
    )
    if (after.cart.lines.length > 0)
      statements.push(
        db.insert(t.cartLines).values(
          after.cart.lines.map((l, position) => ({
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
          })),
        ),
      )
  }

  events.forEach((event, i) => {
    // An automatic first reply is delivered exactly like a merchant reply.
    if (event._tag !== "ReplySent" && event._tag !== "AutomaticReplySent") return
    const channel = channelOf(event.route)
    // Chat replies reach the shopper over their open socket at commit; held ones wait for their return (R2).
    const status = event.route._tag === "chat" ? "sent" : event.route._tag === "held" ? "held" : "queued"
    statements.push(
      db.insert(t.outbox).values({
        shopId,
        conversationId: after.id,
        seq: oldVersion + i + 1,
        channel,
        recipient: event.route._tag === "email" ? event.route.to : null,
        payload: { event, customerId: after.customerId, customerName: input.customerName },
        status,
        attempts: 0,
        nextAttemptAt: now,
        reason: null,
        createdAt: now,
        updatedAt: now,
      }),
    )
  })
  // A held reply is seen as soon as the shopper is back in the chat. @see R2
  if (events.some((e) => e._tag === "CustomerCameOnline"))
    statements.push(
      db
        .update(t.outbox)
        .set({ status: "sent", updatedAt: now })
        .where(and(eq(t.outbox.conversationId, after.id), eq(t.outbox.status, "held"))),
    )
  return { statements, eventInsertIndex }
}

export const layer: Layer.Layer<Conversations, never, Database> = Layer.effect(
  Conversations,
  Effect.gen(function* () {
    const { db } = yield* Database

    const lookupResponse = Effect.fn("Conversations.lookupResponse")(function* (
      shopId: Ids.ShopId,
      key: string,
    ) {
      const rows = yield* tryStore(() =>
        db
          .select({ status: t.idempotencyKeys.status, response: t.idempotencyKeys.response })
          .from(t.idempotencyKeys)
          .where(and(eq(t.idempotencyKeys.shopId, shopId), eq(t.idempotencyKeys.key, key))),
      )
      const row = rows[0]
      return row === undefined ? null : { status: row.status, body: row.response }
    })

    const attempt = <E, R>(input: ExecuteInput<E, R>) =>
      Effect.gen(function* () {
        if (input.idempotency !== undefined) {
          const replay = yield* lookupResponse(input.shopId, input.idempotency.key)
          if (replay !== null) return { _tag: "Replayed", response: replay } as Outcome | null
        }
        const peek = yield* tryStore(() => loadFor(db, input.shopId, input.conversationId, null))
        const command = yield* input.command(peek.state)
        const loaded =
          peek.state === null && command._tag === "StartConversation"
            ? yield* tryStore(() => loadFor(db, input.shopId, input.conversationId, command.customerId))
            : peek
        // Tenancy: a command may never start or touch a conversation of another shop. @see R0.1
        if (command._tag === "StartConversation" && command.shopId !== input.shopId)
          return yield* Effect.fail(
            new ConversationErrors.ConversationNotFound({ conversationId: input.conversationId }),
          )
        const now = Time.instant(yield* Clock.currentTimeMillis)
        const decision = decide(loaded.state, command, now)
        if (Result.isFailure(decision)) {
          const e = decision.failure
          return yield* Effect.fail(
            e._tag === "ConversationNotFound"
              ? new ConversationErrors.ConversationNotFound({ conversationId: input.conversationId })
              : e,
          )
        }
        const events = decision.success
        let after = loaded.state
        for (const e of events) after = evolve(after, e)
        if (after === null) return yield* Effect.die(new Error("decide produced no conversation"))
        const oldVersion = loaded.state?.version ?? 0
        const committed: Committed = {
          before: loaded.state,
          conversation: after,
          customerName: loaded.customerName,
          events: events.map((event, i) => ({
            conversationId: after.id,
            seq: oldVersion + i + 1,
            shopSeq: 0,
            event,
          })),
        }
        const response = input.idempotency === undefined ? null : input.idempotency.respond(committed)
        const { statements, eventInsertIndex } = commitStatements(db, {
          shopId: input.shopId,
          before: loaded.state,
          after,
          events,
          customerName: loaded.customerName,
          searchText: loaded.searchText,
          idempotency:
            input.idempotency === undefined || response === null
              ? null
              : { key: input.idempotency.key, response },
          now,
        })
        if (statements.length === 0) return { _tag: "Committed", committed, response } as Outcome
        // A constraint violation means another writer took this seq (or this key) first: not an error, a retry.
        const results = yield* tryStore(() =>
          db.batch(statements as [BatchItem<"sqlite">, ...Array<BatchItem<"sqlite">>]).then(
            (r) => r as ReadonlyArray<unknown>,
            (cause: unknown) => {
              if (isConstraintViolation(cause)) return null
              throw cause
            },
          ),
        )
        if (results === null) return null
        const inserted =
          eventInsertIndex < 0 ? [] : (results[eventInsertIndex] as Array<{ seq: number; shopSeq: number }>)
        const shopSeqOf = new Map(inserted.map((r) => [r.seq, r.shopSeq]))
        return {
          _tag: "Committed",
          committed: {
            ...committed,
            events: committed.events.map((e) => ({ ...e, shopSeq: shopSeqOf.get(e.seq) ?? 0 })),
          },
          response,
        } as Outcome
      })

    const execute = <E, R>(input: ExecuteInput<E, R>) =>
      Effect.gen(function* () {
        for (let i = 1; i <= MAX_ATTEMPTS; i++) {
          const outcome: Outcome | null = yield* attempt(input)
          if (outcome !== null) return outcome
          // Someone committed first: yield so they finish, then reload and decide again.
          yield* Effect.sleep(i)
        }
        return yield* Effect.fail(
          new VersionConflict({ conversationId: input.conversationId, attempts: MAX_ATTEMPTS }),
        )
      }).pipe(Effect.withSpan("Conversations.execute"))

    const load = Effect.fn("Conversations.load")(function* (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) {
      const loaded = yield* tryStore(() => loadFor(db, shopId, conversationId, null))
      return loaded.state
    })

    const loadNamed = Effect.fn("Conversations.loadNamed")(function* (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) {
      const loaded = yield* tryStore(() => loadFor(db, shopId, conversationId, null))
      return loaded.state === null ? null : { state: loaded.state, customerName: loaded.customerName }
    })

    const loadNamedMany = Effect.fn("Conversations.loadNamedMany")(function* (
      shopId: Ids.ShopId,
      conversationIds: ReadonlyArray<Ids.ConversationId>,
    ) {
      const found = new Map<string, { readonly state: ConversationState; readonly customerName: string }>()
      const ids = [...new Set(conversationIds)]
      // Chunks keep each statement well under SQLite's bound-parameter limit.
      for (let i = 0; i < ids.length; i += 500) {
        const rows = yield* tryStore(() =>
          db
            .select({ id: t.conversations.id, state: t.conversations.state, name: t.customers.name })
            .from(t.conversations)
            .innerJoin(t.customers, eq(t.customers.id, t.conversations.customerId))
            .where(
              and(eq(t.conversations.shopId, shopId), inArray(t.conversations.id, ids.slice(i, i + 500))),
            ),
        )
        for (const r of rows) found.set(r.id, { state: r.state as ConversationState, customerName: r.name })
      }
      return found
    })

    const toStored = (r: {
      conversationId: string
      seq: number
      shopSeq: number
      payload: unknown
    }): StoredEvent => ({
      conversationId: r.conversationId as Ids.ConversationId,
      seq: r.seq,
      shopSeq: r.shopSeq,
      event: r.payload as ConversationEvent,
    })

    const events = Effect.fn("Conversations.events")(function* (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) {
      const rows = yield* tryStore(() =>
        db
          .select()
          .from(t.conversationEvents)
          .where(
            and(
              eq(t.conversationEvents.conversationId, conversationId),
              eq(t.conversationEvents.shopId, shopId),
            ),
          )
          .orderBy(asc(t.conversationEvents.seq)),
      )
      return rows.map(toStored)
    })

    const eventsSince = Effect.fn("Conversations.eventsSince")(function* (
      shopId: Ids.ShopId,
      shopSeq: number,
      limit = 10_000,
    ) {
      const rows = yield* tryStore(() =>
        db
          .select()
          .from(t.conversationEvents)
          .where(and(eq(t.conversationEvents.shopId, shopId), gt(t.conversationEvents.shopSeq, shopSeq)))
          .orderBy(asc(t.conversationEvents.shopSeq))
          .limit(limit),
      )
      return rows.map(toStored)
    })

    const currentShopSeq = Effect.fn("Conversations.currentShopSeq")(function* (shopId: Ids.ShopId) {
      const rows = yield* tryStore(() =>
        db.select({ seq: t.shops.eventSeq }).from(t.shops).where(eq(t.shops.id, shopId)),
      )
      return rows[0]?.seq ?? 0
    })

    return Conversations.of({
      execute,
      load,
      loadNamed,
      loadNamedMany,
      events,
      eventsSince,
      currentShopSeq,
      lookupResponse,
    })
  }),
)

/** The row a staff member sees, from a committed state. */
export const rowFor = (c: Committed, viewer: Ids.StaffId): InboxRow.InboxRow =>
  InboxRow.inboxRow(c.conversation, viewer, c.customerName)
