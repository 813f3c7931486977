/**
 * The Shopify adapter of the bridge, on by default on Shopify storefronts: reads the cart from the Ajax Cart
 * API (`/cart.js`), re-reads it after any call the theme makes to `/cart/add.js`, `/cart/change.js`,
 * `/cart/update.js` or `/cart/clear.js` (fetch or XMLHttpRequest) or after common theme cart events, and puts
 * a code the shopper applies from the chat into the cart with `/cart/update.js` `{ discount }`, falling back
 * to the `/discount/CODE` link (which stores the code for checkout) where the cart refuses it.
 * @see https://shopify.dev/docs/api/ajax/reference/cart
 */
import type { InboxApi } from "./Bridge.ts"

interface ShopifyGlobal {
  readonly shop?: unknown
  readonly routes?: { readonly root?: unknown }
}

/** Events themes dispatch on `document` after changing the cart (Horizon, Dawn forks, cart-drawer apps). */
const THEME_EVENTS = ["cart:update", "cart:updated", "cart:refresh", "cart:change"]

const CART_MUTATION = /\/cart\/(add|change|update|clear)(\.js)?$/

export const isShopify = (): boolean => {
  const shopify = (window as { Shopify?: ShopifyGlobal }).Shopify
  return typeof shopify === "object" && shopify !== null && typeof shopify.shop === "string"
}

export const followShopifyCart = (inbox: InboxApi): void => {
  const configured = (window as { Shopify?: ShopifyGlobal }).Shopify?.routes?.root
  const root = typeof configured === "string" && configured.endsWith("/") ? configured : "/"
  const nativeFetch = window.fetch.bind(window)
  const json = { accept: "application/json", "content-type": "application/json" }

  const isMutation = (url: unknown): boolean => {
    try {
      const u = new URL(String(url instanceof Request ? url.url : url), location.href)
      return u.origin === location.origin && CART_MUTATION.test(u.pathname)
    } catch {
      return false
    }
  }

  const read = async () => {
    const response = await nativeFetch(`${root}cart.js`, { headers: json, credentials: "same-origin" })
    if (!response.ok) return
    const cart = (await response.json()) as {
      items?: ReadonlyArray<{ variant_id?: unknown; quantity?: unknown }>
    }
    inbox.cart.set((cart.items ?? []).map((i) => ({ variantId: i.variant_id, quantity: i.quantity })))
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  // Themes often fire several cart calls in a row (add, then a section re-render): read once after them.
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void read().catch(() => {}), 60)
  }

  window.fetch = (input, init) => {
    const pending = nativeFetch(input, init)
    if (isMutation(input)) pending.then(later, later)
    return pending
  }
  const open = XMLHttpRequest.prototype.open
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
    if (isMutation(args[1])) this.addEventListener("loadend", later)
    return open.apply(this, args)
  } as typeof open
  for (const name of THEME_EVENTS) document.addEventListener(name, later)

  inbox.on("discount", async ({ code }) => {
    const updated = await nativeFetch(`${root}cart/update.js`, {
      method: "POST",
      headers: json,
      credentials: "same-origin",
      body: JSON.stringify({ discount: code }),
    })
    const cart = updated.ok
      ? ((await updated.json()) as { discount_codes?: ReadonlyArray<{ code?: unknown }> })
      : null
    const inCart = cart?.discount_codes?.some((d) => String(d.code).toUpperCase() === code.toUpperCase())
    if (!inCart) {
      const link = await nativeFetch(`${root}discount/${encodeURIComponent(code)}`, {
        credentials: "same-origin",
      })
      if (!link.ok) throw new Error(`discount link answered ${link.status}`)
    }
    // Let the theme redraw its cart with the code.
    document.dispatchEvent(new CustomEvent("cart:refresh"))
  })

  void read().catch(() => {})
}
