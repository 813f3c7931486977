/**
 * The conversation store: one command = one atomic batch (see ConversationWrites: the snapshot, events with
 * the next sequence numbers, the inbox and cart projections, the outbox), committed and returned. The
 * (conversation, seq) primary key is the optimistic-concurrency guard: a concurrent writer fails, reloads and
 * decides again; it never overwrites. Inside an open UnitOfWork the batch joins the request's unit instead.
 */
import {
  type Command,
  type Conversation,
  type ConversationError,
  ConversationErrors,
  decide,
  type Event,
  evolve,
  type Ids,
  InboxRow,
  Time,
} from "@inbox/core"
import { and, asc, eq, gt, inArray } from "drizzle-orm"
import { Clock, Context, Effect, Layer, Result, Schema } from "effect"
import { Database, type Db, StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { changeWrites } from "./ConversationWrites.ts"
import * as UnitOfWork from "./UnitOfWork.ts"

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

/** Writers kept colliding on the same conversation beyond the retry budget. */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  conversationId: Schema.String,
  attempts: Schema.Int,
}) {}

export interface ExecuteInput<E, R, R2 = never> {
  readonly shopId: Ids.ShopId
  readonly conversationId: Ids.ConversationId
  /** Builds the command from the current state (look-ups of staff, products… happen here). */
  readonly command: (state: ConversationState | null) => Effect.Effect<Command.ConversationCommand, E, R>
  /** Runs once the commit is durable, with the events' shop sequence numbers (the fan-out). */
  readonly onCommitted?: (committed: Committed) => Effect.Effect<void, never, R2>
}

export const MAX_ATTEMPTS = 25

export class Conversations extends Context.Service<
  Conversations,
  {
    readonly execute: <E, R, R2 = never>(
      input: ExecuteInput<E, R, R2>,
    ) => Effect.Effect<Committed, E | ConversationError | VersionConflict | StoreUnavailable, R | R2>
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
  }
>()("@inbox/edge/repo/Conversations") {}

export const tryStore = <A>(f: () => Promise<A>): Effect.Effect<A, StoreUnavailable> =>
  Effect.tryPromise({
    try: f,
    catch: (cause) =>
      new StoreUnavailable({ message: cause instanceof Error ? cause.message : String(cause) }),
  })

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

export const layer: Layer.Layer<Conversations, never, Database> = Layer.effect(
  Conversations,
  Effect.gen(function* () {
    const { db, client } = yield* Database

    /** Decides once on the current state: the committed change (shop seqs still 0) and its statements. */
    const decideOnce = <E, R>(input: ExecuteInput<E, R, unknown>) =>
      Effect.gen(function* () {
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
        const writes = changeWrites(db, {
          shopId: input.shopId,
          before: loaded.state,
          after,
          events,
          customerName: loaded.customerName,
          searchText: loaded.searchText,
          now,
        })
        return { committed, ...writes }
      })

    /** The committed change with the shop sequence numbers the event log answered. */
    const withShopSeqs = (committed: Committed, eventLog: unknown): Committed => {
      const shopSeqOf = new Map(
        ((eventLog ?? []) as Array<{ seq: number; shopSeq: number }>).map((r) => [r.seq, r.shopSeq]),
      )
      return {
        ...committed,
        events: committed.events.map((e) => ({ ...e, shopSeq: shopSeqOf.get(e.seq) ?? 0 })),
      }
    }

    const execute = <E, R, R2 = never>(input: ExecuteInput<E, R, R2>) =>
      Effect.gen(function* () {
        const onCommitted = input.onCommitted ?? (() => Effect.void)
        const ambient = yield* UnitOfWork.CurrentUnit
        if (ambient !== null) {
          // The request's unit commits this with its other writes (and its stored answer); its owner decides
          // again if another writer came first.
          const { committed, statements, eventLogAt } = yield* decideOnce(input)
          const context = yield* Effect.context<R2>()
          UnitOfWork.add(ambient, statements, (results) =>
            onCommitted(withShopSeqs(committed, results[eventLogAt])).pipe(Effect.provideContext(context)),
          )
          return committed
        }
        for (let i = 1; i <= MAX_ATTEMPTS; i++) {
          const { committed, statements, eventLogAt } = yield* decideOnce(input)
          const unit = UnitOfWork.open()
          let durable = committed
          UnitOfWork.add(unit, statements, (results) =>
            Effect.sync(() => {
              durable = withShopSeqs(committed, results[eventLogAt])
            }),
          )
          if (yield* UnitOfWork.commit(unit).pipe(Effect.provideService(Database, { db, client }))) {
            yield* onCommitted(durable)
            return durable
          }
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
    })
  }),
)

/** The row a staff member sees, from a committed state. */
export const rowFor = (c: Committed, viewer: Ids.StaffId): InboxRow.InboxRow =>
  InboxRow.inboxRow(c.conversation, viewer, c.customerName)
