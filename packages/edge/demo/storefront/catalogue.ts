/**
 * What the demo storefront sells: the demo shop's catalogue as the inbox holds it (in a real shop the
 * inbox's copy comes from the store; here the store reads the inbox's), and its address listed among the
 * shop's allowed origins so the chat starts there.
 */
import { type Ids, StorefrontOrigin } from "@inbox/core"
import { Clock, Effect, Option } from "effect"
import { StorefrontSettings } from "../../src/repo/StorefrontSettings.ts"
import * as Shopper from "../../src/workflows/Shopper.ts"
import type { Catalogue } from "./AjaxCart.ts"

/** The product page path of a catalogue URL (`/products/linen-shirt`), else one made from the id. */
const handleOf = (url: string, id: string) =>
  url.match(/^\/products\/([a-z0-9-]+)$/)?.[1] ?? id.toLowerCase().replace(/[^a-z0-9]+/g, "-")

export const catalogueOf = Effect.fn("demo.catalogue")(function* (shopId: string) {
  const store = yield* Shopper.store(shopId)
  const catalogue: Catalogue = {
    currency: store.shop.currency,
    vendor: store.shop.name,
    products: store.products.map((p) => ({
      id: p.id,
      title: p.title,
      handle: handleOf(p.url, p.id),
      imageUrl: p.imageUrl,
      variants: p.variants.map((v) => ({ id: v.id, title: v.title, price: v.price.amount, stock: v.stock })),
    })),
  }
  return catalogue
})

/** Adds `origin` to the shop's allowed origins (first, so product links of the inbox open there). */
export const listOrigin = Effect.fn("demo.listOrigin")(function* (shopId: Ids.ShopId, origin: string) {
  const settings = yield* StorefrontSettings
  const current = (yield* settings.get(shopId)).allowedOrigins
  const normalized = StorefrontOrigin.normalize(origin)
  if (Option.isNone(normalized) || current.includes(normalized.value)) return
  const next = [normalized.value, ...current].flatMap((o) => (StorefrontOrigin.isValid(o) ? [o] : []))
  yield* settings.setAllowedOrigins(
    shopId,
    next.slice(0, StorefrontOrigin.MAX_ALLOWED_ORIGINS),
    yield* Clock.currentTimeMillis,
  )
})
