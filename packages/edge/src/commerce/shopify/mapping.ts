/**
 * Shopify's records in the inbox's terms: Admin GraphQL nodes and webhook payloads (REST-shaped JSON) both
 * become the core's Product, Variant, Discount and the store's view of a customer and their orders. Ids are
 * Shopify's numeric ids (`legacyResourceId`), which fit the core's id syntax; admin links open the shop's
 * own admin pages.
 * Longer than most modules because every Shopify node and webhook shape is mapped here, so the two stay in step.
 */
import { type Commerce, CustomerProfile, type Discount, Ids, Money, Product, Time } from "@inbox/core"
import { Schema } from "effect"
import type { CodeDiscount, CustomerNode, OrderNode, ProductNode, VariantNode } from "./queries.ts"

/** A customer as the store knows them, before being addressed to an inbox customer. */
export const StoreCustomer = Schema.Struct({
  storeId: Schema.String,
  name: Schema.String,
  email: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
  location: Schema.NullOr(CustomerProfile.Location),
  createdAt: Time.Instant,
  emailMarketing: Schema.Boolean,
  smsMarketing: Schema.Boolean,
  note: Schema.String,
  adminUrl: Schema.String,
  totals: Schema.NullOr(CustomerProfile.CustomerTotals),
})
export type StoreCustomer = typeof StoreCustomer.Type

export const StoreOrder = Schema.Struct({
  id: Ids.OrderId,
  reference: Schema.String,
  placedAt: Time.Instant,
  total: Money.Money,
  status: CustomerProfile.OrderStatus,
  adminUrl: Schema.String,
})
export type StoreOrder = typeof StoreOrder.Type

export const StoreProduct = Schema.Struct({
  product: Product.Product,
  variants: Schema.Array(Product.Variant),
})
export type StoreProduct = typeof StoreProduct.Type

const instantOf = (iso: string): Time.Instant => Time.instant(Math.max(0, Date.parse(iso) || 0))

/** Decimal text to exact money; an unreadable amount counts as zero rather than breaking a whole page. */
const moneyOf = (amount: string | number | null | undefined, currency: string): Money.Money =>
  Money.fromDecimal(String(amount ?? "0"), currency) ?? { amount: 0, currency }

export const adminCustomerUrl = (shopDomain: string, id: string): string =>
  `https://${shopDomain}/admin/customers/${id}`
export const adminOrderUrl = (shopDomain: string, id: string): string =>
  `https://${shopDomain}/admin/orders/${id}`

const statusOf = (s: string): Product.PublicationStatus => {
  const lower = s.toLowerCase()
  // UNLISTED and any status added later are not shareable, like drafts.
  return lower === "active" ? "active" : lower === "archived" ? "archived" : "draft"
}

const variantOf = (productId: string, currency: string, v: VariantNode): Product.Variant => ({
  id: v.legacyResourceId as Ids.VariantId,
  productId: productId as Ids.ProductId,
  title: v.title,
  price: moneyOf(v.price, currency),
  stock: v.inventoryQuantity,
})

export const fromProductNode = (shopDomain: string, p: ProductNode): StoreProduct => {
  const currency = p.priceRangeV2.minVariantPrice.currencyCode
  return {
    product: {
      id: p.legacyResourceId as Ids.ProductId,
      title: p.title,
      price: moneyOf(p.priceRangeV2.minVariantPrice.amount, currency),
      imageUrl: p.featuredMedia?.preview?.image?.url ?? null,
      url: p.onlineStoreUrl ?? `https://${shopDomain}/products/${p.handle}`,
      status: statusOf(p.status),
      // Shopify gives an online-store URL only to products published on that sales channel. @see R15
      onlineStore: p.onlineStoreUrl !== null,
    },
    variants: p.variants.nodes.map((v) => variantOf(p.legacyResourceId, currency, v)),
  }
}

