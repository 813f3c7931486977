/** Products as the composer sees them: what can be shared and what the shopper's card shows. @see R15 */
import { Schema } from "effect"
import { ProductId, VariantId } from "../ids.ts"
import { Money } from "../money.ts"

export const PublicationStatus = Schema.Literals(["active", "draft", "archived"])
export type PublicationStatus = typeof PublicationStatus.Type

/** A product as the catalogue holds it at the moment a reply is composed. */
export const Product = Schema.Struct({
  id: ProductId,
  title: Schema.String,
  price: Money,
  imageUrl: Schema.NullOr(Schema.String),
  url: Schema.String,
  status: PublicationStatus,
  /** Published on the online-store sales channel. */
  onlineStore: Schema.Boolean,
})
export type Product = typeof Product.Type

/** What the shopper sees of a shared product. */
export const ProductCard = Schema.Struct({
  id: ProductId,
  title: Schema.String,
  price: Money,
  imageUrl: Schema.NullOr(Schema.String),
  url: Schema.String,
})
export type ProductCard = typeof ProductCard.Type

/** At most this many products in one reply. @see R15 */
export const MAX_PRODUCTS_PER_REPLY = 3

/** Only active products published on the online store can be shared. @see R15 */
export const isShareable = (p: Product): boolean => p.status === "active" && p.onlineStore

export const toCard = (p: Product): ProductCard => ({
  id: p.id,
  title: p.title,
  price: p.price,
  imageUrl: p.imageUrl,
  url: p.url,
})

export const Variant = Schema.Struct({
  id: VariantId,
  productId: ProductId,
  title: Schema.String,
  price: Money,
  /** Available units; null when the store does not track this variant's inventory (always available). */
  stock: Schema.NullOr(Schema.Int),
})
export type Variant = typeof Variant.Type

/** Folds case and accents so "ROBE ete" finds "Robe d’été". */
const fold = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en")

/**
 * The composer's catalogue search: products whose title contains every word of the term, ignoring
 * case and accents, in catalogue order. A blank term lists everything. @see R15
 */
export const search = <P extends Pick<Product, "title">>(
  products: ReadonlyArray<P>,
  term: string,
): ReadonlyArray<P> => {
  const words = fold(term)
    .split(/\s+/)
    .filter((w) => w !== "")
  return products.filter((p) => {
    const title = fold(p.title)
    return words.every((w) => title.includes(w))
  })
}
