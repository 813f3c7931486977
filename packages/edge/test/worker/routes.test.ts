/**
 * The route contract in workerd, through the Worker's default export: each request goes to the demo shop's
 * Durable Object, which migrates and seeds its own SQLite on first use and commits every write there.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc; the wire Schemas are checked in the app.
import { env, exports } from "cloudflare:workers"
import { assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import journal from "../../migrations/meta/_journal.json" with { type: "json" }
import { bundledSql } from "../../src/db/client.worker.ts"

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  return exports.default.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers }))
}
const body = async (r: Response) => (await r.json()) as Record<string, any>

const login = async (email: string) => {
  const r = await call("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email, password: "inbox-demo" }),
  })
  assert.strictEqual(r.status, 200)
  return body(r)
}

let owner: string

beforeAll(async () => {
  owner = (await login("owner@demo.shop")).token
})

describe("Worker routes (shop Durable Object storage)", () => {
  it("bundles every migration in the journal", () => {
    // Each is some SQL statement (a table, an index, a column added), not an empty or missing import.
    for (const entry of journal.entries)
      assert.match(
        bundledSql[`m${String(entry.idx).padStart(4, "0")}`] ?? "",
        /\b(CREATE|ALTER|DROP)\b/,
        `${entry.tag} is not bundled`,
      )
  })

  it("R19 serves the shop's Web Push key and keeps a browser's subscription (pushforge is bundled)", async () => {
    const key = await body(await call("/api/push/key", { token: owner }))
    assert.strictEqual(key.publicKey, env.INBOX_VAPID_PUBLIC_KEY)
    const r = await call("/api/push/subscription", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({
        endpoint: "https://push.example.com/send/abc",
        keys: {
          p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
          auth: "tBHItJI5svbpez7KI4CCXg",
        },
      }),
    })
    assert.strictEqual(r.status, 204)
  })

  it("answers /healthz", async () => {
    const r = await call("/healthz")
    assert.strictEqual(r.status, 200)
    assert.deepStrictEqual(await r.json(), { ok: true })
  })

  it("signs in the seeded owner with a session cookie, and refuses a wrong password in French", async () => {
    const ok = await call("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
    })
    assert.strictEqual(ok.status, 200)
    assert.isTrue(
      ok.headers.getSetCookie().some((c: string) => c.startsWith("inbox_session=") && c.includes("HttpOnly")),
    )
    assert.strictEqual((await body(ok)).shop.id, "demo")
    const wrong = await call("/api/auth/login", {
      method: "POST",
      headers: { "accept-language": "fr-FR" },
      body: JSON.stringify({ email: "owner@demo.shop", password: "nope" }),
    })
    assert.strictEqual(wrong.status, 401)
    const error = (await body(wrong)).error
    assert.strictEqual(error.code, "InvalidCredentials")
    assert.strictEqual(error.message, "E-mail ou mot de passe incorrect.")
  })

  it("lists the seeded conversations in pages", async () => {
    const r = await call("/api/conversations?limit=3", { token: owner })
    assert.strictEqual(r.status, 200)
    const page = await body(r)
    assert.lengthOf(page.rows, 3)
    assert.isString(page.nextCursor)
    const next = await body(
      await call(`/api/conversations?limit=3&cursor=${page.nextCursor}`, { token: owner }),
    )
    const ids = new Set([...page.rows, ...next.rows].map((row: any) => row.conversationId))
    assert.strictEqual(ids.size, page.rows.length + next.rows.length)
  })

  it("finds conversations by customer name through the search index (FTS5 in the object's SQLite)", async () => {
    const all = await body(await call("/api/conversations?limit=100", { token: owner }))
    const name: string = all.rows[0].customerName
    const found = await body(
      await call(`/api/conversations?q=${encodeURIComponent(name.slice(0, 4))}`, { token: owner }),
    )
    assert.isTrue(found.rows.some((row: any) => row.conversationId === all.rows[0].conversationId))
    assert.isBelow(found.rows.length, all.rows.length)
  })

  it("R18 stores an uploaded image in R2 and serves it back with its type", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ])
    const up = await call("/api/images", {
      method: "POST",
      token: owner,
      headers: { "content-type": "image/png" },
      body: png,
    })
    assert.strictEqual(up.status, 201)
    const { image, url } = await body(up)
    const stored = await env.IMAGES.get(`demo/${image.id}`)
    assert.isNotNull(stored)
    assert.deepStrictEqual(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0)), png)
    const down = await call(url)
    assert.strictEqual(down.status, 200)
    assert.strictEqual(down.headers.get("content-type"), "image/png")
    assert.deepStrictEqual(new Uint8Array(await down.arrayBuffer()), png)
    const text = await call("/api/images", { method: "POST", token: owner, body: "not an image" })
    assert.strictEqual(text.status, 415)
    await text.text()
  })

  it("refuses the inbox without a session", async () => {
    const r = await call("/api/conversations")
    assert.strictEqual(r.status, 401)
    assert.strictEqual((await body(r)).error.code, "Unauthorized")
  })

  it("sends a reply once per client message id", async () => {
    const { rows } = await body(await call("/api/conversations?limit=1", { token: owner }))
    const id = rows[0].conversationId
    const reply = {
      clientMessageId: crypto.randomUUID(),
      text: "Bonjour, c'est envoyé aujourd'hui.",
      productIds: [],
      discountCode: null,
      imageId: null,
    }
    const first = await call(`/api/conversations/${id}/replies`, {
      method: "POST",
      token: owner,
      body: JSON.stringify(reply),
    })
    assert.strictEqual(first.status, 201)
    const firstBody = await body(first)
    const again = await call(`/api/conversations/${id}/replies`, {
      method: "POST",
      token: owner,
      body: JSON.stringify(reply),
    })
    assert.strictEqual(again.status, 201)
    assert.deepStrictEqual(await body(again), firstBody)
    const thread = (await body(await call(`/api/conversations/${id}`, { token: owner }))).thread
    const sent = thread.filter(
      (item: any) => item.event._tag === "ReplySent" && item.event.text === reply.text,
    )
    assert.lengthOf(sent, 1)
  })

  it("starts a storefront chat, takes the shopper's message, and shows it to the merchant", async () => {
    const start = await call("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({
        email: null,
        origin: DEMO_STOREFRONT,
        clientId: `client-${crypto.randomUUID()}`,
      }),
    })
    assert.strictEqual(start.status, 201)
    const { token, conversationId } = await body(start)
    const text = "Bonjour, avez-vous la bougie en grand format ?"
    const sent = await call("/api/store/chat/messages", {
      method: "POST",
      token,
      body: JSON.stringify({ clientMessageId: crypto.randomUUID(), text }),
    })
    assert.strictEqual(sent.status, 201)
    const mine = await body(await call("/api/store/chat", { token }))
    assert.isTrue(mine.thread.some((item: any) => item.event.text === text))
    const seen = await body(await call(`/api/conversations/${conversationId}`, { token: owner }))
    assert.isTrue(seen.thread.some((item: any) => item.event.text === text))
  })

  it("H2 refuses a message holding a lone surrogate (400), and message search still answers", async () => {
    const start = await call("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({
        email: null,
        origin: DEMO_STOREFRONT,
        clientId: `client-${crypto.randomUUID()}`,
      }),
    })
    const { token } = await body(start)
    const sent = await call("/api/store/chat/messages", {
      method: "POST",
      token,
      body: `{"clientMessageId":"${crypto.randomUUID()}","text":"lonely\\ud800 text"}`,
    })
    assert.strictEqual(sent.status, 400)
    assert.strictEqual((await body(sent)).error.code, "InvalidRequest")
    const found = await call("/api/search?q=lonely", { token: owner })
    assert.strictEqual(found.status, 200)
    assert.deepStrictEqual((await body(found)).results, [])
  })
})

describe("Worker realtime upgrade", () => {
  it("forwards /api/realtime to the shop's object, which replays from the given shop seq then says Ready", async () => {
    const response = await call("/api/realtime?since=0", { token: owner, headers: { upgrade: "websocket" } })
    assert.strictEqual(response.status, 101)
    const ws = response.webSocket
    if (ws === null) throw new Error("no socket")
    const frames: Array<any> = []
    const ready = new Promise<any>((resolve) =>
      ws.addEventListener("message", (e) => {
        const frame = JSON.parse(String(e.data))
        frames.push(frame)
        if (frame._tag === "Ready") resolve(frame)
      }),
    )
    ws.accept()
    const { shopSeq } = await ready
    const committed = frames.filter((f) => f._tag === "Committed").map((f) => f.shopSeq)
    assert.deepStrictEqual(
      committed,
      Array.from({ length: shopSeq }, (_, i) => i + 1),
    )
    ws.close(1000)
  })
})
