/** Staff members' browsers that receive Web Push notifications, one row per push service endpoint. */
import type { I18n, Ids } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export interface PushSubscriptionRecord {
  readonly staffId: Ids.StaffId
  readonly endpoint: string
  readonly p256dh: string
  readonly auth: string
  readonly language: I18n.Locale
}

export class PushSubscriptions extends Context.Service<
  PushSubscriptions,
  {
    /** Adds the browser, or moves it (the same endpoint) to this staff member with its new keys. */
    readonly save: (
      shopId: Ids.ShopId,
      subscription: PushSubscriptionRecord,
      now: number,
    ) => Effect.Effect<void, StoreUnavailable>
    /** Only the staff member's own browser is removed. */
    readonly remove: (
      shopId: Ids.ShopId,
      staffId: Ids.StaffId | null,
      endpoint: string,
    ) => Effect.Effect<void, StoreUnavailable>
    readonly ofShop: (
      shopId: Ids.ShopId,
    ) => Effect.Effect<ReadonlyArray<PushSubscriptionRecord>, StoreUnavailable>
  }
>()("@inbox/edge/repo/PushSubscriptions") {}

export const layer: Layer.Layer<PushSubscriptions, never, Database> = Layer.effect(
  PushSubscriptions,
  Effect.gen(function* () {
    const { db } = yield* Database
    return PushSubscriptions.of({
      save: Effect.fn("PushSubscriptions.save")(function* (shopId, s, now) {
        const row = { staffId: s.staffId, p256dh: s.p256dh, auth: s.auth, language: s.language }
        yield* tryStore(() =>
          db
            .insert(t.pushSubscriptions)
            .values({ shopId, endpoint: s.endpoint, ...row, createdAt: now })
            .onConflictDoUpdate({
              target: [t.pushSubscriptions.shopId, t.pushSubscriptions.endpoint],
              set: row,
            }),
        )
      }),
      remove: Effect.fn("PushSubscriptions.remove")(function* (shopId, staffId, endpoint) {
        yield* tryStore(() =>
          db
            .delete(t.pushSubscriptions)
            .where(
              and(
                eq(t.pushSubscriptions.shopId, shopId),
                eq(t.pushSubscriptions.endpoint, endpoint),
                staffId === null ? undefined : eq(t.pushSubscriptions.staffId, staffId),
              ),
            ),
        )
      }),
      ofShop: Effect.fn("PushSubscriptions.ofShop")(function* (shopId) {
        const rows = yield* tryStore(() =>
          db.select().from(t.pushSubscriptions).where(eq(t.pushSubscriptions.shopId, shopId)),
        )
        return rows.map((r) => ({
          staffId: r.staffId as Ids.StaffId,
          endpoint: r.endpoint,
          p256dh: r.p256dh,
          auth: r.auth,
          language: r.language === "fr" ? ("fr" as const) : ("en" as const),
        }))
      }),
    })
  }),
)
