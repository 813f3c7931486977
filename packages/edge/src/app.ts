/**
 * The one Hono app (`makeApp(runtime)`), the same on Node and Workers: every endpoint of the declaration
 * (`@inbox/core/wire` `Api`) served with its handler, security headers, and the single error handler.
 */
import { I18n } from "@inbox/core"
import { Api, type Endpoint } from "@inbox/core/wire"
import { Hono, type MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import { InvalidRequest, RequestTooLarge, RouteNotFound } from "./http/EdgeErrors.ts"
import { internalError, isAppError, renderError } from "./http/errors.ts"
import type { AppEnv } from "./http/middleware/auth.ts"
import { decodablePath } from "./http/middleware/path.ts"
import { securityHeaders } from "./http/middleware/securityHeaders.ts"
import type { AppRuntime } from "./http/runtime.ts"
import { type HttpHandlers, serve } from "./http/serve.ts"
import { catalogueHandlers, staffHandlers } from "./routes/catalogue.ts"
import { channelHandlers } from "./routes/channels.ts"
import { conversationHandlers, deliveryHandlers } from "./routes/conversations.ts"
import { customerHandlers } from "./routes/customers.ts"
import { emailHandlers } from "./routes/emails.ts"
import { imageHandlers } from "./routes/images.ts"
import { metaWebhookHandlers } from "./routes/metaWebhooks.ts"
import { pushHandlers } from "./routes/push.ts"
import { referenceHandlers } from "./routes/reference.ts"
import { sessionHandlers } from "./routes/session.ts"
import { shopifyHandlers } from "./routes/shopify.ts"
import { storeConnectionHandlers, storeImportHandlers } from "./routes/store.ts"
import { chatHandlers, storefrontHandlers } from "./routes/storefront.ts"
import { storefrontSettingsHandlers } from "./routes/storefrontSettings.ts"
import {
  availabilityHandlers,
  metricsHandlers,
  notificationSettingsHandlers,
  savedReplyHandlers,
  searchHandlers,
} from "./routes/tools.ts"
import { webhookHandlers } from "./routes/webhooks.ts"
import { widgetHandlers } from "./routes/widget.ts"

export type { AppRuntime } from "./http/runtime.ts"

/** A handler for every endpoint of every group: a declared endpoint without one fails to compile. */
const handlersOf = (runtime: AppRuntime): { readonly [G in keyof Api]: HttpHandlers<Api[G]> } => ({
  session: sessionHandlers(runtime),
  staff: staffHandlers,
  conversations: conversationHandlers,
  deliveries: deliveryHandlers,
  emails: emailHandlers(runtime),
  channels: channelHandlers,
  customers: customerHandlers,
  catalogue: catalogueHandlers,
  images: imageHandlers,
  savedReplies: savedReplyHandlers,
  search: searchHandlers,
  metrics: metricsHandlers,
  notificationSettings: notificationSettingsHandlers,
  push: pushHandlers,
  availability: availabilityHandlers,
  storeImport: storeImportHandlers,
  storeConnection: storeConnectionHandlers,
  shopify: shopifyHandlers,
  storefrontSettings: storefrontSettingsHandlers,
  chat: chatHandlers,
  storefront: storefrontHandlers,
  // Both sockets are upgraded by the runtime's host before a request reaches the app.
  realtime: {},
  webhooks: webhookHandlers,
  metaWebhooks: metaWebhookHandlers(runtime),
  reference: referenceHandlers(),
  widget: widgetHandlers(runtime),
})

/** Serves the groups in the declaration's order (it puts `/api/store/chat…` before `/api/store/:shopId`). */
const serveApi = (app: Hono<AppEnv>, runtime: AppRuntime) => {
  const handlers = handlersOf(runtime)
  for (const group of Object.keys(Api) as Array<keyof Api>)
    serve(app, runtime, Api[group], handlers[group] as HttpHandlers<Endpoint.Group>)
}

/** JSON bodies are small (a reply is at most 20,000 characters); images have their own 5 MB limit. */
export const MAX_JSON_BODY_BYTES = 256 * 1024

const countedBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: () => {
    throw new RequestTooLarge({ max: MAX_JSON_BODY_BYTES })
  },
})

/**
 * A declared length is checked from the header, as hono's bodyLimit does, but without touching
 * `c.req.raw.body`: on Node that getter builds a web stream over the socket, the costliest part of reading a
 * small body. A body without a declared length (chunked) is counted as it streams.
 */
const jsonBodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next()
  const length = c.req.header("content-length")
  if (length === undefined || c.req.header("transfer-encoding") !== undefined)
    return countedBodyLimit(c, next)
  if (Number.parseInt(length, 10) > MAX_JSON_BODY_BYTES)
    throw new RequestTooLarge({ max: MAX_JSON_BODY_BYTES })
  return next()
}

export const makeApp = (runtime: AppRuntime) => {
  const app = new Hono<AppEnv>()
    // The widget's loader and frame set their own embedding headers; everything else gets these.
    .use(securityHeaders)
    .use(decodablePath)
    .use("/api/*", (c, next) =>
      c.req.method === "POST" && c.req.path === Api.images.upload.path ? next() : jsonBodyLimit(c, next),
    )
  serveApi(app, runtime)

  app.all("/api/*", (c) => {
    throw new RouteNotFound({ path: new URL(c.req.url).pathname })
  })
  app.get("*", async (c) => {
    const served = runtime.assets === undefined ? null : await runtime.assets(c.req.raw)
    if (served !== null) return served
    throw new RouteNotFound({ path: new URL(c.req.url).pathname })
  })

  // The only place error responses are built: domain and edge errors by the table, the rest as 500.
  app.onError((err, c) => {
    const locale = I18n.pickLocale(c.req.header("accept-language"))
    if (isAppError(err)) {
      const { status, body } = renderError(err, locale)
      // The store was busy or away: a client (and its idempotent retry) may come back shortly.
      if (status === 503) c.header("retry-after", "1")
      if (err._tag === "RateLimited") c.header("retry-after", String(err.retryAfterSeconds))
      return c.json(body, status)
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own 4xx (e.g. malformed JSON): still our body shape, never a 500 for bad input.
      const { status, body } = renderError(
        new InvalidRequest({ issues: [{ path: [], message: err.message }] }),
        locale,
      )
      return c.json(body, status)
    }
    console.error(err)
    return c.json(internalError(locale), 500)
  })
  return app
}

export type App = ReturnType<typeof makeApp>
