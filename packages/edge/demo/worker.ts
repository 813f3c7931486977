/**
 * The Worker with the demo shop, for `npm run dev:edge` (wrangler dev) and the workerd tests: the production
 * Worker plus a seed of the demo into an empty database. `wrangler deploy` bundles src/runtime/worker.ts only.
 */
import { ShopDurableObject as ProductionShopDurableObject } from "../src/do/ShopDurableObject.ts"
import type { Seed } from "../src/runtime/layers.ts"
import { makeWorker } from "../src/runtime/worker.ts"
import { DEMO_SHOP, seedDemoIfEmpty } from "./seed.ts"

/** The demo is the default shop's data when that shop is the demo's. */
const demoFor = (shopId: string, defaultShop: string): Seed | null =>
  shopId === DEMO_SHOP && defaultShop === DEMO_SHOP ? seedDemoIfEmpty() : null

export class ShopDurableObject extends ProductionShopDurableObject {
  protected override seed(shopId: string): Seed | null {
    return demoFor(shopId, this.config.defaultShop)
  }
}

export default makeWorker((config) => demoFor(config.defaultShop, config.defaultShop))
