/**
 * Serves declared endpoints (`@inbox/core/wire` `Api`) on Hono: one route per endpoint with its budget, its
 * auth, its path, query and body decoded with the declared Schemas, and the handler's answer encoded with the
 * success Schema. A handler is typed to its endpoint: its input, its answer and the errors it may fail with.
 */
import type { I18n, Ids } from "@inbox/core"
import { Endpoint } from "@inbox/core/wire"
import { Clock, Effect, Schema } from "effect"
import type { Context, Hono } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import type { CookieOptions } from "hono/utils/cookie"
import { shopWebhookSecret } from "../auth/Signature.ts"
import type { StaffRecord } from "../repo/Directory.ts"
import { answerOnceFor, fingerprintOf } from "../repo/IdempotencyKeys.ts"
import { ChannelNotConfigured, InvalidRequest, RateLimited, UpgradeRequired } from "./EdgeErrors.ts"
import type { AppError } from "./errors.ts"
import {
  type AppEnv,
  type ChatSession,
  localeOf,
  shopperOfRequest,
  staffOfRequest,
} from "./middleware/auth.ts"
import { clientAddress, DEFAULT_RATE_LIMITS, tokenBuckets } from "./middleware/rateLimit.ts"
import { securedAnswer } from "./middleware/securityHeaders.ts"
import { type RequestOrigin, requestOrigin, storefrontCors } from "./middleware/storefront.ts"
import { type AppRuntime, type AppServices, runWith } from "./runtime.ts"
import { readSignedBody } from "./signedBody.ts"
import { decodeOrInvalid, decodeOrInvalidEffect } from "./validate.ts"

/** What a handler may do to the HTTP exchange besides answering: cookies, and where the request came from. */
export interface Exchange {
  readonly url: string
  /** The browser's `Origin` and whether the request comes from the inbox's own pages (the chat frame). */
  readonly origin: RequestOrigin
  readonly setCookie: (name: string, value: string, options: CookieOptions) => void
  readonly deleteCookie: (name: string) => void
  /** A cookie the request carried. */
  readonly cookie: (name: string) => string | undefined
}

type Auth<E extends Endpoint.Endpoint> = E["auth"]

export interface Input<E extends Endpoint.Endpoint> {
  readonly params: Endpoint.ParamsOf<E>
  readonly query: Endpoint.QueryOf<E>
  /** The decoded JSON body; for a bytes body, the raw request to read within its own limit. */
  readonly body: E extends { readonly body: Endpoint.Bytes } ? Request : Endpoint.BodyOf<E>
  readonly staff: Auth<E> extends "staff" | "chatStaff" ? StaffRecord : undefined
  /** The server-side session the staff token names (what sign-out ends). */
  readonly sessionId: Auth<E> extends "staff" | "chatStaff" ? string : undefined
  readonly chat: Auth<E> extends "shopper" ? ChatSession : undefined
  readonly locale: I18n.Locale
  readonly exchange: Exchange
}

/** The failures a handler may answer: its declared tags, and the store being away. */
export type HandlerError<E extends Endpoint.Endpoint> = Extract<
  AppError,
  { readonly _tag: Endpoint.DeclaredErrorOf<E> | "StoreUnavailable" }
>

export type Handler<E extends Endpoint.Endpoint> = (
  input: Input<E>,
) => Effect.Effect<Endpoint.SuccessOf<E>, HandlerError<E>, AppServices>

/** One handler per endpoint of the group, by the same names. */
export type Handlers<G extends Endpoint.Group> = { readonly [K in keyof G]: Handler<G[K]> }

/** A WebSocket endpoint is upgraded by its runtime's host (Node server, Durable Object), never by Hono. */
type SocketEndpoint = { readonly frames: Endpoint.Frames }
export type HttpHandlers<G extends Endpoint.Group> = {
  readonly [K in keyof G as G[K] extends SocketEndpoint ? never : K]: Handler<G[K]>
}

/** Meta signs every webhook POST with the app secret, in the same `sha256=<hex>` form as ours. */
export const META_SIGNATURE_HEADER = "x-hub-signature-256"

const metaSecret = (runtime: AppRuntime): string => {
  if (runtime.meta === undefined) throw new ChannelNotConfigured({ channel: "meta" })
  return runtime.meta.appSecret
}

/** The query string as the Schemas read it: a key given once is a string, given more often a list. */
const queryOf = (c: Context): Record<string, string | ReadonlyArray<string>> =>
  Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]))

