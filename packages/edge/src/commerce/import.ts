/**
 * The admin import API behind the built-in store: bulk upserts of products (with their variants),
 * customers, orders and discount codes, for shops on any platform. Each request is all or nothing (one
 * atomic batch), idempotent (upserts by id); a row breaking a rule (currency, unknown customer, duplicate, an id
 * another shop holds) is refused by kind, index and id.
 * @see R15, R16, R20–R23
 */
import type { Ids } from "@inbox/core"
import type {
  ImportCustomer,
  ImportDiscount,
  ImportKind,
  ImportOrder,
  ImportProduct,
  ImportResult,
} from "@inbox/core/wire"
import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm"
import type { BatchItem } from "drizzle-orm/batch"
import { Effect } from "effect"
import { Database } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { ImportRowInvalid, ShopNotFound } from "../http/EdgeErrors.ts"
import { tryStore } from "../repo/Conversations.ts"
import { Directory } from "../repo/Directory.ts"

type Issue = { readonly path: ReadonlyArray<string>; readonly message: string }

const invalid = (kind: ImportKind, index: number, id: string | null, issues: ReadonlyArray<Issue>) =>
  new ImportRowInvalid({
    kind,
    index,
    id,
    issues: issues.map((i) => ({ path: [...i.path], message: i.message })),
  })

/** Rows are decoded by the endpoint (a bad shape is a 400 naming its path); ids must be unique within it. */
const unique = <R>(kind: ImportKind, rows: ReadonlyArray<R>, key: (r: R) => string) => {
  const seen = new Set<string>()
  for (const [index, row] of rows.entries()) {
    const k = key(row)
    if (seen.has(k))
      return Effect.fail(
        invalid(kind, index, k, [{ path: ["id"], message: "This id appears twice in the request" }]),
      )
    seen.add(k)
  }
  return Effect.succeed(rows)
}

const moneyIssue = (path: ReadonlyArray<string>, currency: string, expected: string): Array<Issue> =>
  currency === expected
    ? []
    : [{ path: [...path, "currency"], message: `Amounts are in the shop's currency, ${expected}` }]

const TAKEN = "This id is used by another shop on this inbox; prefix your ids (for example with your shop id)"

/** One import request: one kind of record, its rows already decoded. */
export type ImportBatch =
  | { readonly kind: "products"; readonly rows: ReadonlyArray<ImportProduct> }
  | { readonly kind: "customers"; readonly rows: ReadonlyArray<ImportCustomer> }
  | { readonly kind: "orders"; readonly rows: ReadonlyArray<ImportOrder> }
  | { readonly kind: "discounts"; readonly rows: ReadonlyArray<ImportDiscount> }

