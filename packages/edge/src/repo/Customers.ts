/**
 * The inbox's own customer records: who wrote in (storefront chat and platform identities), what the chat
 * learnt, and the note kept here when the store does not know the customer. The store's view of a customer
 * (orders, totals) comes through the commerce port. @see R20, R21
 */
import type { CustomerProfile, Ids } from "@inbox/core"
import { and, desc, eq, isNull } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { Database, type StoreUnavailable } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { tryStore } from "./Conversations.ts"

type Customer = CustomerProfile.Customer
type Order = CustomerProfile.Order

export interface NewCustomer {
  readonly id: string
  readonly shopId: Ids.ShopId
  readonly name: string
  readonly email: string | null
  readonly clientId: string | null
  readonly createdAt: number
}

export class Customers extends Context.Service<
  Customers,
  {
    readonly get: (shopId: Ids.ShopId, id: string) => Effect.Effect<Customer | null, StoreUnavailable>
    readonly setNote: (
      shopId: Ids.ShopId,
      id: string,
      note: string,
    ) => Effect.Effect<boolean, StoreUnavailable>
    readonly byClientId: (
      shopId: Ids.ShopId,
      clientId: string,
    ) => Effect.Effect<Customer | null, StoreUnavailable>
    /** Creates the customer unless this client id already has one; returns the one that exists. */
    readonly ensure: (c: NewCustomer) => Effect.Effect<Customer, StoreUnavailable>
    /** The channel identity a customer was created for (`<channel>:<id>`), e.g. a Messenger PSID. */
    readonly clientIdOf: (
      shopId: Ids.ShopId,
      customerId: string,
    ) => Effect.Effect<string | null, StoreUnavailable>
    /**
     * The store's signed-in customer, found by the store's own id (on any device), created on their first
     * chat; an email they gave the store fills a record that had none.
     */
    readonly ensureIdentified: (
      c: NewCustomer & { readonly externalId: string },
    ) => Effect.Effect<Customer, StoreUnavailable>
    /** The customer's most recent conversation, if any. */
    readonly latestConversation: (
      shopId: Ids.ShopId,
      customerId: string,
    ) => Effect.Effect<Ids.ConversationId | null, StoreUnavailable>
  }
>()("@inbox/edge/repo/Customers") {}

export const toCustomer = (r: typeof t.customers.$inferSelect): Customer => ({
  id: r.id as Ids.CustomerId,
  shopId: r.shopId as Ids.ShopId,
  name: r.name,
  email: r.email,
  phone: r.phone,
  location:
    r.city === null && r.province === null && r.country === null
      ? null
      : { city: r.city, province: r.province, country: r.country },
  timeZone: r.timeZone,
  createdAt: r.createdAt as Customer["createdAt"],
  emailMarketing: r.emailMarketing,
  smsMarketing: r.smsMarketing,
  note: r.note,
  adminUrl: r.adminUrl,
  totals: null,
})

export const toOrder = (r: typeof t.orders.$inferSelect): Order => ({
  id: r.id as Ids.OrderId,
  shopId: r.shopId as Ids.ShopId,
  customerId: r.customerId as Ids.CustomerId,
  reference: r.reference,
  placedAt: r.placedAt as Order["placedAt"],
  total: { amount: r.totalAmount, currency: r.currency },
  status: r.status as Order["status"],
  adminUrl: r.adminUrl,
})

export const layer: Layer.Layer<Customers, never, Database> = Layer.effect(
  Customers,
  Effect.gen(function* () {
    const { db } = yield* Database
    const get = Effect.fn("Customers.get")(function* (shopId: Ids.ShopId, id: string) {
      const rows = yield* tryStore(() =>
        db
          .select()
          .from(t.customers)
          .where(and(eq(t.customers.shopId, shopId), eq(t.customers.id, id))),
      )
      return rows[0] === undefined ? null : toCustomer(rows[0])
    })
    const byClientId = Effect.fn("Customers.byClientId")(function* (shopId: Ids.ShopId, clientId: string) {
      const rows = yield* tryStore(() =>
        db
          .select()
          .from(t.customers)
          .where(and(eq(t.customers.shopId, shopId), eq(t.customers.clientId, clientId))),
      )
      return rows[0] === undefined ? null : toCustomer(rows[0])
    })
    return Customers.of({
      get,
      byClientId,
      setNote: Effect.fn("Customers.setNote")(function* (shopId: Ids.ShopId, id: string, note: string) {
        const r = yield* tryStore(() =>
          db
            .update(t.customers)
            .set({ note })
            .where(and(eq(t.customers.shopId, shopId), eq(t.customers.id, id)))
            .returning({ id: t.customers.id }),
        )
        return r.length > 0
      }),
      ensure: Effect.fn("Customers.ensure")(function* (c: NewCustomer) {
        yield* tryStore(() =>
          db
            .insert(t.customers)
            .values({
              id: c.id,
              shopId: c.shopId,
              name: c.name,
              email: c.email,
              clientId: c.clientId,
              createdAt: c.createdAt,
            })
            .onConflictDoNothing(),
        )
        const existing =
          c.clientId === null ? yield* get(c.shopId, c.id) : yield* byClientId(c.shopId, c.clientId)
        return existing!
      }),
      clientIdOf: Effect.fn("Customers.clientIdOf")(function* (shopId: Ids.ShopId, customerId: string) {
        const rows = yield* tryStore(() =>
          db
            .select({ clientId: t.customers.clientId })
            .from(t.customers)
            .where(and(eq(t.customers.shopId, shopId), eq(t.customers.id, customerId))),
        )
        return rows[0]?.clientId ?? null
      }),
      ensureIdentified: Effect.fn("Customers.ensureIdentified")(function* (c) {
        const identity = and(
          eq(t.customerIdentities.shopId, c.shopId),
          eq(t.customerIdentities.externalId, c.externalId),
        )
        const known = () =>
          tryStore(() =>
            db
              .select({ customerId: t.customerIdentities.customerId })
              .from(t.customerIdentities)
              .where(identity),
          )
        const found = (yield* known())[0]
        if (found === undefined) {
          // The customer and their identity in one batch; of two first chats at once, one identity wins.
          yield* tryStore(() =>
            db.batch([
              db.insert(t.customers).values({
                id: c.id,
                shopId: c.shopId,
                name: c.name,
                email: c.email,
                createdAt: c.createdAt,
              }),
              db
                .insert(t.customerIdentities)
                .values({
                  shopId: c.shopId,
                  externalId: c.externalId,
                  customerId: c.id,
                  createdAt: c.createdAt,
                })
                .onConflictDoNothing(),
            ]),
          )
        }
        const customerId = found?.customerId ?? (yield* known())[0]!.customerId
        if (c.email !== null)
          yield* tryStore(() =>
            db
              .update(t.customers)
              .set({ email: c.email })
              .where(
                and(
                  eq(t.customers.shopId, c.shopId),
                  eq(t.customers.id, customerId),
                  isNull(t.customers.email),
                ),
              ),
          )
        return (yield* get(c.shopId, customerId))!
      }),
      latestConversation: Effect.fn("Customers.latestConversation")(function* (
        shopId: Ids.ShopId,
        customerId: string,
      ) {
        const rows = yield* tryStore(() =>
          db
            .select({ id: t.conversations.id })
            .from(t.conversations)
            .where(and(eq(t.conversations.shopId, shopId), eq(t.conversations.customerId, customerId)))
            .orderBy(desc(t.conversations.startedAt))
            .limit(1),
        )
        return (rows[0]?.id ?? null) as Ids.ConversationId | null
      }),
    })
  }),
)
