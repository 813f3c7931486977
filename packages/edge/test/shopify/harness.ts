/**
 * Shopify test fixtures: the local fake on loopback, a migrated libSQL file, and the app's repositories with
 * Shopify settings pointing at the fake (configuration only: the Admin API and OAuth origins).
 */
import { join } from "node:path"
import type { Ids, TopicClassifier } from "@inbox/core"
import { Effect, Layer, ManagedRuntime } from "effect"
import * as SecretBoxes from "../../src/auth/SecretBox.ts"
import { StoreConnections } from "../../src/commerce/shopify/connections.ts"
import {
  DEFAULT_SCOPES,
  ShopifySettings,
  type ShopifySettingsShape,
} from "../../src/commerce/shopify/settings.ts"
import { openClient } from "../../src/db/client.node.ts"
import { type Database, layerClient, makeDb } from "../../src/db/Database.ts"
import { applyMigrations } from "../../src/db/migrate.node.ts"
import * as t from "../../src/db/schema.ts"
import { type Broadcaster, layerSilent } from "../../src/realtime/Broadcaster.ts"
import { type Repositories, repositoriesWith } from "../../src/runtime/layers.ts"
import * as Classifier from "../../src/topics/classifier.ts"
import { tempDir } from "../node/harness.ts"
import { type FakeShopify, startFakeShopify } from "./fake.ts"

export const TEST_APP = { apiKey: "inbox-test-client-id", apiSecret: "inbox-test-client-secret" }

export const settingsFor = (
  fake: FakeShopify,
  overrides: Partial<ShopifySettingsShape> = {},
): ShopifySettingsShape => ({
  app: { ...TEST_APP, scopes: DEFAULT_SCOPES, appUrl: null, oauthOrigin: fake.origin },
  admin: { adminOrigin: fake.origin, requestTimeoutMs: 3_000, maxAttempts: 4, maxBackoffMs: 60 },
  readBudgetMs: 2_000,
  productTtlMs: 3_600_000,
  defaultShop: "demo",
  shopsByDomain: new Map(),
  ...overrides,
})

type Services =
  | Repositories
  | Database
  | ShopifySettings
  | SecretBoxes.SecretBox
  | TopicClassifier
  | Broadcaster

/** A fake Shopify and a fresh store wired to it. */
export const shopifyStore = async (overrides: Partial<ShopifySettingsShape> = {}) => {
  const fake = await startFakeShopify(TEST_APP)
  const dir = tempDir()
  const client = await openClient({ url: `file:${join(dir.path, "inbox.db")}` })
  const db = makeDb(client)
  await applyMigrations(db)
  const settings = settingsFor(fake, overrides)
  const deps = Layer.merge(Layer.succeed(ShopifySettings, settings), SecretBoxes.layer("test-encryption-key"))
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(repositoriesWith(deps), deps, Classifier.layer, layerSilent).pipe(
      Layer.provideMerge(layerClient(client)),
    ),
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> => runtime.runPromise(effect)
  const runExit = <A, E>(effect: Effect.Effect<A, E, Services>) => runtime.runPromiseExit(effect)
  return {
    fake,
    db,
    client,
    settings,
    run,
    runExit,
    /** An inbox shop row. */
    addShop: async (shopId: string, currency = "EUR") => {
      await db
        .insert(t.shops)
        .values({ id: shopId, name: shopId, currency, createdAt: 0 })
        .onConflictDoNothing()
      return shopId as Ids.ShopId
    },
    /** Connects the inbox shop to the fake's shop with a token the fake accepts (as after an install). */
    connect: async (shopId: Ids.ShopId, domain: string) => {
      const accessToken = fake.issueToken(domain)
      await run(
        StoreConnections.use((c) =>
          c.connect({ shopId, shopDomain: domain, scopes: DEFAULT_SCOPES, accessToken, at: Date.now() }),
        ),
      )
      return accessToken
    },
    close: async () => {
      await runtime.dispose()
      client.close()
      await fake.close()
      dir.remove()
    },
  }
}

export type ShopifyStore = Awaited<ReturnType<typeof shopifyStore>>
export { Effect }
