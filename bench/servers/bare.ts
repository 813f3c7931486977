/**
 * The HTTP baseline: a bare Hono handler on the same Node server adapter that parses the JSON body and does
 * one libSQL insert (WAL file, as the real server). Prints `READY <port>`.
 */
import { mkdirSync } from "node:fs"
import { serve } from "@hono/node-server"
import { createClient } from "@libsql/client"
import { Hono } from "hono"

const dataDir = process.env.BENCH_DATA_DIR ?? "/tmp/inbox-bench-bare"
mkdirSync(dataDir, { recursive: true })
const client = createClient({ url: `file:${dataDir}/bare.db` })
await client.execute("PRAGMA journal_mode = WAL")
await client.execute("PRAGMA busy_timeout = 5000")
await client.execute(
  "CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL)",
)
const app = new Hono().post("/messages", async (c) => {
  const body = (await c.req.json()) as { clientMessageId: string; text: string }
  await client.execute({
    sql: "INSERT INTO messages (id, conversation_id, text, at) VALUES (?, ?, ?, ?)",
    args: [body.clientMessageId, "c1", body.text, Date.now()],
  })
  return c.json({ ok: true }, 201)
})
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" })
server.once("listening", () => {
  const a = server.address()
  console.log(`READY ${typeof a === "object" && a !== null ? a.port : 0}`)
})
process.on("SIGTERM", () => {
  server.close()
  client.close()
  process.exit(0)
})
