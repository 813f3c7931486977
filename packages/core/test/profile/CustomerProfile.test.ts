/** Properties of the customer profile projection beside a conversation. */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import type { Variant } from "../../src/catalog/Product.ts"
import { CART_PREVIEW_LINES, CustomerProfile, customerProfile } from "../../src/profile/CustomerProfile.ts"
import { localTime } from "../../src/profile/LocalTime.ts"
import { instant } from "../../src/time.ts"
import { customerId as anyCustomerId } from "../arbitraries/ids.ts"
import { CURRENCIES } from "../arbitraries/money.ts"
import { customer, orders, timeZone } from "../arbitraries/profile.ts"
import { reached } from "../conversation/reached.ts"

const DAY = 86_400_000

/** A reachable conversation, its customer (or, sometimes, someone else), their orders and stock. */
const profileCase = reached().chain((r) =>
  fc.tuple(
    fc.constant(r),
    fc
      .oneof({ weight: 6, arbitrary: fc.constant(r.state.customerId) }, anyCustomerId)
      .chain((id) => customer(r.state.shopId, id)),
    orders(r.state.shopId, r.state.customerId, r.now),
    fc.constantFrom("en" as const, "fr" as const),
    fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 10 }),
  ),
)

type ProfileCase = typeof profileCase extends fc.Arbitrary<infer T> ? T : never

const project = ([r, cust, os, locale, stocks]: ProfileCase) => {
  // Stock is known for the first lines only, so unknown variants are exercised too.
  const variants: Array<Variant> = r.state.cart.lines.flatMap((l, i) => {
    const stock = stocks[i]
    return stock === undefined
      ? []
      : [{ id: l.variantId, productId: l.productId, title: l.variantTitle, price: l.unitPrice, stock }]
  })
  return {
    variants,
    profile: customerProfile({
      customer: cust,
      currency: CURRENCIES[0],
      orders: os,
      conversation: r.state,
      variants,
      now: r.now,
      locale,
    }),
  }
}

