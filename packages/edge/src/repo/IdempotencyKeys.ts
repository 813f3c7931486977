/**
 * Answers stored under a client's write id (`clientMessageId`, `clientActionId`, a platform's `messageId`):
 * the first answer is stored, encoded, in the same batch as the writes it answers, so a replay gets that
 * answer back and writes nothing; two requests racing with one key write once. @see R2
 */
import type { Ids } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import { Clock, Context, Effect, Layer, Schema } from "effect"
import { Database, StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { MAX_ATTEMPTS, tryStore } from "./Conversations.ts"
import * as UnitOfWork from "./UnitOfWork.ts"

/** An answer as it left the first time: its status and its encoded (JSON) body. */
export interface StoredAnswer {
  readonly status: number
  readonly body: unknown
}

export class IdempotencyKeys extends Context.Service<
  IdempotencyKeys,
  {
    readonly answered: (
      shopId: Ids.ShopId,
      key: string,
    ) => Effect.Effect<StoredAnswer | null, StoreUnavailable>
    /** Commits the unit with the answer stored under the key, in one batch: false when another writer came first. */
    readonly commitAnswering: (
      unit: UnitOfWork.Unit,
      shopId: Ids.ShopId,
      key: string,
      answer: StoredAnswer,
    ) => Effect.Effect<boolean, StoreUnavailable>
  }
>()("@inbox/edge/repo/IdempotencyKeys") {}

export const layer: Layer.Layer<IdempotencyKeys, never, Database> = Layer.effect(
  IdempotencyKeys,
  Effect.gen(function* () {
    const database = yield* Database
    const { db } = database
    return IdempotencyKeys.of({
      answered: Effect.fn("IdempotencyKeys.answered")(function* (shopId, key) {
        const rows = yield* tryStore(() =>
          db
            .select({ status: t.idempotencyKeys.status, response: t.idempotencyKeys.response })
            .from(t.idempotencyKeys)
            .where(and(eq(t.idempotencyKeys.shopId, shopId), eq(t.idempotencyKeys.key, key))),
        )
        const row = rows[0]
        return row === undefined ? null : { status: row.status, body: row.response }
      }),
      commitAnswering: Effect.fn("IdempotencyKeys.commitAnswering")(function* (unit, shopId, key, answer) {
        const createdAt = yield* Clock.currentTimeMillis
        // First in the batch: a second request with this key fails here, before anything else is written.
        const stored = db
          .insert(t.idempotencyKeys)
          .values({ shopId, key, status: answer.status, response: answer.body, createdAt })
        return yield* UnitOfWork.commit(unit, [stored]).pipe(Effect.provideService(Database, database))
      }),
    })
  }),
)

/**
 * Runs `write` at most once per key and answers what its first run answered. The write's own commits join
 * one unit with the stored answer; when another writer came first (this key, or the same conversation) the
 * stored answer is read again, or the write decided again on the new state.
 */
export const answerOnce = <A, E, R>(
  shopId: Ids.ShopId,
  key: string,
  write: Effect.Effect<A, E, R>,
  encode: (answer: A) => StoredAnswer,
): Effect.Effect<StoredAnswer, E | StoreUnavailable, R | IdempotencyKeys> =>
  Effect.gen(function* () {
    const keys = yield* IdempotencyKeys
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const stored = yield* keys.answered(shopId, key)
      if (stored !== null) return stored
      const unit = UnitOfWork.open()
      const answer = encode(yield* write.pipe(Effect.provideService(UnitOfWork.CurrentUnit, unit)))
      if (yield* keys.commitAnswering(unit, shopId, key, answer)) return answer
      yield* Effect.sleep(i)
    }
    return yield* Effect.fail(new StoreUnavailable({ message: `writes with key ${key} kept colliding` }))
  }).pipe(Effect.withSpan("IdempotencyKeys.answerOnce"))

/** A stored answer read back with the Schema it was encoded with; one that no longer decodes is a bug. */
export const decodeStored = <S extends Schema.Codec<unknown, unknown>>(schema: S, body: unknown) =>
  Schema.decodeUnknownEffect(schema)(body).pipe(Effect.orDie)
