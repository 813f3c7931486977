/**
 * Meta's webhook on Workers when each shop's data lives in its own Durable Object: the Worker checks the
 * handshake and the X-Hub-Signature-256 over the raw bytes, then hands each entry to the object of the shop
 * that connected its account (INBOX_META_ACCOUNTS, else the default shop). With a shared database, the app's
 * own route serves it. @see R1, R2
 */
import { I18n } from "@inbox/core"
import { MetaVerifyQuery, MetaWebhook } from "@inbox/core/wire"
import { Effect, Schema } from "effect"
import { verify } from "../auth/Signature.ts"
import {
  ChannelNotConfigured,
  InvalidRequest,
  RouteNotFound,
  WebhookSignatureInvalid,
} from "../http/EdgeErrors.ts"
import { type AppError, renderError } from "../http/errors.ts"
import { META_SIGNATURE_HEADER } from "../http/serve.ts"
import { entriesByShop, handshake } from "../routes/metaWebhooks.ts"
import { platformOf } from "../workflows/MetaInbound.ts"
import type { WorkerConfig, WorkerEnv } from "./config.ts"

const MAX_BYTES = 4 * 1024 * 1024

const failure = (request: Request, error: AppError): Response => {
  const { status, body } = renderError(error, I18n.pickLocale(request.headers.get("accept-language")))
  return Response.json(body, { status })
}

export const serveMetaWebhook = async (
  request: Request,
  env: WorkerEnv,
  config: WorkerConfig,
): Promise<Response> => {
  const meta = config.meta
  if (request.method === "GET") {
    const query = Schema.decodeUnknownOption(MetaVerifyQuery)(
      Object.fromEntries(new URL(request.url).searchParams),
    )
    if (query._tag === "None")
      return failure(
        request,
        new InvalidRequest({ issues: [{ path: [], message: "Not a verification request" }] }),
      )
    const answer = handshake(meta ?? undefined, query.value)
    return answer instanceof Uint8Array
      ? new Response(answer, { headers: { "content-type": "text/plain; charset=utf-8" } })
      : failure(request, answer)
  }
  if (request.method !== "POST")
    return failure(request, new RouteNotFound({ path: new URL(request.url).pathname }))
  if (meta === null) return failure(request, new ChannelNotConfigured({ channel: "meta" }))
  const raw = new Uint8Array(await request.arrayBuffer())
  if (
    raw.byteLength > MAX_BYTES ||
    !(await verify(meta.appSecret, raw, request.headers.get(META_SIGNATURE_HEADER)))
  )
    return failure(request, new WebhookSignatureInvalid())
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(raw))
  } catch {
    return failure(request, new InvalidRequest({ issues: [{ path: [], message: "Malformed JSON" }] }))
  }
  const decoded = Schema.decodeUnknownOption(MetaWebhook)(json)
  if (decoded._tag === "None")
    return failure(request, new InvalidRequest({ issues: [{ path: [], message: "Not a Meta webhook" }] }))
  const platform = platformOf(decoded.value.object)
  const groups = Effect.runSync(
    entriesByShop(decoded.value.entry, (id) => Effect.succeed(meta.accounts.get(id) ?? config.defaultShop)),
  )
  let events = 0
  // Each shop stores its entries before Meta gets its 200; a failure answers 503 and Meta delivers again.
  for (const [shopId, entries] of groups)
    events += await env.SHOP.getByName(shopId).receiveMeta(shopId, platform, entries)
  return Response.json({ events })
}
