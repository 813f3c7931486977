/**
 * Keeps the conversation's cart equal to the store's: the page reports its whole cart, this sends the
 * difference as cart changes (each one a cart event the merchant sees, R6) once a chat session exists. One
 * pass at a time, restarting when the store's cart changes meanwhile; a variant the catalogue does not
 * know is left out rather than retried forever.
 */
import { ApiError } from "../../api/http.ts"
import * as Store from "../../api/storefront.ts"
import type { StoreCart } from "../../api/types.ts"
import type { CartLine } from "../../widget/protocol.ts"

export interface CartSyncOptions {
  readonly token: () => string | null
  readonly onCart: (cart: StoreCart) => void
}

export const createCartSync = (options: CartSyncOptions) => {
  /** The store's cart, or null while the page has not said (then the conversation's cart is left alone). */
  let wanted: ReadonlyArray<CartLine> | null = null
  let known: StoreCart | null = null
  const unknownVariants = new Set<string>()
  let running: Promise<void> | null = null
  let again = false

  const pass = async () => {
    const token = options.token()
    if (token === null || wanted === null) return
    const current = known ?? (await Store.chat(token)).cart
    known = current
    const have = new Map(current.lines.map((l) => [l.variantId as string, l.quantity]))
    const want = new Map(
      wanted.filter((l) => !unknownVariants.has(l.variantId)).map((l) => [l.variantId, l.quantity]),
    )
    for (const variantId of new Set([...have.keys(), ...want.keys()])) {
      const diff = (want.get(variantId) ?? 0) - (have.get(variantId) ?? 0)
      if (diff === 0) continue
      try {
        const r =
          diff > 0
            ? await Store.addToCart(token, variantId, Math.min(diff, 999))
            : await Store.removeFromCart(token, variantId, Math.min(-diff, 999))
        known = r.cart
        options.onCart(r.cart)
      } catch (e) {
        if (e instanceof ApiError && (e.code === "VariantNotFound" || e.code === "CartItemNotInCart")) {
          unknownVariants.add(variantId)
          known = null
        } else throw e
      }
    }
  }

  const run = (): Promise<void> => {
    if (running !== null) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await pass()
        } while (again)
      } catch {
        // The next change of the cart (or of the session) tries again from the server's cart.
        known = null
      } finally {
        running = null
      }
    })()
    return running
  }

  return {
    /** The store's cart as the page reports it. */
    setWanted: (lines: ReadonlyArray<CartLine> | null) => {
      wanted = lines
      return run()
    },
    /** The conversation's cart as the server answered it (a refresh, an applied code). */
    setKnown: (cart: StoreCart) => {
      known = cart
    },
    /** A session started or resumed: bring its cart in line. */
    sessionChanged: () => {
      known = null
      return run()
    },
  }
}
