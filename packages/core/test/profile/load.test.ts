/** The profile use case over the commerce port: whatever the store returns, the R20–R24 rules decide. */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import fc from "fast-check"
import { Commerce, type CustomerRecord } from "../../src/commerce/Commerce.ts"
import { CommerceUnavailable } from "../../src/commerce/errors.ts"
import { customerProfile } from "../../src/profile/CustomerProfile.ts"
import { loadProfile } from "../../src/profile/load.ts"
import { instant } from "../../src/time.ts"
import { CURRENCIES } from "../arbitraries/money.ts"
import { customer, orders } from "../arbitraries/profile.ts"
import { reached } from "../conversation/reached.ts"

const DAY = 86_400_000

/** A store holding one record (or none), answering everything else with nothing. */
const storeWith = (
  record: CustomerRecord | null,
  asked: Array<number>,
  overrides: Partial<Commerce["Service"]> = {},
) =>
  Layer.succeed(Commerce, {
    searchProducts: () => Effect.succeed([]),
    productsByIds: () => Effect.succeed([]),
    variantsOf: () => Effect.succeed([]),
    variant: () => Effect.succeed(null),
    searchDiscounts: () => Effect.succeed([]),
    discount: () => Effect.succeed(null),
    customer: (_shop, ref, since) => {
      asked.push(since)
      return Effect.succeed(record !== null && ref.id === record.customer.id ? record : null)
    },
    orders: () => Effect.succeed({ orders: [], next: null }),
    setCustomerNote: () => Effect.fail(new CommerceUnavailable({ reason: "unreachable" })),
    ...overrides,
  })

const caseOf = reached().chain((r) =>
  fc.record({
    r: fc.constant(r),
    inbox: customer(r.state.shopId, r.state.customerId),
    store: fc.option(customer(r.state.shopId, r.state.customerId), { nil: null }),
    os: orders(r.state.shopId, r.state.customerId, r.now),
    stale: fc.boolean(),
  }),
)

describe("profile over the commerce port", () => {
  it("R20 R21 R23 the store's record wins (time zone falls back to the chat's), orders are asked from 60 days back, a cached read shows its age", async () => {
    await fc.assert(
      fc.asyncProperty(caseOf, async ({ r, inbox, store, os, stale }) => {
        const asked: Array<number> = []
        const asOf = instant(Math.max(0, r.now - 5_000))
        const record =
          store === null ? null : { customer: store, recentOrders: os, freshness: { asOf, stale } }
        const profile = await Effect.runPromise(
          loadProfile({
            shopId: r.state.shopId,
            inboxCustomer: inbox,
            currency: CURRENCIES[0],
            conversation: r.state,
            now: r.now,
            locale: "en",
          }).pipe(Effect.provide(storeWith(record, asked))),
        )
        assert.deepStrictEqual(asked, [Math.max(0, r.now - 60 * DAY)])
        const expected = customerProfile({
          customer: store === null ? inbox : { ...store, timeZone: store.timeZone ?? inbox.timeZone },
          currency: CURRENCIES[0],
          orders: store === null ? [] : os,
          conversation: r.state,
          variants: [],
          now: r.now,
          locale: "en",
          syncedAt: store !== null && stale ? asOf : null,
        })
        assert.deepStrictEqual(profile, expected)
        assert.strictEqual(profile.note, (store ?? inbox).note)
        if (store === null) assert.isNull(profile.lastOrder)
      }),
    )
  })

  it("R20 a store that cannot answer leaves the inbox's own record, no orders, and the reason", async () => {
    const [r] = fc.sample(reached(), 1)
    const [inbox] = fc.sample(customer(r!.state.shopId, r!.state.customerId), 1)
    const failing = storeWith(null, [], {
      customer: () => Effect.fail(new CommerceUnavailable({ reason: "throttled" })),
    })
    const profile = await Effect.runPromise(
      loadProfile({
        shopId: r!.state.shopId,
        inboxCustomer: inbox!,
        currency: CURRENCIES[0],
        conversation: null,
        now: r!.now,
        locale: "fr",
      }).pipe(Effect.provide(failing)),
    )
    assert.strictEqual(profile.storeUnavailable, "throttled")
    assert.strictEqual(profile.name, inbox!.name)
    assert.strictEqual(profile.note, inbox!.note)
    assert.isNull(profile.lastOrder)
    assert.isNull(profile.syncedAt)
  })
})
