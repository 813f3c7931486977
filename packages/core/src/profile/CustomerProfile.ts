/**
 * The customer profile beside a conversation: details, notes, cart, last order and conversation
 * details, projected from plain records the caller loads. Pure; @see R20–R24
 */
import { Schema } from "effect"
import { type CartLine, subtotal } from "../cart/Cart.ts"
import type { Variant } from "../catalog/Product.ts"
import { Platform } from "../channel/Platform.ts"
import { CommerceUnavailableReason } from "../commerce/errors.ts"
import { type Conversation, ConversationStatus } from "../conversation/Conversation.ts"
import type { Locale } from "../i18n/Messages.ts"
import { CustomerId, OrderId, ProductId, ShopId, VariantId } from "../ids.ts"
import { type Currency, Money, sum } from "../money.ts"
import { DAY_MS, Instant, TimeZoneName } from "../time.ts"
import { TopicId } from "../topics/Topic.ts"
import { LocalTime, localTime } from "./LocalTime.ts"

export const Location = Schema.Struct({
  city: Schema.NullOr(Schema.String),
  province: Schema.NullOr(Schema.String),
  country: Schema.NullOr(Schema.String),
})
export type Location = typeof Location.Type

/**
 * What the shop's own records say over the customer's whole history (Shopify's `amountSpent` and
 * `numberOfOrders`), which a 60-day order list cannot. @see R20
 */
export const CustomerTotals = Schema.Struct({ amountSpent: Money, orderCount: Schema.Int })
export type CustomerTotals = typeof CustomerTotals.Type

/** A shopper as the shop's customer records hold them. @see R20, R21 */
export const Customer = Schema.Struct({
  id: CustomerId,
  shopId: ShopId,
  name: Schema.String,
  email: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
  location: Schema.NullOr(Location),
  /** IANA zone, e.g. "Europe/Paris"; null when unknown. */
  timeZone: Schema.NullOr(TimeZoneName),
  /** When the shop first recorded this customer ("customer since"). */
  createdAt: Instant,
  /** Marketing consent: the *subscribed* labels. @see R20 */
  emailMarketing: Schema.Boolean,
  smsMarketing: Schema.Boolean,
  /** Internal note, never shown to the customer; one per customer, shared by all conversations. @see R21 */
  note: Schema.String,
  /** Link to manage the customer in the shop admin. */
  adminUrl: Schema.NullOr(Schema.String),
  /** The source's lifetime totals; null: the profile sums the orders it is given. @see R20 */
  totals: Schema.NullOr(CustomerTotals),
})
export type Customer = typeof Customer.Type

export const OrderStatus = Schema.Literals(["pending", "paid", "fulfilled", "cancelled", "refunded"])
export type OrderStatus = typeof OrderStatus.Type

/** An order of the shop, as the profile needs it. @see R20, R23 */
export const Order = Schema.Struct({
  id: OrderId,
  shopId: ShopId,
  customerId: CustomerId,
  /** The reference the merchant knows, e.g. "#1042". */
  reference: Schema.String,
  placedAt: Instant,
  total: Money,
  status: OrderStatus,
  adminUrl: Schema.NullOr(Schema.String),
})
export type Order = typeof Order.Type

/** The last order block looks back this far. @see R23 */
export const LAST_ORDER_WINDOW_MS = 60 * DAY_MS

/** The cart block lists this many lines before "show all". @see R22 */
export const CART_PREVIEW_LINES = 3

export const ProfileCartLine = Schema.Struct({
  productId: ProductId,
  variantId: VariantId,
  title: Schema.String,
  variantTitle: Schema.String,
  quantity: Schema.Int,
  unitPrice: Money,
  /** Available stock of the variant; null when the catalogue does not know the variant or its inventory. */
  stock: Schema.NullOr(Schema.Int),
})
export type ProfileCartLine = typeof ProfileCartLine.Type

/** @see R22 */
export const ProfileCart = Schema.Struct({
  /** The first three lines, shown by default. */
  preview: Schema.Array(ProfileCartLine),
  /** Every line, shown after "show all". */
  lines: Schema.Array(ProfileCartLine),
  /** More than three lines: offer "show all". */
  showAll: Schema.Boolean,
  subtotal: Money,
  lastActivityAt: Schema.NullOr(Instant),
})
export type ProfileCart = typeof ProfileCart.Type

/** @see R23 */
export const ProfileOrder = Schema.Struct({
  id: OrderId,
  reference: Schema.String,
  placedAt: Instant,
  total: Money,
  status: OrderStatus,
  adminUrl: Schema.NullOr(Schema.String),
})
export type ProfileOrder = typeof ProfileOrder.Type

/** @see R24 */
export const ConversationDetails = Schema.Struct({
  /** @see R14 */
  latestTopic: Schema.NullOr(TopicId),
  status: ConversationStatus,
  platform: Platform,
  startedAt: Instant,
})
export type ConversationDetails = typeof ConversationDetails.Type

export const CustomerStatus = Schema.Literals(["new", "returning"])
export type CustomerStatus = typeof CustomerStatus.Type

