/** `GET /api/search?q=`: conversation search over names, emails and message texts (chat staff). */
import { ConversationSearchQuery } from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Search from "../workflows/Search.ts"

export const searchRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", valid("query", ConversationSearchQuery), async (c) =>
      c.json(await run(Search.search(c.get("staff"), c.req.valid("query").q)), 200),
    )
}