export const fromVariantNode = (shopDomain: string, v: VariantNode & { product: ProductNode }) => {
  const { product } = fromProductNode(shopDomain, v.product)
  return { product, variant: variantOf(product.id, v.product.priceRangeV2.minVariantPrice.currencyCode, v) }
}

/** An address with no city, province or country is no location (as the built-in tables read it). */
const locationOf = (
  city: string | null | undefined,
  province: string | null | undefined,
  country: string | null | undefined,
): CustomerProfile.Location | null =>
  city == null && province == null && country == null
    ? null
    : { city: city ?? null, province: province ?? null, country: country ?? null }

const subscribed = (state: string | null | undefined): boolean => state?.toUpperCase() === "SUBSCRIBED"

export const fromCustomerNode = (shopDomain: string, c: CustomerNode): StoreCustomer => ({
  storeId: c.legacyResourceId,
  name: c.displayName,
  email: c.defaultEmailAddress?.emailAddress ?? null,
  phone: c.defaultPhoneNumber?.phoneNumber ?? null,
  location: locationOf(c.defaultAddress?.city, c.defaultAddress?.province, c.defaultAddress?.countryCodeV2),
  createdAt: instantOf(c.createdAt),
  emailMarketing: subscribed(c.defaultEmailAddress?.marketingState),
  smsMarketing: subscribed(c.defaultPhoneNumber?.marketingState),
  note: c.note ?? "",
  adminUrl: adminCustomerUrl(shopDomain, c.legacyResourceId),
  totals: {
    amountSpent: moneyOf(c.amountSpent.amount, c.amountSpent.currencyCode),
    orderCount: Number(c.numberOfOrders) || 0,
  },
})

/** Shopify's financial and fulfillment statuses folded into the profile's five. @see R23 */
const orderStatusOf = (
  cancelledAt: string | null | undefined,
  financial: string | null | undefined,
  fulfillment: string | null | undefined,
): CustomerProfile.OrderStatus => {
  if (cancelledAt != null) return "cancelled"
  const f = (financial ?? "").toUpperCase()
  if (f === "REFUNDED") return "refunded"
  if ((fulfillment ?? "").toUpperCase() === "FULFILLED") return "fulfilled"
  if (f === "PAID" || f === "PARTIALLY_REFUNDED") return "paid"
  return "pending"
}

export const fromOrderNode = (shopDomain: string, o: OrderNode): StoreOrder => ({
  id: o.legacyResourceId as Ids.OrderId,
  reference: o.name,
  placedAt: instantOf(o.createdAt),
  total: moneyOf(o.totalPriceSet.shopMoney.amount, o.totalPriceSet.shopMoney.currencyCode),
  status: orderStatusOf(o.cancelledAt, o.displayFinancialStatus, o.displayFulfillmentStatus),
  adminUrl: adminOrderUrl(shopDomain, o.legacyResourceId),
})

/**
 * Shopify's discount status is ACTIVE, SCHEDULED or EXPIRED; a deactivated code is EXPIRED with no end date
 * (or one still ahead), which the core calls disabled. Usage is `asyncUsageCount` against `usageLimit`.
 * @see R16
 */
export const fromDiscountNode = (
  d: CodeDiscount,
  now: number,
  askedCode?: string,
): Discount.Discount | null => {
  const code = (askedCode ?? d.codes.nodes[0]?.code ?? "").trim().toUpperCase()
  const parsed = Schema.decodeUnknownOption(Ids.DiscountCode)(code)
  if (parsed._tag === "None") return null
  const startsAt = instantOf(d.startsAt)
  const endsAt = d.endsAt === null ? null : instantOf(d.endsAt)
  const value = d.customerGets?.value
  const discountValue: Discount.DiscountValue =
    d.__typename === "DiscountCodeFreeShipping"
      ? { _tag: "free_shipping" }
      : value !== undefined && "percentage" in value && typeof value.percentage === "number"
        ? { _tag: "percentage", percent: Math.min(100, Math.max(1, Math.round(value.percentage * 100))) }
        : value !== undefined && "amount" in value && typeof value.amount === "object"
          ? { _tag: "fixed_amount", ...moneyOf(value.amount.amount, value.amount.currencyCode) }
          : { _tag: "free_shipping" }
  const expiredEarly = d.status.toUpperCase() === "EXPIRED" && (endsAt === null || endsAt > now)
  return {
    code: parsed.value,
    value: discountValue,
    startsAt,
    endsAt,
    enabled: !expiredEarly,
    usageCount: d.asyncUsageCount,
    usageLimit: d.usageLimit,
  }
}

