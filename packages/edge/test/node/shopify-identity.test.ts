/**
 * On a store connected to Shopify, a storefront's signed-in customer is the Shopify customer the theme signed
 * (the app embed signs `customer.id`): the profile shows that record by its id, a proof, where a guest is only
 * matched by the email they typed. @see R20
 */
import { createHmac } from "node:crypto"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { call, login } from "../reliability/kit.ts"
import { fixtureCustomer } from "../shopify/fake.ts"
import { type ShopifyServer, shopifyServer } from "../shopify/server.ts"

const DOMAIN = "inbox-identity.myshopify.com"

let s: ShopifyServer
let owner: string
let secret: string
beforeAll(async () => {
  s = await shopifyServer(DOMAIN)
  owner = (await login(s.app, "owner@demo.shop")).token
  const created = await call(s.app, "/api/settings/storefront/identity-secret", {
    method: "POST",
    token: owner,
  })
  secret = ((await created.json()) as { secret: string }).secret
})
afterAll(() => s.stop())

/** A Shopify customer of the fake store, with this id, name and email. */
const storeCustomer = (storeId: string, name: string, email: string) =>
  s.fake.shops.get(DOMAIN)!.customers.push(
    fixtureCustomer(storeId, {
      displayName: name,
      defaultEmailAddress: { emailAddress: email, marketingState: "SUBSCRIBED" },
    }),
  )

const chat = async (body: Record<string, unknown>) => {
  const r = await call(s.app, "/api/store/demo/chat", {
    method: "POST",
    body: { email: null, origin: DEMO_STOREFRONT, ...body },
  })
  assert.strictEqual(r.status, 201, await r.clone().text())
  return (await r.json()) as { customerId: string; conversationId: string }
}

const profileName = async (started: { customerId: string; conversationId: string }) => {
  const r = await call(
    s.app,
    `/api/customers/${started.customerId}/profile?conversationId=${started.conversationId}`,
    { token: owner },
  )
  assert.strictEqual(r.status, 200, await r.clone().text())
  return ((await r.json()) as { name: string }).name
}

describe("signed-in customers on a Shopify store", () => {
  it("the profile is the Shopify customer the storefront signed, whatever email they chat under", async () => {
    const run = Math.random().toString(36).slice(2, 8)
    const storeId = String(7_000_000_000 + Math.floor(Math.random() * 1e9))
    storeCustomer(storeId, `Shopify Person ${run}`, `in.shopify.${run}@example.org`)
    // The storefront knows them by another address (changed since, or a second one): only the id leads there.
    const email = `on.storefront.${run}@example.org`
    const signature = createHmac("sha256", secret).update(`${storeId}:${email}`).digest("hex")
    const signedIn = await chat({ clientId: `sig-${run}`, identity: { id: storeId, email, signature } })
    assert.strictEqual(await profileName(signedIn), `Shopify Person ${run}`)
    // A guest typing that same address is nobody in Shopify: no record is claimed for them.
    const guest = await chat({ clientId: `guest-${run}`, email })
    assert.notStrictEqual(await profileName(guest), `Shopify Person ${run}`)
  })
})
