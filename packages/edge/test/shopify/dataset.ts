/**
 * A store in the inbox's own terms (products with variants, customers with orders, discount codes), and its
 * two renderings: import rows for the built-in tables, and the fake Shopify's nodes (shaped as the fixture
 * files). The shared contract suite loads the same store into both adapters. Instants are whole seconds and
 * boundaries at least an hour away, as Shopify's DateTime carries seconds.
 */
import { type Discount, type Ids, Money, type Product } from "@inbox/core"
import type { ImportCustomer, ImportDiscount, ImportOrder, ImportProduct } from "@inbox/core/wire"
import fc from "fast-check"
import type { FakeCustomer, FakeOrder, FakeShop } from "./fake.ts"

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WORDS = [
  "Linen",
  "Shirt",
  "Robe",
  "Été",
  "Blue",
  "Scarf",
  "Wool",
  "Snow",
  "Board",
  "Candle",
  "Lumière",
  "Tote",
]

export interface StoreOrder {
  readonly id: string
  readonly reference: string
  readonly placedAt: number
  readonly total: number
  readonly status: "pending" | "paid" | "fulfilled" | "cancelled" | "refunded"
}
export interface StoreCustomer {
  readonly n: number
  readonly name: string
  readonly email: string
  readonly phone: string | null
  readonly location: { city: string | null; province: string | null; country: string | null } | null
  readonly createdAt: number
  readonly emailMarketing: boolean
  readonly smsMarketing: boolean
  readonly note: string
  readonly orders: ReadonlyArray<StoreOrder>
}
export interface StoreProduct {
  readonly product: Product.Product
  readonly variants: ReadonlyArray<Product.Variant>
}
export interface StoreDataset {
  readonly now: number
  readonly products: ReadonlyArray<StoreProduct>
  readonly customers: ReadonlyArray<StoreCustomer>
  readonly discounts: ReadonlyArray<Discount.Discount>
}

const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000
const eur = (amount: number): Money.Money => ({ amount, currency: "EUR" })

export const productUrl = (domain: string, id: string) => `https://${domain}/products/p${id}`
export const customerAdminUrl = (domain: string, n: number) => `https://${domain}/admin/customers/${n}`
export const orderAdminUrl = (domain: string, id: string) => `https://${domain}/admin/orders/${id}`

const product = (domain: string) =>
  fc
    .record({
      id: fc.integer({ min: 10_000, max: 9_999_999 }),
      title: fc
        .uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 })
        .map((w) => w.join(" ")),
      status: fc.constantFrom(
        "active",
        "active",
        "draft",
        "archived",
      ) as fc.Arbitrary<Product.PublicationStatus>,
      onlineStore: fc.boolean(),
      image: fc.boolean(),
      variants: fc.uniqueArray(
        fc.record({
          id: fc.integer({ min: 10_000_000, max: 99_999_999 }),
          title: fc.constantFrom("S", "M", "L", "Default Title"),
          price: fc.integer({ min: 100, max: 50_000 }),
          stock: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
        }),
        { minLength: 1, maxLength: 3, selector: (v) => v.id },
      ),
    })
    .map((p): StoreProduct => {
      const id = String(p.id) as Ids.ProductId
      const variants = p.variants.map((v) => ({
        id: String(v.id) as Ids.VariantId,
        productId: id,
        title: v.title,
        price: eur(v.price),
        stock: v.stock,
      }))
      return {
        product: {
          id,
          title: `${p.title} ${id}`,
          price: eur(Math.min(...p.variants.map((v) => v.price))),
          imageUrl: p.image ? `https://cdn.example.com/p/${id}.jpg` : null,
          url: productUrl(domain, id),
          status: p.status,
          // Shopify publishes only active products on a sales channel.
          onlineStore: p.onlineStore && p.status === "active",
        },
        variants,
      }
    })

const order = (now: number) =>
  fc.record({
    id: fc.integer({ min: 100_000, max: 99_999_999 }).map(String),
    reference: fc.integer({ min: 1000, max: 9999 }).map((n) => `#${n}`),
    placedAt: fc.integer({ min: 1, max: 200 * 24 }).map((h) => seconds(now - h * HOUR - 30_000)),
    total: fc.integer({ min: 0, max: 100_000 }),
    status: fc.constantFrom("pending", "paid", "fulfilled", "cancelled", "refunded") as fc.Arbitrary<
      StoreOrder["status"]
    >,
  })

