/**
 * The chat on any storefront: `GET /widget.js` (the loader merchants embed, readable cross-origin) and
 * `GET /widget/:shopId` (the chat frame, which browsers let only the shop's listed origins embed, through
 * `frame-ancestors`). Both are files of the web build, answered with the headers their embedding needs.
 */
import { StorefrontOrigin } from "@inbox/core"
import type { Api } from "@inbox/core/wire"
import { Effect } from "effect"
import { RouteNotFound } from "../http/EdgeErrors.ts"
import type { AppRuntime } from "../http/runtime.ts"
import type { HttpHandlers } from "../http/serve.ts"
import { frameAncestors } from "../workflows/Storefront.ts"

/** widget.js as any page may load it: a cross-origin script (CORP), public, revalidated after five minutes. */
export const LOADER_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "public, max-age=300, stale-while-revalidate=3600",
  "cross-origin-resource-policy": "cross-origin",
  "access-control-allow-origin": "*",
}

/** The loader served by the Worker straight from its assets (no shop's Durable Object is involved). */
export const loaderResponse = (file: Response): Response => {
  const response = new Response(file.body, file)
  for (const [name, value] of Object.entries(LOADER_HEADERS)) response.headers.set(name, value)
  response.headers.set("content-type", "text/javascript; charset=utf-8")
  response.headers.set("x-content-type-options", "nosniff")
  return response
}

/** The frame's policy: our own scripts only, product photos from any https CDN, and embedding by `origins`. */
export const framePolicy = (origins: ReadonlyArray<string>): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "connect-src 'self' ws: wss:",
    `frame-ancestors ${origins.length === 0 ? "'none'" : origins.join(" ")}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ")

/** A file of the web build, or RouteNotFound when the runtime serves none (the API-only Node server). */
const asset = (runtime: AppRuntime, url: string, path: string) =>
  Effect.promise(async () => {
    const file = runtime.assets === undefined ? null : await runtime.assets(new Request(new URL(path, url)))
    return file === null || !file.ok ? null : new Uint8Array(await file.arrayBuffer())
  }).pipe(
    Effect.flatMap((bytes) =>
      bytes === null ? Effect.fail(new RouteNotFound({ path })) : Effect.succeed(bytes),
    ),
  )

export const widgetHandlers = (runtime: AppRuntime): HttpHandlers<typeof Api.widget> => ({
  loader: ({ exchange }) =>
    asset(runtime, exchange.url, "/widget.js").pipe(
      Effect.map((bytes) => ({
        bytes,
        contentType: "text/javascript; charset=utf-8",
        headers: LOADER_HEADERS,
      })),
    ),
  frame: ({ params, exchange }) =>
    Effect.gen(function* () {
      const origins = yield* frameAncestors(params.shopId)
      const bytes = yield* asset(runtime, exchange.url, "/chat.html")
      return {
        bytes,
        contentType: "text/html; charset=utf-8",
        headers: {
          // Only listed, well-formed origins reach the header: a stored value can never widen the policy.
          "content-security-policy": framePolicy(origins.filter(StorefrontOrigin.isValid)),
          "cross-origin-resource-policy": "cross-origin",
          "cache-control": "no-cache",
        },
      }
    }),
})
