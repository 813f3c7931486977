/**
 * customers/redact through the real server: whatever the customer did (a chat under their name and email,
 * messages, a merchant's replies naming them, an email reply queued to them, the profile read from Shopify and
 * cached, a note), afterwards no text column of any table holds a personal datum of theirs. Conversations stay.
 * A customer who signed in on the storefront is found by the store id the theme signed, and that link goes too.
 */
import { createHmac } from "node:crypto"
import fc from "fast-check"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { signWebhook } from "../../src/commerce/shopify/hmac.ts"
import { call, login } from "../reliability/kit.ts"
import { fixture, fixtureCustomer } from "../shopify/fake.ts"
import { TEST_APP } from "../shopify/harness.ts"
import { type ShopifyServer, shopifyServer } from "../shopify/server.ts"

const DOMAIN = "inbox-test.myshopify.com"
const encoder = new TextEncoder()

let s: ShopifyServer
let owner: string
beforeAll(async () => {
  s = await shopifyServer(DOMAIN)
  owner = (await login(s.app, "owner@demo.shop")).token
})
afterAll(() => s.stop())

/** Every value of every column that holds text, in every table (virtual ones too), with where it is. */
const everyText = async (): Promise<Array<{ where: string; text: string }>> => {
  const tables = await s.client.execute(
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%'",
  )
  const out: Array<{ where: string; text: string }> = []
  for (const t of tables.rows) {
    const name = String(t.name)
    const cols = await s.client.execute({ sql: "SELECT name FROM pragma_table_info(?)", args: [name] })
    for (const c of cols.rows) {
      const col = String(c.name)
      const rows = await s.client.execute(
        `SELECT "${col.replaceAll('"', '""')}" AS v FROM "${name.replaceAll('"', '""')}" WHERE typeof("${col.replaceAll('"', '""')}") = 'text'`,
      )
      for (const r of rows.rows) out.push({ where: `${name}.${col}`, text: String(r.v) })
    }
  }
  return out
}

const person = fc.record({
  first: fc.stringMatching(/^[A-Z][a-z]{3,7}$/),
  last: fc.stringMatching(/^[A-Z][a-z]{3,7}$/),
  mailbox: fc.stringMatching(/^[a-z]{4,8}$/),
  phone: fc.integer({ min: 1000000, max: 9999999 }).map((n) => `+1514${n}`),
  words: fc.array(fc.stringMatching(/^[a-z]{5,9}$/), { minLength: 1, maxLength: 3 }),
})

