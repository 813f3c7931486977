/**
 * The one Hono app (`makeApp(runtime)`), the same on Node and Workers: API routes chained per area so web's
 * `hc<AppType>` infers bodies and responses, security headers, and the single error handler.
 */
import { I18n } from "@inbox/core"
import { Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import { secureHeaders } from "hono/secure-headers"
import { InvalidRequest, RequestTooLarge, RouteNotFound } from "./http/EdgeErrors.ts"
import { internalError, isAppError, renderError } from "./http/errors.ts"
import type { AppEnv } from "./http/middleware/auth.ts"
import { decodablePath } from "./http/middleware/path.ts"
import type { AppRuntime } from "./http/runtime.ts"
import { authRoutes, meRoutes } from "./routes/auth.ts"
import { availabilitySettingsRoutes, storeAvailabilityRoutes } from "./routes/availability.ts"
import { discountRoutes, productRoutes, staffRoutes } from "./routes/catalog.ts"
import { conversationRoutes } from "./routes/conversations.ts"
import { customerRoutes } from "./routes/customers.ts"
import { deliveryRoutes } from "./routes/deliveries.ts"
import { docsRoutes } from "./routes/docs.ts"
import { imageRoutes } from "./routes/images.ts"
import { metricsRoutes } from "./routes/metrics.ts"
import { preferenceRoutes } from "./routes/preferences.ts"
import { receiptRoutes } from "./routes/receipts.ts"
import { savedReplyRoutes } from "./routes/savedReplies.ts"
import { searchRoutes } from "./routes/search.ts"
import { storefrontRoutes } from "./routes/storefront.ts"
import { webhookRoutes } from "./routes/webhooks.ts"

export type { AppRuntime } from "./http/runtime.ts"

const apiRoutes = (runtime: AppRuntime) =>
  new Hono<AppEnv>()
    .route("/auth", authRoutes(runtime))
    .route("/me", meRoutes(runtime))
    .route("/conversations", conversationRoutes(runtime))
    .route("/conversations", deliveryRoutes(runtime))
    .route("/staff", staffRoutes(runtime))
    .route("/products", productRoutes(runtime))
    .route("/discounts", discountRoutes(runtime))
    .route("/customers", customerRoutes(runtime))
    .route("/images", imageRoutes(runtime))
    .route("/store", storefrontRoutes(runtime))
    .route("/webhooks", webhookRoutes(runtime))
    .route("/webhooks", receiptRoutes(runtime))
    .route("/saved-replies", savedReplyRoutes(runtime))
    .route("/search", searchRoutes(runtime))
    .route("/metrics", metricsRoutes(runtime))
    .route("/notification-settings", preferenceRoutes(runtime))
    .route("/settings/availability", availabilitySettingsRoutes(runtime))
    .route("/store-availability", storeAvailabilityRoutes(runtime))
    .route("/", docsRoutes())

/** JSON bodies are small (a reply is at most 20,000 characters); images have their own 5 MB limit. */
export const MAX_JSON_BODY_BYTES = 256 * 1024

const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: () => {
    throw new RequestTooLarge({ max: MAX_JSON_BODY_BYTES })
  },
})

export const makeApp = (runtime: AppRuntime) => {
  const app = new Hono<AppEnv>()
    .use(
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          // The API reference page loads its viewer from the same origin only; inline styles for Vite builds.
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          // 'self' covers same-origin ws:/wss: in CSP Level 3 browsers: a page cannot open sockets elsewhere.
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
        },
        referrerPolicy: "strict-origin-when-cross-origin",
        crossOriginResourcePolicy: "same-origin",
      }),
    )
    .use(decodablePath)
    .use("/api/*", (c, next) =>
      c.req.method === "POST" && c.req.path === "/api/images" ? next() : jsonBodyLimit(c, next),
    )
    .get("/healthz", (c) => c.json({ ok: true }, 200))
    .route("/api", apiRoutes(runtime))

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

export type AppType = ReturnType<typeof makeApp>
