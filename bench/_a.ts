import { rmSync } from "node:fs"
import { Effect, Layer, ManagedRuntime } from "effect"
import { openClient } from "../packages/edge/src/db/client.node.ts"
import { layerClient, makeDb } from "../packages/edge/src/db/Database.ts"
import { applyMigrations } from "../packages/edge/src/db/migrate.node.ts"
import { Conversations, layer } from "../packages/edge/src/repo/Conversations.ts"

const id = (s: any) => s as any
for (const f of ["/tmp/a.db", "/tmp/a.db-wal", "/tmp/a.db-shm"]) rmSync(f, { force: true })
const client = await openClient({ url: "file:/tmp/a.db" })
await applyMigrations(makeDb(client))
await client.batch(
  [
    "INSERT INTO shops (id, name, currency, event_seq, created_at) VALUES ('shop', 'Shop', 'EUR', 0, 0)",
    "INSERT INTO customers (id, shop_id, name, email, created_at) VALUES ('cus', 'shop', 'C', 'c@x', 0)",
    "CREATE TABLE raw_inserts (id INTEGER PRIMARY KEY, c TEXT, p TEXT, at INTEGER)",
  ],
  "write",
)
const rt = ManagedRuntime.make(layer.pipe(Layer.provide(layerClient(client))))
const exec = (cmd: any) =>
  rt.runPromise(
    Effect.gen(function* () {
      return yield* (yield* Conversations).execute({
        shopId: id("shop"),
        conversationId: id("conv"),
        command: () => Effect.succeed(cmd),
      })
    }),
  )
await exec({
  _tag: "StartConversation",
  conversationId: "conv",
  shopId: "shop",
  customerId: "cus",
  platform: "email",
  customerEmail: "c@x",
  currency: "EUR",
})
console.error("MARK-START")
const t0 = performance.now()
for (let i = 0; i < (process.argv[3] ? +process.argv[3] : 200); i++) {
  if (process.argv[2] === "raw")
    await client.batch(
      [{ sql: "insert into raw_inserts (c,p,at) values (?,?,?)", args: ["conv", "hello", i] }],
      "write",
    )
  else
    await exec({
      _tag: "ReceiveCustomerMessage",
      messageId: `m${i}`,
      text: "Where is my order?",
      hasImage: false,
      classification: null,
    })
}
console.error("MARK-END", ((performance.now() - t0) / 200).toFixed(3), "ms/op")
