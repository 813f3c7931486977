/** A seeded Node server (the demo shop) whose shop `demo` is connected (first sync done) to a shop of the local fake Shopify. */
import type { Ids } from "@inbox/core"
import { StoreConnections } from "../../src/commerce/shopify/connections.ts"
import { DEFAULT_SCOPES, type ShopifySettingsShape } from "../../src/commerce/shopify/settings.ts"
import { syncStore } from "../../src/commerce/shopify/sync.ts"
import { seededServer } from "../node/harness.ts"
import { type FakeShopify, startFakeShopify } from "./fake.ts"
import { settingsFor, TEST_APP } from "./harness.ts"

export const shopifyServer = async (
  domain: string,
  options: {
    readonly connect?: boolean
    readonly settings?: Partial<ShopifySettingsShape>
    /** The store's records; the documentation-shaped fixtures when absent. */
    readonly shop?: Parameters<FakeShopify["addShop"]>[1]
  } = {},
) => {
  const fake = await startFakeShopify(TEST_APP)
  if (options.shop === undefined) fake.addFixtureShop(domain)
  else fake.addShop(domain, options.shop)
  const settings = settingsFor(fake, options.settings)
  const server = await seededServer({ shopify: settings })
  if (options.connect !== false) {
    const accessToken = fake.issueToken(domain)
    await server.runtime.runPromise(
      StoreConnections.use((c) =>
        c.connect({
          shopId: "demo" as Ids.ShopId,
          shopDomain: domain,
          scopes: DEFAULT_SCOPES,
          accessToken,
          at: Date.now(),
        }),
      ),
    )
    await server.runtime.runPromise(syncStore("demo" as Ids.ShopId))
  }
  return {
    ...server,
    fake,
    settings,
    stop: async () => {
      await server.stop()
      await fake.close()
    },
  }
}

export type ShopifyServer = Awaited<ReturnType<typeof shopifyServer>>
