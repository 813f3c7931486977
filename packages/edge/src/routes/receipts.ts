/**
 * Platform delivery receipts: `POST /api/webhooks/:platform/:shopId/receipts`, signed like inbound messages
 * (HMAC-SHA256 over the raw body), mark a sent reply delivered and tell every open inbox. @see R2
 */
import type { Ids } from "@inbox/core"
import { DeliveryReceipt, WebhookPath } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { Hono } from "hono"
import type { AppEnv } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { readSignedBody } from "../http/signedBody.ts"
import { valid } from "../http/validate.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { Deliveries } from "../repo/Deliveries.ts"

const MAX_RECEIPT_BYTES = 16 * 1024

export const receiptRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>().post("/:platform/:shopId/receipts", valid("param", WebhookPath), async (c) => {
    const receipt = await readSignedBody(c, {
      secret: runtime.webhookSecret,
      maxBytes: MAX_RECEIPT_BYTES,
      schema: DeliveryReceipt,
      what: "a DeliveryReceipt",
    })
    const { platform, shopId } = c.req.valid("param")
    const delivery = await run(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const marked = yield* (yield* Deliveries).markDelivered(
          shopId,
          platform,
          receipt.conversationId,
          receipt.seq,
          now,
        )
        if (marked !== null)
          yield* (yield* Broadcaster).deliveryUpdated(
            shopId as Ids.ShopId,
            receipt.conversationId,
            receipt.seq,
            marked,
          )
        return marked
      }),
    )
    return c.json({ delivered: delivery !== null }, 202)
  })
}
