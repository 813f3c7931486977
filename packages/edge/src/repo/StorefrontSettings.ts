/**
 * The "Chat on your store" settings of a shop: its allowed origins and its identity secret as sealed by
 * SecretBox (the workflow seals and opens it; this table never holds it in clear).
 */
import type { Ids, StorefrontOrigin } from "@inbox/core"
import { eq } from "drizzle-orm"
import { Context, Effect, Layer, Schema } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"
import * as ShopCache from "./ShopCache.ts"

export interface StorefrontSettingsRecord {
  readonly allowedOrigins: ReadonlyArray<string>
  /** The identity secret sealed by SecretBox, or null when signed customers are not checked. */
  readonly sealedIdentitySecret: string | null
  readonly identitySecretCreatedAt: number | null
}

const NONE: StorefrontSettingsRecord = {
  allowedOrigins: [],
  sealedIdentitySecret: null,
  identitySecretCreatedAt: null,
}

/** How long settings read from the store are trusted without reading them again (see ShopCache). */
const FRESH_MS = 5_000

const Origins = Schema.Array(Schema.String)
const decodeOrigins = Schema.decodeUnknownOption(Origins)

export class StorefrontSettings extends Context.Service<
  StorefrontSettings,
  {
    readonly get: (shopId: Ids.ShopId) => Effect.Effect<StorefrontSettingsRecord, StoreUnavailable>
    readonly setAllowedOrigins: (
      shopId: Ids.ShopId,
      origins: ReadonlyArray<StorefrontOrigin.StorefrontOrigin>,
      now: number,
    ) => Effect.Effect<void, StoreUnavailable>
    /** A new sealed secret (or null to stop checking identities); the previous one stops working at once. */
    readonly setIdentitySecret: (
      shopId: Ids.ShopId,
      sealed: string | null,
      now: number,
    ) => Effect.Effect<void, StoreUnavailable>
  }
>()("@inbox/edge/repo/StorefrontSettings") {}

export const layer: Layer.Layer<StorefrontSettings, never, Database> = Layer.effect(
  StorefrontSettings,
  Effect.gen(function* () {
    const { db } = yield* Database
    const row = (shopId: Ids.ShopId) =>
      tryStore(() =>
        db.select().from(t.storefrontSettings).where(eq(t.storefrontSettings.shopId, shopId)),
      ).pipe(Effect.map((rows) => rows[0]))
    const known = ShopCache.make<StorefrontSettingsRecord>(FRESH_MS)
    return StorefrontSettings.of({
      // Every chat request checks its origin against these: kept in memory, forgotten when saved.
      // Untraced: read (from memory) for every shopper request; a named span costs ~10 µs a call (#17).
      get: Effect.fnUntraced(function* (shopId) {
        return yield* known.get(
          shopId,
          row(shopId).pipe(
            Effect.map((r): StorefrontSettingsRecord => {
              if (r === undefined) return NONE
              const origins = decodeOrigins(r.allowedOrigins)
              return {
                allowedOrigins: origins._tag === "Some" ? origins.value : [],
                sealedIdentitySecret: r.identitySecret,
                identitySecretCreatedAt: r.identitySecretCreatedAt,
              }
            }),
          ),
        )
      }),
      setAllowedOrigins: Effect.fn("StorefrontSettings.setAllowedOrigins")(function* (shopId, origins, now) {
        known.forget(shopId)
        yield* tryStore(() =>
          db
            .insert(t.storefrontSettings)
            .values({ shopId, allowedOrigins: origins, updatedAt: now })
            .onConflictDoUpdate({
              target: t.storefrontSettings.shopId,
              set: { allowedOrigins: origins, updatedAt: now },
            }),
        )
        known.forget(shopId)
      }),
      setIdentitySecret: Effect.fn("StorefrontSettings.setIdentitySecret")(function* (shopId, sealed, now) {
        const createdAt = sealed === null ? null : now
        known.forget(shopId)
        yield* tryStore(() =>
          db
            .insert(t.storefrontSettings)
            .values({
              shopId,
              allowedOrigins: [],
              identitySecret: sealed,
              identitySecretCreatedAt: createdAt,
              updatedAt: now,
            })
            .onConflictDoUpdate({
              target: t.storefrontSettings.shopId,
              set: { identitySecret: sealed, identitySecretCreatedAt: createdAt, updatedAt: now },
            }),
        )
        known.forget(shopId)
      }),
    })
  }),
)
