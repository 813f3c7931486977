/**
 * Installing the merchant's Shopify app. The authorization-code grant: an install request (from the inbox's
 * Store connection page, or from Shopify with an HMAC-signed query) gets a one-use `state` nonce and is sent
 * to Shopify's authorize page; the callback's query HMAC, shop domain and nonce are checked before its code is
 * exchanged for an offline token. An embedded app uses token exchange instead (a session token signed with
 * the app secret). Either way the token is sealed at rest and the first sync runs.
 * See shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant and
 * .../token-exchange.
 */
import type { Ids } from "@inbox/core"
import { and, eq, gt, lt } from "drizzle-orm"
import { Effect, Schema } from "effect"
import { fromB64url } from "../../auth/Base64url.ts"
import { constantTimeEqual } from "../../auth/Password.ts"
import { randomToken } from "../../auth/Token.ts"
import { Database } from "../../db/Database.ts"
import * as t from "../../db/schema.ts"
import { ShopifyAuthFailed, ShopifyNotConfigured, StoreAlreadyConnected } from "../../http/EdgeErrors.ts"
import { tryStore } from "../../repo/Conversations.ts"
import { storeUrl } from "./admin.ts"
import { StoreConnections } from "./connections.ts"
import { isShopDomain, verifyQuery } from "./hmac.ts"
import { type ShopifyApp, ShopifySettings } from "./settings.ts"
import { syncStore } from "./sync.ts"

/** An install must come back within this long. */
const STATE_TTL_MS = 10 * 60_000
/** A signed query older (or newer) than this is a replay. */
const MAX_SKEW_MS = 24 * 3_600_000

const app = Effect.gen(function* () {
  const settings = yield* ShopifySettings
  if (settings.app === null) return yield* Effect.fail(new ShopifyNotConfigured())
  return { app: settings.app, settings }
})

const checkShop = (shop: string | null) =>
  shop !== null && isShopDomain(shop)
    ? Effect.succeed(shop.toLowerCase())
    : Effect.fail(new ShopifyAuthFailed({ reason: "shop" }))

/** The query is Shopify's: its HMAC matches and its timestamp is recent. */
const checkSigned = (a: ShopifyApp, params: URLSearchParams, now: number) =>
  Effect.gen(function* () {
    const signed = yield* Effect.promise(() => verifyQuery(a.apiSecret, params))
    const ts = Number(params.get("timestamp")) * 1000
    if (!signed || !Number.isFinite(ts) || Math.abs(now - ts) > MAX_SKEW_MS)
      return yield* Effect.fail(new ShopifyAuthFailed({ reason: "signature" }))
  })

export interface InstallRequest {
  readonly params: URLSearchParams
  /** The signed-in owner's shop, when the install starts from the inbox. */
  readonly staffShopId: Ids.ShopId | null
  /** This inbox's public origin (for the redirect URI) when SHOPIFY_APP_URL is unset. */
  readonly origin: string
}

/** The inbox shop an install connects: the owner's own, else (signed by Shopify) the one the store is connected to or the default. */
const targetShop = (req: InstallRequest, shopDomain: string) =>
  Effect.gen(function* () {
    const { app: a, settings } = yield* app
    const now = yield* Effect.clockWith((c) => c.currentTimeMillis)
    const connections = yield* StoreConnections
    if (req.staffShopId !== null) {
      const current = yield* connections.get(req.staffShopId)
      if (current !== null && current.status === "connected" && current.shopDomain !== shopDomain)
        return yield* Effect.fail(new StoreAlreadyConnected({ shopDomain: current.shopDomain }))
      return req.staffShopId
    }
    yield* checkSigned(a, req.params, now)
    const known = yield* connections.byDomain(shopDomain)
    if (known !== null) return known.shopId
    const fallback = settings.defaultShop as Ids.ShopId
    const current = yield* connections.get(fallback)
    // Shopify vouches for the store, not for which inbox shop it may take: never another store's.
    if (current !== null && current.status === "connected" && current.shopDomain !== shopDomain)
      return yield* Effect.fail(new StoreAlreadyConnected({ shopDomain: current.shopDomain }))
    return fallback
  })

export const redirectUri = (a: ShopifyApp, origin: string): string =>
  `${a.appUrl ?? origin}/api/shopify/callback`

/** Starts the install: answers the URL of Shopify's authorize page, with a fresh `state` nonce stored. */
export const beginInstall = Effect.fn("Shopify.beginInstall")(function* (req: InstallRequest) {
  const { app: a } = yield* app
  const shopDomain = yield* checkShop(req.params.get("shop"))
  const shopId = yield* targetShop(req, shopDomain)
  const { db } = yield* Database
  const now = yield* Effect.clockWith((c) => c.currentTimeMillis)
  // The inbox shop leads the nonce so a Worker can route the callback to that shop's Durable Object. The
  // nonce is the project's secret token (as session ids): 192 random bits, URL-safe, never a "." in it.
  const state = `${shopId}.${randomToken(24)}`
  yield* tryStore(() =>
    db.batch([
      db.delete(t.oauthStates).where(lt(t.oauthStates.expiresAt, now)),
      db.insert(t.oauthStates).values({ state, shopId, shopDomain, expiresAt: now + STATE_TTL_MS }),
    ]),
  )
  const query = new URLSearchParams({
    client_id: a.apiKey,
    scope: a.scopes,
    redirect_uri: redirectUri(a, req.origin),
    state,
  })
  return storeUrl(a.oauthOrigin, `https://${shopDomain}/admin/oauth/authorize?${query}`)
})

const TokenResponse = Schema.Struct({ access_token: Schema.String, scope: Schema.String })

