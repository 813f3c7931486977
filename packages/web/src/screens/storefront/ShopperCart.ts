/**
 * The shopper's cart on the demo store. Lines live in the browser until a chat starts; from then on
 * every change also goes to the chat session, so the merchant sees cart events (R6) and the header (R7).
 */
import type { MoneyValue, StoreProduct, StoreVariant } from "../../api/types.ts"

export interface ShopperLine {
  readonly product: StoreProduct
  readonly variant: StoreVariant
  readonly quantity: number
}

export const subtotalOf = (lines: ReadonlyArray<ShopperLine>, currency: string): MoneyValue => ({
  amount: lines.reduce((s, l) => s + l.variant.price.amount * l.quantity, 0),
  currency,
})

export const add = (
  lines: ReadonlyArray<ShopperLine>,
  product: StoreProduct,
  variant: StoreVariant,
): ShopperLine[] =>
  lines.some((l) => l.variant.id === variant.id)
    ? lines.map((l) => (l.variant.id === variant.id ? { ...l, quantity: l.quantity + 1 } : l))
    : [...lines, { product, variant, quantity: 1 }]

export const removeOne = (lines: ReadonlyArray<ShopperLine>, variantId: string): ShopperLine[] =>
  lines.flatMap((l) =>
    l.variant.id !== variantId ? [l] : l.quantity > 1 ? [{ ...l, quantity: l.quantity - 1 }] : [],
  )
