/**
 * What the inbox last read from a shop's store, by kind and key, with when (`store_cache`). Values are
 * decoded with their Schema on the way out, like anything read from the wire.
 */
import type { Ids } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import { Effect, Schema } from "effect"
import type { Db } from "../../db/Database.ts"
import * as t from "../../db/schema.ts"
import { tryStore } from "../../repo/Conversations.ts"

export type CacheKind = "product" | "customer" | "orders" | "discount" | "email"

export interface Cached<A> {
  readonly value: A
  readonly fetchedAt: number
}

export const put = (db: Db, shopId: Ids.ShopId, kind: CacheKind, key: string, value: unknown, at: number) =>
  tryStore(() =>
    db
      .insert(t.storeCache)
      .values({ shopId, kind, key, value, fetchedAt: at })
      .onConflictDoUpdate({
        target: [t.storeCache.shopId, t.storeCache.kind, t.storeCache.key],
        set: { value, fetchedAt: at },
      }),
  ).pipe(Effect.asVoid)

export const remove = (db: Db, shopId: Ids.ShopId, kind: CacheKind, key: string) =>
  tryStore(() =>
    db
      .delete(t.storeCache)
      .where(and(eq(t.storeCache.shopId, shopId), eq(t.storeCache.kind, kind), eq(t.storeCache.key, key))),
  ).pipe(Effect.asVoid)

export const get = <S extends Schema.Top & Schema.Decoder<unknown>>(
  db: Db,
  shopId: Ids.ShopId,
  kind: CacheKind,
  key: string,
  schema: S,
) =>
  tryStore(() =>
    db
      .select()
      .from(t.storeCache)
      .where(and(eq(t.storeCache.shopId, shopId), eq(t.storeCache.kind, kind), eq(t.storeCache.key, key))),
  ).pipe(
    Effect.map((rows): Cached<S["Type"]> | null => {
      const r = rows[0]
      if (r === undefined) return null
      // A value written by an older version that no longer decodes is a miss, not an error.
      const decoded = Schema.decodeUnknownOption(schema)(r.value)
      return decoded._tag === "Some" ? { value: decoded.value, fetchedAt: r.fetchedAt } : null
    }),
  )

export const all = <S extends Schema.Top & Schema.Decoder<unknown>>(
  db: Db,
  shopId: Ids.ShopId,
  kind: CacheKind,
  schema: S,
) =>
  tryStore(() =>
    db
      .select()
      .from(t.storeCache)
      .where(and(eq(t.storeCache.shopId, shopId), eq(t.storeCache.kind, kind))),
  ).pipe(
    Effect.map((rows) =>
      rows.flatMap((r): Array<Cached<S["Type"]> & { readonly key: string }> => {
        const decoded = Schema.decodeUnknownOption(schema)(r.value)
        return decoded._tag === "Some" ? [{ key: r.key, value: decoded.value, fetchedAt: r.fetchedAt }] : []
      }),
    ),
  )

/** Forgets everything read from this shop's store (disconnect, shop/redact). */
export const clearShop = (db: Db, shopId: Ids.ShopId) =>
  tryStore(() => db.delete(t.storeCache).where(eq(t.storeCache.shopId, shopId))).pipe(Effect.asVoid)
