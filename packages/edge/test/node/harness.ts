/** Test fixtures: a migrated libSQL file in a fresh temp folder, the repositories over it, a seeded server. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TopicClassifier } from "@inbox/core"
import type { Client } from "@libsql/client"
import { Effect, Layer, ManagedRuntime } from "effect"
import { seedDemoIfEmpty } from "../../demo/seed.ts"
import { DEFAULT_RETRY } from "../../src/channels/Dispatcher.ts"
import { openClient } from "../../src/db/client.node.ts"
import { type Database, type Db, layerClient, makeDb } from "../../src/db/Database.ts"
import { applyMigrations } from "../../src/db/migrate.node.ts"
import { layerSilent } from "../../src/realtime/Broadcaster.ts"
import { repositories } from "../../src/runtime/layers.ts"
import { type NodeServerOptions, startNodeServer } from "../../src/runtime/node.ts"
import * as Classifier from "../../src/topics/classifier.ts"

export const tempDir = (): { readonly path: string; readonly remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), "inbox-edge-"))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** The repositories over an already open client (file or remote), migrated. */
export const storeOver = async (client: Client) => {
  const db = makeDb(client)
  await applyMigrations(db)
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(repositories, Classifier.layer, layerSilent).pipe(Layer.provideMerge(layerClient(client))),
  )
  return {
    db,
    client,
    run: <A, E>(
      effect: Effect.Effect<
        A,
        E,
        Layer.Success<typeof repositories> | Layer.Success<typeof layerSilent> | Database | TopicClassifier
      >,
    ) => runtime.runPromise(effect),
    runExit: <A, E>(effect: Effect.Effect<A, E, Layer.Success<typeof repositories>>) =>
      runtime.runPromiseExit(effect),
    dispose: () => runtime.dispose(),
  }
}

export type Store = Awaited<ReturnType<typeof storeOver>>

/** A fresh migrated libSQL file. */
export const fileStore = async () => {
  const dir = tempDir()
  const client = await openClient({ url: `file:${join(dir.path, "inbox.db")}` })
  const store = await storeOver(client)
  return {
    ...store,
    close: async () => {
      await store.dispose()
      client.close()
      dir.remove()
    },
  }
}

/**
 * Stand-ins for the web build (the files the app serves as they are: the widget's loader and frame, the
 * inbox page), so the widget endpoints answer without running Vite.
 */
export const webBuildStandIn = (): { readonly path: string; readonly remove: () => void } => {
  const dir = tempDir()
  writeFileSync(join(dir.path, "widget.js"), "/* loader */")
  writeFileSync(join(dir.path, "chat.html"), "<!doctype html><title>chat</title>")
  writeFileSync(join(dir.path, "index.html"), "<!doctype html><title>inbox</title>")
  return dir
}

/** A seeded server on a random port over a fresh file. */
export const seededServer = async (overrides: Partial<NodeServerOptions> = {}) => {
  const dir = tempDir()
  const server = await startNodeServer({
    port: 0,
    hostname: "127.0.0.1",
    dbUrl: `file:${join(dir.path, "inbox.db")}`,
    sessionSecret: "test-session-secret",
    webhookSecret: "test-webhook-secret",
    dataDir: dir.path,
    webDist: null,
    seed: seedDemoIfEmpty(),
    channels: {
      webhook: { url: null, secret: "test-webhook-secret", timeoutMs: 2_000 },
      sendEmail: null,
      retry: DEFAULT_RETRY,
      pollMs: 50,
    },
    log: () => {},
    ...overrides,
  })
  return {
    ...server,
    dir: dir.path,
    stop: async () => {
      await server.close()
      dir.remove()
    },
  }
}

export type Db_ = Db
export { Effect }

/** A bearer token for a seeded demo staff member, through the real sign-in route. */
export const staffToken = async (
  app: { readonly request: (url: string, init: RequestInit) => Response | Promise<Response> },
  email = "owner@demo.shop",
): Promise<string> => {
  const r = await app.request("http://127.0.0.1/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "inbox-demo" }),
  })
  if (r.status !== 200) throw new Error(`sign-in as ${email} answered ${r.status}`)
  return ((await r.json()) as { token: string }).token
}
