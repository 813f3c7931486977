/**
 * The Cloudflare Workers entrypoint: the same `makeApp` as on Node. Without INBOX_DB_URL each request goes to
 * its shop's Durable Object (which holds the shop's database); with it, the Worker serves the API over remote
 * libSQL and the shop's Durable Object hosts the sockets and fans out each commit.
 */
import { Effect, Layer } from "effect"
import { makeApp } from "../app.ts"
import * as Dispatcher from "../channels/Dispatcher.ts"
import { emailSettings } from "../channels/email/EmailSettings.ts"
import { applyBundledMigrations, openRemoteClient } from "../db/client.worker.ts"
import { layerClient, makeDb } from "../db/Database.ts"
import { workerChannels, workerPush } from "../do/channels.ts"
import { readConfig, type WorkerConfig, type WorkerEnv } from "../do/config.ts"
import { makeWorkerRuntime, type WorkerRuntime } from "../do/layers.ts"
import { serveMetaWebhook } from "../do/meta.ts"
import { SHOP_HEADER } from "../do/ShopDurableObject.ts"
import { SESSION_COOKIE } from "../http/middleware/auth.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { repairIndex } from "../repo/Search.ts"
import { loaderResponse } from "../routes/widget.ts"
import { type EmailVerdict, receiveEmail, verdictOf } from "../workflows/InboundEmail.ts"
import type { Seed } from "./layers.ts"

export { ShopDurableObject } from "../do/ShopDurableObject.ts"

const SHOP_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The shop named inside a signed token, read without checking it: the shop's object verifies it. */
const shopInToken = (token: string | null | undefined): string | null => {
  if (token === null || token === undefined) return null
  try {
    const body = token.split(".")[0] ?? ""
    const payload: unknown = JSON.parse(atob(body.replaceAll("-", "+").replaceAll("_", "/")))
    const shopId = (payload as { shopId?: unknown }).shopId
    return typeof shopId === "string" && SHOP_ID.test(shopId) ? shopId : null
  } catch {
    return null
  }
}

const bearer = (request: Request): string | null => {
  const h = request.headers.get("authorization")
  return h?.startsWith("Bearer ") ? h.slice("Bearer ".length).trim() : null
}

const cookie = (request: Request, name: string): string | null => {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=")
    if (k === name) return v.join("=")
  }
  return null
}

/**
 * Which shop a request belongs to: its path (API or chat frame), its token, a `shop` hint (sign-in), else the
 * default shop.
 */
export const shopOf = (request: Request, config: WorkerConfig, url = new URL(request.url)): string => {
  const parts = url.pathname.split("/").filter((p) => p !== "")
  const named =
    parts[0] === "widget" && parts[1] !== undefined
      ? decodeURIComponent(parts[1])
      : parts[1] === "store" && parts[2] !== undefined && parts[2] !== "chat"
        ? decodeURIComponent(parts[2])
        : parts[1] === "webhooks" && parts[3] !== undefined
          ? decodeURIComponent(parts[3])
          : // Shopify's OAuth callback: the state nonce starts with the inbox shop that asked for it.
            parts[1] === "shopify" && parts[2] === "callback"
            ? (url.searchParams.get("state")?.split(".")[0] ?? null)
            : // A Shopify webhook: the shop that connected the store it names (its object checks the HMAC).
              parts[1] === "shopify" && parts[2] === "webhooks"
              ? (config.shopify.shopsByDomain.get(
                  request.headers.get("x-shopify-shop-domain")?.trim().toLowerCase() ?? "",
                ) ?? config.shopify.defaultShop)
              : null
  // In this order, each read only when those before named no shop (every request passes here).
  const candidates: ReadonlyArray<() => string | null> = [
    () => named,
    () => shopInToken(bearer(request)),
    () => shopInToken(url.searchParams.get("token")),
    () => (parts[1] === "store" ? null : shopInToken(cookie(request, SESSION_COOKIE))),
    () => url.searchParams.get("shop"),
    () => request.headers.get(SHOP_HEADER),
  ]
  for (const candidate of candidates) {
    const shopId = candidate()
    if (shopId !== null && SHOP_ID.test(shopId)) return shopId
  }
  // Shopify's side without an inbox session (an install from the Shopify admin, token exchange) is the shop
  // SHOPIFY_INBOX_SHOP names: the object that keeps its state nonce and its connection.
  return parts[1] === "shopify" ? config.shopify.defaultShop : config.defaultShop
}

/** Forwards to the shop's Durable Object, naming the shop (the object cannot always see its own name). */
const toShop = (env: WorkerEnv, shopId: string, request: Request): Promise<Response> => {
  const forwarded = new Request(request)
  forwarded.headers.set(SHOP_HEADER, shopId)
  return env.SHOP.getByName(shopId).fetch(forwarded)
}

/** The web build's files; any other page is the merchant single-page app (the assets' SPA fallback). */
const page = (request: Request, env: WorkerEnv): Promise<Response> =>
  env.ASSETS === undefined
    ? Promise.resolve(new Response("Not found", { status: 404 }))
    : env.ASSETS.fetch(request)

interface RemoteApp {
  readonly app: ReturnType<typeof makeApp>
  readonly runtime: WorkerRuntime
  readonly retry: Dispatcher.RetryPolicy
  readonly ready: Promise<void>
}

/** What a Worker writes into its empty remote database before serving: nothing in production (see demo/). */
export type WorkerSeed = (config: WorkerConfig) => Seed | null

