/** Generators of products (published or not) and cart lines with Unicode titles. */
import fc from "fast-check"
import type { CartLine } from "../../src/cart/Cart.ts"
import type { Product } from "../../src/catalog/Product.ts"
import type { Currency } from "../../src/money.ts"
import { productId, variantId } from "./ids.ts"
import { moneyIn } from "./money.ts"
import { productTitle } from "./text.ts"

export const product = (currency: Currency): fc.Arbitrary<Product> =>
  fc.record({
    id: productId,
    title: productTitle.map((t) => t.text),
    price: moneyIn(currency),
    imageUrl: fc.option(fc.constant("https://cdn.example/p.png"), { nil: null }),
    url: fc.constant("https://shop.example/products/p"),
    // Mostly shareable, so that replies with products get through as well as get refused (R15).
    status: fc.oneof(
      { weight: 6, arbitrary: fc.constant("active" as const) },
      fc.constantFrom("draft", "archived"),
    ),
    onlineStore: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, fc.constant(false)),
  })

export const quantity = fc.integer({ min: 1, max: 1_000 })

export const cartLine = (currency: Currency): fc.Arbitrary<CartLine> =>
  fc.record({
    productId,
    variantId,
    title: productTitle.map((t) => t.text),
    variantTitle: fc.constantFrom("Default", "S", "M / Bleu", "XL"),
    quantity,
    unitPrice: moneyIn(currency),
  })
