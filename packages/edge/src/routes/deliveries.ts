/** Extra conversation actions next to the conversation's routes: retry of a failed reply (R2), block sender. */
import { ConversationPath, RetryPath } from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Blocking from "../workflows/Blocking.ts"
import * as Deliveries from "../workflows/Deliveries.ts"

export const deliveryRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .post("/:id/replies/:seq/retry", valid("param", RetryPath), async (c) => {
      const { id, seq } = c.req.valid("param")
      return c.json(await run(Deliveries.retry(c.get("staff"), id as ConversationPath["id"], seq)), 200)
    })
    .put("/:id/block", valid("param", ConversationPath), async (c) =>
      c.json(await run(Blocking.block(c.get("staff"), c.req.valid("param").id)), 200),
    )
    .delete("/:id/block", valid("param", ConversationPath), async (c) =>
      c.json(await run(Blocking.unblock(c.get("staff"), c.req.valid("param").id)), 200),
    )
}
