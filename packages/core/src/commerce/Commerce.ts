/**
 * Port: the shop's store as the inbox reads it (catalogue, customers, orders, discount codes) and the one
 * thing it writes there (the customer note). Adapters live in the edge: the built-in tables, Shopify.
 * The rules (R15 shareable, R16 discount validity, R20–R24 profile) run on what this returns, whatever
 * the source. @see R15, R16, R20–R23
 */
import { Context, type Effect, Schema } from "effect"
import type { Product, Variant } from "../catalog/Product.ts"
import type { Discount } from "../discount/Discount.ts"
import { CustomerId, type ShopId } from "../ids.ts"
import type { Customer, Order } from "../profile/CustomerProfile.ts"
import { Instant } from "../time.ts"
import type { CommerceUnavailable, CustomerNoteRejected } from "./errors.ts"

/**
 * Which inbox customer the caller means. Ids are always the inbox's own: an adapter whose store names the
 * customer otherwise keeps the mapping (found by email the first time).
 */
export const CustomerRef = Schema.Struct({ id: CustomerId, email: Schema.NullOr(Schema.String) })
export type CustomerRef = typeof CustomerRef.Type

/** How current a read is: `stale` when the store did not answer within the budget and a cached copy was used. */
export const Freshness = Schema.Struct({ asOf: Instant, stale: Schema.Boolean })
export type Freshness = typeof Freshness.Type

/** A customer with their orders since the asked instant (newest first). @see R20, R23 */
export interface CustomerRecord {
  readonly customer: Customer
  readonly recentOrders: ReadonlyArray<Order>
  readonly freshness: Freshness
}

/** One page of a customer's orders, newest first; `next` is an opaque cursor, null on the last page. */
export interface OrderPage {
  readonly orders: ReadonlyArray<Order>
  readonly next: string | null
}

export interface ProductWithVariant {
  readonly product: Product
  readonly variant: Variant
}

export class Commerce extends Context.Service<
  Commerce,
  {
    /** Products whose title matches every word of `term` (blank: all), at most `limit`. @see R15 */
    readonly searchProducts: (
      shopId: ShopId,
      term: string,
      limit: number,
    ) => Effect.Effect<ReadonlyArray<Product>, CommerceUnavailable>
    /** The products with these ids, in the order asked; unknown ids are left out. */
    readonly productsByIds: (
      shopId: ShopId,
      ids: ReadonlyArray<string>,
    ) => Effect.Effect<ReadonlyArray<Product>, CommerceUnavailable>
    /** Variants of these products, with their available stock. @see R22 */
    readonly variantsOf: (
      shopId: ShopId,
      productIds: ReadonlyArray<string>,
    ) => Effect.Effect<ReadonlyArray<Variant>, CommerceUnavailable>
    readonly variant: (
      shopId: ShopId,
      variantId: string,
    ) => Effect.Effect<ProductWithVariant | null, CommerceUnavailable>
    /** Codes containing `term` (case-insensitive), whatever their status. @see R16 */
    readonly searchDiscounts: (
      shopId: ShopId,
      term: string,
    ) => Effect.Effect<ReadonlyArray<Discount>, CommerceUnavailable>
    /** The code (case-insensitive), or null when the shop has none such. @see R16 */
    readonly discount: (shopId: ShopId, code: string) => Effect.Effect<Discount | null, CommerceUnavailable>
    /** The store's record of this customer, or null when the store does not know them. @see R20, R23 */
    readonly customer: (
      shopId: ShopId,
      ref: CustomerRef,
      ordersSince: Instant,
    ) => Effect.Effect<CustomerRecord | null, CommerceUnavailable>
    /** Every order of the customer, a page at a time ("show all"). @see R23 */
    readonly orders: (
      shopId: ShopId,
      ref: CustomerRef,
      page: { readonly cursor: string | null; readonly limit: number },
    ) => Effect.Effect<OrderPage, CommerceUnavailable>
    /**
     * Saves the internal note on the store's customer record; false when the store does not know them, and
     * `CustomerNoteRejected` when it knows them but refuses the note. @see R21
     */
    readonly setCustomerNote: (
      shopId: ShopId,
      ref: CustomerRef,
      note: string,
    ) => Effect.Effect<boolean, CommerceUnavailable | CustomerNoteRejected>
  }
>()("@inbox/core/commerce/Commerce") {}
