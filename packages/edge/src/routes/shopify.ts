/**
 * Shopify's side of the connection: webhooks (every topic at one URL; the HMAC is checked over the raw bytes
 * before anything is parsed, and a wrong or missing one answers 401 and changes nothing), the OAuth install
 * and callback, and token exchange for an embedded app. @see R20–R23
 */
import type { Api } from "@inbox/core/wire"
import { Effect } from "effect"
import { verifyWebhook, WEBHOOK_HMAC_HEADER } from "../commerce/shopify/hmac.ts"
import { beginInstall, exchangeSessionToken, finishInstall } from "../commerce/shopify/oauth.ts"
import { ShopifySettings } from "../commerce/shopify/settings.ts"
import { applyWebhook } from "../commerce/shopify/webhooks.ts"
import { InvalidRequest, WebhookSignatureInvalid } from "../http/EdgeErrors.ts"
import type { HttpHandlers } from "../http/serve.ts"

/** One record's payload; the app's JSON limit (256 KB) also bounds the request before this. */
const MAX_WEBHOOK_BYTES = 256 * 1024

const originOf = (url: string): string => new URL(url).origin

const missing = (what: string) =>
  new InvalidRequest({ issues: [{ path: ["headers"], message: `${what} is required` }] })

export const shopifyHandlers: HttpHandlers<typeof Api.shopify> = {
  webhooks: ({ body: request }) =>
    Effect.gen(function* () {
      const { app } = yield* ShopifySettings
      const raw = new Uint8Array(yield* Effect.promise(() => request.arrayBuffer()))
      const signed =
        app !== null &&
        raw.byteLength <= MAX_WEBHOOK_BYTES &&
        (yield* Effect.promise(() =>
          verifyWebhook(app.apiSecret, raw, request.headers.get(WEBHOOK_HMAC_HEADER)),
        ))
      // Nothing about an unsigned body is trusted, parsed or stored.
      if (!signed) return yield* Effect.fail(new WebhookSignatureInvalid())
      const topic = request.headers.get("x-shopify-topic")
      const shopDomain = request.headers.get("x-shopify-shop-domain")
      const eventId = request.headers.get("x-shopify-event-id") ?? request.headers.get("x-shopify-webhook-id")
      if (!topic) return yield* Effect.fail(missing("X-Shopify-Topic"))
      if (!shopDomain) return yield* Effect.fail(missing("X-Shopify-Shop-Domain"))
      if (!eventId) return yield* Effect.fail(missing("X-Shopify-Event-Id (or X-Shopify-Webhook-Id)"))
      const body = yield* Effect.try({
        try: () => JSON.parse(new TextDecoder().decode(raw)) as unknown,
        catch: () => new InvalidRequest({ issues: [{ path: [], message: "Malformed JSON" }] }),
      })
      return { outcome: yield* applyWebhook({ topic, shopDomain, eventId, body }) }
    }),
  install: ({ exchange }) =>
    beginInstall({
      params: new URL(exchange.url).searchParams,
      staffShopId: null,
      origin: originOf(exchange.url),
    }).pipe(Effect.map((location) => ({ location }))),
  callback: ({ exchange }) =>
    Effect.gen(function* () {
      yield* finishInstall(new URL(exchange.url).searchParams)
      const { app } = yield* ShopifySettings
      return { location: `${app?.appUrl ?? originOf(exchange.url)}/?settings=store-connection` }
    }),
  session: ({ body }) =>
    exchangeSessionToken(body.sessionToken).pipe(
      Effect.map((c) => ({ shopDomain: c.shopDomain, synced: c.synced })),
    ),
}
