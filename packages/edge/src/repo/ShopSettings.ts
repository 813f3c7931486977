/**
 * Per-shop settings: availability hours and automatic first replies (default: none, always open). Every
 * customer message reads them, so they are kept in memory: forgotten when this runtime saves them, and read
 * again after a few seconds in case another process did.
 */
import { AutomaticReply, type Ids } from "@inbox/core"
import { eq } from "drizzle-orm"
import { Clock, Context, Effect, Layer, Schema } from "effect"
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

/** How long settings read from the store are trusted without reading them again. */
const FRESH_MS = 5_000

export const layer: Layer.Layer<ShopSettings, never, Database> = Layer.effect(
  ShopSettings,
  Effect.gen(function* () {
    const { db } = yield* Database
    const known = new Map<string, { readonly settings: Settings; readonly at: number }>()
    return ShopSettings.of({
      automaticReplies: Effect.fn("ShopSettings.automaticReplies")(function* (shopId) {
        const now = yield* Clock.currentTimeMillis
        const hit = known.get(shopId)
        if (hit !== undefined && now - hit.at < FRESH_MS && now >= hit.at) return hit.settings
        const rows = yield* tryStore(() =>
          db.select().from(t.shopSettings).where(eq(t.shopSettings.shopId, shopId)),
        )
        const stored = rows[0] === undefined ? undefined : decode(rows[0].automaticReplies)
        // A row written by a newer or older shape than this build reads as "no automatic replies".
        const settings = stored?._tag === "Some" ? stored.value : AutomaticReply.NO_AUTOMATIC_REPLIES
        known.set(shopId, { settings, at: now })
        return settings
      }),
      setAutomaticReplies: Effect.fn("ShopSettings.setAutomaticReplies")(function* (shopId, settings, now) {
        known.delete(shopId)
        yield* tryStore(() =>
          db
            .insert(t.shopSettings)
            .values({ shopId, automaticReplies: settings, updatedAt: now })
            .onConflictDoUpdate({
              target: t.shopSettings.shopId,
              set: { automaticReplies: settings, updatedAt: now },
            }),
        )
        known.delete(shopId)
      }),
    })
  }),
)
