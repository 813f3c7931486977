/**
 * Shopify's Admin GraphQL API as an Effect: one operation in, its decoded `data` out. Shopify's own
 * `@shopify/admin-api-client` builds the request (endpoint of the pinned version, access-token header);
 * this module adds what it leaves to the app: a per-request deadline, backing off on `THROTTLED` answers
 * (by `extensions.cost.throttleStatus`) and on HTTP 429 (by Retry-After), and reasons a person can act on.
 */
import { CommerceErrors } from "@inbox/core"
import { createAdminApiClient } from "@shopify/admin-api-client"
import { Duration, Effect, Schema } from "effect"
import { Cost, SHOPIFY_API_VERSION } from "./queries.ts"

export interface AdminSettings {
  /**
   * Where the Admin API answers. Null: `https://<shop domain>` (Shopify itself). An origin such as
   * `http://127.0.0.1:8123` sends every shop's requests there instead (the local fake in tests).
   */
  readonly adminOrigin: string | null
  /** One HTTP request's deadline. */
  readonly requestTimeoutMs: number
  /** Tries per operation when throttled or unreachable (the first one included). */
  readonly maxAttempts: number
  /** The longest single wait before trying again; Shopify's suggestion is capped to it. */
  readonly maxBackoffMs: number
}

export const DEFAULT_ADMIN_SETTINGS: AdminSettings = {
  adminOrigin: null,
  requestTimeoutMs: 5_000,
  maxAttempts: 3,
  maxBackoffMs: 2_000,
}

export interface AdminSession {
  readonly shopDomain: string
  readonly accessToken: string
}

type Outcome<A> =
  | { readonly _tag: "Done"; readonly data: A }
  | {
      readonly _tag: "Retry"
      readonly waitMs: number
      readonly reason: CommerceErrors.CommerceUnavailableReason
    }
  | { readonly _tag: "Fail"; readonly reason: CommerceErrors.CommerceUnavailableReason }

const decodeCost = Schema.decodeUnknownOption(Cost)

/** How long Shopify says to wait: the points still missing for this query over the restore rate. */
export const throttleWaitMs = (extensions: unknown): number => {
  const cost = decodeCost((extensions as { cost?: unknown } | undefined)?.cost)
  if (cost._tag === "None") return 1_000
  const { currentlyAvailable, restoreRate } = cost.value.throttleStatus
  const needed = cost.value.requestedQueryCost ?? 1
  return restoreRate <= 0
    ? 1_000
    : Math.max(0, Math.ceil(((needed - currentlyAvailable) / restoreRate) * 1000))
}

/** Retry-After is in seconds (RFC 9110). */
const retryAfterMs = (response: Response | undefined): number => {
  const seconds = Number(response?.headers.get("retry-after"))
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1_000
}

/**
 * Where a request for `https://<shop>/<path>` goes: there, or with an origin configured (the local fake),
 * to `<origin>/<shop>/<path>`, so one server can play every shop.
 */
export const storeUrl = (origin: string | null, url: string): string => {
  if (origin === null) return url
  const u = new URL(url)
  return `${origin}/${u.host}${u.pathname}${u.search}`
}

const makeClient = (settings: AdminSettings, session: AdminSession) =>
  createAdminApiClient({
    storeDomain: session.shopDomain,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken: session.accessToken,
    retries: 0,
    // The library's own retry sleeps Retry-After as milliseconds and ignores cost throttling: we retry here.
    logger: () => {},
    customFetchApi: (url, init) => {
      const signal = AbortSignal.timeout(settings.requestTimeoutMs)
      return fetch(storeUrl(settings.adminOrigin, url), {
        ...init,
        signal: init?.signal === undefined ? signal : AbortSignal.any([init.signal, signal]),
      })
    },
  })

const attempt = <S extends Schema.Top & Schema.Decoder<unknown>>(
  settings: AdminSettings,
  session: AdminSession,
  operation: string,
  variables: Record<string, unknown>,
  schema: S,
): Effect.Effect<Outcome<S["Type"]>> =>
  Effect.promise(async (): Promise<Outcome<S["Type"]>> => {
    const result = await makeClient(settings, session).request(operation, { variables })
    const status = result.errors?.networkStatusCode
    if (status === 401 || status === 403) return { _tag: "Fail", reason: "unauthorized" }
    if (status === 429)
      return { _tag: "Retry", waitMs: retryAfterMs(result.errors?.response), reason: "throttled" }
    const graphQLErrors = result.errors?.graphQLErrors ?? []
    if (graphQLErrors.some((e) => e.extensions?.code === "THROTTLED"))
      return { _tag: "Retry", waitMs: throttleWaitMs(result.extensions), reason: "throttled" }
    if (graphQLErrors.some((e) => e.extensions?.code === "ACCESS_DENIED"))
      return { _tag: "Fail", reason: "unauthorized" }
    if (result.errors !== undefined || result.data === undefined)
      return status === undefined || status >= 500
        ? { _tag: "Retry", waitMs: 200, reason: "unreachable" }
        : { _tag: "Fail", reason: "unreachable" }
    const decoded = Schema.decodeUnknownExit(schema)(result.data)
    // An answer we cannot read is Shopify changing under a pinned version, or a bug: never retried.
    return decoded._tag === "Success"
      ? { _tag: "Done", data: decoded.value }
      : { _tag: "Fail", reason: "unreachable" }
  })

/**
 * Runs one operation: throttled or failed attempts are tried again after the wait Shopify asks for (capped),
 * up to `maxAttempts`; then the last reason is the error.
 */
export const graphql = <S extends Schema.Top & Schema.Decoder<unknown>>(
  settings: AdminSettings,
  session: AdminSession,
  operation: string,
  variables: Record<string, unknown>,
  schema: S,
): Effect.Effect<S["Type"], CommerceErrors.CommerceUnavailable> =>
  Effect.gen(function* () {
    for (let n = 1; ; n++) {
      const outcome = yield* attempt(settings, session, operation, variables, schema)
      if (outcome._tag === "Done") return outcome.data
      if (outcome._tag === "Fail" || n >= settings.maxAttempts) {
        const name = /^(?:query|mutation)\s+(\w+)/.exec(operation)?.[1] ?? "operation"
        yield* Effect.logWarning(`Shopify ${name} for ${session.shopDomain}: ${outcome.reason}`)
        return yield* Effect.fail(new CommerceErrors.CommerceUnavailable({ reason: outcome.reason }))
      }
      yield* Effect.sleep(Duration.millis(Math.min(outcome.waitMs, settings.maxBackoffMs)))
    }
  }).pipe(Effect.withSpan("Shopify.graphql"))
