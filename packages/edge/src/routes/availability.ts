/**
 * Availability hours and automatic first replies: the merchant's settings (chat staff), and the public
 * "open now / back at" the storefront chat shows.
 */
import { AvailabilitySettings, ShopPath, type StoreAvailability } from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { clientAddress, DEFAULT_RATE_LIMITS, rateLimit } from "../http/middleware/rateLimit.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Availability from "../workflows/Availability.ts"

export const availabilitySettingsRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", async (c) => c.json(await run(Availability.settingsOf(c.get("staff"))), 200))
    .put("/", valid("json", AvailabilitySettings), async (c) =>
      c.json(await run(Availability.saveSettings(c.get("staff"), c.req.valid("json"))), 200),
    )
}

export const storeAvailabilityRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  // Public like the store itself, so it shares the storefront's per-address budget.
  const perAddress = rateLimit((runtime.rateLimits ?? DEFAULT_RATE_LIMITS).storefront, clientAddress)
  return new Hono<AppEnv>().get("/:shopId", perAddress, valid("param", ShopPath), async (c) => {
    const body: StoreAvailability = await run(Availability.storeAvailability(c.req.valid("param").shopId))
    return c.json(body, 200)
  })
}
