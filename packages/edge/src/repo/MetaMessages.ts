/**
 * Messenger/Instagram messages by Meta's `mid`, both ways (de-duplication, our own echoes, watermarks).
 * Writes are insert-or-ignore: a redelivered webhook or a retried send records nothing twice. @see R2
 */
import type { Ids } from "@inbox/core"
import { and, asc, eq, inArray, lte } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export type MetaMessage = typeof t.metaMessages.$inferSelect

export class MetaMessages extends Context.Service<
  MetaMessages,
  {
    readonly find: (shopId: Ids.ShopId, mid: string) => Effect.Effect<MetaMessage | null, StoreUnavailable>
    readonly record: (message: MetaMessage) => Effect.Effect<void, StoreUnavailable>
    /** The mids already sent for each part of a reply (a retry sends only the rest). */
    readonly sentParts: (
      shopId: Ids.ShopId,
      conversationId: string,
      seq: number,
    ) => Effect.Effect<ReadonlyMap<number, string>, StoreUnavailable>
    /** Our sends in the conversation up to a time, or with these mids: what a watermark covers. */
    readonly sentUpTo: (
      shopId: Ids.ShopId,
      conversationId: string,
      by: { readonly at: number } | { readonly mids: ReadonlyArray<string> },
    ) => Effect.Effect<ReadonlyArray<MetaMessage>, StoreUnavailable>
  }
>()("@inbox/edge/repo/MetaMessages") {}

export const layer: Layer.Layer<MetaMessages, never, Database> = Layer.effect(
  MetaMessages,
  Effect.gen(function* () {
    const { db } = yield* Database
    return MetaMessages.of({
      find: Effect.fn("MetaMessages.find")(function* (shopId, mid) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.metaMessages)
            .where(and(eq(t.metaMessages.shopId, shopId), eq(t.metaMessages.mid, mid))),
        )
        return rows[0] ?? null
      }),
      record: Effect.fn("MetaMessages.record")(function* (m) {
        yield* tryStore(() => db.insert(t.metaMessages).values(m).onConflictDoNothing())
      }),
      sentParts: Effect.fn("MetaMessages.sentParts")(function* (shopId, conversationId, seq) {
        const rows = yield* tryStore(() =>
          db
            .select({ part: t.metaMessages.part, mid: t.metaMessages.mid })
            .from(t.metaMessages)
            .where(
              and(
                eq(t.metaMessages.shopId, shopId),
                eq(t.metaMessages.conversationId, conversationId),
                eq(t.metaMessages.seq, seq),
                eq(t.metaMessages.direction, "out"),
              ),
            ),
        )
        return new Map(rows.map((r) => [r.part, r.mid]))
      }),
      sentUpTo: Effect.fn("MetaMessages.sentUpTo")(function* (shopId, conversationId, by) {
        return yield* tryStore(() =>
          db
            .select()
            .from(t.metaMessages)
            .where(
              and(
                eq(t.metaMessages.shopId, shopId),
                eq(t.metaMessages.conversationId, conversationId),
                eq(t.metaMessages.direction, "out"),
                "at" in by ? lte(t.metaMessages.at, by.at) : inArray(t.metaMessages.mid, [...by.mids]),
              ),
            )
            .orderBy(asc(t.metaMessages.at)),
        )
      }),
    })
  }),
)
