/** Web Push on Node with `web-push` (encryption, VAPID, the HTTP request); a 404/410 means the browser left. */
import type { Agent } from "node:https"
import { Effect, Layer } from "effect"
import webPush from "web-push"
import { isGone, PushFailed, PushSender, type VapidKeys } from "./PushSender.ts"

/** `agent` lets a test trust its local push endpoint's certificate; production uses the default one. */
export const layer = (vapid: VapidKeys, options: { readonly agent?: Agent } = {}): Layer.Layer<PushSender> =>
  Layer.succeed(PushSender, {
    vapid,
    send: (target, payload) =>
      Effect.tryPromise({
        try: () =>
          webPush.sendNotification(
            { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
            payload,
            {
              vapidDetails: vapid,
              TTL: 24 * 60 * 60,
              timeout: 10_000,
              ...(options.agent === undefined ? {} : { agent: options.agent }),
            },
          ),
        catch: (e) => {
          const status =
            typeof (e as { statusCode?: unknown }).statusCode === "number"
              ? (e as { statusCode: number }).statusCode
              : 0
          return new PushFailed({ status, gone: isGone(status) })
        },
      }).pipe(Effect.asVoid),
  })

/** A new VAPID key pair (the embedded default makes one once and keeps it beside the data). */
export const generateVapidKeys = (subject: string): VapidKeys => ({ ...webPush.generateVAPIDKeys(), subject })
