/**
 * Wire Schemas of the shop's store: the admin import API (bulk upsert of a store on any platform into the
 * built-in tables), every order of a customer a page at a time, and the store connection settings.
 * @see R15, R16, R20–R23
 */
import { Schema } from "effect"
import { PublicationStatus } from "../catalog/Product.ts"
import { DiscountValue } from "../discount/Discount.ts"
import { CustomerId, OrderId, ProductId, VariantId } from "../ids.ts"
import { Money } from "../money.ts"
import { Location, OrderStatus, ProfileOrder } from "../profile/CustomerProfile.ts"
import { Instant, TimeZoneName } from "../time.ts"

const Text = (max: number) => Schema.String.check(Schema.isMaxLength(max))
const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(255))
const Url = Schema.String.check(Schema.isMaxLength(2048), Schema.isPattern(/^https?:\/\//))

/** At most this many rows of one kind in one import request. */
export const MAX_IMPORT_ROWS = 500

export const ImportVariant = Schema.Struct({
  id: VariantId,
  title: Name,
  price: Money,
  /** Null: inventory not tracked. */
  stock: Schema.NullOr(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
})
export type ImportVariant = typeof ImportVariant.Type

/** A product with all its variants: the variants not listed are removed from the product. @see R15, R22 */
export const ImportProduct = Schema.Struct({
  id: ProductId,
  title: Name,
  price: Money,
  imageUrl: Schema.NullOr(Url),
  url: Url,
  status: PublicationStatus,
  onlineStore: Schema.Boolean,
  variants: Schema.Array(ImportVariant).check(Schema.isMinLength(1), Schema.isMaxLength(100)),
})
export type ImportProduct = typeof ImportProduct.Type

/** A customer record of the store; a chat visitor with the same email is matched to it. @see R20, R21 */
export const ImportCustomer = Schema.Struct({
  id: CustomerId,
  name: Name,
  email: Schema.NullOr(Text(320)),
  phone: Schema.NullOr(Text(64)),
  location: Schema.NullOr(Location),
  timeZone: Schema.NullOr(TimeZoneName),
  createdAt: Instant,
  emailMarketing: Schema.Boolean,
  smsMarketing: Schema.Boolean,
  /** The internal note; left as it is when absent (the inbox may have written it). */
  note: Schema.optionalKey(Text(5000)),
  adminUrl: Schema.NullOr(Url),
})
export type ImportCustomer = typeof ImportCustomer.Type

/** @see R20, R23 */
export const ImportOrder = Schema.Struct({
  id: OrderId,
  customerId: CustomerId,
  reference: Name,
  placedAt: Instant,
  total: Money,
  status: OrderStatus,
  adminUrl: Schema.NullOr(Url),
})
export type ImportOrder = typeof ImportOrder.Type

/** @see R16 */
export const ImportDiscount = Schema.Struct({
  /** Case-insensitive; stored upper-case. */
  code: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{1,64}$/)),
  value: DiscountValue,
  startsAt: Instant,
  endsAt: Schema.NullOr(Instant),
  enabled: Schema.Boolean,
  usageCount: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  usageLimit: Schema.NullOr(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
})
export type ImportDiscount = typeof ImportDiscount.Type

/** The rows are decoded one by one, so a bad one is named by its index; the envelope only bounds them. */
const Rows = Schema.Array(Schema.Unknown).check(Schema.isMaxLength(MAX_IMPORT_ROWS))

export const ImportProductsBody = Schema.Struct({ products: Rows })
export const ImportCustomersBody = Schema.Struct({ customers: Rows })
export const ImportOrdersBody = Schema.Struct({ orders: Rows })
export const ImportDiscountsBody = Schema.Struct({ discounts: Rows })

export const ImportKind = Schema.Literals(["products", "customers", "orders", "discounts"])
export type ImportKind = typeof ImportKind.Type

/** What one import request wrote: every row, or (on any bad row) nothing. */
export const ImportResult = Schema.Struct({ kind: ImportKind, imported: Schema.Int })
export type ImportResult = typeof ImportResult.Type

/** `GET /api/customers/:id/orders?cursor=`: every order of the customer, newest first. @see R23 */
export const OrdersQuery = Schema.Struct({ cursor: Schema.optionalKey(Text(512)) })
export type OrdersQuery = typeof OrdersQuery.Type

export const OrderList = Schema.Struct({
  orders: Schema.Array(ProfileOrder),
  next: Schema.NullOr(Schema.String),
})
export type OrderList = typeof OrderList.Type

/** The Store connection settings page. */
export const StoreConnectionView = Schema.Struct({
  /** `builtin`: the inbox's own tables (demo, import API); `shopify`: a connected Shopify store. */
  source: Schema.Literals(["builtin", "shopify"]),
  /** Whether this inbox has Shopify app credentials, so "Connect" can work. */
  shopifyAvailable: Schema.Boolean,
  shopDomain: Schema.NullOr(Schema.String),
  storeName: Schema.NullOr(Schema.String),
  status: Schema.NullOr(Schema.Literals(["connected", "revoked"])),
  apiVersion: Schema.NullOr(Schema.String),
  scopes: Schema.NullOr(Schema.String),
  connectedAt: Schema.NullOr(Instant),
  lastSyncAt: Schema.NullOr(Instant),
  lastSyncError: Schema.NullOr(Schema.String),
  lastWebhookAt: Schema.NullOr(Instant),
  webhooksReceived: Schema.Int,
  /** The admin URLs Shopify must be given (app URL, redirect URL, webhook URL), for this inbox's origin. */
  urls: Schema.Struct({ install: Schema.String, callback: Schema.String, webhooks: Schema.String }),
})
export type StoreConnectionView = typeof StoreConnectionView.Type
