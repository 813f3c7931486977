/**
 * The Shopify adapter against the local fake (fixtures shaped as in Shopify's documentation): reads and the
 * note write, statuses of discount codes, throttling and 429 backoff, revoked tokens, and the profile's
 * budget with the cached copy and its age.
 */
import { Commerce, Discount, type Ids, loadProfile, Time } from "@inbox/core"
import { eq } from "drizzle-orm"
import { Cause, Effect, Exit } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { graphql, throttleWaitMs } from "../../src/commerce/shopify/admin.ts"
import * as Q from "../../src/commerce/shopify/queries.ts"
import { syncStore } from "../../src/commerce/shopify/sync.ts"
import * as t from "../../src/db/schema.ts"
import { fixture } from "../shopify/fake.ts"
import { type ShopifyStore, shopifyStore } from "../shopify/harness.ts"

const DOMAIN = "inbox-test.myshopify.com"
const BOB = { id: "cus_bob" as Ids.CustomerId, email: "Bob@Example.com" }

let s: ShopifyStore
let shopId: Ids.ShopId
const commerce = <A, E>(f: (c: Commerce.Commerce["Service"]) => Effect.Effect<A, E>) =>
  s.run(Commerce.Commerce.use(f))

beforeAll(async () => {
  s = await shopifyStore()
  s.fake.addFixtureShop(DOMAIN)
  shopId = await s.addShop("shopA")
  await s.connect(shopId, DOMAIN)
})
afterAll(() => s.close())