const JSON_CONTENT_TYPE = "application/json"
const JSON_HEADERS = { "content-type": JSON_CONTENT_TYPE }

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;|$)/i

/**
 * A promise-returning step inside the request's run: its rejection (a tagged error such as InvalidRequest,
 * or a bug) becomes the run's failure, which app.onError answers as it answered the thrown value.
 */
const thrown = <A>(step: () => Promise<A>): Effect.Effect<A, unknown> =>
  Effect.tryPromise({ try: step, catch: (error) => error })

const jsonBody = async (c: Context): Promise<unknown> => {
  if (!JSON_TYPE.test(c.req.header("content-type") ?? ""))
    throw new InvalidRequest({ issues: [{ path: [], message: "Content-Type must be application/json" }] })
  try {
    return await c.req.json()
  } catch {
    throw new InvalidRequest({ issues: [{ path: [], message: "Malformed JSON in request body" }] })
  }
}

/**
 * The scope of a client's write id: the endpoint, its path, the chat it is sent in, and the id itself. Null
 * when the endpoint declares none or the client sent none (the write then happens each time).
 */
const idempotencyOf = (
  endpoint: Endpoint.Endpoint,
  input: {
    readonly params: unknown
    readonly body: unknown
    readonly staff: StaffRecord | undefined
    readonly chat: ChatSession | undefined
  },
): { readonly shopId: Ids.ShopId; readonly key: string } | null => {
  const field = endpoint.idempotencyKey
  const value = field === undefined ? undefined : (input.body as Record<string, unknown> | undefined)?.[field]
  const shopId = input.staff?.shopId ?? input.chat?.shopId ?? (input.params as { shopId?: string })?.shopId
  if (typeof value !== "string" || shopId === undefined) return null
  return {
    shopId: shopId as Ids.ShopId,
    key: `${endpoint.method} ${endpoint.path}:${JSON.stringify(input.params ?? {})}:${input.chat?.conversationId ?? ""}:${value}`,
  }
}

/** A JSON body decoded with its Schema; a platform webhook's only once its signature over the bytes holds. */
const bodyOf = async (
  c: Context,
  runtime: AppRuntime,
  endpoint: Endpoint.Endpoint,
  schema: Schema.Codec<unknown, unknown>,
): Promise<unknown> => {
  if (endpoint.auth === "webhook")
    return readSignedBody(c, {
      // The shop's own secret: one shop's connector cannot post into another shop.
      secret: await shopWebhookSecret(runtime.webhookSecret, c.req.param("shopId") ?? ""),
      schema,
    })
  if (endpoint.auth === "meta")
    return readSignedBody(c, {
      secret: metaSecret(runtime),
      schema,
      header: META_SIGNATURE_HEADER,
      // Meta batches up to 1000 events a POST.
      maxBytes: 4 * 1024 * 1024,
    })
  return decodeOrInvalid(schema, await jsonBody(c))
}

