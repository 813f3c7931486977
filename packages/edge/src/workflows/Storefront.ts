/**
 * The chat on the merchant's own storefront: which origins may use it (the chat starts, and its session
 * keeps working, only from a listed origin), the signed identity of the store's customer, the widget's
 * config, and the owner's settings. Origin and identity rules come from core; the HMAC is checked here.
 */
import { type Ids, ShopperIdentity, StorefrontErrors, StorefrontOrigin } from "@inbox/core"
import type {
  IdentitySecretCreated,
  StorefrontSettings as SettingsView,
  WidgetConfig,
} from "@inbox/core/wire"
import { Clock, Effect, Result } from "effect"
import { requireOwner } from "../auth/Owner.ts"
import { constantTimeEqual } from "../auth/Password.ts"
import { SecretBox } from "../auth/SecretBox.ts"
import { hmacHex } from "../auth/Signature.ts"
import { randomToken } from "../auth/Token.ts"
import { ShopNotFound } from "../http/EdgeErrors.ts"
import { Directory, type StaffRecord } from "../repo/Directory.ts"
import { StorefrontSettings } from "../repo/StorefrontSettings.ts"

/** Who is asking, as the request tells it: the browser's `Origin`, and whether it came from our own pages. */
export interface RequestOrigin {
  /** The `Origin` header, or null (same-origin GETs and non-browser callers send none). */
  readonly origin: string | null
  /** The request came from the inbox's own origin: the chat frame, which names its embedder instead. */
  readonly sameOrigin: boolean
}

/**
 * The storefront a request acts for: a cross-origin browser's own `Origin` (page scripts cannot forge it),
 * else what our frame (or a server-side caller) names. A cross-origin page naming another site is refused.
 */
export const storefrontOf = (request: RequestOrigin, claimed: string | null | undefined): string | null => {
  if (request.origin !== null && !request.sameOrigin)
    return claimed === undefined || claimed === null || claimed === request.origin ? request.origin : null
  return claimed ?? null
}

// Untraced: it runs on every shopper message, where a named Effect.fn's span and stack frame cost ~10 µs a call
// and no tracer reads them (#17).
export const allowedOrigins = Effect.fnUntraced(function* (shopId: Ids.ShopId) {
  return (yield* (yield* StorefrontSettings).get(shopId)).allowedOrigins
})

/** The origins a shop's chat frame may be embedded by. */
export const frameAncestors = Effect.fn("Storefront.frameAncestors")(function* (shopId: string) {
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  return yield* allowedOrigins(shop.id)
})

/**
 * Fails unless `origin` is one of the shop's listed origins.
 * Untraced, as allowedOrigins: every shopper request checks its origin.
 */
export const requireAllowed = Effect.fnUntraced(function* (shopId: Ids.ShopId, origin: string | null) {
  if (!StorefrontOrigin.isAllowed(yield* allowedOrigins(shopId), origin))
    return yield* Effect.fail(new StorefrontErrors.OriginNotAllowed({ origin }))
  return origin!
})

/** What the loader needs for the bubble: answered only when the page is on a listed origin. */
export const widgetConfig = Effect.fn("Storefront.widgetConfig")(function* (
  shopId: string,
  request: RequestOrigin,
  claimed?: string,
) {
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  yield* requireAllowed(shop.id, storefrontOf(request, claimed))
  const body: WidgetConfig = { shop: { id: shop.id, name: shop.name } }
  return body
})

const encoder = new TextEncoder()

/** The additional data a sealed identity secret is bound to: this shop, this purpose. */
const secretContext = (shopId: string) => `shop/${shopId}/identity-secret`

/**
 * The shop's identity secret in clear, or null. A secret sealed under another key (the key was rotated) no
 * longer opens: identities are then refused until the owner generates a new one, never accepted unchecked.
 */
const identitySecretOf = Effect.fn("Storefront.identitySecretOf")(function* (shopId: Ids.ShopId) {
  const sealed = (yield* (yield* StorefrontSettings).get(shopId)).sealedIdentitySecret
  if (sealed === null) return null
  const box = yield* SecretBox
  return yield* Effect.promise(() => box.open(sealed, secretContext(shopId)))
})

/**
 * The store's signed-in customer, if their signature is the shop secret's HMAC of their id and email. A shop
 * without a secret cannot vouch for anyone, so a signed identity is refused there rather than trusted.
 */
export const verifyIdentity = Effect.fn("Storefront.verifyIdentity")(function* (
  shopId: Ids.ShopId,
  identity: ShopperIdentity.ShopperIdentity,
) {
  const secret = yield* identitySecretOf(shopId)
  if (secret === null) return yield* Effect.fail(new StorefrontErrors.IdentityVerificationOff())
  const email = identity.email?.trim() || null
  if (!ShopperIdentity.isSignableEmail(email))
    return yield* Effect.fail(new StorefrontErrors.IdentitySignatureInvalid())
  const expected = yield* Effect.promise(() =>
    hmacHex(secret, ShopperIdentity.signedText(identity.id, email)),
  )
  if (!constantTimeEqual(encoder.encode(expected), encoder.encode(identity.signature.toLowerCase())))
    return yield* Effect.fail(new StorefrontErrors.IdentitySignatureInvalid())
  return { id: identity.id, email, name: identity.name?.trim() || null }
})

const view = Effect.fn("Storefront.view")(function* (shopId: Ids.ShopId) {
  const s = yield* (yield* StorefrontSettings).get(shopId)
  const body: SettingsView = {
    allowedOrigins: s.allowedOrigins as SettingsView["allowedOrigins"],
    identity: {
      enabled: s.sealedIdentitySecret !== null,
      createdAt: s.identitySecretCreatedAt as SettingsView["identity"]["createdAt"],
    },
  }
  return body
})

export const settingsOf = Effect.fn("Storefront.settingsOf")(function* (staff: StaffRecord) {
  return yield* view(staff.shopId)
})

/** The owner's new list; sessions started on an origin that leaves the list stop working at once. */
export const setAllowedOrigins = Effect.fn("Storefront.setAllowedOrigins")(function* (
  staff: StaffRecord,
  origins: ReadonlyArray<string>,
) {
  yield* requireOwner(staff)
  const list = StorefrontOrigin.validateList(origins)
  if (Result.isFailure(list)) return yield* Effect.fail(list.failure)
  yield* (yield* StorefrontSettings).setAllowedOrigins(
    staff.shopId,
    list.success,
    yield* Clock.currentTimeMillis,
  )
  return yield* view(staff.shopId)
})

/** A new identity secret (shown once); signatures made with the previous one are refused from now on. */
export const createIdentitySecret = Effect.fn("Storefront.createIdentitySecret")(function* (
  staff: StaffRecord,
) {
  yield* requireOwner(staff)
  const box = yield* SecretBox
  const now = yield* Clock.currentTimeMillis
  const secret = randomToken(32)
  const sealed = yield* Effect.promise(() => box.seal(secret, secretContext(staff.shopId)))
  yield* (yield* StorefrontSettings).setIdentitySecret(staff.shopId, sealed, now)
  const body: IdentitySecretCreated = { secret, createdAt: now as IdentitySecretCreated["createdAt"] }
  return body
})

/** Signed customers are no longer checked (and so no longer accepted); everyone chats as a guest. */
export const removeIdentitySecret = Effect.fn("Storefront.removeIdentitySecret")(function* (
  staff: StaffRecord,
) {
  yield* requireOwner(staff)
  yield* (yield* StorefrontSettings).setIdentitySecret(staff.shopId, null, yield* Clock.currentTimeMillis)
  return yield* view(staff.shopId)
})
