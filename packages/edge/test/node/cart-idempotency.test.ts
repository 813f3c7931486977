/** Cart changes carry a client id: a retried add or remove changes the cart once (nothing acknowledged is doubled). @see R6, R7 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc; the wire Schemas are checked in the app.
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { seededServer } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>

beforeAll(async () => {
  server = await seededServer()
})
afterAll(async () => {
  await server?.stop()
})

const post = async (path: string, body: unknown, token?: string): Promise<Record<string, any>> => {
  const headers = new Headers({ "content-type": "application/json" })
  if (token !== undefined) headers.set("authorization", `Bearer ${token}`)
  const r = await server.app.request(`http://127.0.0.1${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  })
  assert.isBelow(r.status, 300, `${path} answered ${r.status}`)
  return (await r.json()) as Record<string, any>
}

const quantityOf = (answer: Record<string, any>, variantId: string): number =>
  (answer.cart.lines as ReadonlyArray<any>).find((l) => l.variantId === variantId)?.quantity ?? 0

describe("cart idempotency", () => {
  it("R6 R7 the same clientActionId added or removed three times changes the cart once; new ids change it again", async () => {
    const store = await post("/api/store/demo/chat", {
      email: null,
      origin: DEMO_STOREFRONT,
      clientId: "cart-idem-shopper",
    })
    const token = store.token as string
    const page = (await (await server.app.request("http://127.0.0.1/api/store/demo")).json()) as Record<
      string,
      any
    >
    const variantId = page.products[0].variants[0].id as string

    for (let i = 0; i < 3; i++) {
      const again = await post(
        "/api/store/chat/cart",
        { variantId, quantity: 2, clientActionId: "add-1" },
        token,
      )
      assert.strictEqual(quantityOf(again, variantId), 2)
    }
    const more = await post(
      "/api/store/chat/cart",
      { variantId, quantity: 1, clientActionId: "add-2" },
      token,
    )
    assert.strictEqual(quantityOf(more, variantId), 3)
    // A late replay answers what its first run answered, and still changes nothing (Stripe's rule).
    const late = await post(
      "/api/store/chat/cart",
      { variantId, quantity: 2, clientActionId: "add-1" },
      token,
    )
    assert.strictEqual(quantityOf(late, variantId), 2)
    for (let i = 0; i < 3; i++) {
      const removed = await post(
        "/api/store/chat/cart/remove",
        { variantId, quantity: 1, clientActionId: "rm-1" },
        token,
      )
      assert.strictEqual(quantityOf(removed, variantId), 2)
    }

    const view = (await (
      await server.app.request("http://127.0.0.1/api/store/chat", {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as Record<string, any>
    assert.strictEqual(quantityOf(view, variantId), 2)
  })
})
