/** The composer's look-ups and the staff picker. @see R15, R16, R19 */
import { SearchQuery, StaffQuery } from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Merchant from "../workflows/Merchant.ts"

export const staffRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", valid("query", StaffQuery), async (c) =>
      c.json(await run(Merchant.staffList(c.get("staff"), c.req.valid("query").assignable === "true")), 200),
    )
}

export const productRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", valid("query", SearchQuery), async (c) =>
      c.json(await run(Merchant.products(c.get("staff"), c.req.valid("query").q ?? "")), 200),
    )
}

export const discountRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", valid("query", SearchQuery), async (c) =>
      c.json(await run(Merchant.discounts(c.get("staff"), c.req.valid("query").q ?? "")), 200),
    )
}
