/**
 * Shopify webhooks after their HMAC was checked over the raw bytes: each delivery is applied once, by its
 * event id (X-Shopify-Event-Id, else X-Shopify-Webhook-Id). The event id is recorded in the same atomic batch
 * as the writes it causes, so a redelivery (or a concurrent copy) changes nothing. Topics: products, customers,
 * orders, app/uninstalled and the three privacy topics. @see R15, R20–R23
 */
import type { Ids } from "@inbox/core"
import { and, eq } from "drizzle-orm"
import type { BatchItem } from "drizzle-orm/batch"
import { Effect, Schema } from "effect"
import { Database, type Db, type StoreUnavailable } from "../../db/Database.ts"
import * as t from "../../db/schema.ts"
import { InvalidRequest } from "../../http/EdgeErrors.ts"
import { tryStore } from "../../repo/Conversations.ts"
import type { ImageStore } from "../../repo/Images.ts"
import * as Cache from "./cache.ts"
import { StoreConnections } from "./connections.ts"
import {
  CustomerPayload,
  CustomersRedactPayload,
  DataRequestPayload,
  DeletedPayload,
  fromCustomerPayload,
  fromOrderPayload,
  fromProductPayload,
  idOf,
  OrderPayload,
  ProductPayload,
  StoreCustomer,
  StoreOrder,
} from "./mapping.ts"
import { recordDataRequest, redactCustomer, redactShop } from "./privacy.ts"

export interface WebhookDelivery {
  readonly topic: string
  readonly shopDomain: string
  readonly eventId: string
  readonly body: unknown
}

export type WebhookOutcome = "applied" | "duplicate" | "ignored"

/** Recent orders kept per customer between live reads. */
const KEPT_ORDERS = 50
const Orders = Schema.Array(StoreOrder)

const decode = <S extends Schema.Top & Schema.Decoder<unknown>>(schema: S, body: unknown, topic: string) => {
  const r = Schema.decodeUnknownExit(schema)(body)
  return r._tag === "Success"
    ? Effect.succeed(r.value as S["Type"])
    : Effect.fail(new InvalidRequest({ issues: [{ path: [], message: `Not a ${topic} payload` }] }))
}

const putStatement = (
  db: Db,
  shopId: Ids.ShopId,
  kind: Cache.CacheKind,
  key: string,
  value: unknown,
  at: number,
) =>
  db
    .insert(t.storeCache)
    .values({ shopId, kind, key, value, fetchedAt: at })
    .onConflictDoUpdate({
      target: [t.storeCache.shopId, t.storeCache.kind, t.storeCache.key],
      set: { value, fetchedAt: at },
    })

const removeStatement = (db: Db, shopId: Ids.ShopId, kind: Cache.CacheKind, key: string) =>
  db
    .delete(t.storeCache)
    .where(and(eq(t.storeCache.shopId, shopId), eq(t.storeCache.kind, kind), eq(t.storeCache.key, key)))

const seen = (db: Db, shopDomain: string, eventId: string) =>
  tryStore(() =>
    db
      .select({ eventId: t.storeEvents.eventId })
      .from(t.storeEvents)
      .where(and(eq(t.storeEvents.shopDomain, shopDomain), eq(t.storeEvents.eventId, eventId))),
  ).pipe(Effect.map((rows) => rows.length > 0))