/** The store's view of a customer, addressed to the inbox customer it was asked for. */
export const toCustomer = (
  shopId: Ids.ShopId,
  ref: Commerce.CustomerRef,
  c: StoreCustomer,
): CustomerProfile.Customer => ({
  id: ref.id,
  shopId,
  name: c.name,
  email: c.email,
  phone: c.phone,
  location: c.location,
  timeZone: null,
  createdAt: c.createdAt,
  emailMarketing: c.emailMarketing,
  smsMarketing: c.smsMarketing,
  note: c.note,
  adminUrl: c.adminUrl,
  totals: c.totals,
})

export const toOrder = (
  shopId: Ids.ShopId,
  ref: Commerce.CustomerRef,
  o: StoreOrder,
): CustomerProfile.Order => ({
  ...o,
  shopId,
  customerId: ref.id,
})

// ---- Webhook payloads (REST-shaped, https://shopify.dev/docs/api/webhooks) ----

const Id = Schema.Union([Schema.Number, Schema.String])
const idText = (id: number | string): string => String(id)
/** REST ids can exceed 2^53 (JSON numbers lose digits); the GraphQL id beside them is exact. */
const GidField = { admin_graphql_api_id: Schema.optionalKey(Schema.String) }
const exactId = (r: { readonly id: number | string; readonly admin_graphql_api_id?: string }): string =>
  r.admin_graphql_api_id?.split("/").pop() ?? idText(r.id)

export const ProductPayload = Schema.Struct({
  id: Id,
  ...GidField,
  title: Schema.String,
  handle: Schema.String,
  status: Schema.String,
  published_at: Schema.optionalKey(Schema.NullOr(Schema.String)),
  image: Schema.optionalKey(Schema.NullOr(Schema.Struct({ src: Schema.String }))),
  variants: Schema.Array(
    Schema.Struct({
      id: Id,
      ...GidField,
      title: Schema.String,
      price: Schema.Union([Schema.String, Schema.Number]),
      inventory_quantity: Schema.optionalKey(Schema.NullOr(Schema.Number)),
      inventory_management: Schema.optionalKey(Schema.NullOr(Schema.String)),
    }),
  ),
})

/** A products/create or products/update payload; prices are in the shop currency, which it does not name. */
export const fromProductPayload = (
  shopDomain: string,
  currency: string,
  p: typeof ProductPayload.Type,
): StoreProduct => {
  const productId = exactId(p)
  const variants = p.variants.map(
    (v): Product.Variant => ({
      id: exactId(v) as Ids.VariantId,
      productId: productId as Ids.ProductId,
      title: v.title,
      price: moneyOf(v.price, currency),
      stock: v.inventory_management === null ? null : (v.inventory_quantity ?? null),
    }),
  )
  const cheapest = variants.reduce<Money.Money | null>(
    (min, v) => (min === null || v.price.amount < min.amount ? v.price : min),
    null,
  )
  const published = p.published_at != null && p.status.toLowerCase() === "active"
  return {
    product: {
      id: productId as Ids.ProductId,
      title: p.title,
      price: cheapest ?? { amount: 0, currency },
      imageUrl: p.image?.src ?? null,
      url: `https://${shopDomain}/products/${p.handle}`,
      status: statusOf(p.status),
      onlineStore: published,
    },
    variants,
  }
}

