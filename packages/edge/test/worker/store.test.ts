/**
 * The repository contract of the Node suite (test/node/storeContract.ts), run here against the second
 * adapter: a shop Durable Object's own SQLite through the libSQL-client adapter (db/client.durable.ts).
 */

import { runInDurableObject } from "cloudflare:test"
import { env } from "cloudflare:workers"
import type { Client, InArgs, InStatement } from "@libsql/client"
import { Layer, ManagedRuntime } from "effect"
import { assert, describe, it } from "vitest"
import { durableClient } from "../../src/db/client.durable.ts"
import { layerClient, makeDb } from "../../src/db/Database.ts"
import { layerSilent } from "../../src/realtime/Broadcaster.ts"
import { repositories } from "../../src/runtime/layers.ts"
import * as Classifier from "../../src/topics/classifier.ts"
import { describeStoreContract, type OpenedStore } from "../node/storeContract.ts"

/**
 * A fresh shop object (its constructor migrates its SQLite). Storage may only be touched from inside the
 * object, so each client call is carried in with runInDurableObject and runs there on the real adapter.
 */
const durableStore = async (): Promise<OpenedStore> => {
  const stub = env.SHOP.getByName(`contract-${crypto.randomUUID()}`)
  const inObject = <A>(f: (client: Client) => Promise<A>): Promise<A> =>
    runInDurableObject(stub, (_instance, state) => f(durableClient(state.storage)))
  const client: Client = {
    execute: ((stmt: InStatement, args?: InArgs) =>
      inObject((c) => c.execute(stmt as string, args))) as Client["execute"],
    batch: (stmts, mode) => inObject((c) => c.batch(stmts, mode)),
    migrate: (stmts) => inObject((c) => c.migrate(stmts)),
    transaction: (() => inObject((c) => c.transaction())) as Client["transaction"],
    executeMultiple: (sql) => inObject((c) => c.executeMultiple(sql)),
    sync: () => Promise.resolve(undefined),
    close: () => {},
    reconnect: () => {},
    closed: false,
    protocol: "file",
  }
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(repositories, Classifier.layer, layerSilent).pipe(Layer.provideMerge(layerClient(client))),
  )
  return {
    db: makeDb(client),
    client,
    run: (effect) => runtime.runPromise(effect),
    runExit: (effect) => runtime.runPromiseExit(effect),
    dispose: () => runtime.dispose(),
    close: () => runtime.dispose(),
  }
}

describeStoreContract("Durable Object SQLite", durableStore)

describe("Durable Object SQLite as a libSQL client", () => {
  it("answers rows as libSQL does: named columns enumerable, positions not", async () => {
    const stub = env.SHOP.getByName(`rows-${crypto.randomUUID()}`)
    const { rows, rowsAffected, columns } = await runInDurableObject(stub, (_instance, state) =>
      durableClient(state.storage).execute("select 1 as a, 'x' as b, 3 as a, ? as c", [7]),
    )
    assert.deepStrictEqual(columns, ["a", "b", "a", "c"])
    assert.strictEqual(rowsAffected, 0)
    const [row] = rows
    assert.deepStrictEqual(Object.keys(row ?? {}), ["a", "b", "c"])
    // The first of a repeated name, as libSQL answers it; positions keep every value.
    assert.deepStrictEqual({ ...row }, { a: 1, b: "x", c: 7 })
    assert.deepStrictEqual(Array.prototype.slice.call(row), [1, "x", 3, 7])
  })

  it("counts the rows a write changed and commits a batch all or nothing", async () => {
    const stub = env.SHOP.getByName(`batch-${crypto.randomUUID()}`)
    const counts = await runInDurableObject(stub, async (_instance, state) => {
      const client = durableClient(state.storage)
      await client.execute("create table t (id integer primary key, v text not null)")
      const [inserted] = await client.batch([
        { sql: "insert into t (id, v) values (?, ?), (?, ?)", args: [1, "a", 2, "b"] },
      ])
      const refused = await client
        .batch(["insert into t (id, v) values (3, 'c')", "insert into t (id, v) values (1, 'dup')"])
        .then(
          () => "committed",
          () => "refused",
        )
      const left = await client.execute("select count(*) as n from t")
      return { inserted: inserted?.rowsAffected, refused, left: left.rows[0]?.n }
    })
    assert.deepStrictEqual(counts, { inserted: 2, refused: "refused", left: 2 })
  })
})