/** POST to the shop's access-token endpoint; Shopify's refusal is a failed install, never a 5xx. */
const requestToken = (
  a: ShopifyApp,
  shopDomain: string,
  form: Record<string, string>,
  reason: "code" | "session_token",
) =>
  Effect.tryPromise({
    try: async (signal) => {
      const r = await fetch(storeUrl(a.oauthOrigin, `https://${shopDomain}/admin/oauth/access_token`), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ client_id: a.apiKey, client_secret: a.apiSecret, ...form }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      })
      return r.ok ? ((await r.json()) as unknown) : null
    },
    catch: () => new ShopifyAuthFailed({ reason }),
  }).pipe(
    Effect.flatMap((body) => {
      const decoded = Schema.decodeUnknownOption(TokenResponse)(body)
      return decoded._tag === "Some"
        ? Effect.succeed(decoded.value)
        : Effect.fail(new ShopifyAuthFailed({ reason }))
    }),
  )

const connectAndSync = (
  shopId: Ids.ShopId,
  shopDomain: string,
  token: { access_token: string; scope: string },
) =>
  Effect.gen(function* () {
    const now = yield* Effect.clockWith((c) => c.currentTimeMillis)
    yield* (yield* StoreConnections).connect({
      shopId,
      shopDomain,
      scopes: token.scope,
      accessToken: token.access_token,
      at: now,
    })
    // The first sync's outcome is recorded on the connection; a failure there does not undo the install.
    return yield* syncStore(shopId)
  })

/** Finishes the install from Shopify's redirect; answers the inbox shop connected. */
export const finishInstall = Effect.fn("Shopify.finishInstall")(function* (params: URLSearchParams) {
  const { app: a } = yield* app
  const now = yield* Effect.clockWith((c) => c.currentTimeMillis)
  yield* checkSigned(a, params, now)
  const shopDomain = yield* checkShop(params.get("shop"))
  const state = params.get("state") ?? ""
  const code = params.get("code") ?? ""
  const { db } = yield* Database
  // The nonce is used up whatever happens next, so a callback can never be replayed.
  const taken = yield* tryStore(() =>
    db
      .delete(t.oauthStates)
      .where(
        and(
          eq(t.oauthStates.state, state),
          eq(t.oauthStates.shopDomain, shopDomain),
          gt(t.oauthStates.expiresAt, now),
        ),
      )
      .returning(),
  )
  const pending = taken[0]
  if (pending === undefined || state === "")
    return yield* Effect.fail(new ShopifyAuthFailed({ reason: "state" }))
  if (code === "") return yield* Effect.fail(new ShopifyAuthFailed({ reason: "code" }))
  const token = yield* requestToken(a, shopDomain, { code }, "code")
  const synced = yield* connectAndSync(pending.shopId as Ids.ShopId, shopDomain, token)
  return { shopId: pending.shopId as Ids.ShopId, shopDomain, synced: synced.synced }
})

const SessionClaims = Schema.Struct({
  iss: Schema.String,
  dest: Schema.String,
  aud: Schema.String,
  exp: Schema.Number,
  nbf: Schema.optionalKey(Schema.Number),
})

const encoder = new TextEncoder()

/** Verifies an App Bridge session token (HS256 JWT signed with the app secret) and answers its shop. */
export const verifySessionToken = async (a: ShopifyApp, jwt: string, now: number): Promise<string | null> => {
  const [header, payload, signature] = jwt.split(".")
  if (header === undefined || payload === undefined || signature === undefined) return null
  try {
    const alg = JSON.parse(new TextDecoder().decode(fromB64url(header))) as { alg?: unknown }
    if (alg.alg !== "HS256") return null
    const key = await crypto.subtle.importKey(
      "raw",
      encoder.encode(a.apiSecret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    )
    const expected = new Uint8Array(
      await crypto.subtle.sign("HMAC", key, encoder.encode(`${header}.${payload}`)),
    )
    if (!constantTimeEqual(expected, fromB64url(signature))) return null
    const claims = Schema.decodeUnknownOption(SessionClaims)(
      JSON.parse(new TextDecoder().decode(fromB64url(payload))),
    )
    if (claims._tag === "None") return null
    const c = claims.value
    const shop = c.dest.replace(/^https:\/\//, "")
    const seconds = now / 1000
    if (c.aud !== a.apiKey || c.exp <= seconds || (c.nbf ?? 0) > seconds + 5 || !isShopDomain(shop))
      return null
    if (c.iss !== `https://${shop}/admin`) return null
    return shop.toLowerCase()
  } catch {
    return null
  }
}

/** Token exchange for an embedded app: the session token's shop is connected with an offline token. */
export const exchangeSessionToken = Effect.fn("Shopify.exchangeSessionToken")(function* (
  sessionToken: string,
) {
  const { app: a, settings } = yield* app
  const now = yield* Effect.clockWith((c) => c.currentTimeMillis)
  const shopDomain = yield* Effect.promise(() => verifySessionToken(a, sessionToken, now))
  if (shopDomain === null) return yield* Effect.fail(new ShopifyAuthFailed({ reason: "session_token" }))
  const connections = yield* StoreConnections
  const known = yield* connections.byDomain(shopDomain)
  const shopId = (known?.shopId ?? settings.defaultShop) as Ids.ShopId
  if (known === null) {
    const current = yield* connections.get(shopId)
    if (current !== null && current.status === "connected" && current.shopDomain !== shopDomain)
      return yield* Effect.fail(new StoreAlreadyConnected({ shopDomain: current.shopDomain }))
  }
  const token = yield* requestToken(
    a,
    shopDomain,
    {
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: sessionToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    },
    "session_token",
  )
  const synced = yield* connectAndSync(shopId, shopDomain, token)
  return { shopId, shopDomain, synced: synced.synced }
})
