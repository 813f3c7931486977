/**
 * The Store connection page's "Sync now" against the local fake Shopify: a product created and one deleted
 * in the store while their webhooks were missed reach the product picker when the owner syncs; only the
 * owner may; the page answers the new last sync. @see R15
 */
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { call, login } from "../reliability/kit.ts"
import { type ShopifyServer, shopifyServer } from "../shopify/server.ts"

const DOMAIN = "sync-test.myshopify.com"

let s: ShopifyServer
let owner: string
let agent: string
beforeAll(async () => {
  s = await shopifyServer(DOMAIN)
  owner = (await login(s.app, "owner@demo.shop")).token
  agent = (await login(s.app, "camille@demo.shop")).token
})
afterAll(() => s.stop())

const titles = async () =>
  (
    (await (await call(s.app, "/api/products?q=", { token: owner })).json()) as {
      products: Array<{ title: string }>
    }
  ).products.map((p) => p.title)

describe("Store connection: sync now", () => {
  it("R15 copies the store's catalogue again (created and deleted products), owner only", async () => {
    assert.include(await titles(), "Gift Card")
    const shop = s.fake.shops.get(DOMAIN)!
    const template = shop.products.find((p) => p.title === "Element Snowboard")!
    // Changes made in Shopify whose webhooks never arrived.
    shop.products = [
      ...shop.products.filter((p) => p.title !== "Gift Card"),
      {
        ...structuredClone(template),
        id: "gid://shopify/Product/31415926",
        legacyResourceId: "31415926",
        title: "Aurora Wool Beanie",
        handle: "aurora-wool-beanie",
      },
    ]
    assert.notInclude(await titles(), "Aurora Wool Beanie", "the picker reads the copy, not Shopify")
    const before = (await (await call(s.app, "/api/settings/store-connection", { token: owner })).json()) as {
      lastSyncAt: number
    }

    const refused = await call(s.app, "/api/settings/store-connection/sync", { method: "POST", token: agent })
    assert.strictEqual(refused.status, 403)
    assert.strictEqual(((await refused.json()) as { error: { code: string } }).error.code, "StaffNotOwner")
    assert.include(await titles(), "Gift Card")

    const r = await call(s.app, "/api/settings/store-connection/sync", { method: "POST", token: owner })
    assert.strictEqual(r.status, 200, await r.clone().text())
    const view = (await r.json()) as { source: string; lastSyncAt: number; lastSyncError: string | null }
    assert.strictEqual(view.source, "shopify")
    assert.isNull(view.lastSyncError)
    assert.isAtLeast(view.lastSyncAt, before.lastSyncAt)
    const after = await titles()
    assert.include(after, "Aurora Wool Beanie")
    assert.notInclude(after, "Gift Card")
  })

  it("a store that does not answer is the page's last sync problem, not a failed request", async () => {
    // GraphQL's INTERNAL_SERVER_ERROR in a 200 is not tried again.
    s.fake.script("internal")
    const r = await call(s.app, "/api/settings/store-connection/sync", { method: "POST", token: owner })
    assert.strictEqual(r.status, 200, await r.clone().text())
    assert.strictEqual(((await r.json()) as { lastSyncError: string }).lastSyncError, "unreachable")
    assert.include(await titles(), "Aurora Wool Beanie", "the copy stays")
  })
})
