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
import { isMaxChars, isMinChars } from "../text/Text.ts"
import { Instant, TimeZoneName } from "../time.ts"
import * as Endpoint from "./Endpoint.ts"

const Text = (max: number) => Schema.String.check(isMaxChars(max))
const Name = Schema.String.check(isMinChars(1), isMaxChars(255))
const Url = Schema.String.check(isMaxChars(2048), Schema.isPattern(/^https?:\/\//u))

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
  code: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{1,64}$/u)),
  value: DiscountValue,
  startsAt: Instant,
  endsAt: Schema.NullOr(Instant),
  enabled: Schema.Boolean,
  usageCount: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  usageLimit: Schema.NullOr(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
})
export type ImportDiscount = typeof ImportDiscount.Type

/** A bad row's shape is a 400 whose issue path names it (`["products", "3", "price"]`). */
const rows = <S extends Schema.Top>(row: S) => Schema.Array(row).check(Schema.isMaxLength(MAX_IMPORT_ROWS))

export const ImportProductsBody = Schema.Struct({ products: rows(ImportProduct) })
export const ImportCustomersBody = Schema.Struct({ customers: rows(ImportCustomer) })
export const ImportOrdersBody = Schema.Struct({ orders: rows(ImportOrder) })
export const ImportDiscountsBody = Schema.Struct({ discounts: rows(ImportDiscount) })

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

const importErrors = ["ImportRowInvalid", "StaffNotOwner", "ShopNotFound"] as const

/** The admin import API: bulk upserts into the built-in tables, one kind per request, all or nothing. */
export const StoreImportApi = {
  products: Endpoint.post("/api/admin/import/products", {
    summary: "Import products with all their variants (owner; bulk upsert, all or nothing)",
    auth: "chatStaff",
    body: ImportProductsBody,
    success: ImportResult,
    errors: importErrors,
  }),
  customers: Endpoint.post("/api/admin/import/customers", {
    summary: "Import customer records (owner; bulk upsert, all or nothing)",
    auth: "chatStaff",
    body: ImportCustomersBody,
    success: ImportResult,
    errors: importErrors,
  }),
  orders: Endpoint.post("/api/admin/import/orders", {
    summary: "Import orders of imported customers (owner; bulk upsert, all or nothing)",
    auth: "chatStaff",
    body: ImportOrdersBody,
    success: ImportResult,
    errors: importErrors,
  }),
  discounts: Endpoint.post("/api/admin/import/discounts", {
    summary: "Import discount codes (owner; bulk upsert, all or nothing)",
    auth: "chatStaff",
    body: ImportDiscountsBody,
    success: ImportResult,
    errors: importErrors,
  }),
}

/** A shop's admin domain as Shopify issues them. */
export const ShopDomain = Schema.String.check(
  Schema.isPattern(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,60}\.myshopify\.com$/u),
)

export const ConnectStoreBody = Schema.Struct({ shop: ShopDomain })
export type ConnectStoreBody = typeof ConnectStoreBody.Type

/** Where the browser goes next (Shopify's authorize page). */
export const ConnectStoreAnswer = Schema.Struct({ location: Schema.String })
export type ConnectStoreAnswer = typeof ConnectStoreAnswer.Type

/** The Store connection settings page: which store answers, its health, connect, sync and disconnect (owner). */
export const StoreConnectionApi = {
  view: Endpoint.get("/api/settings/store-connection", {
    summary: "Which store answers (built-in tables or Shopify), sync and webhook health",
    auth: "chatStaff",
    success: StoreConnectionView,
  }),
  connect: Endpoint.post("/api/settings/store-connection", {
    summary: "Start connecting a Shopify store (owner): answers Shopify's authorize page to open",
    auth: "chatStaff",
    body: ConnectStoreBody,
    success: ConnectStoreAnswer,
    errors: ["StaffNotOwner", "ShopifyNotConfigured", "StoreAlreadyConnected", "ShopifyAuthFailed"],
  }),
  sync: Endpoint.post("/api/settings/store-connection/sync", {
    summary:
      "Copy the connected Shopify store's catalogue again now (owner), e.g. after missed webhooks; answers the page",
    auth: "chatStaff",
    success: StoreConnectionView,
    errors: ["StaffNotOwner"],
  }),
  disconnect: Endpoint.delete("/api/settings/store-connection", {
    summary: "Disconnect the Shopify store (owner): its token and what was read from it are dropped",
    auth: "chatStaff",
    success: StoreConnectionView,
    errors: ["StaffNotOwner"],
  }),
}

/** Shopify's query on the app URL: the shop, and (from the Shopify admin) its HMAC signature. */
export const InstallQuery = Schema.Struct({
  shop: ShopDomain,
  hmac: Schema.optionalKey(Schema.String.check(isMaxChars(128))),
  timestamp: Schema.optionalKey(Schema.String.check(isMaxChars(32))),
  host: Schema.optionalKey(Schema.String.check(isMaxChars(512))),
})

export const CallbackQuery = Schema.Struct({
  shop: ShopDomain,
  code: Schema.String.check(isMaxChars(512)),
  state: Schema.String.check(isMaxChars(256)),
  hmac: Schema.String.check(isMaxChars(128)),
  timestamp: Schema.String.check(isMaxChars(32)),
  host: Schema.optionalKey(Schema.String.check(isMaxChars(512))),
})

export const SessionTokenBody = Schema.Struct({ sessionToken: Schema.String.check(isMaxChars(8192)) })

export const ShopifyConnected = Schema.Struct({ shopDomain: Schema.String, synced: Schema.Boolean })

/** What the inbox did with one webhook delivery. */
export const WebhookOutcome = Schema.Struct({ outcome: Schema.Literals(["applied", "duplicate", "ignored"]) })

/**
 * Shopify's side (a fixed interface other tools script against): every webhook topic at one URL, the OAuth
 * install and callback, and token exchange for an embedded app.
 */
export const ShopifyApi = {
  webhooks: Endpoint.post("/api/shopify/webhooks", {
    summary:
      "Every Shopify webhook (X-Shopify-Topic, X-Shopify-Shop-Domain, X-Shopify-Event-Id); X-Shopify-Hmac-Sha256 over the raw body is checked first",
    auth: "public",
    body: Endpoint.Bytes("application/json"),
    success: WebhookOutcome,
    errors: ["WebhookSignatureInvalid", "InvalidRequest"],
  }),
  install: Endpoint.get("/api/shopify/install", {
    summary:
      "The app URL: an install signed by Shopify (?shop=&hmac=&timestamp=) is sent to Shopify's authorize page",
    auth: "public",
    query: InstallQuery,
    success: Endpoint.Redirect,
    status: 302,
    errors: ["ShopifyNotConfigured", "ShopifyAuthFailed", "StoreAlreadyConnected"],
  }),
  callback: Endpoint.get("/api/shopify/callback", {
    summary: "Shopify's redirect after the merchant approves: HMAC, shop and state checked, code exchanged",
    auth: "public",
    query: CallbackQuery,
    success: Endpoint.Redirect,
    status: 302,
    errors: ["ShopifyNotConfigured", "ShopifyAuthFailed", "StoreAlreadyConnected"],
  }),
  session: Endpoint.post("/api/shopify/session", {
    summary: "Token exchange for an embedded app: an App Bridge session token for an offline access token",
    auth: "public",
    body: SessionTokenBody,
    success: ShopifyConnected,
    errors: ["ShopifyNotConfigured", "ShopifyAuthFailed", "StoreAlreadyConnected"],
  }),
}
