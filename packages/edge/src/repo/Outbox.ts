/** The outbox of replies to deliver (R2): due deliveries, and the status each attempt leaves behind. */
import { DeliveryFailure, type Ids } from "@inbox/core"
import type { Delivery } from "@inbox/core/wire"
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export type OutboxEntry = typeof t.outbox.$inferSelect

export class Outbox extends Context.Service<
  Outbox,
  {
    /** Queued deliveries whose next attempt is due, oldest first. */
    readonly due: (now: number, limit: number) => Effect.Effect<ReadonlyArray<OutboxEntry>, StoreUnavailable>
    /**
     * Takes a due delivery for `leaseMs` (its next attempt moves past the lease), so two dispatchers sharing a
     * database never send the same reply twice; false when another one took it first.
     */
    readonly claim: (id: number, now: number, leaseMs: number) => Effect.Effect<boolean, StoreUnavailable>
    readonly record: (
      id: number,
      update: {
        status: "queued" | "sent" | "failed"
        attempts: number
        nextAttemptAt: number
        /** `DeliveryFailure.toStored` of the reason. */
        reason: string | null
        now: number
      },
    ) => Effect.Effect<void, StoreUnavailable>
    /**
     * The texts of the conversation's replies created since `since` that are queued or sent: an echo of one
     * of them arriving before the Send API answered is ours, not the shop writing elsewhere.
     */
    readonly recentReplyTexts: (
      shopId: Ids.ShopId,
      conversationId: string,
      since: number,
    ) => Effect.Effect<ReadonlyArray<string>, StoreUnavailable>
    /** Delivery of each reply of a conversation, by the reply's sequence number. */
    readonly deliveriesOf: (
      shopId: Ids.ShopId,
      conversationId: string,
    ) => Effect.Effect<ReadonlyMap<number, Delivery>, StoreUnavailable>
  }
>()("@inbox/edge/repo/Outbox") {}

export const toDelivery = (r: Pick<OutboxEntry, "status" | "channel" | "attempts" | "reason">): Delivery => ({
  status: r.status as Delivery["status"],
  channel: r.channel as Delivery["channel"],
  attempts: r.attempts,
  reason: r.reason === null ? null : DeliveryFailure.fromStored(r.reason),
})

export const layer: Layer.Layer<Outbox, never, Database> = Layer.effect(
  Outbox,
  Effect.gen(function* () {
    const { db } = yield* Database
    return Outbox.of({
      due: Effect.fn("Outbox.due")(function* (now: number, limit: number) {
        return yield* tryStore(() =>
          db
            .select()
            .from(t.outbox)
            .where(and(eq(t.outbox.status, "queued"), lte(t.outbox.nextAttemptAt, now)))
            .orderBy(asc(t.outbox.nextAttemptAt), asc(t.outbox.id))
            .limit(limit),
        )
      }),
      claim: Effect.fn("Outbox.claim")(function* (id: number, now: number, leaseMs: number) {
        const taken = yield* tryStore(() =>
          db
            .update(t.outbox)
            .set({ nextAttemptAt: now + leaseMs })
            .where(and(eq(t.outbox.id, id), eq(t.outbox.status, "queued"), lte(t.outbox.nextAttemptAt, now)))
            .returning({ id: t.outbox.id }),
        )
        return taken.length > 0
      }),
      record: Effect.fn("Outbox.record")(function* (id, u) {
        yield* tryStore(() =>
          db
            .update(t.outbox)
            .set({
              status: u.status,
              attempts: u.attempts,
              nextAttemptAt: u.nextAttemptAt,
              reason: u.reason,
              updatedAt: u.now,
            })
            .where(and(eq(t.outbox.id, id), inArray(t.outbox.status, ["queued"]))),
        )
      }),
      recentReplyTexts: Effect.fn("Outbox.recentReplyTexts")(function* (shopId, conversationId, since) {
        const rows = yield* tryStore(() =>
          db
            .select({ payload: t.outbox.payload })
            .from(t.outbox)
            .where(
              and(
                eq(t.outbox.shopId, shopId),
                eq(t.outbox.conversationId, conversationId),
                inArray(t.outbox.status, ["queued", "sent"]),
                gte(t.outbox.createdAt, since),
              ),
            ),
        )
        return rows.flatMap((r) => {
          const text = (r.payload as { event?: { text?: unknown } }).event?.text
          return typeof text === "string" ? [text] : []
        })
      }),
      deliveriesOf: Effect.fn("Outbox.deliveriesOf")(function* (shopId: Ids.ShopId, conversationId: string) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.outbox)
            .where(and(eq(t.outbox.shopId, shopId), eq(t.outbox.conversationId, conversationId))),
        )
        return new Map(rows.map((r) => [r.seq, toDelivery(r)]))
      }),
    })
  }),
)
