/**
 * What platforms post, signed over the raw body (checked before anything is parsed): inbound messages, and
 * delivery receipts that mark a sent reply delivered and tell every open inbox. @see R1, R2
 */
import type { Ids } from "@inbox/core"
import type { Api } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import type { HttpHandlers } from "../http/serve.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { Deliveries } from "../repo/Deliveries.ts"
import * as Inbound from "../workflows/Inbound.ts"

export const webhookHandlers: HttpHandlers<typeof Api.webhooks> = {
  inbound: ({ params, body }) => Inbound.receive(params.platform, params.shopId, body),
  receipt: ({ params: { platform, shopId }, body: receipt }) =>
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
      return { delivered: marked !== null }
    }),
}
