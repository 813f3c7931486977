/**
 * Delivery status and one-click retry over a seeded libSQL file with a real dispatcher: a platform reply with
 * no webhook configured fails; racing retries queue it once, and the dispatcher makes exactly one more attempt.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc; the wire Schemas are checked in the app.
import { afterAll, assert, beforeAll, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { seededServer, staffToken } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
let owner: string

const json = async (r: Response) => (await r.json()) as Record<string, any>
const request = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined) headers.set("content-type", "application/json")
  return server.app.request(`http://127.0.0.1${path}`, { ...init, headers })
}

/** Polls the thread until the reply's delivery satisfies `done` (the dispatcher runs on its own timer). */
const deliveryOf = async (conversationId: string, seq: number, done: (d: any) => boolean) => {
  for (;;) {
    const detail = await json(await request(`/api/conversations/${conversationId}`, { token: owner }))
    const d = detail.thread.find((i: any) => i.seq === seq)?.delivery
    if (d && done(d)) return d
    await new Promise((r) => setTimeout(r, 25))
  }
}

beforeAll(async () => {
  server = await seededServer({
    channels: {
      webhook: { url: null, secret: "test-webhook-secret", timeoutMs: 2_000 },
      sendEmail: null,
      retry: { maxAttempts: 1, baseDelayMs: 10 },
      pollMs: 20,
    },
  })
  owner = await staffToken(server.app)
})
afterAll(() => server.stop())

it("a failed reply gets one more attempt per requeue however many clicks race, and says why it failed", async () => {
  const page = await json(await request("/api/conversations?limit=100", { token: owner }))
  const instagram = page.rows.find((r: any) => r.platform === "instagram")
  assert.isDefined(instagram)
  const sent = await json(
    await request(`/api/conversations/${instagram.conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: JSON.stringify({ clientMessageId: "retry-me", text: "Your order ships today." }),
    }),
  )
  const seq = sent.items.find((i: any) => i.event._tag === "ReplySent").seq
  const failed = await deliveryOf(instagram.conversationId, seq, (d) => d.status === "failed")
  assert.strictEqual(failed.attempts, 1)
  // Instagram with neither a Meta account nor a custom platform connected: failed at once, saying so.
  assert.strictEqual(failed.reason.code, "platform_not_connected")

  const clicks = await Promise.all(
    [1, 2, 3].map(async () =>
      json(
        await request(`/api/conversations/${instagram.conversationId}/replies/${seq}/retry`, {
          method: "POST",
          token: owner,
        }),
      ),
    ),
  )
  // Clicks that raced each other requeue once; a click after the next attempt failed may requeue again. Either
  // way each requeue buys exactly one attempt: clicks never add attempts of their own.
  const requeues = clicks.filter((c) => c.requeued).length
  assert.isAtLeast(requeues, 1)
  const again = await deliveryOf(
    instagram.conversationId,
    seq,
    (d) => d.status === "failed" && d.attempts >= 1 + requeues,
  )
  assert.strictEqual(again.attempts, 1 + requeues)
})

it("a sent reply is unchanged by a retry, and an unknown reply is 404", async () => {
  const chat = await json(
    await request("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({ email: null, origin: DEMO_STOREFRONT, clientId: "browser-retry-sent" }),
    }),
  )
  const sent = await json(
    await request(`/api/conversations/${chat.conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: JSON.stringify({ clientMessageId: "hello-1", text: "Hello!" }),
    }),
  )
  const reply = sent.items.find((i: any) => i.event._tag === "ReplySent")
  const path = `/api/conversations/${chat.conversationId}/replies`
  const unchanged = await json(await request(`${path}/${reply.seq}/retry`, { method: "POST", token: owner }))
  assert.strictEqual(unchanged.requeued, false)
  assert.strictEqual(unchanged.delivery.status, reply.delivery.status)
  const missing = await request(`${path}/999/retry`, { method: "POST", token: owner })
  assert.strictEqual(missing.status, 404)
  assert.strictEqual((await json(missing)).error.code, "ReplyNotFound")
})