/** Serves every HTTP endpoint of a group; its WebSocket endpoints answer 426 to a plain request. */
export const serve = <G extends Endpoint.Group>(
  app: Hono<AppEnv>,
  runtime: AppRuntime,
  group: G,
  handlers: HttpHandlers<G>,
): void => {
  const run = runWith(runtime)
  const limits = runtime.rateLimits ?? DEFAULT_RATE_LIMITS
  // One bucket per budget and group, so the endpoints of one screen share it.
  const buckets = {
    storefront: tokenBuckets(limits.storefront),
    login: tokenBuckets(limits.login),
    chat: tokenBuckets(limits.chat),
  }
  // app.onError adds the retry-after header of a RateLimited.
  const spend = (budget: Endpoint.Budget, key: string): Effect.Effect<void, RateLimited> =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const wait = buckets[budget].take(key, now)
      return wait === null ? Effect.void : Effect.fail(new RateLimited({ retryAfterSeconds: wait }))
    })

  const cors = storefrontCors(runtime)
  for (const [name, endpoint] of Object.entries(group) as Array<[string, Endpoint.Endpoint]>) {
    const handler = (handlers as Record<string, Handler<Endpoint.Endpoint> | undefined>)[name]
    const status = Endpoint.successStatus(endpoint) as 200
    const success = endpoint.success
    // Answers the preflight and marks the answer (errors too) readable by the shop's listed origins only.
    if (endpoint.cors === "allowedOrigins") app.use(endpoint.path, cors)
    app.on(endpoint.method, endpoint.path, async (c) => {
      const budget = endpoint.budget
      // A cookie set (or CORS headers) live in the context: a JSON answer then goes through c.json to carry them.
      let cookies = false
      const json = (text: string, code: number): Response =>
        cookies || endpoint.cors !== undefined
          ? c.body(text, code as 200, { "content-type": JSON_CONTENT_TYPE })
          : securedAnswer(text, code, JSON_HEADERS)
      // One run of the runtime per request: the session check, the decoding and the handler share its fiber
      // (a run costs a fiber, a promise and an Exit; #17). Failures reach app.onError as before, in this order:
      // abuse limit, credentials, socket-only, then the request's own shape.
      const request = Effect.gen(function* () {
        if (budget === "storefront" || budget === "login") yield* spend(budget, clientAddress(c))
        const signedIn =
          endpoint.auth === "staff" || endpoint.auth === "chatStaff"
            ? yield* staffOfRequest(c.req.raw, endpoint.auth === "chatStaff")
            : undefined
        const chat =
          endpoint.auth === "shopper" ? yield* shopperOfRequest(c, endpoint.frames !== undefined) : undefined
        if (budget === "chat" && chat !== undefined)
          yield* spend(budget, `${chat.shopId}/${chat.conversationId}`)
        // A socket's host upgrades it before the app sees it: what reaches here is a plain request.
        if (endpoint.frames !== undefined || handler === undefined)
          return yield* Effect.fail(new UpgradeRequired())
        const params =
          endpoint.params === undefined
            ? undefined
            : yield* decodeOrInvalidEffect(endpoint.params, c.req.param())
        const query =
          endpoint.query === undefined ? undefined : yield* decodeOrInvalidEffect(endpoint.query, queryOf(c))
        const body =
          endpoint.body === undefined
            ? undefined
            : Endpoint.isBytes(endpoint.body)
              ? c.req.raw
              : yield* thrown(() =>
                  bodyOf(c, runtime, endpoint, endpoint.body as Schema.Codec<unknown, unknown>),
                )
        const input = {
          params,
          query,
          body,
          staff: signedIn?.staff,
          sessionId: signedIn?.sessionId,
          chat,
          locale: localeOf(c),
          exchange: {
            url: c.req.url,
            origin: requestOrigin(c),
            setCookie: (cookie, value, options) => {
              cookies = true
              setCookie(c, cookie, value, options)
            },
            deleteCookie: (cookie) => {
              cookies = true
              deleteCookie(c, cookie, { path: "/" })
            },
            cookie: (cookie) => getCookie(c, cookie),
          },
        } as Input<Endpoint.Endpoint>
        const once = idempotencyOf(endpoint, { params, body, staff: signedIn?.staff, chat })
        if (once === null || !Endpoint.isCodec(success)) return { answer: yield* handler(input) }
        // The first answer, stored encoded with the writes it answers; a replay gets it back as it was.
        // Who asked what: the same id from someone else, or with another body, is refused (L5).
        const fingerprint = fingerprintOf({
          staff: signedIn?.staff.id ?? null,
          chat: chat?.conversationId ?? null,
          params,
          body,
        })
        const stored = yield* answerOnceFor(
          once.shopId,
          once.key,
          handler(input),
          (answer) => ({ status, body: Schema.encodeUnknownSync(success)(answer) }),
          fingerprint,
        )
        return { stored }
      })
      const ran = await run(request)
      if ("stored" in ran) {
        const { stored } = ran
        // What was just stored is sent as stored (one JSON encoding); a replay's body is encoded here.
        return json(stored.json ?? JSON.stringify(stored.body), stored.status)
      }
      const answer: unknown = ran.answer
      if (success === undefined) return c.body(null, 204)
      if (Endpoint.isRedirect(success)) return c.redirect((answer as Endpoint.RedirectAnswer).location, 302)
      if (Endpoint.isBytes(success)) {
        const { bytes, contentType, headers } = answer as Endpoint.BytesAnswer
        return c.body(bytes as Uint8Array<ArrayBuffer>, status, {
          ...headers,
          "content-type": contentType,
          "content-length": String(bytes.byteLength),
          // Bytes are shown as what they are, never sniffed into something a browser would run.
          "x-content-type-options": "nosniff",
        })
      }
      // Encoded with the declared Schema: what leaves is exactly the documented shape.
      return json(JSON.stringify(Schema.encodeUnknownSync(success)(answer)), status)
    })
  }
}
