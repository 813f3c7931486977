/**
 * A custom platform: a messaging app with no public API of its own (the Shop app), or a bridge the merchant
 * runs. Its customers' messages come in on `POST /api/webhooks/:platform/:shopId` and its replies leave as
 * one signed POST (`x-inbox-signature: sha256=<hex HMAC-SHA256 of the body>`) of an OutboundReply to its URL;
 * both formats are in the OpenAPI document. Messenger and Instagram use it only when no Meta account is
 * connected. @see R2
 */
import type { Event } from "@inbox/core"
import type { OutboundReply } from "@inbox/core/wire"
import { Effect } from "effect"
import { SIGNATURE_HEADER, signForShop } from "../auth/Signature.ts"
import type { OutboxEntry } from "../repo/Outbox.ts"
import { DeliveryFailed } from "./Channels.ts"

export interface CustomPlatformTarget {
  /** One URL for every platform; the body says which (`INBOX_WEBHOOK_URL`). Null: not set up. */
  readonly url: string | null
  readonly secret: string
  readonly timeoutMs: number
}

export const deliverToCustomPlatform = (target: CustomPlatformTarget, entry: OutboxEntry) =>
  Effect.gen(function* () {
    if (target.url === null)
      return yield* Effect.fail(new DeliveryFailed({ reason: { code: "webhook_not_configured" } }))
    const payload = entry.payload as { event: Event.ConversationEvent; customerId?: string }
    const body: OutboundReply = {
      shopId: entry.shopId as OutboundReply["shopId"],
      platform: entry.channel as OutboundReply["platform"],
      conversationId: entry.conversationId as OutboundReply["conversationId"],
      customerId: (payload.customerId ?? "") as OutboundReply["customerId"],
      seq: entry.seq,
      reply: payload.event,
    }
    const text = JSON.stringify(body)
    // Signed with the shop's own secret, as the shop's connector signs what it posts to us.
    const signature = yield* Effect.promise(() => signForShop(target.secret, entry.shopId, text))
    const url = target.url
    const response = yield* Effect.tryPromise({
      try: (signal) =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
          body: text,
          signal: AbortSignal.any([signal, AbortSignal.timeout(target.timeoutMs)]),
        }),
      catch: (e) =>
        new DeliveryFailed({
          reason: { code: "webhook_unreachable", detail: e instanceof Error ? e.message : String(e) },
        }),
    })
    if (!response.ok)
      return yield* Effect.fail(
        new DeliveryFailed({ reason: { code: "webhook_rejected", detail: String(response.status) } }),
      )
  })
