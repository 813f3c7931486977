/**
 * `npm start`: the Node server with the demo shop "Maison Lumière" seeded into an empty database, and the
 * shop's own storefront on a second origin (DEMO_STORE_PORT, default PORT + 1, `off` for none) embedding the
 * chat with widget.js, as a merchant's site would.
 */
import { resolve } from "node:path"
import { Ids } from "@inbox/core"
import { repoRoot } from "../src/db/client.node.ts"
import { serveFromEnv } from "../src/runtime/node.ts"
import { DEMO_SHOP, seedDemoIfEmpty } from "./seed.ts"
import { catalogueOf, listOrigin } from "./storefront/catalogue.ts"
import { startDemoStorefront } from "./storefront/server.ts"

const inbox = await serveFromEnv(seedDemoIfEmpty())
const storePort = process.env.DEMO_STORE_PORT ?? String(inbox.port + 1)
const startStore = async () => {
  const store = await startDemoStorefront({
    port: Number(storePort),
    hostname: new URL(inbox.url).hostname,
    inboxUrl: inbox.url,
    shopId: DEMO_SHOP,
    webDist: resolve(repoRoot, "packages/web/dist"),
    catalogue: () => inbox.runtime.runPromise(catalogueOf(DEMO_SHOP)),
  })
  await inbox.runtime.runPromise(listOrigin(Ids.ShopId.make(DEMO_SHOP), store.url))
  console.log(`Demo store (embeds the chat with widget.js, like a merchant's site): ${store.url}`)
}
// The inbox runs whatever happens to its demo store (a taken port is said, not fatal).
if (inbox.webDist !== null && storePort !== "off")
  await startStore().catch((e: unknown) =>
    console.log(`The demo store did not start on port ${storePort} (${String(e)}); set DEMO_STORE_PORT.`),
  )
