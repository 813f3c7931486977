/**
 * The built-in store: the commerce port over the inbox's own tables, for the demo and for shops on any
 * platform that fill them through the admin import API. Customers with no chat identity (`client_id` null)
 * are the store's records; a chat visitor is matched to one by email the first time. @see R15, R16, R20–R23
 */
import {
  Commerce,
  CommerceErrors,
  CustomerProfile,
  type Discount,
  type Ids,
  type Money,
  Product,
  Time,
} from "@inbox/core"
import { and, asc, desc, eq, inArray, isNull, like, lt, or, sql } from "drizzle-orm"
import { Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "../repo/Conversations.ts"
import { toCustomer, toOrder } from "../repo/Customers.ts"

const money = (amount: number, currency: string): Money.Money => ({ amount, currency })

export const toProduct = (r: typeof t.products.$inferSelect): Product.Product => ({
  id: r.id as Ids.ProductId,
  title: r.title,
  price: money(r.priceAmount, r.currency),
  imageUrl: r.imageUrl,
  url: r.url,
  status: r.status as Product.PublicationStatus,
  onlineStore: r.onlineStore,
})

/** A variant row; `untracked` when the store does not track its inventory (the port answers null stock). */
export const toVariant = (r: typeof t.variants.$inferSelect, untracked = false): Product.Variant => ({
  id: r.id as Ids.VariantId,
  productId: r.productId as Ids.ProductId,
  title: r.title,
  price: money(r.priceAmount, r.currency),
  stock: untracked ? null : r.stock,
})

export const toDiscount = (r: typeof t.discountCodes.$inferSelect): Discount.Discount => ({
  code: r.code as Ids.DiscountCode,
  value: r.value as Discount.DiscountValue,
  startsAt: r.startsAt as Discount.Discount["startsAt"],
  endsAt: r.endsAt as Discount.Discount["endsAt"],
  enabled: r.enabled,
  usageCount: r.usageCount,
  usageLimit: r.usageLimit,
})

const escapeLike = (s: string): string =>
  s.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")
const contains = (term: string) => sql`${`%${escapeLike(term.trim().toLowerCase())}%`} escape '\\'`

/** The built-in tables are the store: when they fail, the store is unreachable for now. */
const unreachable = <A>(e: Effect.Effect<A, StoreUnavailable>) =>
  e.pipe(Effect.mapError(() => new CommerceErrors.CommerceUnavailable({ reason: "unreachable" })))

/** Order pages are keyed by (placed at, id), newest first; the cursor is that pair of the page's last order. */
const encodeCursor = (placedAt: number, id: string): string => `${placedAt}.${id}`
const decodeCursor = (cursor: string): { placedAt: number; id: string } | null => {
  const dot = cursor.indexOf(".")
  const placedAt = Number(cursor.slice(0, dot))
  return dot <= 0 || !Number.isSafeInteger(placedAt) ? null : { placedAt, id: cursor.slice(dot + 1) }
}

export const layer: Layer.Layer<Commerce.Commerce, never, Database> = Layer.effect(
  Commerce.Commerce,
  Effect.gen(function* () {
    const { db } = yield* Database

    const storeRow = (shopId: Ids.ShopId, id: string) =>
      tryStore(() =>
        db
          .select()
          .from(t.customers)
          .where(and(eq(t.customers.shopId, shopId), eq(t.customers.id, id), isNull(t.customers.clientId))),
      ).pipe(Effect.map((rows) => rows[0] ?? null))

    /** The store record this inbox customer is: linked before, itself, or the first with the same email. */
    const resolve = Effect.fn("BuiltinCommerce.resolve")(function* (
      shopId: Ids.ShopId,
      ref: Commerce.CustomerRef,
    ) {
      const links = yield* tryStore(() =>
        db
          .select({ storeCustomerId: t.customerLinks.storeCustomerId })
          .from(t.customerLinks)
          .where(
            and(
              eq(t.customerLinks.shopId, shopId),
              eq(t.customerLinks.source, "builtin"),
              eq(t.customerLinks.customerId, ref.id),
            ),
          ),
      )
      const linked = links[0] === undefined ? null : yield* storeRow(shopId, links[0].storeCustomerId)
      if (linked !== null) return linked
      const own = yield* storeRow(shopId, ref.id)
      if (own !== null) return own
      const email = ref.email?.trim().toLowerCase() ?? ""
      if (email === "") return null
      const byEmail = yield* tryStore(() =>
        db
          .select()
          .from(t.customers)
          .where(
            and(
              eq(t.customers.shopId, shopId),
              isNull(t.customers.clientId),
              eq(sql`lower(${t.customers.email})`, email),
            ),
          )
          .orderBy(asc(t.customers.createdAt), asc(t.customers.id))
          .limit(1),
      )
      const found = byEmail[0] ?? null
      if (found !== null) {
        const now = yield* Effect.clockWith((c) => c.currentTimeMillis)
        yield* tryStore(() =>
          db
            .insert(t.customerLinks)
            .values({
              shopId,
              source: "builtin",
              customerId: ref.id,
              storeCustomerId: found.id,
              linkedAt: now,
            })
            .onConflictDoUpdate({
              target: [t.customerLinks.shopId, t.customerLinks.source, t.customerLinks.customerId],
              set: { storeCustomerId: found.id, linkedAt: now },
            }),
        )
      }
      return found
    })

    /** Store orders re-addressed to the inbox customer the caller asked about. */
    const ordersOf = (shopId: Ids.ShopId, storeId: string, ref: Commerce.CustomerRef) =>
      tryStore(() =>
        db
          .select()
          .from(t.orders)
          .where(and(eq(t.orders.shopId, shopId), eq(t.orders.customerId, storeId)))
          .orderBy(desc(t.orders.placedAt), asc(t.orders.id)),
      ).pipe(Effect.map((rows) => rows.map((r) => ({ ...toOrder(r), customerId: ref.id }))))

    return Commerce.Commerce.of({
      // The core's search rule (every word, any order, case and accents folded), as every adapter applies it.
      searchProducts: (shopId, term, limit) =>
        unreachable(
          tryStore(() =>
            db.select().from(t.products).where(eq(t.products.shopId, shopId)).orderBy(asc(t.products.title)),
          ).pipe(Effect.map((rows) => Product.search(rows.map(toProduct), term).slice(0, limit))),
        ),
      productsByIds: (shopId, ids) =>
        ids.length === 0
          ? Effect.succeed([])
          : unreachable(
              tryStore(() =>
                db
                  .select()
                  .from(t.products)
                  .where(and(eq(t.products.shopId, shopId), inArray(t.products.id, [...ids]))),
              ).pipe(
                Effect.map((rows) => {
                  const byId = new Map(rows.map((r) => [r.id, toProduct(r)]))
                  return ids.flatMap((id) => byId.get(id) ?? [])
                }),
              ),
            ),
      variantsOf: (shopId, productIds) =>
        productIds.length === 0
          ? Effect.succeed([])
          : unreachable(
              tryStore(() =>
                db
                  .select({ variant: t.variants, untracked: t.untrackedVariants.variantId })
                  .from(t.variants)
                  .leftJoin(t.untrackedVariants, eq(t.untrackedVariants.variantId, t.variants.id))
                  .where(and(eq(t.variants.shopId, shopId), inArray(t.variants.productId, [...productIds])))
                  .orderBy(asc(t.variants.productId), asc(t.variants.title)),
              ).pipe(Effect.map((rows) => rows.map((r) => toVariant(r.variant, r.untracked !== null)))),
            ),
      variant: (shopId, variantId) =>
        unreachable(
          tryStore(() =>
            db
              .select({ variant: t.variants, product: t.products, untracked: t.untrackedVariants.variantId })
              .from(t.variants)
              .innerJoin(t.products, eq(t.products.id, t.variants.productId))
              .leftJoin(t.untrackedVariants, eq(t.untrackedVariants.variantId, t.variants.id))
              .where(and(eq(t.variants.shopId, shopId), eq(t.variants.id, variantId))),
          ).pipe(
            Effect.map((rows) =>
              rows[0] === undefined
                ? null
                : {
                    variant: toVariant(rows[0].variant, rows[0].untracked !== null),
                    product: toProduct(rows[0].product),
                  },
            ),
          ),
        ),
      searchDiscounts: (shopId, term) =>
        unreachable(
          tryStore(() =>
            db
              .select()
              .from(t.discountCodes)
              .where(
                and(
                  eq(t.discountCodes.shopId, shopId),
                  like(sql`lower(${t.discountCodes.code})`, contains(term)),
                ),
              )
              .orderBy(asc(t.discountCodes.code))
              .limit(50),
          ).pipe(Effect.map((rows) => rows.map(toDiscount))),
        ),
      discount: (shopId, code) =>
        unreachable(
          tryStore(() =>
            db
              .select()
              .from(t.discountCodes)
              .where(
                and(eq(t.discountCodes.shopId, shopId), eq(t.discountCodes.code, code.trim().toUpperCase())),
              ),
          ).pipe(Effect.map((rows) => (rows[0] === undefined ? null : toDiscount(rows[0])))),
        ),
      customer: (shopId, ref, ordersSince) =>
        unreachable(
          Effect.gen(function* () {
            const row = yield* resolve(shopId, ref)
            if (row === null) return null
            const shops = yield* tryStore(() =>
              db.select({ currency: t.shops.currency }).from(t.shops).where(eq(t.shops.id, shopId)),
            )
            const now = Time.instant(yield* Effect.clockWith((c) => c.currentTimeMillis))
            const customer = { ...toCustomer(row), id: ref.id }
            const all = yield* ordersOf(shopId, row.id, ref)
            const record: Commerce.CustomerRecord = {
              // Every order is at hand here, so the lifetime totals are exact (the core's rule).
              customer: {
                ...customer,
                totals: CustomerProfile.totalsOf(customer, all, shops[0]?.currency ?? "EUR", now),
              },
              recentOrders: all.filter((o) => o.placedAt >= ordersSince),
              freshness: { asOf: now, stale: false },
            }
            return record
          }),
        ),
      orders: (shopId, ref, page) =>
        unreachable(
          Effect.gen(function* () {
            const row = yield* resolve(shopId, ref)
            if (row === null) return { orders: [], next: null }
            const after = page.cursor === null ? null : decodeCursor(page.cursor)
            const rows = yield* tryStore(() =>
              db
                .select()
                .from(t.orders)
                .where(
                  and(
                    eq(t.orders.shopId, shopId),
                    eq(t.orders.customerId, row.id),
                    after === null
                      ? undefined
                      : or(
                          lt(t.orders.placedAt, after.placedAt),
                          and(eq(t.orders.placedAt, after.placedAt), sql`${t.orders.id} > ${after.id}`),
                        ),
                  ),
                )
                .orderBy(desc(t.orders.placedAt), asc(t.orders.id))
                .limit(page.limit + 1),
            )
            const orders = rows.slice(0, page.limit).map((r) => ({ ...toOrder(r), customerId: ref.id }))
            const last = rows[page.limit - 1]
            const result: Commerce.OrderPage = {
              orders,
              next:
                rows.length > page.limit && last !== undefined ? encodeCursor(last.placedAt, last.id) : null,
            }
            return result
          }),
        ),
      setCustomerNote: (shopId, ref, note) =>
        unreachable(
          Effect.gen(function* () {
            const row = yield* resolve(shopId, ref)
            if (row === null) return false
            const updated = yield* tryStore(() =>
              db
                .update(t.customers)
                .set({ note })
                .where(and(eq(t.customers.shopId, shopId), eq(t.customers.id, row.id)))
                .returning({ id: t.customers.id }),
            )
            return updated.length > 0
          }),
        ),
    })
  }),
)
