/** Per-shop settings: availability hours and automatic first replies (default: none, always open). */
import { AutomaticReply, type Ids } from "@inbox/core"
import { eq } from "drizzle-orm"
import { Context, Effect, Layer, Schema } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

type Settings = AutomaticReply.AutomaticReplies

export class ShopSettings extends Context.Service<
  ShopSettings,
  {
    readonly automaticReplies: (shopId: Ids.ShopId) => Effect.Effect<Settings, StoreUnavailable>
    readonly setAutomaticReplies: (
      shopId: Ids.ShopId,
      settings: Settings,
      now: number,
    ) => Effect.Effect<void, StoreUnavailable>
  }
>()("@inbox/edge/repo/ShopSettings") {}

const decode = Schema.decodeUnknownOption(AutomaticReply.AutomaticReplies)

export const layer: Layer.Layer<ShopSettings, never, Database> = Layer.effect(
  ShopSettings,
  Effect.gen(function* () {
    const { db } = yield* Database
    return ShopSettings.of({
      automaticReplies: Effect.fn("ShopSettings.automaticReplies")(function* (shopId) {
        const rows = yield* tryStore(() =>
          db.select().from(t.shopSettings).where(eq(t.shopSettings.shopId, shopId)),
        )
        const stored = rows[0] === undefined ? undefined : decode(rows[0].automaticReplies)
        // A row written by a newer or older shape than this build reads as "no automatic replies".
        return stored?._tag === "Some" ? stored.value : AutomaticReply.NO_AUTOMATIC_REPLIES
      }),
      setAutomaticReplies: Effect.fn("ShopSettings.setAutomaticReplies")(function* (shopId, settings, now) {
        yield* tryStore(() =>
          db
            .insert(t.shopSettings)
            .values({ shopId, automaticReplies: settings, updatedAt: now })
            .onConflictDoUpdate({
              target: t.shopSettings.shopId,
              set: { automaticReplies: settings, updatedAt: now },
            }),
        )
      }),
    })
  }),
)
