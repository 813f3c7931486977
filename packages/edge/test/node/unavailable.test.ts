/** When the database is gone, answers are 503 StoreUnavailable with Retry-After and no internal text. */
import { afterAll, assert, beforeAll, it } from "vitest"
import { seededServer, staffToken } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
beforeAll(async () => {
  server = await seededServer()
})
afterAll(() => server.stop())

it("a lost database gives 503 StoreUnavailable, localized, with Retry-After", async () => {
  const token = await staffToken(server.app)
  server.client.close()
  const r = await server.app.request("http://127.0.0.1/api/conversations", {
    headers: { authorization: `Bearer ${token}`, "accept-language": "fr" },
  })
  assert.strictEqual(r.status, 503)
  assert.strictEqual(r.headers.get("retry-after"), "1")
  const body = (await r.json()) as {
    error: { code: string; message: string; details: Record<string, unknown> }
  }
  assert.strictEqual(body.error.code, "StoreUnavailable")
  assert.include(body.error.message, "indisponible")
  assert.deepStrictEqual(body.error.details, {})
})
