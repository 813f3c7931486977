/**
 * Installing the app against the local fake, end to end: Shopify's signed install request → its authorize
 * page → the signed callback → the code exchanged → the token stored sealed → the first sync. And every way
 * a callback can be forged or replayed is refused with nothing stored; token exchange for an embedded app.
 */
import { createHmac } from "node:crypto"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { signQuery } from "../../src/commerce/shopify/hmac.ts"
import { call, login } from "../reliability/kit.ts"
import { TEST_APP } from "../shopify/harness.ts"
import { type ShopifyServer, shopifyServer } from "../shopify/server.ts"

const DOMAIN = "inbox-test.myshopify.com"

let s: ShopifyServer
beforeAll(async () => {
  s = await shopifyServer(DOMAIN, { connect: false })
})
afterAll(() => s.stop())

/** The app URL as the Shopify admin opens it: shop, timestamp, host, and their HMAC. */
const signedInstall = async (shop = DOMAIN) => {
  const params = new URLSearchParams({
    shop,
    timestamp: String(Math.floor(Date.now() / 1000)),
    host: Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64url"),
  })
  params.set("hmac", await signQuery(TEST_APP.apiSecret, params))
  return `${s.url}/api/shopify/install?${params}`
}

const connection = async () =>
  (await s.client.execute("select * from store_connections where shop_id = 'demo'")).rows[0] ?? null

const noRedirect = (url: string) => fetch(url, { redirect: "manual" })

describe("Shopify OAuth", () => {
  it("refuses an unsigned install, a forged callback, a wrong state and a replayed code, storing nothing", async () => {
    const unsigned = await noRedirect(`${s.url}/api/shopify/install?shop=${DOMAIN}`)
    assert.strictEqual(unsigned.status, 401)
    // A real start, to get a valid callback to tamper with.
    const authorize = await noRedirect(await signedInstall())
    assert.strictEqual(authorize.status, 302)
    const back = await noRedirect(authorize.headers.get("location")!)
    const callback = new URL(back.headers.get("location")!)
    const tampered = new URL(callback)
    tampered.searchParams.set("shop", "evil-store.myshopify.com")
    assert.strictEqual((await noRedirect(tampered.toString())).status, 401, "HMAC no longer matches")
    const wrongState = new URL(callback)
    wrongState.searchParams.set("state", "demo.0000")
    wrongState.searchParams.delete("hmac")
    wrongState.searchParams.set("hmac", await signQuery(TEST_APP.apiSecret, wrongState.searchParams))
    assert.strictEqual((await noRedirect(wrongState.toString())).status, 401, "a state we never issued")
    const notAShop = await noRedirect(`${s.url}/api/shopify/install?shop=example.com&hmac=x&timestamp=1`)
    assert.strictEqual(notAShop.status, 400)
    assert.isNull(await connection())
  })

  it("install → authorize → callback → token sealed at rest → first sync; the state works once", async () => {
    const authorize = await noRedirect(await signedInstall())
    const to = new URL(authorize.headers.get("location")!)
    assert.strictEqual(to.origin, s.fake.origin)
    assert.strictEqual(to.pathname, `/${DOMAIN}/admin/oauth/authorize`)
    assert.strictEqual(to.searchParams.get("client_id"), TEST_APP.apiKey)
    assert.strictEqual(to.searchParams.get("redirect_uri"), `${s.url}/api/shopify/callback`)
    assert.include(to.searchParams.get("scope") ?? "", "write_customers")
    const approved = await noRedirect(to.toString())
    const callback = approved.headers.get("location")!
    const done = await noRedirect(callback)
    assert.strictEqual(done.status, 302)
    assert.strictEqual(done.headers.get("location"), `${s.url}/?settings=store-connection`)
    const row = await connection()
    assert.isNotNull(row)
    const token = [...s.fake.shops.get(DOMAIN)!.tokens][0]!
    const sealed = String(row!.access_token)
    assert.match(sealed, /^v1\.[\w-]+\.[\w-]+$/)
    assert.notInclude(sealed, token)
    assert.strictEqual(row!.status, "connected")
    assert.isNotNull(row!.last_sync_at, "the first sync ran")
    const products = await s.client.execute(
      "select count(*) as n from store_cache where shop_id = 'demo' and kind = 'product'",
    )
    assert.strictEqual(Number(products.rows[0]!.n), 3)
    // The whole database holds the token only sealed.
    const dump = await s.client.execute("select * from store_connections")
    assert.notInclude(JSON.stringify(dump.rows), token)
    // The same callback again: its state is spent.
    assert.strictEqual((await noRedirect(callback)).status, 401)
    // The Store connection page says so.
    const owner = await login(s.app, "owner@demo.shop")
    const view = (await (
      await call(s.app, "/api/settings/store-connection", { token: owner.token })
    ).json()) as Record<string, unknown>
    assert.deepInclude(view, {
      source: "shopify",
      shopDomain: DOMAIN,
      status: "connected",
      storeName: "Inbox Test Store",
    })
    // Products now come from Shopify.
    const found = (await (await call(s.app, "/api/products?q=snowboard", { token: owner.token })).json()) as {
      products: Array<{ title: string }>
    }
    assert.deepStrictEqual(
      found.products.map((p) => p.title),
      ["Element Snowboard"],
    )
    // Disconnecting returns the shop to the built-in tables.
    const off = (await (
      await call(s.app, "/api/settings/store-connection", { method: "DELETE", token: owner.token })
    ).json()) as {
      source: string
    }
    assert.strictEqual(off.source, "builtin")
  })

  it("an embedded app's session token is exchanged for an offline token (token exchange); a forged one is refused", async () => {
    const jwt = (claims: Record<string, unknown>, secret = TEST_APP.apiSecret) => {
      const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url")
      const head = `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}`
      return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`
    }
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: `https://${DOMAIN}/admin`,
      dest: `https://${DOMAIN}`,
      aud: TEST_APP.apiKey,
      sub: "42",
      exp: now + 60,
      nbf: now - 5,
      iat: now - 5,
      jti: "abc",
      sid: "s1",
    }
    const post = (sessionToken: string) =>
      fetch(`${s.url}/api/shopify/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionToken }),
      })
    assert.strictEqual((await post(jwt(claims, "another-secret"))).status, 401)
    assert.strictEqual((await post(jwt({ ...claims, exp: now - 1 }))).status, 401)
    assert.strictEqual((await post(jwt({ ...claims, aud: "someone-else" }))).status, 401)
    const ok = await post(jwt(claims))
    assert.strictEqual(ok.status, 200, await ok.clone().text())
    assert.deepStrictEqual(await ok.json(), { shopDomain: DOMAIN, synced: true })
    assert.strictEqual((await connection())!.status, "connected")
  })
})
