/**
 * The demo storefront as the local stand-in for a Shopify store: its Ajax Cart API answers with the keys and
 * value types of Shopify's documented examples (demo/storefront/fixtures/ajax-cart.json), keeps a cart per
 * browser cookie, takes a discount through `/cart/update.js` and `/discount/CODE`, and serves its page with a
 * strict policy that lets in the inbox's widget.js, frame and API only.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import type { Catalogue } from "../../demo/storefront/AjaxCart.ts"
import { startDemoStorefront } from "../../demo/storefront/server.ts"
import { tempDir } from "./harness.ts"

const fixture = JSON.parse(
  readFileSync(new URL("../../demo/storefront/fixtures/ajax-cart.json", import.meta.url), "utf8"),
) as { source: string; cart: Record<string, unknown>; cartError: Record<string, unknown> }

const catalogue: Catalogue = {
  currency: "EUR",
  vendor: "Maison Lumière",
  products: [
    {
      id: "prd_carafe",
      title: "Carafe",
      handle: "carafe",
      imageUrl: "https://cdn.example/carafe.png",
      variants: [{ id: "var_carafe", title: "1 L", price: 3900, stock: 2 }],
    },
    {
      id: "prd_shirt",
      title: "Linen shirt",
      handle: "linen-shirt",
      imageUrl: null,
      variants: [
        { id: "var_s", title: "S", price: 4900, stock: 5 },
        { id: "var_m", title: "M", price: 4900, stock: 5 },
      ],
    },
  ],
}

/**
 * The shape of a JSON value: object keys (recursively) and leaf types. Ids are the demo catalogue's strings
 * where Shopify's are numbers, and a product without a photo has null image fields: both are let through.
 */
const LOOSE = new Set(["id", "variant_id", "product_id", "image", "featured_image", "variant_title"])
/** Maps whose keys are the shop's own (cart attributes, line properties): only their value types count. */
const MAPS = new Set(["attributes", "properties"])
const shape = (v: unknown, key = ""): unknown => {
  if (LOOSE.has(key)) return "any"
  if (MAPS.has(key)) return { "*": [...new Set(Object.values(v as object).map((x) => typeof x))] }
  if (Array.isArray(v)) return v.length === 0 ? [] : [shape(v[0])]
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, shape((v as Record<string, unknown>)[k], k)]),
    )
  return v === null ? "null" : typeof v
}

let store: Awaited<ReturnType<typeof startDemoStorefront>>
const web = tempDir()