/** Everything the profile panel shows. @see R20–R24 */
export const CustomerProfile = Schema.Struct({
  customerId: CustomerId,
  name: Schema.String,
  /** `returning` with at least one order placed up to now, otherwise `new`. @see R20 */
  status: CustomerStatus,
  customerSince: Instant,
  /**
   * The source's lifetime total when it has one, else Σ totals of the given orders in the shop currency,
   * cancelled ones excluded. @see R20
   */
  lifetimeSpend: Money,
  orderCount: Schema.Int,
  email: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
  location: Schema.NullOr(Location),
  localTime: Schema.NullOr(LocalTime),
  subscriptions: Schema.Struct({ email: Schema.Boolean, sms: Schema.Boolean }),
  adminUrl: Schema.NullOr(Schema.String),
  /** @see R21 */
  note: Schema.String,
  /** Null while the cart is empty. @see R22 */
  cart: Schema.NullOr(ProfileCart),
  /** Null: the block is empty. @see R23 */
  lastOrder: Schema.NullOr(ProfileOrder),
  /** Several orders: offer "show all". @see R23 */
  showAllOrders: Schema.Boolean,
  /** @see R24 */
  conversation: Schema.NullOr(ConversationDetails),
  /** When the store's data was last read, if the panel shows a cached copy; null: read just now. */
  syncedAt: Schema.NullOr(Instant),
  /** The store could not be read and nothing was cached: the panel shows what the inbox itself knows. */
  storeUnavailable: Schema.NullOr(CommerceUnavailableReason),
})
export type CustomerProfile = typeof CustomerProfile.Type

export interface ProfileInput {
  readonly customer: Customer
  /** The shop's currency; lifetime spend is in it and orders in other currencies are left out. */
  readonly currency: Currency
  /** Orders of the shop; records of other customers or shops are ignored (R0.1). */
  readonly orders: ReadonlyArray<Order>
  /** The conversation the profile sits beside, if any. */
  readonly conversation: Conversation | null
  /** Catalogue variants, for the available stock of cart lines. */
  readonly variants: ReadonlyArray<Variant>
  readonly now: Instant
  readonly locale: Locale
  /** When the customer and order records were read, if they come from a cache. */
  readonly syncedAt?: Instant | null
  /** Why the store's records are missing, when it could not be read. */
  readonly storeUnavailable?: CommerceUnavailableReason | null
}

const cartLine =
  (stock: ReadonlyMap<string, number | null>) =>
  (l: CartLine): ProfileCartLine => ({
    productId: l.productId,
    variantId: l.variantId,
    title: l.title,
    variantTitle: l.variantTitle,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    stock: stock.get(l.variantId) ?? null,
  })

/** Most recent first; equal times fall back to the id so the choice never depends on input order. */
const newestFirst = (a: Order, b: Order): number =>
  b.placedAt - a.placedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const ownOrders = (customer: Customer, orders: ReadonlyArray<Order>, now: Instant): Array<Order> =>
  orders
    .filter((o) => o.shopId === customer.shopId && o.customerId === customer.id && o.placedAt <= now)
    .toSorted(newestFirst)

/**
 * Lifetime totals from a whole order history: the orders placed up to `now`, and their spend in the shop
 * currency with cancelled ones left out. A store that keeps its own totals reports those instead. @see R20
 */
export const totalsOf = (
  customer: Customer,
  orders: ReadonlyArray<Order>,
  currency: Currency,
  now: Instant,
): CustomerTotals => {
  const own = ownOrders(customer, orders, now)
  const spent = own.filter((o) => o.status !== "cancelled" && o.total.currency === currency)
  return {
    amountSpent: sum(
      currency,
      spent.map((o) => o.total),
    ),
    orderCount: own.length,
  }
}

/** Projects the profile panel. @see R20, R21, R22, R23, R24 */
export const customerProfile = (input: ProfileInput): CustomerProfile => {
  const { customer, now } = input
  const orders = ownOrders(customer, input.orders, now)
  // The source's own totals cover orders older than the ones loaded, so they win when known.
  const totals = customer.totals ?? totalsOf(customer, orders, input.currency, now)
  const orderCount = totals.orderCount
  const lastOrder = orders.find((o) => o.placedAt >= now - LAST_ORDER_WINDOW_MS) ?? null

  const c =
    input.conversation !== null &&
    input.conversation.customerId === customer.id &&
    input.conversation.shopId === customer.shopId
      ? input.conversation
      : null
  const stock = new Map(input.variants.map((v) => [v.id as string, v.stock]))
  const lines = c === null ? [] : c.cart.lines.map(cartLine(stock))

  return {
    customerId: customer.id,
    name: customer.name,
    status: orderCount > 0 ? "returning" : "new",
    customerSince: customer.createdAt,
    lifetimeSpend: totals.amountSpent,
    orderCount,
    email: customer.email,
    phone: customer.phone,
    location: customer.location,
    localTime: customer.timeZone === null ? null : localTime(now, customer.timeZone, input.locale),
    subscriptions: { email: customer.emailMarketing, sms: customer.smsMarketing },
    adminUrl: customer.adminUrl,
    note: customer.note,
    cart:
      c === null || lines.length === 0
        ? null
        : {
            preview: lines.slice(0, CART_PREVIEW_LINES),
            lines,
            showAll: lines.length > CART_PREVIEW_LINES,
            subtotal: subtotal(c.cart),
            lastActivityAt: c.lastCartActivityAt,
          },
    lastOrder:
      lastOrder === null
        ? null
        : {
            id: lastOrder.id,
            reference: lastOrder.reference,
            placedAt: lastOrder.placedAt,
            total: lastOrder.total,
            status: lastOrder.status,
            adminUrl: lastOrder.adminUrl,
          },
    showAllOrders: orderCount > 1,
    conversation:
      c === null
        ? null
        : { latestTopic: c.latestTopic, status: c.status, platform: c.platform, startedAt: c.startedAt },
    syncedAt: input.syncedAt ?? null,
    storeUnavailable: input.storeUnavailable ?? null,
  }
}
