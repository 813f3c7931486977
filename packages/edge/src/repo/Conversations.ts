/**
 * The conversation store. A command is decided by the shop's writer (ShopWriter) on the conversation's state
 * in memory, read from the store only when cold, and committed with the other commands of its group in one
 * transaction (see ConversationWrites: the snapshot, events with the next sequence numbers, the inbox and cart
 * projections, the outbox); the caller gets what was committed once it is durable. The (conversation, seq)
 * primary key stays the optimistic-concurrency guard against a second writer: its group fails, the state is
 * read again and the command decided again; nothing is overwritten. Inside an open UnitOfWork the decision
 * joins the request's unit instead, committed with its stored answer.
 * Longer than most modules because load, decide-and-retry and the unit of work share
 * the one state cache and conflict handling.
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
import { and, asc, eq, gt, inArray, max } from "drizzle-orm"
import { Clock, Context, Effect, Layer, Result, Schema } from "effect"
import { Database, type Db, StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import type { Decided, Hot, ShopWriter, Turn } from "../writer/ShopWriter.ts"
import * as Writers from "../writer/ShopWriters.ts"
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

/** A conversation as read from the store (with its customer's name and search text), or null. */
const loadFor = async (
  db: Db,
  shopId: Ids.ShopId,
  conversationId: Ids.ConversationId,
): Promise<Hot | null> => {
  const rows = await db
    .select({ state: t.conversations.state, name: t.customers.name, email: t.customers.email })
    .from(t.conversations)
    .innerJoin(t.customers, eq(t.customers.id, t.conversations.customerId))
    .where(and(eq(t.conversations.id, conversationId), eq(t.conversations.shopId, shopId)))
  const row = rows[0]
  if (row === undefined) return null
  return { state: row.state as ConversationState, customerName: row.name, customerEmail: row.email }
}

/** The customer a new conversation's inbox row names. */
const customerFor = async (db: Db, shopId: Ids.ShopId, customerId: string) => {
  const customer = await db
    .select({ name: t.customers.name, email: t.customers.email })
    .from(t.customers)
    .where(and(eq(t.customers.id, customerId), eq(t.customers.shopId, shopId)))
  return { customerName: customer[0]?.name ?? "", customerEmail: customer[0]?.email ?? null }
}

/** A rough size in memory of a state whose JSON is `json` (parsed objects take a few times their text). */
const hotBytes = (json: string, hot: Hot): number =>
  4 * (json.length + hot.customerName.length + (hot.customerEmail?.length ?? 0)) + 512

/** The committed change with the shop sequence numbers its group took. */
const withShopSeqs = (committed: Committed, shopSeqs: ReadonlyArray<number>): Committed => ({
  ...committed,
  events: committed.events.map((e, i) => ({ ...e, shopSeq: shopSeqs[i] ?? 0 })),
})

/** Waits for the turn on a conversation; an interrupted wait withdraws (or gives back) the turn. */
const turnOn = (writer: ShopWriter, conversationId: string, unit: UnitOfWork.Unit | null) =>
  Effect.callback<Turn>((resume) => {
    const request = writer.turn(conversationId, unit)
    void request.granted.then((turn) => resume(Effect.succeed(turn)))
    return Effect.sync(request.cancel)
  })