const Consent = Schema.optionalKey(Schema.NullOr(Schema.Struct({ state: Schema.NullOr(Schema.String) })))

export const CustomerPayload = Schema.Struct({
  id: Id,
  ...GidField,
  email: Schema.optionalKey(Schema.NullOr(Schema.String)),
  first_name: Schema.optionalKey(Schema.NullOr(Schema.String)),
  last_name: Schema.optionalKey(Schema.NullOr(Schema.String)),
  phone: Schema.optionalKey(Schema.NullOr(Schema.String)),
  note: Schema.optionalKey(Schema.NullOr(Schema.String)),
  created_at: Schema.String,
  default_address: Schema.optionalKey(
    Schema.NullOr(
      Schema.Struct({
        city: Schema.optionalKey(Schema.NullOr(Schema.String)),
        province: Schema.optionalKey(Schema.NullOr(Schema.String)),
        country_code: Schema.optionalKey(Schema.NullOr(Schema.String)),
      }),
    ),
  ),
  email_marketing_consent: Consent,
  sms_marketing_consent: Consent,
})

/** A customers/create or customers/update payload; lifetime totals are not in it, so the cached ones stay. */
export const fromCustomerPayload = (
  shopDomain: string,
  c: typeof CustomerPayload.Type,
  previous: StoreCustomer | null,
): StoreCustomer => {
  const name = [c.first_name, c.last_name]
    .filter((s): s is string => typeof s === "string" && s !== "")
    .join(" ")
  const a = c.default_address
  return {
    storeId: exactId(c),
    name: name !== "" ? name : (c.email ?? previous?.name ?? ""),
    email: c.email ?? null,
    phone: c.phone ?? null,
    location: locationOf(a?.city, a?.province, a?.country_code),
    createdAt: instantOf(c.created_at),
    emailMarketing: subscribed(c.email_marketing_consent?.state),
    smsMarketing: subscribed(c.sms_marketing_consent?.state),
    note: c.note ?? "",
    adminUrl: adminCustomerUrl(shopDomain, exactId(c)),
    totals: previous?.totals ?? null,
  }
}

export const OrderPayload = Schema.Struct({
  id: Id,
  ...GidField,
  name: Schema.String,
  created_at: Schema.String,
  cancelled_at: Schema.optionalKey(Schema.NullOr(Schema.String)),
  financial_status: Schema.optionalKey(Schema.NullOr(Schema.String)),
  fulfillment_status: Schema.optionalKey(Schema.NullOr(Schema.String)),
  total_price: Schema.Union([Schema.String, Schema.Number]),
  currency: Schema.String,
  customer: Schema.optionalKey(Schema.NullOr(Schema.Struct({ id: Id, ...GidField }))),
})

export const fromOrderPayload = (shopDomain: string, o: typeof OrderPayload.Type): StoreOrder => ({
  id: exactId(o) as Ids.OrderId,
  reference: o.name,
  placedAt: instantOf(o.created_at),
  total: moneyOf(o.total_price, o.currency),
  status: orderStatusOf(o.cancelled_at, o.financial_status, o.fulfillment_status),
  adminUrl: adminOrderUrl(shopDomain, exactId(o)),
})

export const DeletedPayload = Schema.Struct({ id: Id, ...GidField })

export const CustomersRedactPayload = Schema.Struct({
  shop_domain: Schema.String,
  customer: Schema.Struct({
    id: Id,
    email: Schema.optionalKey(Schema.NullOr(Schema.String)),
    phone: Schema.optionalKey(Schema.NullOr(Schema.String)),
  }),
  orders_to_redact: Schema.optionalKey(Schema.Array(Id)),
})

export const DataRequestPayload = Schema.Struct({
  shop_domain: Schema.String,
  customer: Schema.Struct({ id: Id }),
  data_request: Schema.optionalKey(Schema.Struct({ id: Id })),
})

export const idOf = exactId
