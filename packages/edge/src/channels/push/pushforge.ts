/**
 * Web Push on Workers with `@pushforge/builder` (WebCrypto only): it builds the encrypted, VAPID-signed request
 * and fetch sends it. `fetch` is injected so the same path is tested against a local push endpoint. The library
 * writes the older `aesgcm` content coding, which Chrome's and Firefox's push services accept; Safari's wants
 * RFC 8291's aes128gcm (what `web-push` writes on Node).
 */
import { buildPushHTTPRequest } from "@pushforge/builder"
import { Effect, Layer } from "effect"
import { isGone, PushFailed, PushSender, privateJwk, type VapidKeys } from "./PushSender.ts"

export const layer = (vapid: VapidKeys, fetcher: typeof fetch = fetch): Layer.Layer<PushSender> =>
  Layer.succeed(PushSender, {
    vapid,
    send: (target, payload) =>
      Effect.tryPromise({
        try: async () => {
          const request = await buildPushHTTPRequest({
            privateJWK: privateJwk(vapid),
            subscription: { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
            message: {
              payload: JSON.parse(payload),
              adminContact: vapid.subject,
              options: { ttl: 24 * 60 * 60 },
            },
          })
          const response = await fetcher(request.endpoint, {
            method: "POST",
            headers: request.headers,
            body: request.body,
            signal: AbortSignal.timeout(10_000),
          })
          await response.body?.cancel()
          return response.status
        },
        catch: () => new PushFailed({ status: 0, gone: false }),
      }).pipe(
        Effect.flatMap((status) =>
          status >= 200 && status < 300
            ? Effect.void
            : Effect.fail(new PushFailed({ status, gone: isGone(status) })),
        ),
      ),
  })
