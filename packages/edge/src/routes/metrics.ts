/** `GET /api/metrics`: the inbox's performance over a date range (chat staff). */
import { MetricsQuery } from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Metrics from "../workflows/Metrics.ts"

export const metricsRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", valid("query", MetricsQuery), async (c) =>
      c.json(await run(Metrics.metrics(c.get("staff"), c.req.valid("query"))), 200),
    )
}
