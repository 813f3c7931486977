/** Saved replies of the shop, for staff with the chat permission. @see R0.2 */
import {
  SavedReplyBody,
  type SavedReplyList,
  SavedReplyPath,
  type SavedReplyResponse,
} from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as SavedReplies from "../workflows/SavedReplies.ts"

export const savedReplyRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", async (c) => {
      const body: SavedReplyList = await run(SavedReplies.list(c.get("staff")))
      return c.json(body, 200)
    })
    .post("/", valid("json", SavedReplyBody), async (c) => {
      const body: SavedReplyResponse = await run(SavedReplies.save(c.get("staff"), null, c.req.valid("json")))
      return c.json(body, 201)
    })
    .put("/:id", valid("param", SavedReplyPath), valid("json", SavedReplyBody), async (c) => {
      const body: SavedReplyResponse = await run(
        SavedReplies.save(c.get("staff"), c.req.valid("param").id, c.req.valid("json")),
      )
      return c.json(body, 200)
    })
    .delete("/:id", valid("param", SavedReplyPath), async (c) => {
      await run(SavedReplies.remove(c.get("staff"), c.req.valid("param").id))
      return c.body(null, 204)
    })
}
