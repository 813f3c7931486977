/**
 * The chat on the merchant's storefront in workerd, through the Worker and the shop's Durable Object: only a
 * listed origin starts a chat or reads the widget's config (CORS), and a session (HTTP and its socket) works
 * only from its own storefront.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc; the wire Schemas are checked in the app.
import { exports } from "cloudflare:workers"
import { assert, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"

const EVIL = "https://evil.example"

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  return exports.default.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers }))
}
const code = async (r: Response) => ((await r.json()) as any).error.code as string

const start = (origin: string) =>
  call("/api/store/demo/chat", {
    method: "POST",
    headers: { origin },
    body: JSON.stringify({ email: null, clientId: `client-${crypto.randomUUID()}` }),
  })

describe("allowed origins on Workers", () => {
  it("a listed origin starts a chat and reads the widget's config; another is refused with no CORS header", async () => {
    const refused = await start(EVIL)
    assert.strictEqual(refused.status, 403)
    assert.strictEqual(await code(refused), "OriginNotAllowed")
    assert.strictEqual((await start(DEMO_STOREFRONT)).status, 201)
    const config = await call("/api/store/demo/widget", { headers: { origin: DEMO_STOREFRONT } })
    assert.strictEqual(config.status, 200)
    assert.strictEqual(config.headers.get("access-control-allow-origin"), DEMO_STOREFRONT)
    const evil = await call("/api/store/demo/widget", { headers: { origin: EVIL } })
    assert.strictEqual(evil.status, 403)
    assert.isNull(evil.headers.get("access-control-allow-origin"))
  })

  it("a session's requests and socket work from its own storefront only", async () => {
    const { token } = (await (await start(DEMO_STOREFRONT)).json()) as any
    assert.strictEqual(
      (await call("/api/store/chat", { token, headers: { origin: DEMO_STOREFRONT } })).status,
      200,
    )
    const elsewhere = await call("/api/store/chat", { token, headers: { origin: EVIL } })
    assert.strictEqual(elsewhere.status, 403)
    assert.strictEqual(await code(elsewhere), "OriginNotAllowed")
    const socket = (origin: string) =>
      call(`/api/store/chat/realtime?token=${token}`, { headers: { upgrade: "websocket", origin } })
    const refused = await socket(EVIL)
    assert.strictEqual(refused.status, 403)
    const accepted = await socket("http://127.0.0.1")
    assert.strictEqual(accepted.status, 101)
    accepted.webSocket?.accept()
    accepted.webSocket?.close(1000)
  })
})
