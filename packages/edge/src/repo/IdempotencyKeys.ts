/**
 * Answers stored under a client's write id (`clientMessageId`, `clientActionId`, a platform's `messageId`):
 * the first answer is stored, encoded, in the same transaction as the writes it answers, so a replay gets that
 * answer back and writes nothing; two requests racing with one key write once. The shop's writer remembers
 * recent answers, so a replay is usually answered without a read. @see R2
 */
import type { Ids } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import { Clock, Context, Effect, Layer, Schema } from "effect"
import { Database, StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { IdempotencyKeyReused } from "../http/EdgeErrors.ts"
import * as Writers from "../writer/ShopWriters.ts"
import { MAX_ATTEMPTS, tryStore } from "./Conversations.ts"
import * as UnitOfWork from "./UnitOfWork.ts"

/** An answer as it left the first time: its status and its encoded (JSON) body. */
export interface StoredAnswer {
  readonly status: number
  readonly body: unknown
  /** `body` as JSON text when this request wrote it: the HTTP answer sends it as stored, not encoded again. */
  readonly json?: string
}

/** A stored answer with the fingerprint of the request it answered (null for keys stored before L5). */
export interface KeptAnswer extends StoredAnswer {
  readonly fingerprint: string | null
}

/**
 * A 64-bit hash (hex, 16 digits) of a request's JSON: who sent it and what it asked. It only tells apart two
 * requests under one key, which is already scoped to one sender's chat and write id, so it need not resist a
 * forger (who could only confuse their own retries); being synchronous and cheap, it costs a message nothing
 * like a SHA-256 (a digest on a worker thread, then back). Two independently seeded multiply-xorshift lanes
 * over the UTF-16 units (cyrb53's mixing, both lanes kept).
 */
export const fingerprintOf = (request: unknown): string => {
  const text = JSON.stringify(request) ?? ""
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0")
}

/**
 * Whether a stored fingerprint names another request than `fingerprint`. One stored before L5 (null), or by
 * the SHA-256 this hash replaced (64 digits), cannot be compared: the stored answer stands, as it did then.
 */
export const isOtherRequest = (stored: string | null, fingerprint: string | null): boolean =>
  fingerprint !== null && stored !== null && stored.length === fingerprint.length && stored !== fingerprint

export class IdempotencyKeys extends Context.Service<
  IdempotencyKeys,
  {
    /** The answer stored under the key, as this process remembers it or, failing that, as the store holds it. */
    readonly answered: (shopId: Ids.ShopId, key: string) => Effect.Effect<KeptAnswer | null, StoreUnavailable>
    /** The answer this process remembers under the key (no read). */
    readonly remembered: (shopId: Ids.ShopId, key: string) => KeptAnswer | undefined
    /** A request of this process writing under the key right now: settles when it is done. */
    readonly claimed: (shopId: Ids.ShopId, key: string) => Promise<unknown> | undefined
    readonly claim: (shopId: Ids.ShopId, key: string, until: Promise<unknown>) => void
    /**
     * Seals the unit with the answer stored under the key, first in its transaction, and waits for it: the
     * body's JSON text as stored, or null when a constraint refused it (this key was answered before, or
     * another writer came first).
     */
    readonly commitAnswering: (
      unit: UnitOfWork.Unit,
      shopId: Ids.ShopId,
      key: string,
      answer: StoredAnswer,
      fingerprint: string | null,
    ) => Effect.Effect<string | null, StoreUnavailable>
    /** Gives up an open unit: its decisions are dropped and its conversations free again. */
    readonly abandon: (unit: UnitOfWork.Unit) => void
  }
>()("@inbox/edge/repo/IdempotencyKeys") {}

const STORE_ANSWER =
  "insert into idempotency_keys (shop_id, key, status, response, fingerprint, created_at) values (?, ?, ?, ?, ?, ?)"

/** Roughly what an answer of this JSON takes in memory. */
const answerBytes = (json: string, key: string): number => 4 * (json.length + key.length) + 256

const layerNoWriters: Layer.Layer<IdempotencyKeys, never, Database | Writers.ShopWriters> = Layer.effect(
  IdempotencyKeys,
  Effect.gen(function* () {
    const { db } = yield* Database
    const writers = yield* Writers.ShopWriters
    const remembered = (shopId: Ids.ShopId, key: string) => writers.of(shopId).answered<KeptAnswer>(key)
    return IdempotencyKeys.of({
      answered: Effect.fn("IdempotencyKeys.answered")(function* (shopId, key) {
        const known = remembered(shopId, key)
        if (known !== undefined) return known
        const rows = yield* tryStore(() =>
          db
            .select({
              status: t.idempotencyKeys.status,
              response: t.idempotencyKeys.response,
              fingerprint: t.idempotencyKeys.fingerprint,
            })
            .from(t.idempotencyKeys)
            .where(and(eq(t.idempotencyKeys.shopId, shopId), eq(t.idempotencyKeys.key, key))),
        )
        const row = rows[0]
        return row === undefined
          ? null
          : { status: row.status, body: row.response, fingerprint: row.fingerprint }
      }),
      remembered,
      claimed: (shopId, key) => writers.of(shopId).claimed(key),
      claim: (shopId, key, until) => writers.of(shopId).claim(key, until),
      // Untraced, as answerOnce: every keyed write runs it (#17).
      commitAnswering: Effect.fnUntraced(function* (unit, shopId, key, answer, fingerprint) {
        const createdAt = yield* Clock.currentTimeMillis
        const writer = writers.of(shopId)
        const body = JSON.stringify(answer.body)
        const outcome = yield* Effect.promise(() =>
          writer.seal(unit, {
            sql: STORE_ANSWER,
            args: [shopId, key, answer.status, body, fingerprint, createdAt],
          }),
        )
        if (outcome._tag === "Failed")
          return yield* Effect.fail(
            new StoreUnavailable({
              message: outcome.cause instanceof Error ? outcome.cause.message : String(outcome.cause),
            }),
          )
        if (outcome._tag === "Conflict") return null
        writer.remember(key, { ...answer, fingerprint }, answerBytes(body, key))
        return body
      }),
      abandon: (unit) => {
        if (unit.writer !== null) unit.writer.abandon(unit)
        else unit.settle({ _tag: "Failed", cause: new Error("abandoned") })
      },
    })
  }),
)

/** The keys over the shop writers of this runtime (the ones Conversations decides with). */
export const layer: Layer.Layer<IdempotencyKeys, never, Database> = layerNoWriters.pipe(
  Layer.provide(Writers.layer),
)

/**
 * Runs `write` at most once per key and answers what its first run answered. The write's decisions join one
 * unit that commits with the stored answer. A key this process is writing is waited for; a key it remembers is
 * answered from memory; a key it never saw is taken as new (nothing is read) and, if the store knew it after
 * all, the unit is refused and the stored answer read on the next attempt. When another writer came first on
 * a conversation the write is decided again on the new state. No span: every keyed write (each message sent)
 * runs it, a span costs ~10 µs a call and no tracer reads it (#17).
 */
export const answerOnce = <A, E, R>(
  shopId: Ids.ShopId,
  key: string,
  write: Effect.Effect<A, E, R>,
  encode: (answer: A) => StoredAnswer,
): Effect.Effect<StoredAnswer, E | StoreUnavailable, R | IdempotencyKeys> =>
  // Without a fingerprint nothing is compared, so IdempotencyKeyReused cannot happen.
  answerOnceFor(shopId, key, write, encode, null).pipe(
    Effect.catchTag("IdempotencyKeyReused", (e) => Effect.die(e)),
  ) as Effect.Effect<StoredAnswer, E | StoreUnavailable, R | IdempotencyKeys>

/**
 * `answerOnce` for a client's write id: the key again with another fingerprint (another body, or another
 * sender) fails IdempotencyKeyReused instead of answering the first request's answer (Stripe's rule). @see L5
 * No span: every keyed write runs this, and a span (with its stack capture) costs ~10 µs a call (#17).
 */
export const answerOnceFor = <A, E, R>(
  shopId: Ids.ShopId,
  key: string,
  write: Effect.Effect<A, E, R>,
  encode: (answer: A) => StoredAnswer,
  fingerprint: string | null,
): Effect.Effect<StoredAnswer, E | StoreUnavailable | IdempotencyKeyReused, R | IdempotencyKeys> =>
  Effect.gen(function* () {
    const keys = yield* IdempotencyKeys
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const busy = keys.claimed(shopId, key)
      if (busy !== undefined) {
        yield* Effect.promise(() => busy)
        continue
      }
      const known = i === 1 ? (keys.remembered(shopId, key) ?? null) : yield* keys.answered(shopId, key)
      if (known !== null) {
        if (isOtherRequest(known.fingerprint, fingerprint))
          return yield* Effect.fail(new IdempotencyKeyReused())
        return { status: known.status, body: known.body }
      }
      const unit = UnitOfWork.open()
      let release = () => {}
      keys.claim(
        shopId,
        key,
        new Promise<void>((ok) => {
          release = ok
        }),
      )
      const settled = yield* Effect.gen(function* () {
        const answer = encode(yield* write.pipe(Effect.provideService(UnitOfWork.CurrentUnit, unit)))
        const json = yield* keys.commitAnswering(unit, shopId, key, answer, fingerprint)
        return json === null ? null : { ...answer, json }
      }).pipe(
        Effect.onExit(() =>
          Effect.sync(() => {
            if (unit.state === "open") keys.abandon(unit)
            release()
          }),
        ),
      )
      if (settled !== null) {
        for (const fanOut of unit.afterCommit) yield* fanOut
        return settled
      }
      yield* Effect.sleep(i)
    }
    return yield* Effect.fail(new StoreUnavailable({ message: `writes with key ${key} kept colliding` }))
  })

/** A stored answer read back with the Schema it was encoded with; one that no longer decodes is a bug. */
export const decodeStored = <S extends Schema.Codec<unknown, unknown>>(schema: S, body: unknown) =>
  Schema.decodeUnknownEffect(schema)(body).pipe(Effect.orDie)
