/**
 * The storefront's origin on a request, and CORS for the shop-named storefront routes: only the shop's
 * listed origins get `Access-Control-Allow-Origin` (others get no CORS headers, so browsers refuse them).
 */
import type { Ids } from "@inbox/core"
import type { Context, MiddlewareHandler } from "hono"
import { cors } from "hono/cors"
import * as Storefront from "../../workflows/Storefront.ts"
import { type AppRuntime, runWith } from "../runtime.ts"

const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

export type RequestOrigin = Storefront.RequestOrigin

/**
 * `Origin` and whether the request comes from the inbox's own pages: the browser's `Sec-Fetch-Site`, else the
 * `Origin` host against the request's (as the staff socket check does).
 */
export const requestOrigin = (c: Context): Storefront.RequestOrigin => {
  const origin = c.req.header("origin") ?? null
  const site = c.req.header("sec-fetch-site")
  const sameOrigin =
    site === "same-origin" ||
    (origin !== null && site === undefined && hostOf(origin) === new URL(c.req.url).host)
  return { origin, sameOrigin }
}

export const storefrontCors = (runtime: AppRuntime): MiddlewareHandler =>
  cors({
    origin: async (origin, c) => {
      const shopId = (c.req.param() as Record<string, string | undefined>).shopId
      // `/api/store/chat` is the session's own path, not a shop.
      if (shopId === undefined || shopId === "chat" || origin === "") return null
      const allowed = await runWith(runtime)(Storefront.allowedOrigins(shopId as Ids.ShopId)).catch(
        (): ReadonlyArray<string> => [],
      )
      return allowed.includes(origin) ? origin : null
    },
    allowMethods: ["GET", "POST"],
    allowHeaders: ["content-type", "accept-language"],
    maxAge: 600,
  })
