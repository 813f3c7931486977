/** The customer profile panel and the internal note. @see R20–R24 */
import { CustomerPath, NoteBody, ProfileQuery } from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff, localeOf } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Merchant from "../workflows/Merchant.ts"

export const customerRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/:id/profile", valid("param", CustomerPath), valid("query", ProfileQuery), async (c) =>
      c.json(
        await run(
          Merchant.profile(
            c.get("staff"),
            c.req.valid("param").id,
            c.req.valid("query").conversationId ?? null,
            localeOf(c),
          ),
        ),
        200,
      ),
    )
    .put("/:id/note", valid("param", CustomerPath), valid("json", NoteBody), async (c) =>
      c.json(
        await run(Merchant.setNote(c.get("staff"), c.req.valid("param").id, c.req.valid("json").note)),
        200,
      ),
    )
}
