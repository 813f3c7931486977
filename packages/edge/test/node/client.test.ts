/** The typed client web can build from `AppType` (hc): bodies and responses are inferred from the routes. */
import { hc } from "hono/client"
import { afterAll, assert, beforeAll, it } from "vitest"
import type { AppType } from "../../src/app.ts"
import { seededServer } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
beforeAll(async () => {
  server = await seededServer()
})
afterAll(() => server.stop())

it("hc<AppType> signs in, lists, replies with inferred types", async () => {
  const client = hc<AppType>("http://127.0.0.1", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => server.app.request(input, init),
  })
  const login = await client.api.auth.login.$post({
    json: { email: "camille@demo.shop", password: "inbox-demo" },
  })
  assert.strictEqual(login.status, 200)
  const { token, staff } = await login.json()
  assert.strictEqual(staff.name, "Camille Dubois")
  const headers = { authorization: `Bearer ${token}` }
  const page = await client.api.conversations.$get({ query: { filter: "mine", limit: "10" } }, { headers })
  const body = await page.json()
  const ids: ReadonlyArray<string> = "rows" in body ? body.rows.map((r) => r.conversationId) : []
  assert.deepStrictEqual(ids, ["conv_sophie"])
  const reply = await client.api.conversations[":id"].replies.$post(
    { param: { id: "conv_sophie" }, json: { clientMessageId: "hc-1", text: "Typed hello", productIds: [] } },
    { headers },
  )
  assert.strictEqual(reply.status, 201)
  const sent = await reply.json()
  assert.strictEqual("items" in sent ? sent.items[0]?.event._tag : null, "ReplySent")
})
