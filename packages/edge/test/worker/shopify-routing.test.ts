/**
 * Which shop's Durable Object a Shopify request reaches when each shop has its own database: a webhook goes
 * to the shop that connected the store it names (SHOPIFY_SHOP_DOMAINS), else to SHOPIFY_INBOX_SHOP, as an
 * install or a token exchange without an inbox session does; the rest of the API keeps the default shop.
 * A webhook that reached another shop's object would be acknowledged there as "ignored", and lost (a
 * customers/redact left undone).
 */
import { env } from "cloudflare:workers"
import { assert, describe, it } from "vitest"
import { readConfig } from "../../src/do/config.ts"
import { shopOf } from "../../src/runtime/worker.ts"

const config = readConfig({
  ...env,
  SHOPIFY_INBOX_SHOP: "atelier",
  SHOPIFY_SHOP_DOMAINS: "Maison-Lumiere.myshopify.com=maison, other-store.myshopify.com = other",
})
const at = (path: string, headers: Record<string, string> = {}) =>
  shopOf(new Request(`https://inbox.example${path}`, { method: "POST", headers }), config)

describe("Shopify requests on Workers", () => {
  it("a webhook reaches the object of the shop that connected its store", () => {
    assert.strictEqual(
      at("/api/shopify/webhooks", { "x-shopify-shop-domain": "maison-lumiere.myshopify.com" }),
      "maison",
    )
    assert.strictEqual(
      at("/api/shopify/webhooks", { "x-shopify-shop-domain": "other-store.myshopify.com" }),
      "other",
    )
    assert.strictEqual(
      at("/api/shopify/webhooks", { "x-shopify-shop-domain": "unlisted.myshopify.com" }),
      "atelier",
    )
    assert.strictEqual(at("/api/shopify/webhooks"), "atelier")
  })

  it("an install or a token exchange without a session is SHOPIFY_INBOX_SHOP's; the callback follows its state", () => {
    assert.strictEqual(at("/api/shopify/install?shop=maison-lumiere.myshopify.com"), "atelier")
    assert.strictEqual(at("/api/shopify/session"), "atelier")
    assert.strictEqual(at("/api/shopify/callback?state=maison.nonce123&shop=x.myshopify.com"), "maison")
    assert.strictEqual(at("/api/shopify/install?shop=x.myshopify.com", { "x-inbox-shop": "other" }), "other")
    assert.strictEqual(at("/api/conversations"), config.defaultShop)
  })

  it("a malformed SHOPIFY_SHOP_DOMAINS stops the Worker with the pair it cannot read", () => {
    assert.throws(
      () => readConfig({ ...env, SHOPIFY_SHOP_DOMAINS: "maison.myshopify.com" }),
      /SHOPIFY_SHOP_DOMAINS/,
    )
  })
})
