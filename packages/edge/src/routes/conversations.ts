/** The merchant inbox: list, thread, replies, status, read state and assignment. @see R2–R5, R15–R19 */
import {
  AssigneeBody,
  ConversationPath,
  type ConversationResponse,
  InboxQuery,
  ReplyBody,
  type ReplyResponse,
  StatusBody,
} from "@inbox/core/wire"
import { Hono } from "hono"
import { type AppEnv, chatStaff, localeOf } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import * as Merchant from "../workflows/Merchant.ts"

export const conversationRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", valid("query", InboxQuery), async (c) =>
      c.json(await run(Merchant.listInbox(c.get("staff"), c.req.valid("query"))), 200),
    )
    .get("/:id", valid("param", ConversationPath), async (c) =>
      c.json(
        await run(Merchant.conversationDetail(c.get("staff"), c.req.valid("param").id, localeOf(c))),
        200,
      ),
    )
    .post("/:id/replies", valid("param", ConversationPath), valid("json", ReplyBody), async (c) => {
      const answer = await run(
        Merchant.reply(c.get("staff"), c.req.valid("param").id, c.req.valid("json"), localeOf(c)),
      )
      return c.json(answer.body as ReplyResponse, 201)
    })
    .post("/:id/status", valid("param", ConversationPath), valid("json", StatusBody), async (c) => {
      const body: ConversationResponse = await run(
        Merchant.setStatus(c.get("staff"), c.req.valid("param").id, c.req.valid("json").status),
      )
      return c.json(body, 200)
    })
    .post("/:id/read", valid("param", ConversationPath), async (c) =>
      c.json(await run(Merchant.markRead(c.get("staff"), c.req.valid("param").id)), 200),
    )
    .post("/:id/unread", valid("param", ConversationPath), async (c) =>
      c.json(await run(Merchant.markUnread(c.get("staff"), c.req.valid("param").id)), 200),
    )
    .put("/:id/assignee", valid("param", ConversationPath), valid("json", AssigneeBody), async (c) =>
      c.json(
        await run(Merchant.assign(c.get("staff"), c.req.valid("param").id, c.req.valid("json").staffId)),
        200,
      ),
    )
    .delete("/:id/assignee", valid("param", ConversationPath), async (c) =>
      c.json(await run(Merchant.unassign(c.get("staff"), c.req.valid("param").id)), 200),
    )
}