export const applyWebhook = Effect.fn("Shopify.applyWebhook")(function* (d: WebhookDelivery) {
  const { db } = yield* Database
  const connections = yield* StoreConnections
  const domain = d.shopDomain.toLowerCase()
  if (yield* seen(db, domain, d.eventId)) return "duplicate" as WebhookOutcome
  const connection = yield* connections.byDomain(domain)
  const at = yield* Effect.clockWith((c) => c.currentTimeMillis)
  const record = db
    .insert(t.storeEvents)
    .values({ shopDomain: domain, eventId: d.eventId, topic: d.topic, receivedAt: at })
  // A store this inbox does not know (or no longer does): acknowledged, so Shopify stops retrying.
  if (connection === null) return "ignored" as WebhookOutcome
  const shopId = connection.shopId
  const writes: Array<BatchItem<"sqlite">> = []
  /** Work that is not a single batch (privacy requests): done first; they are idempotent themselves. */
  let after: Effect.Effect<unknown, StoreUnavailable, Database | ImageStore> = Effect.void

  switch (d.topic) {
    case "products/create":
    case "products/update": {
      const p = yield* decode(ProductPayload, d.body, d.topic)
      const product = fromProductPayload(domain, connection.currency ?? "USD", p)
      writes.push(putStatement(db, shopId, "product", product.product.id, product, at))
      break
    }
    case "products/delete": {
      const p = yield* decode(DeletedPayload, d.body, d.topic)
      writes.push(removeStatement(db, shopId, "product", idOf(p)))
      break
    }
    case "customers/create":
    case "customers/update": {
      const c = yield* decode(CustomerPayload, d.body, d.topic)
      const previous = yield* Cache.get(db, shopId, "customer", idOf(c), StoreCustomer)
      writes.push(
        putStatement(
          db,
          shopId,
          "customer",
          idOf(c),
          fromCustomerPayload(domain, c, previous?.value ?? null),
          at,
        ),
      )
      break
    }
    case "customers/delete": {
      const c = yield* decode(DeletedPayload, d.body, d.topic)
      writes.push(
        removeStatement(db, shopId, "customer", idOf(c)),
        removeStatement(db, shopId, "orders", idOf(c)),
        db
          .delete(t.customerLinks)
          .where(
            and(
              eq(t.customerLinks.shopId, shopId),
              eq(t.customerLinks.source, "shopify"),
              eq(t.customerLinks.storeCustomerId, idOf(c)),
            ),
          ),
      )
      break
    }
    case "orders/create":
    case "orders/updated":
    case "orders/paid":
    case "orders/cancelled":
    case "orders/fulfilled": {
      const o = yield* decode(OrderPayload, d.body, d.topic)
      if (o.customer == null) break
      const customerId = idOf(o.customer)
      const order = fromOrderPayload(domain, o)
      const cached = yield* Cache.get(db, shopId, "orders", customerId, Orders)
      const orders = [order, ...(cached?.value ?? []).filter((x) => x.id !== order.id)]
        .toSorted((a, b) => b.placedAt - a.placedAt || (a.id < b.id ? -1 : 1))
        .slice(0, KEPT_ORDERS)
      writes.push(putStatement(db, shopId, "orders", customerId, orders, cached?.fetchedAt ?? at))
      break
    }
    case "app/uninstalled": {
      // The token is dead the moment the app is gone: drop it, and what was read with it.
      writes.push(
        db
          .update(t.storeConnections)
          .set({ accessToken: null, status: "revoked" })
          .where(eq(t.storeConnections.shopDomain, domain)),
        db.delete(t.storeCache).where(eq(t.storeCache.shopId, shopId)),
      )
      break
    }
    case "customers/redact": {
      const r = yield* decode(CustomersRedactPayload, d.body, d.topic)
      after = redactCustomer({
        shopId,
        storeCustomerId: idOf(r.customer),
        email: r.customer.email ?? null,
        phone: r.customer.phone ?? null,
      })
      break
    }
    case "customers/data_request": {
      const r = yield* decode(DataRequestPayload, d.body, d.topic)
      after = recordDataRequest(
        shopId,
        r.data_request === undefined ? d.eventId : idOf(r.data_request),
        idOf(r.customer),
        at,
      )
      break
    }
    case "shop/redact": {
      after = redactShop(shopId, domain)
      break
    }
    default:
      // Topics this inbox does not subscribe to change nothing, but count as seen.
      break
  }
  yield* after
  const committed = yield* tryStore(() => db.batch([record, ...writes])).pipe(
    Effect.as(true),
    // A copy delivered at the same moment took the event id first: its writes are the ones that count.
    Effect.catchTag("StoreUnavailable", (e) =>
      seen(db, domain, d.eventId).pipe(
        Effect.flatMap((dup) => (dup ? Effect.succeed(false) : Effect.fail(e))),
      ),
    ),
  )
  if (!committed) return "duplicate" as WebhookOutcome
  if (d.topic !== "shop/redact") yield* connections.recordWebhook(domain, at)
  return "applied" as WebhookOutcome
})
