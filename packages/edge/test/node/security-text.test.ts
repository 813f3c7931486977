/**
 * Text that cannot be stored as UTF-8 (a lone UTF-16 surrogate) against the real server process: refused at
 * the boundary, repaired at startup where an older version stored it, and never able to crash a read (libSQL
 * aborts the whole process on a TEXT value that is not UTF-8, so these tests cannot run in the test runner).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc; the wire Schemas are checked in the app.

import { readFileSync } from "node:fs"
import { join } from "node:path"
import { createClient } from "@libsql/client"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { migrationsFolder } from "../../src/db/migrate.node.ts"
import { indexedText } from "../../src/repo/Search.ts"
import { spawnServer } from "../reliability/serverProcess.ts"

type Server = Awaited<ReturnType<typeof spawnServer>>
let server: Server
let owner: string

const request = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined) headers.set("content-type", "application/json")
  const r = await fetch(`${server.base}${path}`, { ...init, headers })
  const text = await r.text()
  return { status: r.status, json: text === "" ? null : (JSON.parse(text) as Record<string, any>) }
}

const search = (q: string) => request(`/api/search?q=${encodeURIComponent(q)}`, { token: owner })

const assertAlive = async () => {
  assert.isTrue(server.alive(), "the server process exited")
  assert.strictEqual((await fetch(`${server.base}/healthz`)).status, 200)
}

const db = () => createClient({ url: `file:${server.dbPath}` })

/** A customer message of the demo shop, as stored and indexed (a search indexes what is new first). */
const someMessage = async () => {
  assert.strictEqual((await search("zzz")).status, 200)
  const c = db()
  try {
    const r = await c.execute(
      "select conversation_id, seq from conversation_events where shop_id = 'demo' and tag = 'CustomerMessageReceived' order by shop_seq limit 1",
    )
    return { conversationId: String(r.rows[0]?.conversation_id), seq: Number(r.rows[0]?.seq) }
  } finally {
    c.close()
  }
}

beforeAll(async () => {
  server = await spawnServer({}, (line) => console.log(line))
  const login = await request("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
  })
  owner = login.json?.token
}, 90_000)
afterAll(() => server?.stop())

describe("H2 a lone surrogate can neither enter nor, once stored, crash a read", () => {
  it("a shopper message holding \\ud800 is refused (400 InvalidRequest) and a search afterwards works", async () => {
    const chat = await request("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({ email: null, origin: DEMO_STOREFRONT, clientId: "h2-lone-surrogate" }),
    })
    assert.strictEqual(chat.status, 201)
    // Written by hand: JSON.stringify would escape the backslash, and this is exactly what an attacker sends.
    const sent = await request("/api/store/chat/messages", {
      method: "POST",
      token: chat.json?.token,
      body: '{"clientMessageId":"h2-m1","text":"abc\\ud800 poisoned"}',
    })
    assert.strictEqual(sent.status, 400)
    assert.strictEqual(sent.json?.error.code, "InvalidRequest")
    assert.deepStrictEqual(sent.json?.error.details.issues[0].path, ["text"])
    const found = await search("poisoned")
    assert.strictEqual(found.status, 200)
    await assertAlive()
  })

  it("an index row poisoned by an earlier version is repaired at the next start", async () => {
    const { conversationId, seq } = await someMessage()
    // What the earlier version left: a stored message whose JSON holds a lone surrogate's escape, indexed
    // through json_extract (bytes ED A0 80). The server is stopped first, as after an upgrade.
    await server.halt()
    const c = db()
    try {
      await c.execute({
        // The stored JSON text holds the escape (as JSON.stringify writes a lone surrogate), not raw bytes.
        sql: `update conversation_events set payload = replace(payload, '"text":"', '"text":"xyzzy\\ud800 lone ')
              where conversation_id = ? and seq = ?`,
        args: [conversationId, seq],
      })
      await c.execute({
        sql: "delete from message_search where conversation_id = ? and seq = ?",
        args: [conversationId, seq],
      })
      await c.execute({
        sql: `insert into message_search (text, shop_id, conversation_id, seq)
              select json_extract(payload, '$.text'), shop_id, conversation_id, seq from conversation_events
              where conversation_id = ? and seq = ?`,
        args: [conversationId, seq],
      })
      const stored = await c.execute({
        sql: "select hex(cast(text as blob)) as hex from message_search where conversation_id = ? and seq = ?",
        args: [conversationId, seq],
      })
      assert.include(String(stored.rows[0]?.hex), "EDA080", "the test did not poison the index")
    } finally {
      c.close()
    }
    await server.resume()
    const found = await search("xyzzy")
    assert.strictEqual(found.status, 200)
    const hit = found.json?.results.find((r: any) => r.conversationId === conversationId)
    assert.isDefined(hit, JSON.stringify(found.json))
    await assertAlive()
    assert.strictEqual((await request(`/api/conversations/${conversationId}`, { token: owner })).status, 200)
    const check = db()
    try {
      const r = await check.execute({
        sql: "select hex(cast(text as blob)) as hex from message_search where conversation_id = ? and seq = ?",
        args: [conversationId, seq],
      })
      assert.notInclude(String(r.rows[0]?.hex), "EDA080")
    } finally {
      check.close()
    }
  })

  it("bytes that are not UTF-8 in the search index cannot crash a search", async () => {
    const { conversationId, seq } = await someMessage()
    const c = db()
    try {
      // "qqzz" then ED A0 80: what json_extract wrote for a lone surrogate, planted straight into the index.
      await c.execute({
        sql: "insert into message_search (text, shop_id, conversation_id, seq) values (cast(x'71717a7aeda080' as text), 'demo', ?, ?)",
        args: [conversationId, seq],
      })
    } finally {
      c.close()
    }
    const found = await search("qqzz")
    assert.strictEqual(found.status, 200)
    await assertAlive()
  })

  it("the index's neutral copy is valid JSON for every backslash and surrogate arrangement", async () => {
    const c = createClient({ url: ":memory:" })
    try {
      // The copy the index is filled from (repo/Search.ts), as migration 0006's trigger made it.
      const sql = readFileSync(join(migrationsFolder, "0006_message_search_well_formed.sql"), "utf8")
      const expression = /VALUES \((json_extract\(.*?, '\$\.text'\)), new/.exec(sql)?.[1]
      assert.strictEqual(indexedText("new.`payload`"), expression, "the same text expression as 0006")
      for (const text of ["a\ud800b", "\udfff", "\\ud800", "\\\ud800", "ok \ud83d\ude00", "\\u01", "plain"]) {
        const payload = JSON.stringify({ text })
        const r = await c.execute({
          sql: `select hex(cast(${indexedText("?")} as blob)) as hex`,
          args: [payload],
        })
        const bytes = Buffer.from(String(r.rows[0]?.hex), "hex")
        // Valid UTF-8 (a fatal decoder throws otherwise), and unchanged when the text was well-formed.
        const decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes)
        // Only the index copy changes, and only where the JSON text holds a "\ud" (a lone surrogate's escape,
        // or the rare literal backslash-u-d): hit texts are read from the events.
        if (!payload.includes("\\ud")) assert.strictEqual(decoded, text)
      }
    } finally {
      c.close()
    }
  })
})
