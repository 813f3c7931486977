/**
 * The commerce port over one connected Shopify store. The catalogue is served from the cache once the first
 * sync has filled it (webhooks keep it current); customers are read live within the profile's budget, and
 * the cached copy (with its age) stands in when Shopify is slow or away; discount codes, orders on demand
 * and the note write go to Shopify each time. @see R15, R16, R20–R23
 * Longer than most modules because it answers every question of the port.
 */
import { type Commerce, CommerceErrors, Discount, type Ids, Product, Time } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import { Effect, Exit, Fiber, Option, Schema } from "effect"
import type { Db } from "../../db/Database.ts"
import * as t from "../../db/schema.ts"
import { tryStore } from "../../repo/Conversations.ts"
import { type AdminSession, graphql } from "./admin.ts"
import * as Cache from "./cache.ts"
import {
  fromCustomerNode,
  fromDiscountNode,
  fromOrderNode,
  fromProductNode,
  fromVariantNode,
  StoreCustomer,
  StoreOrder,
  StoreProduct,
  toCustomer,
  toOrder,
} from "./mapping.ts"
import * as Q from "./queries.ts"
import type { ShopifySettingsShape } from "./settings.ts"

export interface ShopifyStore {
  readonly db: Db
  readonly settings: ShopifySettingsShape
  readonly shopId: Ids.ShopId
  readonly session: AdminSession
  /** When the catalogue was last copied whole; null: not yet, so searches ask Shopify. */
  readonly catalogueSyncedAt: number | null
}

export const gid = (type: "Product" | "ProductVariant" | "Customer", id: string): string =>
  `gid://shopify/${type}/${id}`

/** A shopper's email lookup that found nobody is remembered this long before Shopify is asked again. */
const UNKNOWN_EMAIL_MS = 10 * 60_000

const CachedDiscount = Schema.Struct({ discount: Schema.NullOr(Discount.Discount) })
const EmailLink = Schema.Struct({ storeId: Schema.NullOr(Schema.String) })
const Orders = Schema.Array(StoreOrder)
const unreachable = () => new CommerceErrors.CommerceUnavailable({ reason: "unreachable" })
const storeFailure = <A, E>(e: Effect.Effect<A, E>) => e.pipe(Effect.mapError(unreachable))

/** Words safe inside Shopify's search syntax (no quotes, colons or operators). */
const searchWords = (term: string): Array<string> =>
  term
    .normalize("NFC")
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ""))
    .filter((w) => w !== "")

const byTitle = (a: Product.Product, b: Product.Product): number =>
  a.title < b.title ? -1 : a.title > b.title ? 1 : 0