describe("customers/redact", () => {
  it("R3 R21 leaves no personal datum of the customer in any table (every text column scanned); the conversation stays", async () => {
    await fc.assert(
      fc.asyncProperty(person, async (p) => {
        const run = Math.random().toString(36).slice(2, 8)
        const name = `Qz${p.first} Vy${p.last}`
        const email = `qz.${p.mailbox}.${run}@example.org`
        const storeId = String(Math.floor(Math.random() * 1e12))
        const said = p.words.map((w) => `zq${w}${run} wants the blue scarf`)
        // The customer exists in Shopify, with this email.
        s.fake.shops.get(DOMAIN)!.customers.push(
          fixtureCustomer(storeId, {
            displayName: name,
            defaultEmailAddress: { emailAddress: email, marketingState: "SUBSCRIBED" },
            defaultPhoneNumber: { phoneNumber: p.phone, marketingState: "SUBSCRIBED" },
            note: `Customer ${name} calls from ${p.phone}`,
          }),
        )
        // They chat in the store, give their email, and write.
        const started = await call(s.app, "/api/store/demo/chat", {
          method: "POST",
          headers: { "cf-connecting-ip": `10.0.${run.length}.${Math.floor(Math.random() * 250)}` },
          body: { clientId: `client-${run}`, name, email, origin: DEMO_STOREFRONT },
        })
        assert.strictEqual(started.status, 201, await started.clone().text())
        const chat = (await started.json()) as { token: string; conversationId: string; customerId: string }
        for (const text of said) {
          const r = await call(s.app, "/api/store/chat/messages", {
            method: "POST",
            token: chat.token,
            body: { clientMessageId: `m${Math.random().toString(36).slice(2)}`, text },
          })
          assert.strictEqual(r.status, 201, await r.clone().text())
        }
        // The merchant reads the profile (from Shopify, then cached), writes a note, and replies naming them.
        const profile = await call(
          s.app,
          `/api/customers/${chat.customerId}/profile?conversationId=${chat.conversationId}`,
          {
            token: owner,
          },
        )
        assert.strictEqual(profile.status, 200)
        assert.strictEqual(((await profile.json()) as { name: string }).name, name)
        const note = await call(s.app, `/api/customers/${chat.customerId}/note`, {
          method: "PUT",
          token: owner,
          body: { note: `Met ${name} (${email}) at the fair` },
        })
        assert.strictEqual(note.status, 200)
        const reply = await call(s.app, `/api/conversations/${chat.conversationId}/replies`, {
          method: "POST",
          token: owner,
          body: {
            clientMessageId: `r${run}`,
            text: `Hello Qz${p.first}! We wrote to ${email} about ${said[0]}.`,
          },
        })
        assert.strictEqual(reply.status, 201, await reply.clone().text())
        const details = [name, p.first.length >= 3 ? `Qz${p.first}` : null, email, p.phone, ...said].filter(
          (d): d is string => d !== null,
        )
        const holding = (await everyText()).filter((t) =>
          details.some((d) => t.text.toLowerCase().includes(d.toLowerCase())),
        )
        assert.isAbove(holding.length, 0, "the scenario stored the customer's data somewhere")

        const body = JSON.stringify({
          ...fixture("webhooks/customers-redact.json"),
          customer: { id: Number(storeId), email, phone: p.phone },
          orders_to_redact: [],
        })
        const bytes = encoder.encode(body)
        const r = await fetch(`${s.url}/api/shopify/webhooks`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-shopify-topic": "customers/redact",
            "x-shopify-shop-domain": DOMAIN,
            "x-shopify-webhook-id": `redact-${run}`,
            "x-shopify-hmac-sha256": await signWebhook(TEST_APP.apiSecret, bytes),
          },
          body: bytes,
        })
        assert.strictEqual(r.status, 200, await r.clone().text())

        const left = (await everyText()).filter((t) =>
          details.some((d) => t.text.toLowerCase().includes(d.toLowerCase())),
        )
        assert.deepStrictEqual(left, [], JSON.stringify(left.slice(0, 5)))
        // The conversation is still there, with as many events, for the merchant.
        const view = await call(s.app, `/api/conversations/${chat.conversationId}`, { token: owner })
        assert.strictEqual(view.status, 200)
      }),
      { numRuns: Math.max(2, Math.ceil((fc.readConfigureGlobal().numRuns ?? 15) / 5)) },
    )
  })

  it("R21 a storefront's signed-in customer is found by the signed store id; signing in again starts afresh", async () => {
    const created = await call(s.app, "/api/settings/storefront/identity-secret", {
      method: "POST",
      token: owner,
    })
    assert.strictEqual(created.status, 201)
    const { secret } = (await created.json()) as { secret: string }
    const run = Math.random().toString(36).slice(2, 8)
    const storeId = String(Math.floor(Math.random() * 1e12))
    const email = `signed.${run}@example.org`
    const signedIn = {
      id: storeId,
      email,
      name: `Signed ${run}`,
      signature: createHmac("sha256", secret).update(`${storeId}:${email}`).digest("hex"),
    }
    const start = async () => {
      const r = await call(s.app, "/api/store/demo/chat", {
        method: "POST",
        body: { clientId: `signed-${run}`, email: null, origin: DEMO_STOREFRONT, identity: signedIn },
      })
      assert.strictEqual(r.status, 201, await r.clone().text())
      return ((await r.json()) as { customerId: string }).customerId
    }
    const before = await start()
    // The customer changed their email in Shopify since: only the signed id leads to them.
    const body = JSON.stringify({
      ...fixture("webhooks/customers-redact.json"),
      customer: { id: Number(storeId), email: `changed.${run}@example.org`, phone: null },
      orders_to_redact: [],
    })
    const bytes = encoder.encode(body)
    const r = await fetch(`${s.url}/api/shopify/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": "customers/redact",
        "x-shopify-shop-domain": DOMAIN,
        "x-shopify-webhook-id": `redact-signed-${run}`,
        "x-shopify-hmac-sha256": await signWebhook(TEST_APP.apiSecret, bytes),
      },
      body: bytes,
    })
    assert.strictEqual(r.status, 200, await r.clone().text())
    const row = await s.client.execute({
      sql: "SELECT name, email FROM customers WHERE id = ?",
      args: [before],
    })
    assert.deepStrictEqual({ ...row.rows[0] }, { name: "Redacted customer", email: null })
    const links = await s.client.execute({
      sql: "SELECT count(*) AS n FROM customer_identities WHERE external_id = ?",
      args: [storeId],
    })
    assert.strictEqual(Number(links.rows[0]!.n), 0)
    // A later sign-in is a new record, not a return to the redacted one.
    assert.notStrictEqual(await start(), before)
  })
})