export const importRows = Effect.fn("Import.rows")(function* (shopId: Ids.ShopId, batch: ImportBatch) {
  const { kind } = batch
  const { db } = yield* Database
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  const currency = shop.currency
  const statements: Array<BatchItem<"sqlite">> = []

  /** Ids that another shop already holds in `table`: never overwritten, and refused by row. */
  const takenElsewhere = (
    table: typeof t.products | typeof t.variants | typeof t.orders | typeof t.customers,
    ids: Array<string>,
  ) =>
    ids.length === 0
      ? Effect.succeed(new Set<string>())
      : tryStore(() =>
          db
            .select({ id: table.id })
            .from(table)
            .where(and(inArray(table.id, ids), sql`${table.shopId} <> ${shopId}`)),
        ).pipe(Effect.map((r) => new Set(r.map((x) => x.id))))

  if (batch.kind === "products") {
    const products = yield* unique("products", batch.rows, (p) => p.id)
    const variantOwner = new Map<string, number>()
    for (const [index, p] of products.entries()) {
      const issues = [
        ...moneyIssue(["price"], p.price.currency, currency),
        ...p.variants.flatMap((v, i) =>
          moneyIssue(["variants", String(i), "price"], v.price.currency, currency),
        ),
      ]
      for (const [i, v] of p.variants.entries()) {
        if (variantOwner.has(v.id))
          issues.push({
            path: ["variants", String(i), "id"],
            message: "This variant id appears twice in the request",
          })
        variantOwner.set(v.id, index)
      }
      if (issues.length > 0) return yield* Effect.fail(invalid("products", index, p.id, issues))
    }
    const takenProducts = yield* takenElsewhere(
      t.products,
      products.map((p) => p.id),
    )
    const takenVariants = yield* takenElsewhere(t.variants, [...variantOwner.keys()])
    for (const [index, p] of products.entries()) {
      const v = p.variants.findIndex((x) => takenVariants.has(x.id))
      if (takenProducts.has(p.id) || v >= 0)
        return yield* Effect.fail(
          invalid("products", index, p.id, [
            { path: takenProducts.has(p.id) ? ["id"] : ["variants", String(v), "id"], message: TAKEN },
          ]),
        )
    }
    const at = yield* Effect.clockWith((c) => c.currentTimeMillis)
    for (const p of products) {
      const row = {
        shopId,
        title: p.title,
        priceAmount: p.price.amount,
        currency: p.price.currency,
        imageUrl: p.imageUrl,
        url: p.url,
        status: p.status,
        onlineStore: p.onlineStore,
      }
      statements.push(
        db
          .insert(t.products)
          .values({ id: p.id, createdAt: at, ...row })
          .onConflictDoUpdate({ target: t.products.id, set: row, setWhere: eq(t.products.shopId, shopId) }),
        db.delete(t.variants).where(
          and(
            eq(t.variants.shopId, shopId),
            eq(t.variants.productId, p.id),
            notInArray(
              t.variants.id,
              p.variants.map((v) => v.id),
            ),
          ),
        ),
      )
      for (const v of p.variants) {
        const vrow = {
          shopId,
          productId: p.id,
          title: v.title,
          priceAmount: v.price.amount,
          currency: v.price.currency,
          stock: v.stock ?? 0,
        }
        statements.push(
          db
            .insert(t.variants)
            .values({ id: v.id, ...vrow })
            .onConflictDoUpdate({
              target: t.variants.id,
              set: vrow,
              setWhere: eq(t.variants.shopId, shopId),
            }),
          v.stock === null
            ? db.insert(t.untrackedVariants).values({ variantId: v.id, shopId }).onConflictDoNothing()
            : db
                .delete(t.untrackedVariants)
                .where(and(eq(t.untrackedVariants.variantId, v.id), eq(t.untrackedVariants.shopId, shopId))),
        )
      }
    }
  }

  if (batch.kind === "customers") {
    const customers = yield* unique("customers", batch.rows, (c) => c.id)
    // A chat identity of this shop with the same id is not a store record: it is never overwritten either.
    const taken = yield* takenElsewhere(
      t.customers,
      customers.map((c) => c.id),
    )
    const identities = yield* tryStore(() =>
      db
        .select({ id: t.customers.id })
        .from(t.customers)
        .where(
          and(
            eq(t.customers.shopId, shopId),
            inArray(
              t.customers.id,
              customers.map((c) => c.id),
            ),
            sql`${t.customers.clientId} is not null`,
          ),
        ),
    )
    for (const i of identities) taken.add(i.id)
    const index = customers.findIndex((c) => taken.has(c.id))
    if (index >= 0)
      return yield* Effect.fail(
        invalid("customers", index, customers[index]!.id, [{ path: ["id"], message: TAKEN }]),
      )
    for (const c of customers) {
      const row = {
        shopId,
        name: c.name,
        email: c.email,
        phone: c.phone,
        city: c.location?.city ?? null,
        province: c.location?.province ?? null,
        country: c.location?.country ?? null,
        timeZone: c.timeZone,
        emailMarketing: c.emailMarketing,
        smsMarketing: c.smsMarketing,
        adminUrl: c.adminUrl,
        createdAt: c.createdAt,
        ...(c.note === undefined ? {} : { note: c.note }),
      }
      statements.push(
        db
          .insert(t.customers)
          .values({ id: c.id, clientId: null, ...row })
          .onConflictDoUpdate({
            target: t.customers.id,
            set: row,
            setWhere: sql`${t.customers.shopId} = ${shopId} and ${t.customers.clientId} is null`,
          }),
      )
    }
  }

  if (batch.kind === "orders") {
    const orders = yield* unique("orders", batch.rows, (o) => o.id)
    const customerIds = [...new Set(orders.map((o) => o.customerId))]
    const known = new Set(
      customerIds.length === 0
        ? []
        : (yield* tryStore(() =>
            db
              .select({ id: t.customers.id })
              .from(t.customers)
              .where(
                and(
                  eq(t.customers.shopId, shopId),
                  inArray(t.customers.id, customerIds),
                  isNull(t.customers.clientId),
                ),
              ),
          )).map((r) => r.id),
    )
    const taken = yield* takenElsewhere(
      t.orders,
      orders.map((o) => o.id),
    )
    for (const [index, o] of orders.entries()) {
      const issues: Array<Issue> = [
        ...moneyIssue(["total"], o.total.currency, currency),
        ...(known.has(o.customerId)
          ? []
          : [
              {
                path: ["customerId"],
                message: "No customer of this shop has this id: import the customers first",
              },
            ]),
        ...(taken.has(o.id) ? [{ path: ["id"], message: TAKEN }] : []),
      ]
      if (issues.length > 0) return yield* Effect.fail(invalid("orders", index, o.id, issues))
    }
    for (const o of orders) {
      const row = {
        shopId,
        customerId: o.customerId,
        reference: o.reference,
        placedAt: o.placedAt,
        totalAmount: o.total.amount,
        currency: o.total.currency,
        status: o.status,
        adminUrl: o.adminUrl,
      }
      statements.push(
        db
          .insert(t.orders)
          .values({ id: o.id, ...row })
          .onConflictDoUpdate({ target: t.orders.id, set: row, setWhere: eq(t.orders.shopId, shopId) }),
      )
    }
  }

  if (batch.kind === "discounts") {
    const discounts = yield* unique("discounts", batch.rows, (d) => d.code.toUpperCase())
    for (const [index, d] of discounts.entries()) {
      const issues: Array<Issue> = [
        ...(d.value._tag === "fixed_amount" ? moneyIssue(["value"], d.value.currency, currency) : []),
        ...(d.endsAt !== null && d.endsAt <= d.startsAt
          ? [{ path: ["endsAt"], message: "The end comes after the start" }]
          : []),
      ]
      if (issues.length > 0) return yield* Effect.fail(invalid("discounts", index, d.code, issues))
    }
    for (const d of discounts) {
      const row = {
        // A plain copy: drizzle reads a JSON value's prototype, and a caller's object may have none.
        value: { ...d.value },
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        enabled: d.enabled,
        usageCount: d.usageCount,
        usageLimit: d.usageLimit,
      }
      statements.push(
        db
          .insert(t.discountCodes)
          .values({ shopId, code: d.code.toUpperCase(), ...row })
          .onConflictDoUpdate({ target: [t.discountCodes.shopId, t.discountCodes.code], set: row }),
      )
    }
  }

  // One batch: the whole request commits, or (any statement failing) none of it.
  if (statements.length > 0)
    yield* tryStore(() => db.batch(statements as [BatchItem<"sqlite">, ...Array<BatchItem<"sqlite">>]))
  const result: ImportResult = { kind, imported: batch.rows.length }
  return result
})