const customer = (now: number, n: number) =>
  fc
    .record({
      name: fc.constantFrom("Ana Lima", "Élodie Durand", "Bob Bobsen", "山田 花子"),
      phone: fc.option(fc.constantFrom("+33612345678", "+15145550100"), { nil: null }),
      // A location names at least one part; none at all is no location.
      location: fc.option(
        fc
          .record({
            city: fc.option(fc.constantFrom("Lyon", "Montréal"), { nil: null }),
            province: fc.option(fc.constantFrom("QC", "Rhône"), { nil: null }),
            country: fc.option(fc.constantFrom("FR", "CA"), { nil: null }),
          })
          .filter((l) => l.city !== null || l.province !== null || l.country !== null),
        { nil: null },
      ),
      createdAt: fc.integer({ min: 300, max: 3000 }).map((d) => seconds(now - d * DAY)),
      emailMarketing: fc.boolean(),
      smsMarketing: fc.boolean(),
      note: fc.constantFrom("", "Prefers pickup.", "Allergic to wool"),
      orders: fc.uniqueArray(order(now), { maxLength: 5, selector: (o) => o.id }),
    })
    .map(
      (c): StoreCustomer => ({
        n: 500_000 + n,
        email: `customer${n}@example.com`,
        ...c,
        // Shopify keeps SMS consent on a phone number.
        smsMarketing: c.smsMarketing && c.phone !== null,
      }),
    )

const discount = (now: number) =>
  fc
    .record({
      code: fc.stringMatching(/^[A-Z]{3,8}[0-9]?$/),
      value: fc.oneof(
        fc.record({ _tag: fc.constant("percentage" as const), percent: fc.integer({ min: 1, max: 100 }) }),
        fc.record({
          _tag: fc.constant("fixed_amount" as const),
          amount: fc.integer({ min: 100, max: 5000 }),
          currency: fc.constant("EUR"),
        }),
        fc.record({ _tag: fc.constant("free_shipping" as const) }),
      ),
      startHours: fc.integer({ min: -500, max: 200 }).filter((h) => h !== 0),
      lengthHours: fc.option(fc.integer({ min: 2, max: 900 }), { nil: null }),
      enabled: fc.boolean(),
      usageCount: fc.integer({ min: 0, max: 5 }),
      usageLimit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    })
    .map((d): Discount.Discount => {
      const startsAt = seconds(now + d.startHours * HOUR)
      let endsAt = d.lengthHours === null ? null : seconds(startsAt + d.lengthHours * HOUR)
      // Shopify shows a deactivated code as EXPIRED: it is told from an ended one by an end still ahead.
      if (!d.enabled && endsAt !== null && endsAt <= now + HOUR) endsAt = null
      if (endsAt !== null && Math.abs(endsAt - now) < HOUR) endsAt = seconds(endsAt + 2 * HOUR)
      return {
        code: d.code as Ids.DiscountCode,
        value: d.value,
        startsAt: startsAt as Discount.Discount["startsAt"],
        endsAt: endsAt as Discount.Discount["endsAt"],
        enabled: d.enabled,
        usageCount: d.usageCount,
        usageLimit: d.usageLimit,
      }
    })

export const dataset = (domain: string, now = seconds(Date.now())): fc.Arbitrary<StoreDataset> =>
  fc.record({
    now: fc.constant(now),
    products: fc
      .uniqueArray(product(domain), {
        minLength: 1,
        maxLength: 6,
        selector: (p) => p.product.id,
      })
      .filter(
        (ps) =>
          new Set(ps.flatMap((p) => p.variants.map((v) => v.id))).size ===
          ps.reduce((n, p) => n + p.variants.length, 0),
      ),
    customers: fc
      .integer({ min: 1, max: 3 })
      .chain((n) =>
        fc
          .tuple(...Array.from({ length: n }, (_, i) => customer(now, i)))
          .filter(
            (cs) =>
              new Set(cs.flatMap((c) => c.orders.map((o) => o.id))).size ===
              cs.reduce((k, c) => k + c.orders.length, 0),
          ),
      ),
    discounts: fc.uniqueArray(discount(now), { maxLength: 5, selector: (d) => d.code }),
  })

// ---- The built-in tables: import rows ----

export const importRowsOf = (domain: string, d: StoreDataset) => ({
  products: d.products.map(
    (p): ImportProduct => ({
      ...p.product,
      variants: p.variants.map((v) => ({ id: v.id, title: v.title, price: v.price, stock: v.stock })),
    }),
  ),
  customers: d.customers.map(
    (c): ImportCustomer => ({
      id: `c${c.n}` as Ids.CustomerId,
      name: c.name,
      email: c.email,
      phone: c.phone,
      location: c.location,
      timeZone: null,
      createdAt: c.createdAt as ImportCustomer["createdAt"],
      emailMarketing: c.emailMarketing,
      smsMarketing: c.smsMarketing,
      note: c.note,
      adminUrl: customerAdminUrl(domain, c.n),
    }),
  ),
  orders: d.customers.flatMap((c) =>
    c.orders.map(
      (o): ImportOrder => ({
        id: o.id as Ids.OrderId,
        customerId: `c${c.n}` as Ids.CustomerId,
        reference: o.reference,
        placedAt: o.placedAt as ImportOrder["placedAt"],
        total: eur(o.total),
        status: o.status,
        adminUrl: orderAdminUrl(domain, o.id),
      }),
    ),
  ),
  discounts: d.discounts.map((x): ImportDiscount => ({ ...x })),
})

// ---- Shopify: the fake's nodes ----

