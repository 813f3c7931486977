/** The shop's catalogue and discount codes, as the composer and the storefront read them. @see R15, R16 */
import type { Discount, Ids, Money, Product } from "@inbox/core"
import { and, asc, eq, inArray, like, sql } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

export class Catalog extends Context.Service<
  Catalog,
  {
    readonly searchProducts: (
      shopId: Ids.ShopId,
      term: string,
      limit?: number,
    ) => Effect.Effect<ReadonlyArray<Product.Product>, StoreUnavailable>
    readonly productsByIds: (
      shopId: Ids.ShopId,
      ids: ReadonlyArray<string>,
    ) => Effect.Effect<ReadonlyArray<Product.Product>, StoreUnavailable>
    readonly variantsOf: (
      shopId: Ids.ShopId,
      productIds?: ReadonlyArray<string>,
    ) => Effect.Effect<ReadonlyArray<Product.Variant>, StoreUnavailable>
    readonly variant: (
      shopId: Ids.ShopId,
      variantId: string,
    ) => Effect.Effect<
      { readonly variant: Product.Variant; readonly product: Product.Product } | null,
      StoreUnavailable
    >
    readonly searchDiscounts: (
      shopId: Ids.ShopId,
      term: string,
    ) => Effect.Effect<ReadonlyArray<Discount.Discount>, StoreUnavailable>
    readonly discount: (
      shopId: Ids.ShopId,
      code: string,
    ) => Effect.Effect<Discount.Discount | null, StoreUnavailable>
  }
>()("@inbox/edge/repo/Catalog") {}

const money = (amount: number, currency: string): Money.Money => ({ amount, currency })

const toProduct = (r: typeof t.products.$inferSelect): Product.Product => ({
  id: r.id as Ids.ProductId,
  title: r.title,
  price: money(r.priceAmount, r.currency),
  imageUrl: r.imageUrl,
  url: r.url,
  status: r.status as Product.PublicationStatus,
  onlineStore: r.onlineStore,
})

const toVariant = (r: typeof t.variants.$inferSelect): Product.Variant => ({
  id: r.id as Ids.VariantId,
  productId: r.productId as Ids.ProductId,
  title: r.title,
  price: money(r.priceAmount, r.currency),
  stock: r.stock,
})

const toDiscount = (r: typeof t.discountCodes.$inferSelect): Discount.Discount => ({
  code: r.code as Ids.DiscountCode,
  value: r.value as Discount.DiscountValue,
  startsAt: r.startsAt as Discount.Discount["startsAt"],
  endsAt: r.endsAt as Discount.Discount["endsAt"],
  enabled: r.enabled,
  usageCount: r.usageCount,
  usageLimit: r.usageLimit,
})

const escapeLike = (s: string): string =>
  s.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")
const contains = (term: string) => sql`${`%${escapeLike(term.trim().toLowerCase())}%`} escape '\\'`

export const layer: Layer.Layer<Catalog, never, Database> = Layer.effect(
  Catalog,
  Effect.gen(function* () {
    const { db } = yield* Database
    return Catalog.of({
      searchProducts: Effect.fn("Catalog.searchProducts")(function* (
        shopId: Ids.ShopId,
        term: string,
        limit = 50,
      ) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.products)
            .where(and(eq(t.products.shopId, shopId), like(sql`lower(${t.products.title})`, contains(term))))
            .orderBy(asc(t.products.title))
            .limit(limit),
        )
        return rows.map(toProduct)
      }),
      productsByIds: Effect.fn("Catalog.productsByIds")(function* (
        shopId: Ids.ShopId,
        ids: ReadonlyArray<string>,
      ) {
        if (ids.length === 0) return []
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.products)
            .where(and(eq(t.products.shopId, shopId), inArray(t.products.id, [...ids]))),
        )
        const byId = new Map(rows.map((r) => [r.id, toProduct(r)]))
        return ids.flatMap((id) => {
          const p = byId.get(id)
          return p === undefined ? [] : [p]
        })
      }),
      variantsOf: Effect.fn("Catalog.variantsOf")(function* (
        shopId: Ids.ShopId,
        productIds?: ReadonlyArray<string>,
      ) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.variants)
            .where(
              productIds === undefined
                ? eq(t.variants.shopId, shopId)
                : and(eq(t.variants.shopId, shopId), inArray(t.variants.productId, [...productIds])),
            )
            .orderBy(asc(t.variants.productId), asc(t.variants.title)),
        )
        return rows.map(toVariant)
      }),
      variant: Effect.fn("Catalog.variant")(function* (shopId: Ids.ShopId, variantId: string) {
        const rows = yield* tryStore(() =>
          db
            .select({ variant: t.variants, product: t.products })
            .from(t.variants)
            .innerJoin(t.products, eq(t.products.id, t.variants.productId))
            .where(and(eq(t.variants.shopId, shopId), eq(t.variants.id, variantId))),
        )
        const r = rows[0]
        return r === undefined ? null : { variant: toVariant(r.variant), product: toProduct(r.product) }
      }),
      searchDiscounts: Effect.fn("Catalog.searchDiscounts")(function* (shopId: Ids.ShopId, term: string) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.discountCodes)
            .where(
              and(
                eq(t.discountCodes.shopId, shopId),
                like(sql`lower(${t.discountCodes.code})`, contains(term)),
              ),
            )
            .orderBy(asc(t.discountCodes.code))
            .limit(50),
        )
        return rows.map(toDiscount)
      }),
      discount: Effect.fn("Catalog.discount")(function* (shopId: Ids.ShopId, code: string) {
        const rows = yield* tryStore(() =>
          db
            .select()
            .from(t.discountCodes)
            .where(
              and(eq(t.discountCodes.shopId, shopId), eq(t.discountCodes.code, code.trim().toUpperCase())),
            ),
        )
        return rows[0] === undefined ? null : toDiscount(rows[0])
      }),
    })
  }),
)
