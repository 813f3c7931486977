/**
 * One contract for every adapter of the commerce port: the same store (generated in the inbox's own terms)
 * is loaded into the built-in tables (through the admin import) and into the local fake Shopify (as nodes
 * shaped like the documentation's), and both must answer every question the same way. @see R15, R16, R20–R23
 */
import { Commerce, type CustomerProfile, Discount, type Ids, Product, Time } from "@inbox/core"
import type { Effect } from "effect"
import fc from "fast-check"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { importRows } from "../../src/commerce/import.ts"
import { syncStore } from "../../src/commerce/shopify/sync.ts"
import { Customers } from "../../src/repo/Customers.ts"
import { dataset, importRowsOf, type StoreDataset, shopifyNodesOf, withSalt } from "../shopify/dataset.ts"
import { type ShopifyStore, shopifyStore } from "../shopify/harness.ts"

const DAY = 86_400_000

interface Adapter {
  readonly name: string
  /** Loads the store into a fresh shop of this adapter and returns the shop. */
  readonly load: (d: StoreDataset, n: number) => Promise<Ids.ShopId>
}

let s: ShopifyStore
beforeAll(async () => {
  s = await shopifyStore()
})
afterAll(() => s.close())

const builtin: Adapter = {
  name: "built-in tables",
  load: async (d, n) => {
    const shopId = await s.addShop(`builtin${n}`)
    const rows = importRowsOf(`builtin${n}.example`, d)
    await s.run(importRows(shopId, { kind: "products", rows: rows.products }))
    await s.run(importRows(shopId, { kind: "customers", rows: rows.customers }))
    await s.run(importRows(shopId, { kind: "orders", rows: rows.orders }))
    await s.run(importRows(shopId, { kind: "discounts", rows: rows.discounts }))
    return shopId
  },
}

const shopify: Adapter = {
  name: "Shopify (local fake)",
  load: async (d, n) => {
    const shopId = await s.addShop(`shopify${n}`)
    const domain = `contract-${n}.myshopify.com`
    s.fake.addShop(domain, shopifyNodesOf(d))
    await s.connect(shopId, domain)
    const synced = await s.run(syncStore(shopId))
    assert.isTrue(synced.synced)
    return shopId
  },
}

/** Each run gets its own shops; the domain used in URLs is the adapter's own. */
let runs = 0
const domainOf = (adapter: Adapter, n: number) =>
  adapter === builtin ? `builtin${n}.example` : `contract-${n}.myshopify.com`

const port = <A, E>(f: (c: Commerce.Commerce["Service"]) => Effect.Effect<A, E>) =>
  s.run(Commerce.Commerce.use(f))

/** A chat visitor of the shop who gave this email (the inbox's own customer record). */
const visitor = (shopId: Ids.ShopId, email: string, n: number) =>
  s.run(
    Customers.use((c) =>
      c.ensure({
        id: `visitor_${n}_${email.replace(/[^A-Za-z0-9]/g, "")}`.slice(0, 64),
        shopId,
        name: "Visitor",
        email,
        clientId: `client-${n}-${email}`,
        createdAt: 0,
      }),
    ),
  )

const sortById = <T extends { readonly id: string }>(xs: ReadonlyArray<T>) =>
  [...xs].sort((a, b) => (a.id < b.id ? -1 : 1))