describe("customer profile", () => {
  it("R20 status, customer since, lifetime spend (the store's total, else exact over orders, cancelled excluded), contact and subscriptions", () => {
    fc.assert(
      fc.property(profileCase, (tc) => {
        const [r, cust, os] = tc
        const { profile } = project(tc)
        assert.isTrue(Schema.is(CustomerProfile)(profile))
        const mine = os.filter(
          (o) => o.shopId === cust.shopId && o.customerId === cust.id && o.placedAt <= r.now,
        )
        // The store's lifetime totals, when it has them, cover orders older than the ones loaded.
        const count = cust.totals?.orderCount ?? mine.length
        assert.strictEqual(profile.status, count > 0 ? "returning" : "new")
        assert.strictEqual(profile.orderCount, count)
        assert.strictEqual(profile.customerSince, cust.createdAt)
        const spend =
          cust.totals === null
            ? mine
                .filter((o) => o.status !== "cancelled" && o.total.currency === CURRENCIES[0])
                .reduce((s, o) => s + BigInt(o.total.amount), 0n)
            : BigInt(cust.totals.amountSpent.amount)
        assert.strictEqual(BigInt(profile.lifetimeSpend.amount), spend)
        assert.strictEqual(profile.lifetimeSpend.currency, CURRENCIES[0])
        assert.deepInclude(profile, {
          email: cust.email,
          phone: cust.phone,
          location: cust.location,
          adminUrl: cust.adminUrl,
        })
        assert.deepStrictEqual(profile.subscriptions, { email: cust.emailMarketing, sms: cust.smsMarketing })
      }),
    )
  })

  it("R20 the local time is the customer's wall clock in their IANA zone at the given instant", () => {
    fc.assert(
      fc.property(
        timeZone,
        // From 2000 on: some zones had second-level local-mean-time offsets before the 1970s.
        fc.integer({ min: 946_684_800_000, max: 4_000_000_000_000 }),
        fc.constantFrom("en" as const, "fr" as const),
        (zone, t, locale) => {
          const lt = localTime(instant(t), zone, locale)
          const valid = (() => {
            try {
              new Intl.DateTimeFormat("en", { timeZone: zone })
              return true
            } catch {
              return false
            }
          })()
          assert.strictEqual(lt !== null, valid)
          if (lt === null) return
          // Offsets in use lie within UTC−12…UTC+14; wall time = UTC + offset.
          assert.isAtLeast(lt.utcOffsetMinutes, -12 * 60)
          assert.isAtMost(lt.utcOffsetMinutes, 14 * 60)
          const wall = new Date(t + lt.utcOffsetMinutes * 60_000)
          assert.strictEqual(lt.hour, wall.getUTCHours())
          assert.strictEqual(lt.minute, wall.getUTCMinutes())
          assert.isAbove(lt.text.length, 0)
          if (zone === "UTC") assert.strictEqual(lt.utcOffsetMinutes, 0)
        },
      ),
    )
  })

  it("R21 the note is the customer's, shown in every conversation with them and in no shopper-visible view", () => {
    fc.assert(
      fc.property(profileCase, (tc) => {
        const [, cust] = tc
        const { profile } = project(tc)
        assert.strictEqual(profile.note, cust.note)
      }),
    )
  })

  it("R22 the cart block lists name, quantity, variant, price and stock, three lines before 'show all', and the last cart activity", () => {
    fc.assert(
      fc.property(profileCase, (tc) => {
        const [r, cust] = tc
        const { profile, variants } = project(tc)
        const own = cust.id === r.state.customerId
        const lines = r.state.cart.lines
        if (!own || lines.length === 0) {
          assert.isNull(profile.cart)
          return
        }
        const cart = profile.cart!
        assert.lengthOf(cart.lines, lines.length)
        assert.deepStrictEqual(cart.preview, cart.lines.slice(0, CART_PREVIEW_LINES))
        assert.strictEqual(cart.showAll, lines.length > CART_PREVIEW_LINES)
        assert.strictEqual(cart.lastActivityAt, r.state.lastCartActivityAt)
        for (const [i, l] of cart.lines.entries()) {
          const src = lines[i]!
          assert.deepInclude(l, {
            title: src.title,
            variantTitle: src.variantTitle,
            quantity: src.quantity,
            unitPrice: src.unitPrice,
          })
          assert.strictEqual(l.stock, variants.find((v) => v.id === src.variantId)?.stock ?? null)
        }
      }),
    )
  })

  it("R23 the last order is the most recent of this customer placed in the past 60 days; 'show all' with several orders", () => {
    fc.assert(
      fc.property(profileCase, (tc) => {
        const [r, cust, os] = tc
        const { profile } = project(tc)
        const mine = os.filter(
          (o) => o.shopId === cust.shopId && o.customerId === cust.id && o.placedAt <= r.now,
        )
        const recent = mine.filter((o) => r.now - o.placedAt <= 60 * DAY)
        if (recent.length === 0) assert.isNull(profile.lastOrder)
        else {
          const newest = Math.max(...recent.map((o) => o.placedAt))
          assert.strictEqual(profile.lastOrder?.placedAt, newest)
          const chosen = recent.find((o) => o.id === profile.lastOrder?.id && o.placedAt === newest)
          assert.isDefined(chosen)
          assert.deepInclude(profile.lastOrder!, {
            reference: chosen!.reference,
            total: chosen!.total,
            status: chosen!.status,
          })
        }
        assert.strictEqual(profile.showAllOrders, (cust.totals?.orderCount ?? mine.length) > 1)
        // The choice does not depend on the order the records arrive in.
        const [rr, c2, , locale, stocks] = tc
        const reversed = project([rr, c2, [...os].reverse(), locale, stocks])
        assert.deepStrictEqual(reversed.profile.lastOrder, profile.lastOrder)
      }),
    )
  })

  it("R24 R14 conversation details show the latest topic, status, platform and start time", () => {
    fc.assert(
      fc.property(profileCase, (tc) => {
        const [r, cust] = tc
        const { profile } = project(tc)
        if (cust.id !== r.state.customerId) assert.isNull(profile.conversation)
        else
          assert.deepStrictEqual(profile.conversation, {
            latestTopic: r.state.latestTopic,
            status: r.state.status,
            platform: r.state.platform,
            startedAt: r.state.startedAt,
          })
      }),
    )
  })
})
