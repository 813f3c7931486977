/** `node --conditions=@inbox/source packages/edge/scripts/explain.ts`: prints the query plan of every inbox filter. */
import { Ids } from "@inbox/core"
import { Layer, ManagedRuntime } from "effect"
import * as Settings from "../src/config/Settings.ts"
import { dbConfigOf, openClient } from "../src/db/client.node.ts"
import { layerClient, makeDb } from "../src/db/Database.ts"
import { applyMigrations } from "../src/db/migrate.node.ts"
import { Inbox, type InboxListQuery, layer as inboxLayer } from "../src/repo/Inbox.ts"

const client = await openClient(dbConfigOf(Settings.fromEnv(process.env)))
await applyMigrations(makeDb(client))
const runtime = ManagedRuntime.make(inboxLayer.pipe(Layer.provide(layerClient(client))))
const base: InboxListQuery = {
  viewer: Ids.StaffId.make("stf_owner"),
  status: "open",
  filter: "all",
  topic: null,
  search: null,
  cursor: null,
  limit: 50,
}
const queries: ReadonlyArray<[string, InboxListQuery]> = [
  ["open, first page", base],
  ["closed, next page", { ...base, status: "closed", cursor: "WzE3MDAwMDAwMDAwMDAsImMxIl0" }],
  ["unread for me", { ...base, filter: "unread" }],
  ["assigned to me", { ...base, filter: "mine" }],
  ["unassigned", { ...base, filter: "unassigned" }],
  ["topic", { ...base, topic: "shipping" }],
  ["search name/email", { ...base, search: "laurent" }],
]
for (const [label, q] of queries) {
  const statements = await runtime.runPromise(Inbox.useSync((s) => s.explain(Ids.ShopId.make("demo"), q)))
  for (const { sql, params } of statements) {
    const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as Array<never> })
    console.log(`${label}:\n${plan.rows.map((r) => `  ${String(r.detail)}`).join("\n")}`)
  }
}
await runtime.dispose()
client.close()