const contract = (adapter: Adapter) =>
  describe(adapter.name, () => {
    it("R15 R22 R16 R20 R21 R23 answers every question of the port as the store holds it", async () => {
      await fc.assert(
        fc.asyncProperty(
          dataset("x").chain((d) =>
            fc.tuple(fc.constant(d), fc.constantFrom(...["linen", "robe ete", "", "snow", "zzz"])),
          ),
          async ([raw, term]) => {
            const n = runs++
            const domain = domainOf(adapter, n)
            const salted = withSalt(raw, n)
            // The store's own URLs name its own domain.
            const d: StoreDataset = {
              ...salted,
              products: salted.products.map((p) => ({
                ...p,
                product: { ...p.product, url: `https://${domain}/products/p${p.product.id}` },
              })),
            }
            const shopId = await adapter.load(d, n)
            const now = Time.instant(d.now)
            const products = d.products.map((p) => p.product).toSorted((a, b) => (a.title < b.title ? -1 : 1))

            // Catalogue: search, by ids (asked order, unknown left out), variants with stock, one variant.
            const found = await port((c) => c.searchProducts(shopId, term, 100))
            assert.deepStrictEqual(found, Product.search(products, term))
            const ids = [...d.products.map((p) => p.product.id)].reverse()
            const byIds = await port((c) => c.productsByIds(shopId, [...ids, "404404"]))
            assert.deepStrictEqual(
              byIds,
              ids.map((id) => d.products.find((p) => p.product.id === id)!.product),
            )
            const variants = await port((c) => c.variantsOf(shopId, ids))
            assert.deepStrictEqual(sortById(variants), sortById(d.products.flatMap((p) => p.variants)))
            const one = d.products[0]!
            assert.deepStrictEqual(await port((c) => c.variant(shopId, one.variants[0]!.id)), {
              product: one.product,
              variant: one.variants[0]!,
            })
            assert.isNull(await port((c) => c.variant(shopId, "77777777")))

            // Discount codes: by code (case-insensitive), whatever their status, and by fragment.
            for (const x of d.discounts) {
              const got = await port((c) => c.discount(shopId, x.code.toLowerCase()))
              assert.deepStrictEqual(got, x)
              assert.strictEqual(Discount.status(got!, now), Discount.status(x, now))
            }
            assert.isNull(await port((c) => c.discount(shopId, "NOSUCHCODE")))
            const fragment = d.discounts[0]?.code.slice(1, 3) ?? "A"
            const listed = await port((c) => c.searchDiscounts(shopId, fragment.toLowerCase()))
            assert.deepStrictEqual(
              listed.map((x) => x.code),
              d.discounts
                .filter((x) => x.code.includes(fragment))
                .map((x) => x.code)
                .sort(),
            )

            // Customers: a chat visitor is matched by email; totals, recent orders, all orders, the note.
            const since = Time.instant(d.now - 60 * DAY)
            for (const c of d.customers) {
              const v = await visitor(shopId, c.email.toUpperCase(), n)
              const ref = { id: v.id, email: v.email }
              const record = await port((p) => p.customer(shopId, ref, since))
              assert.isNotNull(record, c.email)
              const placed = c.orders.filter((o) => o.placedAt <= d.now)
              assert.deepStrictEqual(
                { ...record!.customer, totals: record!.customer.totals },
                {
                  id: v.id,
                  shopId,
                  name: c.name,
                  email: c.email,
                  phone: c.phone,
                  location: c.location,
                  timeZone: null,
                  createdAt: c.createdAt as Time.Instant,
                  emailMarketing: c.emailMarketing,
                  smsMarketing: c.smsMarketing,
                  note: c.note,
                  adminUrl: `https://${domain}/admin/customers/${c.n}`,
                  totals: {
                    amountSpent: {
                      amount: placed.filter((o) => o.status !== "cancelled").reduce((k, o) => k + o.total, 0),
                      currency: "EUR",
                    },
                    orderCount: placed.length,
                  },
                },
              )
              const newestFirst = c.orders.toSorted(
                (a, b) => b.placedAt - a.placedAt || (a.id < b.id ? -1 : 1),
              )
              const expectOrder = (o: (typeof c.orders)[number]): CustomerProfile.Order => ({
                id: o.id as Ids.OrderId,
                shopId,
                customerId: v.id,
                reference: o.reference,
                placedAt: o.placedAt as Time.Instant,
                total: { amount: o.total, currency: "EUR" },
                status: o.status,
                adminUrl: `https://${domain}/admin/orders/${o.id}`,
              })
              assert.deepStrictEqual(
                record!.recentOrders,
                newestFirst.filter((o) => o.placedAt >= since).map(expectOrder),
              )
              const all: Array<unknown> = []
              let cursor: string | null = null
              for (let guard = 0; guard < 20; guard++) {
                const page: Commerce.OrderPage = await port((p) =>
                  p.orders(shopId, ref, { cursor, limit: 2 }),
                )
                all.push(...page.orders)
                cursor = page.next
                if (cursor === null) break
              }
              assert.deepStrictEqual(all, newestFirst.map(expectOrder))
              assert.isTrue(await port((p) => p.setCustomerNote(shopId, ref, `Note for ${c.n}`)))
              const again = await port((p) => p.customer(shopId, ref, since))
              assert.strictEqual(again!.customer.note, `Note for ${c.n}`)
            }
            const stranger = await visitor(shopId, "nobody@example.org", n)
            const strangerRef = { id: stranger.id, email: stranger.email }
            assert.isNull(await port((p) => p.customer(shopId, strangerRef, since)))
            assert.isFalse(await port((p) => p.setCustomerNote(shopId, strangerRef, "x")))
            assert.deepStrictEqual(
              await port((p) => p.orders(shopId, strangerRef, { cursor: null, limit: 5 })),
              {
                orders: [],
                next: null,
              },
            )
          },
        ),
        // Each run loads a whole store into a database (and Shopify through HTTP): a third of the file's default
        // number of runs, which FC_NUM_RUNS still scales for deep runs.
        { numRuns: Math.max(3, Math.ceil((fc.readConfigureGlobal().numRuns ?? 15) / 3)) },
      )
    })

    it("R0.1 a shop never sees another shop's store", async () => {
      const na = runs++
      const nb = runs++
      const [a, b] = fc.sample(dataset("x"), 2).map((d, i) => withSalt(d, i === 0 ? na : nb))
      const shopA = await adapter.load(a!, na)
      const shopB = await adapter.load(b!, nb)
      const inA = await port((c) => c.searchProducts(shopA, "", 100))
      const idsOfB = new Set(b!.products.map((p) => p.product.id))
      assert.isTrue(inA.every((p) => !idsOfB.has(p.id)) || a!.products.some((p) => idsOfB.has(p.product.id)))
      assert.deepStrictEqual(
        sortById(inA).map((p) => p.id),
        sortById(a!.products.map((p) => p.product)).map((p) => p.id),
      )
      const cOfB = b!.customers[0]!
      const v = await visitor(shopA, cOfB.email, na)
      const seen = await port((c) => c.customer(shopA, { id: v.id, email: v.email }, Time.instant(0)))
      const sameEmailInA = a!.customers.some((c) => c.email === cOfB.email)
      if (!sameEmailInA) assert.isNull(seen)
      else assert.strictEqual(seen!.customer.shopId, shopA)
      assert.ok(shopB)
    })
  })

contract(builtin)
contract(shopify)