describe("Shopify adapter", () => {
  it("searches live before the first sync, then from the synced catalogue (every page)", async () => {
    const live = await commerce((c) => c.searchProducts(shopId, "elem", 50))
    assert.deepStrictEqual(
      live.map((p) => p.title),
      ["Element Snowboard"],
    )
    assert.deepInclude(
      { ...live[0]! },
      {
        id: "20995642" as Ids.ProductId,
        price: { amount: 12999, currency: "EUR" },
        url: "https://inbox-test.myshopify.com/products/element",
        onlineStore: true,
        status: "active",
      },
    )
    const synced = await s.run(syncStore(shopId))
    assert.deepStrictEqual(synced, { synced: true, products: 3 })
    const all = await commerce((c) => c.searchProducts(shopId, "", 50))
    assert.deepStrictEqual(
      all.map((p) => p.title),
      ["Draft Linen Shirt", "Element Snowboard", "Gift Card"],
    )
    const draft = all.find((p) => p.title === "Draft Linen Shirt")!
    assert.isFalse(draft.onlineStore)
    const before = s.fake.requests.length
    await commerce((c) => c.searchProducts(shopId, "card", 50))
    assert.strictEqual(s.fake.requests.length, before, "served from the cache")
  })

  it("R15 a full sync drops from the picker a product the store no longer has (a products/delete missed)", async () => {
    const domain = "prune-test.myshopify.com"
    const fake = s.fake.addFixtureShop(domain)
    const id = await s.addShop("shopPrune")
    await s.connect(id, domain)
    assert.deepStrictEqual(await s.run(syncStore(id)), { synced: true, products: 3 })
    fake.products = fake.products.filter((p) => p.title !== "Gift Card")
    assert.deepStrictEqual(await s.run(syncStore(id)), { synced: true, products: 2 })
    const titles = (await commerce((c) => c.searchProducts(id, "", 50))).map((p) => p.title)
    assert.deepStrictEqual(titles, ["Draft Linen Shirt", "Element Snowboard"])
  })

  it("R22 variants carry stock; untracked inventory is null", async () => {
    const variants = await commerce((c) => c.variantsOf(shopId, ["20995642", "121709582"]))
    assert.deepStrictEqual(
      variants.map((v): [string, number | null] => [v.id, v.stock]),
      [
        ["30322695", 12],
        ["113711323", 0],
        ["389013007", null],
      ],
    )
    const found = await commerce((c) => c.variant(shopId, "113711323"))
    assert.strictEqual(found?.product.title, "Element Snowboard")
    assert.deepStrictEqual(found?.variant.price, { amount: 13999, currency: "EUR" })
  })

  it("R16 discount codes by code, with Shopify's statuses read as the core's", async () => {
    const now = Time.instant(Date.parse("2026-12-01T12:00:00Z"))
    const status = async (code: string) => {
      const d = await commerce((c) => c.discount(shopId, code))
      return d === null ? null : Discount.status(d, now)
    }
    assert.strictEqual(await status("welcome10"), "active")
    assert.strictEqual(await status("FIVEOFF"), "used_up")
    assert.strictEqual(await status("SUMMERSHIP"), "expired")
    assert.strictEqual(await status("WINTER25"), "scheduled")
    assert.strictEqual(await status("NOPE"), null)
    const welcome = await commerce((c) => c.discount(shopId, "WELCOME10"))
    assert.deepStrictEqual(welcome?.value, { _tag: "percentage", percent: 10 })
    const listed = await commerce((c) => c.searchDiscounts(shopId, "o"))
    assert.deepStrictEqual(
      listed.map((d) => d.code),
      ["FIVEOFF", "WELCOME10"],
    )
  })

  it("R20 R23 a chat visitor is matched by email; the store's totals, recent orders and admin links", async () => {
    const since = Time.instant(Date.parse("2026-10-01T00:00:00Z"))
    const record = await commerce((c) => c.customer(shopId, BOB, since))
    assert.isNotNull(record)
    assert.deepInclude(record!.customer, {
      id: BOB.id,
      name: "Bob Bobsen",
      email: "bob@example.com",
      phone: "+13125551212",
      emailMarketing: true,
      smsMarketing: false,
      note: "Prefers pickup.",
      adminUrl: "https://inbox-test.myshopify.com/admin/customers/544365967",
    })
    assert.deepStrictEqual(record!.customer.totals, {
      amountSpent: { amount: 19965, currency: "EUR" },
      orderCount: 3,
    })
    assert.deepStrictEqual(
      record!.recentOrders.map((o) => [o.reference, o.status, o.adminUrl]),
      [["#1001", "paid", "https://inbox-test.myshopify.com/admin/orders/450789469"]],
    )
    assert.isFalse(record!.freshness.stale)
    const nobody = await commerce((c) =>
      c.customer(shopId, { id: "cus_x" as Ids.CustomerId, email: "nobody@example.com" }, since),
    )
    assert.isNull(nobody)
  })

  it("R21 the note is written to the customer's record in Shopify", async () => {
    assert.isTrue(await commerce((c) => c.setCustomerNote(shopId, BOB, "Called about sizes")))
    assert.strictEqual(s.fake.shops.get(DOMAIN)!.customers[0]!.note, "Called about sizes")
    assert.isFalse(
      await commerce((c) => c.setCustomerNote(shopId, { id: "cus_y" as Ids.CustomerId, email: null }, "x")),
    )
  })

  it("R21 a note Shopify refuses (a userError other than an unknown customer) fails, and nothing is saved", async () => {
    const store = s.fake.shops.get(DOMAIN)!
    store.noteMaxLength = 12
    const before = store.customers[0]!.note
    try {
      const exit = await s.run(
        Effect.exit(
          Commerce.Commerce.use((c) => c.setCustomerNote(shopId, BOB, "A note over twelve letters")),
        ),
      )
      assert.deepInclude(Exit.isFailure(exit) ? { ...(Cause.squash(exit.cause) as object) } : {}, {
        _tag: "CustomerNoteRejected",
        field: "note",
        storeMessage: "Note is too long (maximum is 12 characters)",
      })
      assert.strictEqual(store.customers[0]!.note, before)
    } finally {
      store.noteMaxLength = 5000
    }
  })

  it("waits out THROTTLED answers as long as extensions.cost.throttleStatus says, and 429s for their Retry-After", async () => {
    // The documentation's throttled answer: 42 points asked, 2 left, 100 restored a second.
    assert.strictEqual(
      throttleWaitMs(fixture<{ extensions: unknown }>("graphql/throttled.json").extensions),
      400,
    )
    const session = { shopDomain: DOMAIN, accessToken: s.fake.issueToken(DOMAIN) }
    const patient = { ...s.settings.admin, maxBackoffMs: 2_000, maxAttempts: 3 }
    const code = (admin: typeof patient, c: string) =>
      Effect.runPromiseExit(graphql(admin, session, Q.DISCOUNT_BY_CODE, { code: c }, Q.DiscountByCodeData))
    const asked = async (f: () => Promise<unknown>) => {
      const before = s.fake.requests.length
      await f()
      return s.fake.requests.slice(before).map((r) => r.operation)
    }
    // An empty bucket: one throttled answer, then one wait long enough for the points, then the answer.
    let exit: Exit.Exit<unknown, unknown> = Exit.void
    const afterThrottle = await asked(async () => {
      s.fake.drain(DOMAIN)
      exit = await code(patient, "WELCOME10")
    })
    assert.isTrue(Exit.isSuccess(exit))
    assert.deepStrictEqual(afterThrottle, ["InboxDiscountByCode", "InboxDiscountByCode"])
    // A 429 holds for its Retry-After: one wait of that length, then the answer.
    const after429 = await asked(async () => {
      s.fake.script("http429")
      exit = await code(patient, "FIVEOFF")
    })
    assert.isTrue(Exit.isSuccess(exit))
    assert.deepStrictEqual(after429, ["InboxDiscountByCode", "InboxDiscountByCode"])
    // Retrying sooner than Retry-After (a 60 ms cap) only meets more 429s: the wait is what answers.
    s.fake.script("http429")
    const hasty = await code({ ...s.settings.admin, maxBackoffMs: 60, maxAttempts: 3 }, "FIVEOFF")
    assert.isTrue(Exit.isFailure(hasty))
    assert.include(JSON.stringify(hasty), "throttled")
    await new Promise((ok) => setTimeout(ok, 1_100))
    // A 500 is tried again.
    s.fake.script("http500")
    const again = await commerce((c) => c.discount(shopId, "FIVEOFF"))
    assert.strictEqual(again?.code, "FIVEOFF")
  })

  it("a store that keeps failing is a CommerceUnavailable with a reason; the cached copy stands in where there is one", async () => {
    s.fake.script("internal", "internal", "internal", "internal")
    const cached = await commerce((c) => c.discount(shopId, "WELCOME10"))
    assert.strictEqual(cached?.code, "WELCOME10", "the last answer, cached")
    s.fake.script("internal", "internal", "internal", "internal")
    const exit = await s.runExit(Commerce.Commerce.use((c) => c.discount(shopId, "NEVERSEEN")))
    assert.isTrue(Exit.isFailure(exit))
    assert.include(JSON.stringify(exit), "unreachable")
  })

  it("R20 the profile waits at most its budget: a slow store shows the cached copy with its age, then the live one", async () => {
    const slow = await shopifyStore({ readBudgetMs: 150 })
    try {
      slow.fake.addFixtureShop(DOMAIN)
      const id = await slow.addShop("shopB")
      await slow.connect(id, DOMAIN)
      const since = Time.instant(0)
      const first = await slow.run(Commerce.Commerce.use((c) => c.customer(id, BOB, since)))
      assert.isFalse(first!.freshness.stale)
      slow.fake.script({ delayMs: 1_000 })
      const started = Date.now()
      const inbox = { ...first!.customer, name: "Visitor", note: "" }
      const profile = await slow.run(
        loadProfile({
          shopId: id,
          inboxCustomer: inbox,
          currency: "EUR",
          conversation: null,
          now: Time.instant(Date.now()),
          locale: "en",
        }),
      )
      assert.isBelow(Date.now() - started, 900, "answered within the budget, not after the store")
      assert.strictEqual(profile.name, "Bob Bobsen")
      assert.strictEqual(profile.syncedAt, first!.freshness.asOf)
      assert.isNull(profile.storeUnavailable)
      // Nothing cached and the store away: the panel keeps the inbox's record and says why.
      slow.fake.script({ delayMs: 1_000 })
      const stranger = { ...inbox, id: "cus_new" as Ids.CustomerId, email: "bob@example.com" }
      const bare = await slow.run(
        loadProfile({
          shopId: id,
          inboxCustomer: stranger,
          currency: "EUR",
          conversation: null,
          now: Time.instant(Date.now()),
          locale: "en",
        }),
      )
      assert.strictEqual(bare.storeUnavailable, "unreachable")
      assert.strictEqual(bare.name, "Visitor")
      // The slow read went on in the background and refreshed the cache: the next look is newer.
      await new Promise((ok) => setTimeout(ok, 1_200))
      const cached = await slow.db.select().from(t.storeCache).where(eq(t.storeCache.kind, "customer"))
      assert.isAbove(cached[0]!.fetchedAt, first!.freshness.asOf)
    } finally {
      await slow.close()
    }
  })

  it("a revoked token (401) is unauthorized, and the shop falls back to nothing from Shopify", async () => {
    s.fake.revokeTokens(DOMAIN)
    const exit = await s.runExit(Commerce.Commerce.use((c) => c.discount(shopId, "ANYCODE")))
    assert.include(JSON.stringify(exit), "unauthorized")
  })
})
