/** Customers and orders for the profile projection, some belonging to other customers or shops. */
import fc from "fast-check"
import type { CustomerId, ShopId } from "../../src/ids.ts"
import type { Customer, Order } from "../../src/profile/CustomerProfile.ts"
import { type Instant, instant } from "../../src/time.ts"
import { customerId as anyCustomerId, shopId as anyShopId, orderId } from "./ids.ts"
import { CURRENCIES } from "./money.ts"

/** Real IANA zones (from Intl, so the test follows the runtime's tz data) and a few invalid names. */
export const timeZone: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...Intl.supportedValuesOf("timeZone")) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "UTC",
      "Europe/Paris",
      "Asia/Kathmandu",
      "Pacific/Chatham",
      "America/St_Johns",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("Mars/Olympus_Mons", "Europe/Pariss", "+25:00") },
)

export const customer = (shopId: ShopId, id: CustomerId): fc.Arbitrary<Customer> =>
  fc.record({
    id: fc.constant(id),
    shopId: fc.constant(shopId),
    name: fc.constantFrom("Ana Lima", "Élodie Durand", "山田 花子"),
    email: fc.option(fc.emailAddress(), { nil: null }),
    phone: fc.option(fc.constantFrom("+33 6 12 34 56 78", "+1 514 555 0100"), { nil: null }),
    location: fc.option(
      fc.record({
        city: fc.option(fc.constantFrom("Lyon", "Montréal"), { nil: null }),
        province: fc.option(fc.constantFrom("QC", "Auvergne-Rhône-Alpes"), { nil: null }),
        country: fc.option(fc.constantFrom("FR", "CA"), { nil: null }),
      }),
      { nil: null },
    ),
    timeZone: fc.option(timeZone, { nil: null, freq: 5 }),
    createdAt: fc.integer({ min: 0, max: 4_000_000_000_000 }).map(instant),
    emailMarketing: fc.boolean(),
    smsMarketing: fc.boolean(),
    note: fc.string(),
    adminUrl: fc.option(fc.constant("https://admin.example/customers/1"), { nil: null }),
    // Mostly unknown, as in the built-in tables; sometimes the store's own lifetime totals (Shopify).
    totals: fc.option(
      fc.record({
        amountSpent: fc.record({
          amount: fc.integer({ min: 0, max: 100_000_000 }),
          currency: fc.constant(CURRENCIES[0] as string),
        }),
        orderCount: fc.integer({ min: 0, max: 500 }),
      }),
      { nil: null, freq: 3 },
    ),
  })

/** Orders around `now`: inside and outside the 60-day window (edges included), some not this customer's. */
export const orders = (
  shopId: ShopId,
  customerId: CustomerId,
  now: Instant,
): fc.Arbitrary<ReadonlyArray<Order>> => {
  const day = 86_400_000
  const age = fc.oneof(
    fc.constantFrom(0, 60 * day, 60 * day + 1, 60 * day - 1, -1),
    fc.integer({ min: -5 * day, max: 400 * day }),
  )
  // Order ids are unique in a shop, as in any order book.
  return fc.uniqueArray(
    fc.record({
      id: orderId,
      shopId: fc.oneof({ weight: 5, arbitrary: fc.constant(shopId) }, anyShopId),
      customerId: fc.oneof({ weight: 5, arbitrary: fc.constant(customerId) }, anyCustomerId),
      reference: fc.integer({ min: 1000, max: 9999 }).map((n) => `#${n}`),
      placedAt: age.map((a) => instant(Math.max(0, now - a))),
      total: fc.record({
        amount: fc.integer({ min: 0, max: 10_000_000 }),
        currency: fc.oneof(
          { weight: 6, arbitrary: fc.constant(CURRENCIES[0] as string) },
          fc.constantFrom(...CURRENCIES),
        ),
      }),
      status: fc.constantFrom("pending", "paid", "fulfilled", "cancelled", "refunded"),
      adminUrl: fc.constant(null),
    }),
    { maxLength: 8, selector: (o) => o.id },
  )
}
