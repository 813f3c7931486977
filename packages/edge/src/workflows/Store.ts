/**
 * The shop's store as the merchant manages it: the admin import into the built-in tables, every order of a
 * customer on demand, and the Store connection settings (which store answers, its health, sync, disconnect).
 */
import { Commerce } from "@inbox/core"
import type { ConnectStoreAnswer, OrderList, StoreConnectionView } from "@inbox/core/wire"
import { and, eq } from "drizzle-orm"
import { Effect } from "effect"
import { requireOwner } from "../auth/Owner.ts"
import { type ImportBatch, importRows } from "../commerce/import.ts"
import * as Cache from "../commerce/shopify/cache.ts"
import { StoreConnections } from "../commerce/shopify/connections.ts"
import { beginInstall } from "../commerce/shopify/oauth.ts"
import { SHOPIFY_API_VERSION } from "../commerce/shopify/queries.ts"
import { ShopifySettings } from "../commerce/shopify/settings.ts"
import { syncStore } from "../commerce/shopify/sync.ts"
import { Database } from "../db/Database.ts"
import * as t from "../db/schema.ts"
import { CustomerNotFound } from "../http/EdgeErrors.ts"
import { tryStore } from "../repo/Conversations.ts"
import { Customers } from "../repo/Customers.ts"
import type { StaffRecord } from "../repo/Directory.ts"

/** Bulk upsert of one kind of record; all or nothing. */
export const importStore = Effect.fn("Store.import")(function* (staff: StaffRecord, batch: ImportBatch) {
  yield* requireOwner(staff)
  return yield* importRows(staff.shopId, batch)
})

/** Starts connecting a Shopify store from the inbox (the owner): answers Shopify's authorize page to open. */
export const connect = Effect.fn("Store.connect")(function* (
  staff: StaffRecord,
  shop: string,
  origin: string,
) {
  yield* requireOwner(staff)
  const location = yield* beginInstall({
    params: new URLSearchParams({ shop }),
    staffShopId: staff.shopId,
    origin,
  })
  const answer: ConnectStoreAnswer = { location }
  return answer
})

/** Every order of the customer, a page at a time ("show all"). @see R23 */
export const customerOrders = Effect.fn("Store.customerOrders")(function* (
  staff: StaffRecord,
  customerId: string,
  cursor: string | null,
) {
  const customer = yield* (yield* Customers).get(staff.shopId, customerId)
  if (customer === null) return yield* Effect.fail(new CustomerNotFound({ customerId }))
  const page = yield* (yield* Commerce.Commerce).orders(
    staff.shopId,
    { id: customer.id, email: customer.email },
    { cursor, limit: 20 },
  )
  const body: OrderList = {
    orders: page.orders.map((o) => ({
      id: o.id,
      reference: o.reference,
      placedAt: o.placedAt,
      total: o.total,
      status: o.status,
      adminUrl: o.adminUrl,
    })),
    next: page.next,
  }
  return body
})

/** The Store connection page; `origin` is this inbox's public origin, for the URLs Shopify must be given. */
export const connectionView = Effect.fn("Store.connectionView")(function* (
  staff: StaffRecord,
  origin: string,
) {
  const settings = yield* ShopifySettings
  const c = yield* (yield* StoreConnections).get(staff.shopId)
  const base = settings.app?.appUrl ?? origin
  const view: StoreConnectionView = {
    source: c?.status === "connected" ? "shopify" : "builtin",
    shopifyAvailable: settings.app !== null,
    shopDomain: c?.shopDomain ?? null,
    storeName: c?.storeName ?? null,
    status: c?.status ?? null,
    apiVersion: c?.apiVersion ?? (settings.app === null ? null : SHOPIFY_API_VERSION),
    scopes: c?.scopes ?? settings.app?.scopes ?? null,
    connectedAt: (c?.connectedAt ?? null) as StoreConnectionView["connectedAt"],
    lastSyncAt: (c?.lastSyncAt ?? null) as StoreConnectionView["lastSyncAt"],
    lastSyncError: c?.lastSyncError ?? null,
    lastWebhookAt: (c?.lastWebhookAt ?? null) as StoreConnectionView["lastWebhookAt"],
    webhooksReceived: c?.webhooksReceived ?? 0,
    urls: {
      install: `${base}/api/shopify/install`,
      callback: `${base}/api/shopify/callback`,
      webhooks: `${base}/api/shopify/webhooks`,
    },
  }
  return view
})

/**
 * Copies the connected store's catalogue again now (products created or deleted while webhooks were
 * missed); the outcome (last sync, its problem) shows on the page. Without a connected store, nothing.
 */
export const resync = Effect.fn("Store.resync")(function* (staff: StaffRecord, origin: string) {
  yield* requireOwner(staff)
  yield* syncStore(staff.shopId)
  return yield* connectionView(staff, origin)
})

/**
 * Disconnects the Shopify store: the token is dropped and what was read from the store is forgotten; the
 * shop answers from the built-in tables again.
 */
export const disconnect = Effect.fn("Store.disconnect")(function* (staff: StaffRecord, origin: string) {
  yield* requireOwner(staff)
  const connections = yield* StoreConnections
  const c = yield* connections.get(staff.shopId)
  if (c !== null) {
    yield* connections.revoke(c.shopDomain)
    const { db } = yield* Database
    yield* Cache.clearShop(db, staff.shopId)
    yield* tryStore(() =>
      db
        .delete(t.customerLinks)
        .where(and(eq(t.customerLinks.shopId, staff.shopId), eq(t.customerLinks.source, "shopify"))),
    )
  }
  return yield* connectionView(staff, origin)
})
