/** Inbound platform webhooks: the signature is checked over the raw body before anything is parsed. @see R2 */
import { InboundMessage, WebhookPath } from "@inbox/core/wire"
import { Hono } from "hono"
import type { AppEnv } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { readSignedBody } from "../http/signedBody.ts"
import { valid } from "../http/validate.ts"
import * as Inbound from "../workflows/Inbound.ts"

const MAX_WEBHOOK_BYTES = 256 * 1024

export const webhookRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>().post("/:platform/:shopId", valid("param", WebhookPath), async (c) => {
    const message = await readSignedBody(c, {
      secret: runtime.webhookSecret,
      maxBytes: MAX_WEBHOOK_BYTES,
      schema: InboundMessage,
      what: "an InboundMessage",
    })
    const { platform, shopId } = c.req.valid("param")
    return c.json(await run(Inbound.receive(platform, shopId, message)), 202)
  })
}
