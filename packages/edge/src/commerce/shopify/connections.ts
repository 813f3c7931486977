/**
 * The shop's connection to its Shopify store: domain, scopes, the access token (sealed at rest, opened only
 * to call Shopify), sync and webhook health. Revocation (app/uninstalled, disconnect) drops the token at once.
 */
import type { Ids } from "@inbox/core"
import { and, eq, sql } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { SecretBox } from "../../auth/SecretBox.ts"
import { Database, type StoreUnavailable } from "../../db/Database.ts"
import * as t from "../../db/schema.ts"
import { tryStore } from "../../repo/Conversations.ts"
import type { AdminSession } from "./admin.ts"
import { SHOPIFY_API_VERSION } from "./queries.ts"

export interface Connection {
  readonly shopId: Ids.ShopId
  readonly shopDomain: string
  readonly apiVersion: string
  readonly scopes: string
  readonly status: "connected" | "revoked"
  readonly storeName: string | null
  readonly currency: string | null
  readonly connectedAt: number
  readonly lastSyncAt: number | null
  readonly lastSyncError: string | null
  readonly lastWebhookAt: number | null
  readonly webhooksReceived: number
}

export interface ActiveStore {
  readonly session: AdminSession
  /** When the catalogue was last copied whole. */
  readonly lastSyncAt: number | null
}

export class StoreConnections extends Context.Service<
  StoreConnections,
  {
    readonly get: (shopId: Ids.ShopId) => Effect.Effect<Connection | null, StoreUnavailable>
    readonly byDomain: (shopDomain: string) => Effect.Effect<Connection | null, StoreUnavailable>
    /** The domain and the opened token while connected; null otherwise (the built-in tables answer then). */
    readonly active: (shopId: Ids.ShopId) => Effect.Effect<ActiveStore | null, StoreUnavailable>
    readonly connect: (c: {
      readonly shopId: Ids.ShopId
      readonly shopDomain: string
      readonly scopes: string
      readonly accessToken: string
      readonly at: number
    }) => Effect.Effect<void, StoreUnavailable>
    /** Drops the token; the shop answers from the built-in tables until it is connected again. */
    readonly revoke: (shopDomain: string) => Effect.Effect<Connection | null, StoreUnavailable>
    readonly recordSync: (
      shopId: Ids.ShopId,
      r: {
        readonly at: number
        readonly error: string | null
        readonly storeName?: string
        readonly currency?: string
      },
    ) => Effect.Effect<void, StoreUnavailable>
    readonly recordWebhook: (shopDomain: string, at: number) => Effect.Effect<void, StoreUnavailable>
  }
>()("@inbox/edge/commerce/shopify/StoreConnections") {}

/** A sealed token opens only in its own shop's row. */
const tokenContext = (shopId: string): string => `shop/${shopId}/shopify-token`

const toConnection = (r: typeof t.storeConnections.$inferSelect): Connection => ({
  shopId: r.shopId as Ids.ShopId,
  shopDomain: r.shopDomain,
  apiVersion: r.apiVersion,
  scopes: r.scopes,
  status: r.status === "connected" && r.accessToken !== null ? "connected" : "revoked",
  storeName: r.storeName,
  currency: r.currency,
  connectedAt: r.connectedAt,
  lastSyncAt: r.lastSyncAt,
  lastSyncError: r.lastSyncError,
  lastWebhookAt: r.lastWebhookAt,
  webhooksReceived: r.webhooksReceived,
})

export const layer: Layer.Layer<StoreConnections, never, Database | SecretBox> = Layer.effect(
  StoreConnections,
  Effect.gen(function* () {
    const { db } = yield* Database
    const secrets = yield* SecretBox
    const rowOf = (shopId: Ids.ShopId) =>
      tryStore(() => db.select().from(t.storeConnections).where(eq(t.storeConnections.shopId, shopId))).pipe(
        Effect.map((rows) => rows[0] ?? null),
      )
    const rowByDomain = (shopDomain: string) =>
      tryStore(() =>
        db
          .select()
          .from(t.storeConnections)
          .where(eq(t.storeConnections.shopDomain, shopDomain.toLowerCase())),
      ).pipe(Effect.map((rows) => rows[0] ?? null))
    return StoreConnections.of({
      get: (shopId) => rowOf(shopId).pipe(Effect.map((r) => (r === null ? null : toConnection(r)))),
      byDomain: (shopDomain) =>
        rowByDomain(shopDomain).pipe(Effect.map((r) => (r === null ? null : toConnection(r)))),
      active: Effect.fn("StoreConnections.active")(function* (shopId) {
        const r = yield* rowOf(shopId)
        if (r === null || r.status !== "connected" || r.accessToken === null) return null
        const sealed = r.accessToken
        const accessToken = yield* Effect.promise(() => secrets.open(sealed, tokenContext(shopId)))
        // A token that no longer opens (the key changed) is as good as revoked: reconnect the store.
        if (accessToken === null) return null
        const active: ActiveStore = {
          session: { shopDomain: r.shopDomain, accessToken },
          lastSyncAt: r.lastSyncAt,
        }
        return active
      }),
      connect: Effect.fn("StoreConnections.connect")(function* (c) {
        const sealed = yield* Effect.promise(() => secrets.seal(c.accessToken, tokenContext(c.shopId)))
        const domain = c.shopDomain.toLowerCase()
        yield* tryStore(() =>
          db.batch([
            // One store connects one inbox shop: a domain moving to another shop leaves the old one.
            db
              .delete(t.storeConnections)
              .where(
                and(
                  eq(t.storeConnections.shopDomain, domain),
                  sql`${t.storeConnections.shopId} <> ${c.shopId}`,
                ),
              ),
            db
              .insert(t.storeConnections)
              .values({
                shopId: c.shopId,
                platform: "shopify",
                shopDomain: domain,
                apiVersion: SHOPIFY_API_VERSION,
                scopes: c.scopes,
                accessToken: sealed,
                status: "connected",
                connectedAt: c.at,
              })
              .onConflictDoUpdate({
                target: t.storeConnections.shopId,
                set: {
                  shopDomain: domain,
                  apiVersion: SHOPIFY_API_VERSION,
                  scopes: c.scopes,
                  accessToken: sealed,
                  status: "connected",
                  connectedAt: c.at,
                  lastSyncError: null,
                },
              }),
          ]),
        )
      }),
      revoke: Effect.fn("StoreConnections.revoke")(function* (shopDomain) {
        const rows = yield* tryStore(() =>
          db
            .update(t.storeConnections)
            .set({ accessToken: null, status: "revoked" })
            .where(eq(t.storeConnections.shopDomain, shopDomain.toLowerCase()))
            .returning(),
        )
        return rows[0] === undefined ? null : toConnection(rows[0])
      }),
      recordSync: (shopId, r) =>
        tryStore(() =>
          db
            .update(t.storeConnections)
            .set({
              lastSyncError: r.error,
              ...(r.error === null ? { lastSyncAt: r.at } : {}),
              ...(r.storeName === undefined ? {} : { storeName: r.storeName }),
              ...(r.currency === undefined ? {} : { currency: r.currency }),
            })
            .where(eq(t.storeConnections.shopId, shopId)),
        ).pipe(Effect.asVoid),
      recordWebhook: (shopDomain, at) =>
        tryStore(() =>
          db
            .update(t.storeConnections)
            .set({ lastWebhookAt: at, webhooksReceived: sql`${t.storeConnections.webhooksReceived} + 1` })
            .where(eq(t.storeConnections.shopDomain, shopDomain.toLowerCase())),
        ).pipe(Effect.asVoid),
    })
  }),
)
