/**
 * The repository contract of the Node suite (test/node/storeContract.ts), run here against the second
 * adapter: a shop Durable Object's own SQLite through the libSQL-client adapter (db/client.durable.ts).
 */

import { runInDurableObject } from "cloudflare:test"
import { env } from "cloudflare:workers"
import type { Client, InArgs, InStatement } from "@libsql/client"
import { Layer, ManagedRuntime } from "effect"
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