/** The Worker's handlers; `seed` is the development demo's hook. */
export const makeWorker = (seed: WorkerSeed = () => null) => {
  /** One app per isolate over the remote libSQL database, migrated (and seeded) once. */
  let remote: { readonly url: string; readonly app: RemoteApp } | null = null

  const remoteApp = (env: WorkerEnv, config: WorkerConfig): RemoteApp => {
    if (remote !== null && remote.url === config.dbUrl) return remote.app
    const client = openRemoteClient({ url: config.dbUrl ?? "", authToken: config.dbAuthToken ?? undefined })
    const channels = workerChannels(env, config)
    const runtime = makeWorkerRuntime(config, {
      channels,
      push: workerPush(config),
      database: layerClient(client),
      // The Worker commits; the shop's object owns the sockets. Awaited so frames leave in commit order.
      broadcaster: Layer.succeed(Broadcaster, {
        committed: (shopId, committed) =>
          Effect.promise(() =>
            env.SHOP.getByName(shopId).publish(shopId, { _tag: "Committed", committed }),
          ).pipe(Effect.catchCause(() => Effect.void)),
        deliveryUpdated: (shopId, conversationId, seq, delivery) =>
          Effect.promise(() =>
            env.SHOP.getByName(shopId).publish(shopId, {
              _tag: "DeliveryUpdated",
              conversationId,
              seq,
              delivery,
            }),
          ).pipe(Effect.catchCause(() => Effect.void)),
        staffChanged: (shopId) =>
          Effect.promise(() => env.SHOP.getByName(shopId).publish(shopId, { _tag: "StaffChanged" })).pipe(
            Effect.catchCause(() => Effect.void),
          ),
      }),
      images: env.IMAGES,
    })
    const prepare = async () => {
      const db = makeDb(client)
      await applyBundledMigrations(db)
      await runtime.managed.runPromise(repairIndex)
      const first = seed(config)
      if (first !== null) await runtime.managed.runPromise(first)
    }
    const app: RemoteApp = {
      runtime,
      retry: channels.retry,
      app: makeApp({
        ...runtime,
        assets: (request) => page(request, env).then((r) => (r.status === 404 ? null : r)),
      }),
      ready: prepare(),
    }
    app.ready.catch(() => {
      remote = null
    })
    remote = { url: config.dbUrl ?? "", app }
    return app
  }

  return {
    async fetch(request, env): Promise<Response> {
      const url = new URL(request.url)
      // Every storefront page loads the loader: it is served here, never by a shop's Durable Object.
      if (url.pathname === "/widget.js") {
        const file = await page(request, env)
        return file.ok ? loaderResponse(file) : file
      }
      const isApi =
        url.pathname === "/healthz" ||
        url.pathname === "/api" ||
        url.pathname.startsWith("/api/") ||
        url.pathname.startsWith("/widget/")
      if (!isApi) return page(request, env)
      const config = readConfig(env)
      const isSocket = request.headers.get("upgrade")?.toLowerCase() === "websocket"
      // Meta names an account, not a shop: the Worker routes each entry to its shop's object.
      if (config.dbUrl === null && url.pathname === "/api/webhooks/meta")
        return serveMetaWebhook(request, env, config)
      if (config.dbUrl === null || isSocket) return toShop(env, shopOf(request, config, url), request)
      const served = remoteApp(env, config)
      await served.ready
      return served.app.fetch(request)
    },

    /**
     * Cloudflare Email Routing hands each email to a shop by its recipient. It is stored before this returns;
     * an email that cannot be taken is rejected with the reason, and anything else throws, which Cloudflare
     * turns into a temporary failure the sending server retries. @see R1
     */
    async email(message, env): Promise<void> {
      const config = readConfig(env)
      const channels = workerChannels(env, config)
      const shopId = emailSettings(channels.addresses ?? Dispatcher.DEFAULT_ADDRESSES).shopFor(message.to)
      if (shopId === null || !SHOP_ID.test(shopId)) return message.setReject(`No mailbox for ${message.to}`)
      const raw = new Uint8Array(await new Response(message.raw).arrayBuffer())
      const envelope = { from: message.from, to: [message.to] }
      let verdict: EmailVerdict
      if (config.dbUrl === null)
        verdict = await env.SHOP.getByName(shopId).receiveEmail(shopId, raw, envelope)
      else {
        const served = remoteApp(env, config)
        await served.ready
        verdict = verdictOf(await served.runtime.managed.runPromiseExit(receiveEmail(shopId, raw, envelope)))
      }
      if (verdict._tag === "rejected") message.setReject(verdict.reason)
      else if (verdict._tag === "retry") throw new Error(`email not stored: ${verdict.reason}`)
    },

    /**
     * The cron trigger delivers the outbox of a shared remote database (R2). Without one, each shop's object
     * delivers its own outbox from its alarm, so there is nothing to do here.
     */
    async scheduled(_controller, env, ctx): Promise<void> {
      const config = readConfig(env)
      if (config.dbUrl === null) return
      const served = remoteApp(env, config)
      ctx.waitUntil(
        served.ready.then(async () => {
          while ((await served.runtime.managed.runPromise(Dispatcher.runOnce(served.retry, 20))) === 20) {}
        }),
      )
    },
  } satisfies ExportedHandler<WorkerEnv>
}

export default makeWorker()
