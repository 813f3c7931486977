/**
 * The remote-database path in workerd: with INBOX_DB_URL the Worker migrates, seeds and serves the app over
 * a real libSQL server (sqld, started by setup/sqld.ts) through `@libsql/client/web`, and each commit is
 * published to the shop's Durable Object, which fans it out to the live tabs.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies and frames are read ad hoc.

import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test"
import { env } from "cloudflare:workers"
import { createClient } from "@libsql/client/web"
import { assert, beforeAll, describe, it } from "vitest"
import worker from "../../demo/worker.ts"
import { SHOP_HEADER } from "../../src/do/ShopDurableObject.ts"
import { textReply } from "./setup/requests.ts"

const remoteEnv = { ...env, INBOX_DB_URL: env.SQLD_URL }

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  const request = new Request(`http://127.0.0.1${path}`, { ...init, headers })
  return worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, remoteEnv)
}
const body = async (r: Response) => (await r.json()) as Record<string, any>

let owner: string

beforeAll(async () => {
  const r = await call("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
  })
  assert.strictEqual(r.status, 200)
  owner = (await body(r)).token
})

describe("Worker over a remote libSQL database (sqld)", () => {
  it("migrated and seeded the remote database, and records the migrations as drizzle does", async () => {
    const db = createClient({ url: env.SQLD_URL })
    const shops = await db.execute("SELECT id FROM shops")
    assert.deepStrictEqual(
      shops.rows.map((r) => r.id),
      ["demo"],
    )
    const applied = await db.execute("SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at")
    assert.isAtLeast(applied.rows.length, 4)
    assert.isTrue(applied.rows.every((r) => /^[0-9a-f]{64}$/.test(String(r.hash))))
    db.close()
  })

  it("serves health, the inbox, and a reply committed to sqld and fanned out by the shop's object", async () => {
    assert.strictEqual((await call("/healthz")).status, 200)
    const { rows } = await body(await call("/api/conversations?limit=5", { token: owner }))
    assert.lengthOf(rows, 5)
    const conversationId = rows[0].conversationId

    // The object here runs with the test's own bindings (no INBOX_DB_URL): it checks sessions against its
    // own database, so the tab signs in there. A deployment gives both the same database.
    const signedIn = await env.SHOP.getByName("demo").fetch(
      new Request("http://127.0.0.1/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", [SHOP_HEADER]: "demo" },
        body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
      }),
    )
    const tab = (await body(signedIn)).token
    const socket = await env.SHOP.getByName("demo").fetch(
      new Request("http://127.0.0.1/api/realtime", {
        headers: { upgrade: "websocket", [SHOP_HEADER]: "demo", authorization: `Bearer ${tab}` },
      }),
    )
    const ws = socket.webSocket
    if (ws === null) throw new Error("no socket")
    const frames: Array<any> = []
    let notify = () => {}
    ws.addEventListener("message", (e) => {
      frames.push(JSON.parse(String(e.data)))
      notify()
    })
    ws.accept()
    const text = `Réponse via sqld ${crypto.randomUUID()}`
    const sent = await call(`/api/conversations/${conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: textReply(text),
    })
    assert.strictEqual(sent.status, 201)
    await sent.text()

    const db = createClient({ url: env.SQLD_URL })
    const stored = await db.execute({
      sql: "SELECT count(*) AS n FROM conversation_events WHERE conversation_id = ? AND payload LIKE ?",
      args: [conversationId, `%${text}%`],
    })
    assert.strictEqual(Number(stored.rows[0]?.n), 1)
    db.close()

    const fannedOut = () => frames.find((f) => f._tag === "Committed" && f.event.text === text)
    while (fannedOut() === undefined) await new Promise<void>((r) => (notify = r))
    assert.strictEqual(fannedOut().conversationId, conversationId)
    ws.close(1000)
  })

  it("R2 the cron trigger delivers the shared database's outbox: an email reply is sent and marked sent in sqld", async () => {
    const { rows } = await body(await call("/api/conversations?limit=100", { token: owner }))
    const row = rows.find((r: any) => r.platform === "email")
    assert.isDefined(row)
    const text = `Envoyé par le cron ${crypto.randomUUID()}`
    const sent = await call(`/api/conversations/${row.conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: textReply(text),
    })
    assert.strictEqual(sent.status, 201)
    await sent.text()
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController(), remoteEnv, ctx)
    await waitOnExecutionContext(ctx)
    const emails = (await (await fetch(`${env.RECEIVER_URL}/received`)).json()) as Array<{
      path: string
      body: string
    }>
    assert.isTrue(emails.some((e) => e.path === "/email" && JSON.parse(e.body).text === text))
    const db = createClient({ url: env.SQLD_URL })
    const status = await db.execute({
      sql: "SELECT status FROM outbox WHERE conversation_id = ? AND payload LIKE ?",
      args: [row.conversationId, `%${text}%`],
    })
    assert.deepStrictEqual(
      status.rows.map((r) => r.status),
      ["sent"],
    )
    db.close()
  })
})