const browserSession = () => {
  let cookie = ""
  return async (path: string, body?: unknown) => {
    const r = await fetch(`${store.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { cookie, "content-type": "application/json" },
      redirect: "manual",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const set = r.headers.getSetCookie().find((c) => c.startsWith("cart="))
    if (set !== undefined) cookie = set.split(";")[0]!
    return r
  }
}

beforeAll(async () => {
  writeFileSync(
    join(web.path, "store.html"),
    "<!doctype html><html><head></head><body><div id=store></div></body></html>",
  )
  store = await startDemoStorefront({
    port: 0,
    hostname: "127.0.0.1",
    inboxUrl: "http://127.0.0.1:9",
    shopId: "demo",
    webDist: web.path,
    catalogue: async () => catalogue,
  })
})

afterAll(async () => {
  await store?.close()
  web.remove()
})

describe("the demo storefront's Ajax Cart API", () => {
  it(`answers in the documented shapes (${fixture.source})`, async () => {
    const cart = browserSession()
    const added = await cart("/cart/add.js", { items: [{ id: "var_m", quantity: 2 }] })
    assert.strictEqual(added.status, 200)
    const { items } = (await added.json()) as { items: unknown[] }
    assert.deepEqual(shape(items[0]), shape((fixture.cart.items as unknown[])[0]))
    await cart("/cart/update.js", {
      discount: "WELCOME10",
      note: "Gift wrap",
      attributes: { "Gift message": "Bon anniversaire" },
    })
    const body = (await (await cart("/cart.js")).json()) as Record<string, unknown>
    assert.deepEqual(shape(body), shape(fixture.cart))
    assert.deepEqual(
      shape((await (await cart("/cart/change.js", { line: 1, quantity: 1 })).json()) as object),
      shape(fixture.cart),
    )
    const refused = await cart("/cart/add.js", { id: "var_carafe", quantity: 3 })
    assert.strictEqual(refused.status, 422)
    assert.deepEqual(shape(await refused.json()), shape(fixture.cartError))
    const unknown = await cart("/cart/add.js", { id: "var_nope", quantity: 1 })
    assert.strictEqual(unknown.status, 404)
    assert.deepEqual(shape(await unknown.json()), shape(fixture.cartError))
  })

  it("keeps one cart per browser, changes lines by key, variant or line number, and clears", async () => {
    const a = browserSession()
    const b = browserSession()
    await a("/cart/add.js", { id: "var_s", quantity: 1 })
    await a("/cart/add.js", { items: [{ id: "var_s", quantity: 1 }, { id: "var_carafe" }] })
    const cartA = (await (await a("/cart.js")).json()) as {
      item_count: number
      total_price: number
      items: { key: string; quantity: number; title: string }[]
    }
    assert.strictEqual(cartA.item_count, 3)
    assert.strictEqual(cartA.total_price, 2 * 4900 + 3900)
    assert.deepEqual(
      cartA.items.map((i) => [i.title, i.quantity]),
      [
        ["Linen shirt - S", 2],
        ["Carafe", 1],
      ],
    )
    assert.strictEqual(((await (await b("/cart.js")).json()) as { item_count: number }).item_count, 0)
    const byKey = (await (await a("/cart/change.js", { id: cartA.items[0]!.key, quantity: 1 })).json()) as {
      item_count: number
    }
    assert.strictEqual(byKey.item_count, 2)
    const byVariant = (await (await a("/cart/change.js", { id: "var_carafe", quantity: 0 })).json()) as {
      items: unknown[]
    }
    assert.strictEqual(byVariant.items.length, 1)
    const updated = (await (await a("/cart/update.js", { updates: { var_m: 1 } })).json()) as {
      item_count: number
    }
    assert.strictEqual(updated.item_count, 2)
    assert.strictEqual(
      ((await (await a("/cart/clear.js", {})).json()) as { item_count: number }).item_count,
      0,
    )
  })

  it("a discount goes in with /cart/update.js, is removed with an empty one, and the /discount/CODE link adds it", async () => {
    const cart = browserSession()
    const codes = async () =>
      ((await (await cart("/cart.js")).json()) as { discount_codes: { code: string }[] }).discount_codes.map(
        (d) => d.code,
      )
    await cart("/cart/update.js", { discount: "welcome10" })
    assert.deepEqual(await codes(), ["WELCOME10"])
    await cart("/cart/update.js", { discount: "" })
    assert.deepEqual(await codes(), [])
    const link = await cart("/discount/SPRING15?redirect=/cart")
    assert.strictEqual(link.status, 302)
    assert.strictEqual(link.headers.get("location"), "/cart")
    assert.deepEqual(await codes(), ["SPRING15"])
    // Never an open redirect off the store.
    assert.strictEqual((await cart("/discount/X?redirect=//evil.example")).headers.get("location"), "/")
  })

  it("serves the theme with a strict policy that names only the inbox for the chat, and a nonce for its own script", async () => {
    const r = await fetch(`${store.url}/products/carafe`)
    assert.strictEqual(r.status, 200)
    const csp = r.headers.get("content-security-policy") ?? ""
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1]
    assert.isDefined(nonce)
    assert.match(csp, /script-src 'self' 'nonce-[^']+' http:\/\/127\.0\.0\.1:9;/)
    assert.include(csp, "frame-src http://127.0.0.1:9;")
    assert.include(csp, "connect-src 'self' http://127.0.0.1:9;")
    assert.notInclude(csp, "unsafe-inline")
    const html = await r.text()
    assert.include(html, `<script nonce="${nonce}">window.Shopify = `)
    assert.include(html, '<script src="http://127.0.0.1:9/widget.js" data-shop="demo" async></script>')
    assert.strictEqual((await fetch(`${store.url}/admin`)).status, 404)
  })
})