export const shopifyCommerce = (store: ShopifyStore): Commerce.Commerce["Service"] => {
  const { db, settings, shopId, session } = store
  const shopDomain = session.shopDomain
  const q = <S extends Schema.Top & Schema.Decoder<unknown>>(
    operation: string,
    variables: Record<string, unknown>,
    schema: S,
  ) => graphql(settings.admin, session, operation, variables, schema)
  const now = Effect.clockWith((c) => c.currentTimeMillis)

  const cacheProducts = (products: ReadonlyArray<StoreProduct>) =>
    Effect.gen(function* () {
      const at = yield* now
      for (const p of products) yield* storeFailure(Cache.put(db, shopId, "product", p.product.id, p, at))
    })

  const cachedProducts = storeFailure(Cache.all(db, shopId, "product", StoreProduct))

  /** The live read, or (when Shopify fails) the cached value; the error only when nothing is cached. */
  const orCached = <A>(
    live: Effect.Effect<A, CommerceErrors.CommerceUnavailable>,
    cached: Effect.Effect<A | null, CommerceErrors.CommerceUnavailable>,
  ) =>
    live.pipe(
      Effect.catchTag("CommerceUnavailable", (e) =>
        cached.pipe(Effect.flatMap((c) => (c === null ? Effect.fail(e) : Effect.succeed(c)))),
      ),
    )

  const productsByIds = Effect.fn("ShopifyCommerce.productsByIds")(function* (ids: ReadonlyArray<string>) {
    if (ids.length === 0) return []
    const at = yield* now
    const cached = new Map((yield* cachedProducts).map((c) => [c.key, c]))
    const missing = ids.filter((id) => {
      const c = cached.get(id)
      return c === undefined || at - c.fetchedAt > settings.productTtlMs
    })
    const found = new Map([...cached].map(([k, c]) => [k, c.value]))
    if (missing.length > 0) {
      const live = q(
        Q.PRODUCTS_BY_IDS,
        { ids: missing.map((id) => gid("Product", id)) },
        Q.ProductsByIdsData,
      ).pipe(
        Effect.map((d) =>
          d.nodes.flatMap((n) =>
            n !== null && "legacyResourceId" in n ? [fromProductNode(shopDomain, n as Q.ProductNode)] : [],
          ),
        ),
      )
      const fetched = yield* live.pipe(
        // A product Shopify cannot give us now keeps its cached copy, however old.
        Effect.catchTag("CommerceUnavailable", (e) =>
          missing.every((id) => cached.has(id)) ? Effect.succeed(null) : Effect.fail(e),
        ),
      )
      if (fetched !== null) {
        yield* cacheProducts(fetched)
        for (const id of missing) found.delete(id)
        for (const p of fetched) found.set(p.product.id, p)
      }
    }
    return ids.flatMap((id) => found.get(id) ?? [])
  })

  /**
   * The store's customer id for an inbox customer: linked before, else the one the storefront signed, else
   * found by email (and linked).
   */
  const linkedId = (ref: Commerce.CustomerRef) =>
    storeFailure(
      tryStore(() =>
        db
          .select({ storeCustomerId: t.customerLinks.storeCustomerId })
          .from(t.customerLinks)
          .where(
            and(
              eq(t.customerLinks.shopId, shopId),
              eq(t.customerLinks.source, "shopify"),
              eq(t.customerLinks.customerId, ref.id),
            ),
          ),
      ),
    ).pipe(Effect.map((rows) => rows[0]?.storeCustomerId ?? null))

  /**
   * The Shopify customer id the storefront signed for this inbox customer (the app embed signs
   * `customer.id`), or null: a verified signature is a proof, unlike an email that merely matches.
   */
  const signedId = (ref: Commerce.CustomerRef) =>
    storeFailure(
      tryStore(() =>
        db
          .select({ externalId: t.customerIdentities.externalId })
          .from(t.customerIdentities)
          .where(and(eq(t.customerIdentities.shopId, shopId), eq(t.customerIdentities.customerId, ref.id))),
      ),
    ).pipe(
      Effect.map((rows) => rows.map((r) => r.externalId).find((id) => /^[1-9]\d{0,19}$/.test(id)) ?? null),
    )

  const link = (ref: Commerce.CustomerRef, storeId: string, at: number) =>
    storeFailure(
      tryStore(() =>
        db
          .insert(t.customerLinks)
          .values({ shopId, source: "shopify", customerId: ref.id, storeCustomerId: storeId, linkedAt: at })
          .onConflictDoNothing(),
      ),
    )

  const resolve = Effect.fn("ShopifyCommerce.resolve")(function* (ref: Commerce.CustomerRef) {
    const linked = yield* linkedId(ref)
    if (linked !== null) return linked
    const at = yield* now
    const signed = yield* signedId(ref)
    if (signed !== null) {
      yield* link(ref, signed, at)
      return signed
    }
    const email = ref.email?.trim().toLowerCase() ?? ""
    if (email === "") return null
    const known = yield* storeFailure(Cache.get(db, shopId, "email", email, EmailLink))
    if (known !== null && known.value.storeId === null && at - known.fetchedAt < UNKNOWN_EMAIL_MS) return null
    const found = yield* q(
      Q.CUSTOMER_BY_EMAIL,
      { query: `email:${JSON.stringify(email)}` },
      Q.CustomerByEmailData,
    )
    const storeId = found.customers.nodes[0]?.legacyResourceId ?? null
    yield* storeFailure(Cache.put(db, shopId, "email", email, { storeId }, at))
    if (storeId !== null) yield* link(ref, storeId, at)
    return storeId
  })

  const liveCustomer = (ref: Commerce.CustomerRef, ordersSince: Time.Instant) =>
    Effect.gen(function* () {
      const storeId = yield* resolve(ref)
      if (storeId === null) return null
      const data = yield* q(
        Q.CUSTOMER,
        { id: gid("Customer", storeId), orders: `created_at:>='${new Date(ordersSince).toISOString()}'` },
        Q.CustomerData,
      )
      if (data.customer === null) return null
      const customer = fromCustomerNode(shopDomain, data.customer)
      const orders = data.customer.orders.nodes.map((o) => fromOrderNode(shopDomain, o))
      const at = yield* now
      yield* storeFailure(Cache.put(db, shopId, "customer", storeId, customer, at))
      yield* storeFailure(Cache.put(db, shopId, "orders", storeId, orders, at))
      const record: Commerce.CustomerRecord = {
        customer: toCustomer(shopId, ref, customer),
        recentOrders: orders.filter((o) => o.placedAt >= ordersSince).map((o) => toOrder(shopId, ref, o)),
        freshness: { asOf: Time.instant(at), stale: false },
      }
      return record
    })

  const cachedCustomer = (ref: Commerce.CustomerRef, ordersSince: Time.Instant) =>
    Effect.gen(function* () {
      const storeId = yield* linkedId(ref)
      if (storeId === null) return null
      const customer = yield* storeFailure(Cache.get(db, shopId, "customer", storeId, StoreCustomer))
      if (customer === null) return null
      const orders = yield* storeFailure(Cache.get(db, shopId, "orders", storeId, Orders))
      const record: Commerce.CustomerRecord = {
        customer: toCustomer(shopId, ref, customer.value),
        recentOrders: (orders?.value ?? [])
          .filter((o) => o.placedAt >= ordersSince)
          .map((o) => toOrder(shopId, ref, o)),
        freshness: { asOf: Time.instant(customer.fetchedAt), stale: true },
      }
      return record
    })

  return {
    searchProducts: Effect.fn("ShopifyCommerce.searchProducts")(function* (_shopId, term, limit) {
      if (store.catalogueSyncedAt !== null) {
        const all = (yield* cachedProducts).map((c) => c.value.product)
        return Product.search(all.toSorted(byTitle), term).slice(0, limit)
      }
      const words = searchWords(term)
      const data = yield* q(
        Q.PRODUCTS,
        {
          first: Math.min(limit, 100),
          query: words.length === 0 ? null : words.map((w) => `title:${w}*`).join(" AND "),
        },
        Q.ProductsData,
      )
      const found = data.products.nodes.map((n) => fromProductNode(shopDomain, n))
      yield* cacheProducts(found)
      return Product.search(
        found.map((p) => p.product),
        term,
      )
        .toSorted(byTitle)
        .slice(0, limit)
    }),
    productsByIds: (_shopId, ids) => productsByIds(ids).pipe(Effect.map((ps) => ps.map((p) => p.product))),
    variantsOf: (_shopId, productIds) =>
      productsByIds(productIds).pipe(Effect.map((ps) => ps.flatMap((p) => p.variants))),
    variant: Effect.fn("ShopifyCommerce.variant")(function* (_shopId, variantId) {
      const cached = (yield* cachedProducts).find((c) => c.value.variants.some((v) => v.id === variantId))
      const at = yield* now
      if (cached !== undefined && at - cached.fetchedAt <= settings.productTtlMs) {
        const variant = cached.value.variants.find((v) => v.id === variantId)!
        return { product: cached.value.product, variant }
      }
      return yield* orCached(
        q(Q.VARIANT, { id: gid("ProductVariant", variantId) }, Q.VariantData).pipe(
          Effect.flatMap((d) => {
            if (d.productVariant === null) return Effect.succeed(null)
            const found = fromVariantNode(shopDomain, d.productVariant)
            return cacheProducts([fromProductNode(shopDomain, d.productVariant.product)]).pipe(
              Effect.as(found),
            )
          }),
        ),
        Effect.succeed(
          cached === undefined
            ? null
            : {
                product: cached.value.product,
                variant: cached.value.variants.find((v) => v.id === variantId)!,
              },
        ),
      )
    }),
    searchDiscounts: Effect.fn("ShopifyCommerce.searchDiscounts")(function* (_shopId, term) {
      const needle = term.trim().toUpperCase()
      const at = yield* now
      const matching = (codes: ReadonlyArray<Discount.Discount | null>) =>
        codes
          .flatMap((d) => (d?.code.includes(needle) ? [d] : []))
          .toSorted((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
          .slice(0, 50)
      return yield* orCached(
        q(Q.DISCOUNTS, { query: needle === "" ? null : needle }, Q.DiscountsData).pipe(
          Effect.flatMap((d) => {
            const found = matching(d.codeDiscountNodes.nodes.map((n) => fromDiscountNode(n.codeDiscount, at)))
            return Effect.forEach(found, (x) =>
              storeFailure(Cache.put(db, shopId, "discount", x.code, { discount: x }, at)),
            ).pipe(Effect.as(found))
          }),
        ),
        storeFailure(Cache.all(db, shopId, "discount", CachedDiscount)).pipe(
          Effect.map((rows) => matching(rows.map((r) => r.value.discount))),
        ),
      )
    }),
    discount: Effect.fn("ShopifyCommerce.discount")(function* (_shopId, code) {
      const key = code.trim().toUpperCase()
      const at = yield* now
      return yield* orCached(
        q(Q.DISCOUNT_BY_CODE, { code: key }, Q.DiscountByCodeData).pipe(
          Effect.map((d) =>
            d.codeDiscountNodeByCode === null
              ? null
              : fromDiscountNode(d.codeDiscountNodeByCode.codeDiscount, at, key),
          ),
          Effect.tap((found) =>
            storeFailure(Cache.put(db, shopId, "discount", key, { discount: found }, at)),
          ),
        ),
        storeFailure(Cache.get(db, shopId, "discount", key, CachedDiscount)).pipe(
          Effect.map((c) => c?.value.discount ?? null),
        ),
      )
    }),
    customer: Effect.fn("ShopifyCommerce.customer")(function* (_shopId, ref, ordersSince) {
      // Shopify keeps going past the budget in the background, so the next look is fresh.
      const fiber = yield* Effect.forkDetach(liveCustomer(ref, ordersSince))
      const within = yield* Effect.exit(Fiber.join(fiber)).pipe(Effect.timeoutOption(settings.readBudgetMs))
      if (Option.isSome(within) && Exit.isSuccess(within.value)) return within.value.value
      const cached = yield* cachedCustomer(ref, ordersSince)
      if (cached !== null) return cached
      if (Option.isSome(within) && Exit.isFailure(within.value)) {
        const reason = Exit.findErrorOption(within.value)
        return yield* Effect.fail(Option.isSome(reason) ? reason.value : unreachable())
      }
      return yield* Effect.fail(unreachable())
    }),
    orders: Effect.fn("ShopifyCommerce.orders")(function* (_shopId, ref, page) {
      const storeId = yield* resolve(ref)
      if (storeId === null) return { orders: [], next: null }
      const data = yield* q(
        Q.ORDERS,
        { id: gid("Customer", storeId), first: page.limit, after: page.cursor },
        Q.OrdersData,
      )
      if (data.customer === null) return { orders: [], next: null }
      const result: Commerce.OrderPage = {
        orders: data.customer.orders.nodes.map((o) => toOrder(shopId, ref, fromOrderNode(shopDomain, o))),
        next: data.customer.orders.pageInfo.hasNextPage ? data.customer.orders.pageInfo.endCursor : null,
      }
      return result
    }),
    setCustomerNote: Effect.fn("ShopifyCommerce.setCustomerNote")(function* (_shopId, ref, note) {
      const storeId = yield* resolve(ref)
      if (storeId === null) return false
      const data = yield* q(
        Q.CUSTOMER_NOTE,
        { input: { id: gid("Customer", storeId), note } },
        Q.CustomerNoteData,
      )
      const updated = data.customerUpdate
      if (updated === null) return false
      if (updated.customer === null) {
        // Shopify answers an unknown customer with a userError on `id`; any other userError is a refusal of
        // the note itself, which the merchant must see rather than find the note kept only in the inbox.
        const refusal = updated.userErrors.find((e) => !(e.field?.length === 1 && e.field[0] === "id"))
        if (refusal === undefined) return false
        return yield* Effect.fail(
          new CommerceErrors.CustomerNoteRejected({
            field: refusal.field === null ? null : refusal.field.join("."),
            storeMessage: refusal.message,
          }),
        )
      }
      const cached = yield* storeFailure(Cache.get(db, shopId, "customer", storeId, StoreCustomer))
      if (cached !== null)
        yield* storeFailure(
          Cache.put(
            db,
            shopId,
            "customer",
            storeId,
            { ...cached.value, note: updated.customer.note ?? "" },
            cached.fetchedAt,
          ),
        )
      return true
    }),
  }
}
