/** `npm run seed`: wipes the database named by INBOX_DB_URL (default .data/inbox.db) and seeds the demo shop. */
import { Effect, Layer } from "effect"
import { seedDemo, wipe } from "../demo/seed.ts"
import * as Settings from "../src/config/Settings.ts"
import { dbConfigOf, openClient } from "../src/db/client.node.ts"
import { layerClient, makeDb } from "../src/db/Database.ts"
import { applyMigrations } from "../src/db/migrate.node.ts"
import { repositories } from "../src/runtime/layers.ts"
import * as Classifier from "../src/topics/classifier.ts"

const config = dbConfigOf(Settings.fromEnv(process.env))
const client = await openClient(config)
const db = makeDb(client)
await applyMigrations(db)
await wipe(client)
const started = performance.now()
await Effect.runPromise(
  seedDemo().pipe(
    Effect.provide(
      Layer.mergeAll(repositories, Classifier.layer).pipe(Layer.provideMerge(layerClient(client))),
    ),
  ),
)
console.log(`Seeded the demo shop into ${config.url} in ${Math.round(performance.now() - started)} ms`)
client.close()
