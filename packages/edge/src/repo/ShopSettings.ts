/**
 * Per-shop settings: availability hours and automatic first replies (default: none, always open). Every
 * customer message reads them, so they are kept in memory (ShopCache).
 */
import { AutomaticReply, type Ids } from "@inbox/core"
import { eq } from "drizzle-orm"
import { Context, Effect, Layer, Schema } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"
import * as ShopCache from "./ShopCache.ts"

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

/** How long settings read from the store are trusted without reading them again. */
const FRESH_MS = 5_000

export const layer: Layer.Layer<ShopSettings, never, Database> = Layer.effect(
  ShopSettings,
  Effect.gen(function* () {
    const { db } = yield* Database
    const known = ShopCache.make<Settings>(FRESH_MS)
    return ShopSettings.of({
      // Untraced: read (from memory) for every shopper message; a named span costs ~10 µs a call (#17).
      automaticReplies: Effect.fnUntraced(function* (shopId) {
        return yield* known.get(
          shopId,
          tryStore(() => db.select().from(t.shopSettings).where(eq(t.shopSettings.shopId, shopId))).pipe(
            Effect.map((rows) => {
              const stored = rows[0] === undefined ? undefined : decode(rows[0].automaticReplies)
              // A row written by a newer or older shape than this build reads as "no automatic replies".
              return stored?._tag === "Some" ? stored.value : AutomaticReply.NO_AUTOMATIC_REPLIES
            }),
          ),
        )
      }),
      setAutomaticReplies: Effect.fn("ShopSettings.setAutomaticReplies")(function* (shopId, settings, now) {
        known.forget(shopId)
        yield* tryStore(() =>
          db
            .insert(t.shopSettings)
            .values({ shopId, automaticReplies: settings, updatedAt: now })
            .onConflictDoUpdate({
              target: t.shopSettings.shopId,
              set: { automaticReplies: settings, updatedAt: now },
            }),
        )
        known.forget(shopId)
      }),
    })
  }),
)