const layerNoWriters: Layer.Layer<Conversations, never, Database | Writers.ShopWriters> = Layer.effect(
  Conversations,
  Effect.gen(function* () {
    const { db } = yield* Database
    const writers = yield* Writers.ShopWriters

    /** Builds the command on `hot` and decides it: the events, or why it is refused. */
    const attempt = <E, R>(hot: Hot | null, input: ExecuteInput<E, R, unknown>) =>
      Effect.gen(function* () {
        const state = hot?.state ?? null
        const command = yield* input.command(state)
        // Tenancy: a command may never start or touch a conversation of another shop. @see R0.1
        if (command._tag === "StartConversation" && command.shopId !== input.shopId)
          return yield* Effect.fail(
            new ConversationErrors.ConversationNotFound({ conversationId: input.conversationId }),
          )
        const now = Time.instant(yield* Clock.currentTimeMillis)
        const decision = decide(state, command, now)
        if (Result.isFailure(decision)) {
          const e = decision.failure
          return yield* Effect.fail(
            e._tag === "ConversationNotFound"
              ? new ConversationErrors.ConversationNotFound({ conversationId: input.conversationId })
              : e,
          )
        }
        return { command, events: decision.success, now }
      })

    /**
     * Decides once, in the conversation's turn, on its state in memory (a cold conversation is read once):
     * the change as it will be committed (shop seqs still 0) and what the writer stages for it. A refusal or
     * a no-op decided on memory is checked against the stored version first, so a state another process moved
     * on is never the reason for one (a write is checked by its guarded commit).
     */
    const decideIn = <E, R>(turn: Turn, input: ExecuteInput<E, R, unknown>, unit: UnitOfWork.Unit | null) =>
      Effect.gen(function* () {
        const read = tryStore(() => loadFor(db, input.shopId, input.conversationId)).pipe(
          Effect.tap((fresh) =>
            Effect.sync(() => {
              if (fresh === null) turn.forget()
              else turn.warm(fresh, hotBytes(JSON.stringify(fresh.state), fresh))
            }),
          ),
        )
        const inMemory = turn.tip
        let hot = inMemory ?? (yield* read)
        let decided = yield* Effect.result(attempt(hot, input))
        // A refusal, or a command that changes nothing, is an answer without a write to catch a stale memory.
        const unchecked = Result.isFailure(decided) || decided.success.events.length === 0
        if (inMemory !== undefined && unchecked) {
          // Decided on what is still to commit: wait for it, then decide again.
          if (!turn.settledFor(unit)) return { _tag: "Unsettled" } as const
          const stored = yield* tryStore(() =>
            db
              .select({ version: t.conversations.version })
              .from(t.conversations)
              .where(
                and(eq(t.conversations.id, input.conversationId), eq(t.conversations.shopId, input.shopId)),
              ),
          )
          if (stored[0]?.version !== inMemory.state.version) {
            hot = yield* read
            decided = yield* Effect.result(attempt(hot, input))
          }
        }
        if (Result.isFailure(decided)) return yield* Effect.fail(decided.failure)
        const { command, events, now } = decided.success
        const state = hot?.state ?? null
        const named =
          hot ??
          (command._tag === "StartConversation"
            ? yield* tryStore(() => customerFor(db, input.shopId, command.customerId))
            : { customerName: "", customerEmail: null })
        let after = state
        for (const e of events) after = evolve(after, e)
        if (after === null) return yield* Effect.die(new Error("decide produced no conversation"))
        const oldVersion = state?.version ?? 0
        const committed: Committed = {
          before: state,
          conversation: after,
          customerName: named.customerName,
          events: events.map((event, i) => ({
            conversationId: after.id,
            seq: oldVersion + i + 1,
            shopSeq: 0,
            event,
          })),
        }
        const stateJson = JSON.stringify(after)
        const next: Hot = {
          state: after,
          customerName: named.customerName,
          customerEmail: named.customerEmail,
        }
        const staged: Decided = {
          after: next,
          bytes: hotBytes(stateJson, next),
          eventCount: events.length,
          statements: changeWrites({
            shopId: input.shopId,
            before: state,
            after,
            events,
            customerName: named.customerName,
            customerEmail: named.customerEmail,
            now,
            stateJson,
          }),
        }
        return { _tag: "Decided", committed, decided: staged } as const
      })

    // No span: every message runs this, and a span (with its stack capture) costs ~10 µs a call (#17).
    const execute = <E, R, R2 = never>(input: ExecuteInput<E, R, R2>) =>
      Effect.gen(function* () {
        const onCommitted = input.onCommitted ?? (() => Effect.void)
        const writer = writers.of(input.shopId)
        const unit = yield* UnitOfWork.CurrentUnit
        for (let i = 1; i <= MAX_ATTEMPTS; i++) {
          const turn = yield* turnOn(writer, input.conversationId, unit)
          const made = yield* decideIn(turn, input, unit).pipe(
            Effect.onError(() => Effect.sync(turn.release)),
          )
          if (made._tag === "Unsettled") {
            turn.release()
            yield* Effect.promise(() => writer.idle(input.conversationId))
            continue
          }
          const { committed, decided } = made
          if (committed.events.length === 0) {
            turn.release()
            return committed
          }
          if (unit !== null) {
            // The request's unit commits this with its stored answer; its owner decides again on a conflict.
            const item = turn.hold(decided, unit)
            // The whole context of this fiber, set back as it is: provideContext would merge it into the
            // committing fiber's, copying every service of the runtime for each message (#17).
            const context = yield* Effect.context<R2>()
            unit.afterCommit.push(
              Effect.suspend(() => onCommitted(withShopSeqs(committed, item.shopSeqs))).pipe(
                Effect.setContext(context),
              ),
            )
            return committed
          }
          const { outcome, shopSeqs } = yield* Effect.promise(() => turn.stage(decided))
          if (outcome._tag === "Committed") {
            const durable = withShopSeqs(committed, shopSeqs)
            yield* onCommitted(durable)
            return durable
          }
          if (outcome._tag === "Failed")
            return yield* Effect.fail(
              new StoreUnavailable({
                message: outcome.cause instanceof Error ? outcome.cause.message : String(outcome.cause),
              }),
            )
          // Someone committed first: let them finish, then read it again and decide again.
          yield* Effect.sleep(i)
        }
        return yield* Effect.fail(
          new VersionConflict({ conversationId: input.conversationId, attempts: MAX_ATTEMPTS }),
        )
      })

    const load = Effect.fn("Conversations.load")(function* (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) {
      const loaded = yield* tryStore(() => loadFor(db, shopId, conversationId))
      return loaded?.state ?? null
    })

    const loadNamed = Effect.fn("Conversations.loadNamed")(function* (
      shopId: Ids.ShopId,
      conversationId: Ids.ConversationId,
    ) {
      const loaded = yield* tryStore(() => loadFor(db, shopId, conversationId))
      return loaded === null ? null : { state: loaded.state, customerName: loaded.customerName }
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
      // The last number the shop's log gave (ConversationWrites: there is no counter row).
      const rows = yield* tryStore(() =>
        db
          .select({ seq: max(t.conversationEvents.shopSeq) })
          .from(t.conversationEvents)
          .where(eq(t.conversationEvents.shopId, shopId)),
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

/** The repository over the shop writers of this runtime (one per shop, shared with IdempotencyKeys). */
export const layer: Layer.Layer<Conversations, never, Database> = layerNoWriters.pipe(
  Layer.provide(Writers.layer),
)

/** The row a staff member sees, from a committed state. */
export const rowFor = (c: Committed, viewer: Ids.StaffId): InboxRow.InboxRow =>
  InboxRow.inboxRow(c.conversation, viewer, c.customerName)
