/**
 * Delivery receipts: a platform reply goes out to a real local HTTP receiver (sent), then the platform's signed
 * receipt marks it delivered; unsigned, replayed or mismatched receipts change nothing.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc; the wire Schemas are checked in the app.
import { createServer, type Server as HttpServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, assert, beforeAll, it } from "vitest"
import { SIGNATURE_HEADER, signForShop } from "../../src/auth/Signature.ts"
import { seededServer, staffToken } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
let receiver: HttpServer
let owner: string

const json = async (r: Response) => (await r.json()) as Record<string, any>
const request = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined) headers.set("content-type", "application/json")
  return server.app.request(`http://127.0.0.1${path}`, { ...init, headers })
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume()
    req.on("end", () => res.writeHead(200).end())
  })
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done))
  const port = (receiver.address() as AddressInfo).port
  server = await seededServer({
    channels: {
      webhook: { url: `http://127.0.0.1:${port}/hook`, secret: "test-webhook-secret", timeoutMs: 2_000 },
      sendEmail: null,
      retry: { maxAttempts: 1, baseDelayMs: 10 },
      pollMs: 20,
    },
  })
  owner = await staffToken(server.app)
})
afterAll(async () => {
  await server.stop()
  await new Promise<void>((done) => receiver.close(() => done()))
})

const deliveryOf = async (conversationId: string, seq: number, done: (d: any) => boolean) => {
  for (;;) {
    const detail = await json(await request(`/api/conversations/${conversationId}`, { token: owner }))
    const d = detail.thread.find((i: any) => i.seq === seq)?.delivery
    if (d && done(d)) return d
    await new Promise((r) => setTimeout(r, 25))
  }
}

it("a signed receipt marks a sent platform reply delivered, once; anything else changes nothing", async () => {
  const page = await json(await request("/api/conversations?limit=100", { token: owner }))
  const instagram = page.rows.find((r: any) => r.platform === "instagram")
  const sent = await json(
    await request(`/api/conversations/${instagram.conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: JSON.stringify({ clientMessageId: "receipt-1", text: "On its way!" }),
    }),
  )
  const seq = sent.items.find((i: any) => i.event._tag === "ReplySent").seq
  await deliveryOf(instagram.conversationId, seq, (d) => d.status === "sent")

  const body = JSON.stringify({ conversationId: instagram.conversationId, seq })
  const post = async (path: string, text: string, signature: string | null) =>
    request(path, {
      method: "POST",
      body: text,
      headers: signature === null ? {} : { [SIGNATURE_HEADER]: signature },
    })
  const path = "/api/webhooks/instagram/demo/receipts"
  assert.strictEqual((await post(path, body, null)).status, 401)
  // The wrong platform's receipt does not touch an Instagram reply.
  const wrong = await post(
    "/api/webhooks/messenger/demo/receipts",
    body,
    await signForShop("test-webhook-secret", "demo", body),
  )
  assert.isFalse((await json(wrong)).delivered)
  const ok = await post(path, body, await signForShop("test-webhook-secret", "demo", body))
  assert.strictEqual(ok.status, 202)
  assert.isTrue((await json(ok)).delivered)
  const again = await post(path, body, await signForShop("test-webhook-secret", "demo", body))
  assert.isFalse((await json(again)).delivered)
  const d = await deliveryOf(instagram.conversationId, seq, () => true)
  assert.strictEqual(d.status, "delivered")
  // A delivered reply is not retried.
  const retry = await json(
    await request(`/api/conversations/${instagram.conversationId}/replies/${seq}/retry`, {
      method: "POST",
      token: owner,
    }),
  )
  assert.isFalse(retry.requeued)
})