const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z")

const orderNode = (o: StoreOrder): FakeOrder => ({
  id: `gid://shopify/Order/${o.id}`,
  legacyResourceId: o.id,
  name: o.reference,
  createdAt: iso(o.placedAt),
  cancelledAt: o.status === "cancelled" ? iso(o.placedAt + HOUR) : null,
  displayFinancialStatus:
    o.status === "pending"
      ? "PENDING"
      : o.status === "refunded"
        ? "REFUNDED"
        : o.status === "cancelled"
          ? "VOIDED"
          : "PAID",
  displayFulfillmentStatus: o.status === "fulfilled" ? "FULFILLED" : "UNFULFILLED",
  totalPriceSet: { shopMoney: { amount: Money.toDecimal(eur(o.total)), currencyCode: "EUR" } },
})

export const shopifyNodesOf = (d: StoreDataset): Pick<FakeShop, "products" | "customers" | "discounts"> => ({
  products: d.products.map((p) => ({
    id: `gid://shopify/Product/${p.product.id}`,
    legacyResourceId: p.product.id,
    title: p.product.title,
    handle: `p${p.product.id}`,
    status: p.product.status.toUpperCase(),
    onlineStoreUrl: p.product.onlineStore ? p.product.url : null,
    featuredMedia: p.product.imageUrl === null ? null : { preview: { image: { url: p.product.imageUrl } } },
    priceRangeV2: { minVariantPrice: { amount: Money.toDecimal(p.product.price), currencyCode: "EUR" } },
    variants: {
      nodes: p.variants.map((v) => ({
        id: `gid://shopify/ProductVariant/${v.id}`,
        legacyResourceId: v.id,
        title: v.title,
        price: Money.toDecimal(v.price),
        inventoryQuantity: v.stock,
      })),
    },
  })),
  customers: d.customers.map((c): FakeCustomer => {
    const placed = c.orders.filter((o) => o.placedAt <= d.now)
    const spent = placed.filter((o) => o.status !== "cancelled").reduce((s, o) => s + o.total, 0)
    return {
      id: `gid://shopify/Customer/${c.n}`,
      legacyResourceId: String(c.n),
      displayName: c.name,
      defaultEmailAddress: {
        emailAddress: c.email,
        marketingState: c.emailMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
      },
      defaultPhoneNumber:
        c.phone === null
          ? null
          : { phoneNumber: c.phone, marketingState: c.smsMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED" },
      defaultAddress:
        c.location === null
          ? null
          : { city: c.location.city, province: c.location.province, countryCodeV2: c.location.country },
      createdAt: iso(c.createdAt),
      note: c.note,
      amountSpent: { amount: Money.toDecimal(eur(spent)), currencyCode: "EUR" },
      numberOfOrders: String(placed.length),
      orders: { nodes: c.orders.map(orderNode) },
    }
  }),
  discounts: d.discounts.map((x, i) => {
    const status = !x.enabled
      ? "EXPIRED"
      : d.now < x.startsAt
        ? "SCHEDULED"
        : x.endsAt !== null && d.now >= x.endsAt
          ? "EXPIRED"
          : "ACTIVE"
    const common = {
      title: `Code ${x.code}`,
      status,
      startsAt: iso(x.startsAt),
      endsAt: x.endsAt === null ? null : iso(x.endsAt),
      usageLimit: x.usageLimit,
      asyncUsageCount: x.usageCount,
      codes: { nodes: [{ code: x.code }] },
    }
    return {
      id: `gid://shopify/DiscountCodeNode/${9000 + i}`,
      codeDiscount:
        x.value._tag === "free_shipping"
          ? { __typename: "DiscountCodeFreeShipping", ...common }
          : {
              __typename: "DiscountCodeBasic",
              ...common,
              customerGets: {
                value:
                  x.value._tag === "percentage"
                    ? { __typename: "DiscountPercentage", percentage: x.value.percent / 100 }
                    : {
                        __typename: "DiscountAmount",
                        amount: { amount: Money.toDecimal(eur(x.value.amount)), currencyCode: "EUR" },
                      },
              },
            },
    }
  }),
})

/**
 * The same store with every id prefixed by `salt` (a run number), so the shops of one database never share
 * an id: the built-in tables key products, variants, customers and orders by id across shops.
 */
export const withSalt = (d: StoreDataset, salt: number): StoreDataset => {
  const id = <T extends string>(x: T): T => `${salt}${x}` as T
  return {
    ...d,
    products: d.products.map((p) => ({
      product: { ...p.product, id: id(p.product.id), title: `${p.product.title}${salt}` },
      variants: p.variants.map((v) => ({ ...v, id: id(v.id), productId: id(v.productId) })),
    })),
    customers: d.customers.map((c) => ({
      ...c,
      n: Number(`${salt}${c.n}`),
      email: c.email.replace("@", `.${salt}@`),
      orders: c.orders.map((o) => ({ ...o, id: id(o.id) })),
    })),
  }
}
