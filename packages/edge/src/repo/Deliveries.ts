/** A reply's delivery in the outbox, and the one-click retry of a failed one (a guarded update: never twice). */
import { DeliveryFailure, DeliveryRetry, type Ids } from "@inbox/core"
import type { Delivery } from "@inbox/core/wire"
import { and, eq, inArray } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"
import { toDelivery } from "./Outbox.ts"

export class Deliveries extends Context.Service<
  Deliveries,
  {
    /**
     * Queues a failed delivery again for an attempt now. Only the click that finds it failed changes it (the
     * update is conditional on `status = 'failed'`); later ones see it queued or sent and change nothing.
     */
    readonly retry: (
      shopId: Ids.ShopId,
      conversationId: string,
      seq: number,
      now: number,
    ) => Effect.Effect<
      { readonly delivery: Delivery; readonly requeued: boolean },
      StoreUnavailable | DeliveryRetry.ReplyNotFound | DeliveryRetry.ReplyNotRetryable
    >
    /**
     * The channel confirmed the reply reached the customer: a sent platform delivery becomes delivered. Only a
     * sent one of that platform changes, so a replayed or forged-looking receipt for anything else does nothing.
     */
    readonly markDelivered: (
      shopId: Ids.ShopId,
      platform: string,
      conversationId: string,
      seq: number,
      now: number,
    ) => Effect.Effect<Delivery | null, StoreUnavailable>
    /**
     * A platform's watermark says these replies reached the customer (`delivered`) or were seen (`read`). A
     * delivery only moves forward (sent → delivered → read), so a late or replayed watermark changes nothing.
     */
    readonly advance: (
      shopId: Ids.ShopId,
      platform: string,
      conversationId: string,
      seqs: ReadonlyArray<number>,
      to: "delivered" | "read",
      now: number,
    ) => Effect.Effect<ReadonlyArray<{ readonly seq: number; readonly delivery: Delivery }>, StoreUnavailable>
    /**
     * The customer's mail server bounced a sent email reply: its delivery fails with the report's reason, so
     * the merchant sees it and may retry. Only a sent or delivered email delivery changes.
     */
    readonly markBounced: (
      shopId: Ids.ShopId,
      conversationId: string,
      seq: number,
      reason: DeliveryFailure.DeliveryFailure,
      now: number,
    ) => Effect.Effect<Delivery | null, StoreUnavailable>
  }
>()("@inbox/edge/repo/Deliveries") {}

export const layer: Layer.Layer<Deliveries, never, Database> = Layer.effect(
  Deliveries,
  Effect.gen(function* () {
    const { db } = yield* Database
    const where = (shopId: string, conversationId: string, seq: number) =>
      and(eq(t.outbox.shopId, shopId), eq(t.outbox.conversationId, conversationId), eq(t.outbox.seq, seq))
    return Deliveries.of({
      retry: Effect.fn("Deliveries.retry")(function* (shopId, conversationId, seq, now) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.outbox)
            .where(where(shopId, conversationId, seq)),
        )
        const row = rows[0]
        if (row === undefined)
          return yield* Effect.fail(new DeliveryRetry.ReplyNotFound({ conversationId, seq }))
        const outcome = DeliveryRetry.retryOutcome(row.status as DeliveryRetry.DeliveryState)
        if (typeof outcome === "object") return yield* Effect.fail(outcome)
        if (outcome === "unchanged") return { delivery: toDelivery(row), requeued: false }
        const updated = yield* tryStore(() =>
          db
            .update(t.outbox)
            .set({ status: "queued", nextAttemptAt: now, reason: null, updatedAt: now })
            .where(and(where(shopId, conversationId, seq), eq(t.outbox.status, "failed")))
            .returning(),
        )
        if (updated[0] !== undefined) return { delivery: toDelivery(updated[0]), requeued: true }
        // Another click requeued it between our read and our update.
        const again = yield* tryStore(() =>
          db
            .select()
            .from(t.outbox)
            .where(where(shopId, conversationId, seq)),
        )
        return { delivery: toDelivery(again[0] ?? row), requeued: false }
      }),
      markDelivered: Effect.fn("Deliveries.markDelivered")(
        function* (shopId, platform, conversationId, seq, now) {
          const updated = yield* tryStore(() =>
            db
              .update(t.outbox)
              .set({ status: "delivered", updatedAt: now })
              .where(
                and(
                  where(shopId, conversationId, seq),
                  eq(t.outbox.channel, platform),
                  eq(t.outbox.status, "sent"),
                ),
              )
              .returning(),
          )
          return updated[0] === undefined ? null : toDelivery(updated[0])
        },
      ),
      advance: Effect.fn("Deliveries.advance")(function* (shopId, platform, conversationId, seqs, to, now) {
        if (seqs.length === 0) return []
        const updated = yield* tryStore(() =>
          db
            .update(t.outbox)
            .set({ status: to, updatedAt: now })
            .where(
              and(
                eq(t.outbox.shopId, shopId),
                eq(t.outbox.conversationId, conversationId),
                inArray(t.outbox.seq, [...seqs]),
                eq(t.outbox.channel, platform),
                inArray(t.outbox.status, to === "read" ? ["sent", "delivered"] : ["sent"]),
              ),
            )
            .returning(),
        )
        return updated.map((r) => ({ seq: r.seq, delivery: toDelivery(r) }))
      }),
      markBounced: Effect.fn("Deliveries.markBounced")(function* (shopId, conversationId, seq, reason, now) {
        const updated = yield* tryStore(() =>
          db
            .update(t.outbox)
            .set({ status: "failed", reason: DeliveryFailure.toStored(reason), updatedAt: now })
            .where(
              and(
                where(shopId, conversationId, seq),
                eq(t.outbox.channel, "email"),
                inArray(t.outbox.status, ["sent", "delivered"]),
              ),
            )
            .returning(),
        )
        return updated[0] === undefined ? null : toDelivery(updated[0])
      }),
    })
  }),
)
