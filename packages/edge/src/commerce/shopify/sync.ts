/**
 * The first sync after install (and any later full one): the store's name and currency, then the whole
 * catalogue a page at a time into the cache (dropping what the store no longer has), so the product picker
 * never waits on Shopify. Webhooks keep it current afterwards. The outcome is recorded on the connection (Store connection page).
 */
import type { CommerceErrors, Ids } from "@inbox/core"
import { Effect } from "effect"
import { Database } from "../../db/Database.ts"
import { graphql } from "./admin.ts"
import * as Cache from "./cache.ts"
import { StoreConnections } from "./connections.ts"
import { fromProductNode, StoreProduct } from "./mapping.ts"
import * as Q from "./queries.ts"
import { ShopifySettings } from "./settings.ts"

/** Pages of 50 products; a catalogue larger than this is served live beyond it. */
const MAX_PAGES = 200

export const syncStore = Effect.fn("Shopify.sync")(function* (shopId: Ids.ShopId) {
  const connections = yield* StoreConnections
  const settings = yield* ShopifySettings
  const { db } = yield* Database
  const active = yield* connections.active(shopId)
  if (active === null) return { synced: false, products: 0 }
  const q = <S extends Parameters<typeof graphql>[4]>(op: string, vars: Record<string, unknown>, schema: S) =>
    graphql(settings.admin, active.session, op, vars, schema)
  const run = Effect.gen(function* () {
    const shop = yield* q(Q.SHOP, {}, Q.ShopData)
    let after: string | null = null
    let count = 0
    let complete = false
    const seen = new Set<string>()
    for (let n = 0; n < MAX_PAGES; n++) {
      const data: typeof Q.ProductsData.Type = yield* q(
        Q.PRODUCTS,
        { first: 50, after, query: null },
        Q.ProductsData,
      )
      const at = yield* Effect.clockWith((c) => c.currentTimeMillis)
      for (const node of data.products.nodes) {
        const p = fromProductNode(active.session.shopDomain, node)
        yield* Cache.put(db, shopId, "product", p.product.id, p, at)
        seen.add(p.product.id)
        count++
      }
      if (!data.products.pageInfo.hasNextPage) {
        complete = true
        break
      }
      after = data.products.pageInfo.endCursor
    }
    // A product the store no longer has (deleted while a webhook was missed) leaves the picker too; only
    // after reading every page, so a catalogue past the page limit keeps what it could not check.
    if (complete)
      for (const cached of yield* Cache.all(db, shopId, "product", StoreProduct))
        if (!seen.has(cached.key)) yield* Cache.remove(db, shopId, "product", cached.key)
    return { shop: shop.shop, count }
  })
  const outcome = yield* run.pipe(
    Effect.map((r) => ({ ok: true as const, ...r })),
    Effect.catchTag("CommerceUnavailable", (e: CommerceErrors.CommerceUnavailable) =>
      Effect.succeed({ ok: false as const, reason: e.reason }),
    ),
  )
  const at = yield* Effect.clockWith((c) => c.currentTimeMillis)
  if (!outcome.ok) {
    yield* connections.recordSync(shopId, { at, error: outcome.reason })
    return { synced: false, products: 0 }
  }
  yield* connections.recordSync(shopId, {
    at,
    error: null,
    storeName: outcome.shop.name,
    currency: outcome.shop.currencyCode,
  })
  return { synced: true, products: outcome.count }
})
