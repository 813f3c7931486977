/** The shopper's cart as the conversation sees it: lines, subtotal and the header. Pure; @see R7, R22 */
import { Schema } from "effect"
import { ProductId, VariantId } from "../ids.ts"
import { type Currency, Money, sum, times } from "../money.ts"

export const CartLine = Schema.Struct({
  productId: ProductId,
  variantId: VariantId,
  title: Schema.String,
  variantTitle: Schema.String,
  quantity: Schema.Int.check(Schema.isGreaterThan(0)),
  unitPrice: Money,
})
export type CartLine = typeof CartLine.Type

export const Cart = Schema.Struct({
  currency: Schema.String,
  lines: Schema.Array(CartLine),
})
export type Cart = typeof Cart.Type

export const emptyCart = (currency: Currency): Cart => ({ currency, lines: [] })

/** At most this many of one item in a line (the storefront's own quantity limit). @see R7 */
export const MAX_LINE_QUANTITY = 999

/** At most this many different items in a cart. @see R7 */
export const MAX_CART_LINES = 50

/** How many of a variant the cart holds now. */
export const quantityOf = (cart: Cart, variantId: string): number =>
  cart.lines.find((l) => l.variantId === variantId)?.quantity ?? 0

/**
 * Adds quantity of a variant, merging with an existing line. The merged line takes the newest title
 * and price: the cart shows what the shopper would pay now, as the storefront does.
 */
export const addLine = (cart: Cart, line: CartLine): Cart => {
  const existing = cart.lines.find((l) => l.variantId === line.variantId)
  if (existing === undefined) return { ...cart, lines: [...cart.lines, line] }
  return {
    ...cart,
    lines: cart.lines.map((l) =>
      l.variantId === line.variantId ? { ...line, quantity: l.quantity + line.quantity } : l,
    ),
  }
}

/** Removes up to quantity of a variant; a line that reaches zero disappears. */
export const removeLine = (cart: Cart, variantId: VariantId, quantity: number): Cart => ({
  ...cart,
  lines: cart.lines.flatMap((l) =>
    l.variantId !== variantId
      ? [l]
      : l.quantity > quantity
        ? [{ ...l, quantity: l.quantity - quantity }]
        : [],
  ),
})

export const isActive = (cart: Cart): boolean => cart.lines.length > 0

/** Exact subtotal: Σ unit price × quantity. @see R7 */
export const subtotal = (cart: Cart): Money =>
  sum(
    cart.currency,
    cart.lines.map((l) => times(l.unitPrice, l.quantity)),
  )

export const CartHeader = Schema.Struct({
  subtotal: Money,
  items: Schema.Array(Schema.Struct({ title: Schema.String, quantity: Schema.Int })),
})
export type CartHeader = typeof CartHeader.Type

/** The conversation header's cart block: present exactly while the cart is non-empty. @see R7 */
export const header = (cart: Cart): CartHeader | null =>
  isActive(cart)
    ? { subtotal: subtotal(cart), items: cart.lines.map((l) => ({ title: l.title, quantity: l.quantity })) }
    : null
