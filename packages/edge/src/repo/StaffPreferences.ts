/** Each staff member's own preferences (notification settings); defaults until they save some. */
import { type Ids, Notifications } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import { Context, Effect, Layer, Schema } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

type Settings = Notifications.NotificationSettings

export class StaffPreferences extends Context.Service<
  StaffPreferences,
  {
    readonly notifications: (
      shopId: Ids.ShopId,
      staffId: Ids.StaffId,
    ) => Effect.Effect<Settings, StoreUnavailable>
    readonly setNotifications: (
      shopId: Ids.ShopId,
      staffId: Ids.StaffId,
      settings: Settings,
      now: number,
    ) => Effect.Effect<void, StoreUnavailable>
  }
>()("@inbox/edge/repo/StaffPreferences") {}

const decode = Schema.decodeUnknownOption(Notifications.NotificationSettings)

export const layer: Layer.Layer<StaffPreferences, never, Database> = Layer.effect(
  StaffPreferences,
  Effect.gen(function* () {
    const { db } = yield* Database
    return StaffPreferences.of({
      notifications: Effect.fn("StaffPreferences.notifications")(function* (shopId, staffId) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.staffPreferences)
            .where(and(eq(t.staffPreferences.shopId, shopId), eq(t.staffPreferences.staffId, staffId))),
        )
        const stored = rows[0] === undefined ? undefined : decode(rows[0].notifications)
        return stored?._tag === "Some" ? stored.value : Notifications.DEFAULT_SETTINGS
      }),
      setNotifications: Effect.fn("StaffPreferences.setNotifications")(
        function* (shopId, staffId, settings, now) {
          yield* tryStore(() =>
            db
              .insert(t.staffPreferences)
              .values({ staffId, shopId, notifications: settings, updatedAt: now })
              .onConflictDoUpdate({
                target: t.staffPreferences.staffId,
                set: { notifications: settings, updatedAt: now },
              }),
          )
        },
      ),
    })
  }),
)
