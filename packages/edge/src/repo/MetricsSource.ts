/** What the metrics are computed from: the event logs of conversations started in a range, and the shop's orders. */
import type { Event, Ids, Metrics } from "@inbox/core"
import { and, asc, eq, gte, inArray, lt, lte } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export class MetricsSource extends Context.Service<
  MetricsSource,
  {
    readonly logs: (
      shopId: Ids.ShopId,
      range: Metrics.DateRange,
    ) => Effect.Effect<ReadonlyArray<Metrics.ConversationLog>, StoreUnavailable>
    readonly orders: (
      shopId: Ids.ShopId,
      from: number,
      to: number,
    ) => Effect.Effect<ReadonlyArray<Metrics.Order>, StoreUnavailable>
  }
>()("@inbox/edge/repo/MetricsSource") {}

export const layer: Layer.Layer<MetricsSource, never, Database> = Layer.effect(
  MetricsSource,
  Effect.gen(function* () {
    const { db } = yield* Database
    return MetricsSource.of({
      logs: Effect.fn("MetricsSource.logs")(function* (shopId, range) {
        const conversations = yield* tryStore(() =>
          db
            .select({ id: t.conversations.id, customerId: t.conversations.customerId })
            .from(t.conversations)
            .where(
              and(
                eq(t.conversations.shopId, shopId),
                gte(t.conversations.startedAt, range.from),
                lt(t.conversations.startedAt, range.to),
              ),
            ),
        )
        if (conversations.length === 0) return []
        const events = yield* tryStore(() =>
          db
            .select({
              conversationId: t.conversationEvents.conversationId,
              payload: t.conversationEvents.payload,
            })
            .from(t.conversationEvents)
            .where(
              and(
                eq(t.conversationEvents.shopId, shopId),
                inArray(
                  t.conversationEvents.conversationId,
                  conversations.map((c) => c.id),
                ),
                inArray(t.conversationEvents.tag, [
                  "ConversationStarted",
                  "CustomerMessageReceived",
                  "ReplySent",
                  "TopicDetected",
                ]),
              ),
            )
            .orderBy(asc(t.conversationEvents.conversationId), asc(t.conversationEvents.seq)),
        )
        const byConversation = new Map<string, Array<Event.ConversationEvent>>()
        for (const e of events) {
          const list = byConversation.get(e.conversationId) ?? []
          list.push(e.payload as Event.ConversationEvent)
          byConversation.set(e.conversationId, list)
        }
        return conversations.map((c) => ({
          customerId: c.customerId,
          events: byConversation.get(c.id) ?? [],
        }))
      }),
      orders: Effect.fn("MetricsSource.orders")(function* (shopId, from, to) {
        return yield* tryStore(() =>
          db
            .select({ customerId: t.orders.customerId, placedAt: t.orders.placedAt })
            .from(t.orders)
            .where(
              and(eq(t.orders.shopId, shopId), gte(t.orders.placedAt, from), lte(t.orders.placedAt, to)),
            ),
        )
      }),
    })
  }),
)
