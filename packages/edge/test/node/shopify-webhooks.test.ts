/**
 * Shopify webhooks through the real Node server: the HMAC over the raw bytes gates everything (a wrong or
 * missing one is 401 and changes nothing), each event applies once however often and in whatever order it is
 * delivered, the topics update the store cache, and app/uninstalled revokes the token at once.
 */
import fc from "fast-check"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { signWebhook } from "../../src/commerce/shopify/hmac.ts"
import { call, dumpTables, login } from "../reliability/kit.ts"
import { fixture, fixtureHeaders } from "../shopify/fake.ts"
import { TEST_APP } from "../shopify/harness.ts"
import { type ShopifyServer, shopifyServer } from "../shopify/server.ts"

const DOMAIN = "inbox-test.myshopify.com"
const encoder = new TextEncoder()

let s: ShopifyServer
beforeAll(async () => {
  s = await shopifyServer(DOMAIN)
})
afterAll(() => s.stop())

/** A delivery as Shopify makes it: the headers, and the HMAC of exactly these bytes with the app secret. */
const deliver = async (
  topic: string,
  body: string,
  eventId: string,
  options: { readonly hmac?: string | null; readonly domain?: string } = {},
) => {
  const bytes = encoder.encode(body)
  const hmac = options.hmac === undefined ? await signWebhook(TEST_APP.apiSecret, bytes) : options.hmac
  return fetch(`${s.url}/api/shopify/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": options.domain ?? DOMAIN,
      "x-shopify-event-id": eventId,
      "x-shopify-webhook-id": `w-${eventId}`,
      "x-shopify-api-version": "2026-10",
      ...(hmac === null ? {} : { "x-shopify-hmac-sha256": hmac }),
    },
    body: bytes,
  })
}

const cached = async (kind: string, key: string) => {
  const r = await s.client.execute({
    sql: "select value from store_cache where shop_id = 'demo' and kind = ? and key = ?",
    args: [kind, key],
  })
  return r.rows[0] === undefined ? null : JSON.parse(String(r.rows[0].value))
}

describe("Shopify webhooks", () => {
  it("a wrong or missing X-Shopify-Hmac-Sha256 is refused (401) and changes nothing", async () => {
    const body = JSON.stringify(fixture("webhooks/products-update.json"))
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(null),
          fc.constant(""),
          fc.base64String({ minLength: 4, maxLength: 60 }),
          // Signed with another secret, or over other bytes, or the right one altered by one character.
          fc.string().map((secret) => ({ secret })),
          fc.string({ minLength: 1 }).map((other) => ({ other })),
          fc.nat({ max: 43 }).map((at) => ({ flip: at })),
        ),
        async (bad) => {
          const before = await dumpTables(s.client)
          const right = await signWebhook(TEST_APP.apiSecret, encoder.encode(body))
          const hmac =
            bad === null || typeof bad === "string"
              ? bad
              : "secret" in bad
                ? await signWebhook(`${bad.secret}x`, encoder.encode(body))
                : "other" in bad
                  ? await signWebhook(TEST_APP.apiSecret, encoder.encode(`${body}${bad.other}`))
                  : right.slice(0, bad.flip) +
                    (right[bad.flip] === "A" ? "B" : "A") +
                    right.slice(bad.flip + 1)
          const r = await deliver("products/update", body, `bad-${Math.random()}`, { hmac })
          assert.strictEqual(r.status, 401)
          assert.strictEqual(
            ((await r.json()) as { error: { code: string } }).error.code,
            "WebhookSignatureInvalid",
          )
          assert.strictEqual(await dumpTables(s.client), before)
        },
      ),
    )
  })

  it("the same event delivered N times, in any interleaving and concurrently, changes state once", async () => {
    // Distinct events (each a products/update with its own title), then an order of deliveries holding every
    // event at least once and any number of copies, shuffled.
    const deliveries = fc
      .uniqueArray(fc.constantFrom("Alpha", "Bravo", "Charlie", "Delta", "Echo"), {
        minLength: 1,
        maxLength: 4,
      })
      .chain((titles) =>
        fc
          .array(fc.nat({ max: titles.length - 1 }), { maxLength: 10 })
          .chain((copies) => {
            const all = [...titles.keys(), ...copies]
            return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length })
          })
          .map((order) => ({ titles, order })),
      )
    await fc.assert(
      fc.asyncProperty(deliveries, fc.boolean(), async ({ titles, order }, concurrent) => {
        const run = Math.random().toString(36).slice(2)
        const base = fixture<Record<string, unknown>>("webhooks/products-update.json")
        const events = titles.map((title, i) => ({
          id: `${run}-${i}`,
          body: JSON.stringify({ ...base, title: `${title} ${run}` }),
        }))
        const answers = concurrent
          ? await Promise.all(order.map((i) => deliver("products/update", events[i]!.body, events[i]!.id)))
          : await (async () => {
              const out: Array<Response> = []
              for (const i of order)
                out.push(await deliver("products/update", events[i]!.body, events[i]!.id))
              return out
            })()
        const outcomes = await Promise.all(
          answers.map(async (r) => ({ status: r.status, ...((await r.json()) as { outcome?: string }) })),
        )
        for (const o of outcomes) assert.strictEqual(o.status, 200)
        assert.strictEqual(outcomes.filter((o) => o.outcome === "applied").length, events.length)
        assert.strictEqual(
          outcomes.filter((o) => o.outcome === "duplicate").length,
          order.length - events.length,
        )
        const seen = await s.client.execute({
          sql: "select count(*) as n from store_events where event_id like ?",
          args: [`${run}-%`],
        })
        assert.strictEqual(Number(seen.rows[0]!.n), events.length)
        if (!concurrent) {
          // Applied in the order first delivered: the product holds the last new event's title, and a copy of
          // an older event arriving later never brings its title back.
          const firsts = order.filter((e, k) => order.indexOf(e) === k)
          const product = await cached("product", "20995642")
          assert.strictEqual(product.product.title, `${titles[firsts.at(-1)!]} ${run}`)
        }
      }),
      { numRuns: Math.max(3, Math.ceil((fc.readConfigureGlobal().numRuns ?? 15) / 2)) },
    )
  })

  it("R15 R22 products, customers and orders topics update what the inbox shows; products/delete removes it", async () => {
    const send = async (path: string, overrides: Record<string, unknown> = {}) => {
      const headers = fixtureHeaders(path)
      const r = await deliver(
        headers["X-Shopify-Topic"]!,
        JSON.stringify({ ...fixture(path), ...overrides }),
        `${headers["X-Shopify-Event-Id"] ?? headers["X-Shopify-Webhook-Id"]}-${Math.random()}`,
      )
      assert.strictEqual(r.status, 200, await r.clone().text())
      return ((await r.json()) as { outcome: string }).outcome
    }
    assert.strictEqual(await send("webhooks/products-update.json"), "applied")
    const product = await cached("product", "20995642")
    assert.deepStrictEqual(
      product.variants.map((v: { stock: number; price: { amount: number } }) => [v.stock, v.price.amount]),
      [
        [7, 11999],
        [2, 13999],
      ],
    )
    assert.strictEqual(
      product.product.imageUrl,
      "https://cdn.shopify.com/s/files/1/0000/0001/products/element-2.jpg",
    )
    await send("webhooks/customers-update.json")
    const customer = await cached("customer", "544365967")
    assert.strictEqual(customer.note, "Prefers pickup. Allergic to wool.")
    assert.isTrue(customer.smsMarketing)
    assert.deepStrictEqual(customer.location, { city: "Toronto", province: "Ontario", country: "CA" })
    await send("webhooks/orders-create.json")
    const orders = await cached("orders", "544365967")
    // The order id beyond 2^53 is read from admin_graphql_api_id, digit for digit.
    assert.strictEqual(orders[0].id, "820982911946154508")
    assert.strictEqual(orders[0].reference, "#1002")
    assert.strictEqual(orders[0].status, "paid")
    await send("webhooks/products-delete.json", { id: 20995642 })
    assert.isNull(await cached("product", "20995642"))
    const unknownShop = await deliver(
      "products/update",
      JSON.stringify(fixture("webhooks/products-update.json")),
      "x1",
      {
        domain: "someone-else.myshopify.com",
      },
    )
    assert.strictEqual(((await unknownShop.json()) as { outcome: string }).outcome, "ignored")
    const malformed = await deliver("products/update", "{not json", "x2")
    assert.strictEqual(malformed.status, 400)
  })

  it("app/uninstalled revokes the token at once: the shop answers from the built-in tables again", async () => {
    const owner = await login(s.app, "owner@demo.shop")
    const before = (await (
      await call(s.app, "/api/settings/store-connection", { token: owner.token })
    ).json()) as {
      source: string
    }
    assert.strictEqual(before.source, "shopify")
    const headers = fixtureHeaders("webhooks/app-uninstalled.json")
    const r = await deliver(
      "app/uninstalled",
      JSON.stringify(fixture("webhooks/app-uninstalled.json")),
      headers["X-Shopify-Event-Id"]!,
    )
    assert.strictEqual(r.status, 200)
    const after = (await (
      await call(s.app, "/api/settings/store-connection", { token: owner.token })
    ).json()) as {
      source: string
      status: string
    }
    assert.deepInclude(after, { source: "builtin", status: "revoked" })
    const row = await s.client.execute("select access_token from store_connections where shop_id = 'demo'")
    assert.isNull(row.rows[0]!.access_token)
    // The demo's own codes answer again, not Shopify's.
    const codes = (await (await call(s.app, "/api/discounts?q=", { token: owner.token })).json()) as {
      discounts: Array<{ code: string }>
    }
    assert.include(
      codes.discounts.map((d) => d.code),
      "BIENVENUE15",
    )
    assert.notInclude(
      codes.discounts.map((d) => d.code),
      "FIVEOFF",
    )
  })
})
