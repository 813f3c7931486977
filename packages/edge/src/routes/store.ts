/**
 * The shop's store as the merchant manages it: the admin import API (`/api/admin/import/<kind>`, owner only)
 * and the Store connection settings (which store answers, connect, disconnect). @see R15, R16, R20–R23
 */
import type { Api } from "@inbox/core/wire"
import type { HttpHandlers } from "../http/serve.ts"
import * as Store from "../workflows/Store.ts"

const originOf = (url: string): string => new URL(url).origin

export const storeImportHandlers: HttpHandlers<typeof Api.storeImport> = {
  products: ({ staff, body }) => Store.importStore(staff, { kind: "products", rows: body.products }),
  customers: ({ staff, body }) => Store.importStore(staff, { kind: "customers", rows: body.customers }),
  orders: ({ staff, body }) => Store.importStore(staff, { kind: "orders", rows: body.orders }),
  discounts: ({ staff, body }) => Store.importStore(staff, { kind: "discounts", rows: body.discounts }),
}

export const storeConnectionHandlers: HttpHandlers<typeof Api.storeConnection> = {
  view: ({ staff, exchange }) => Store.connectionView(staff, originOf(exchange.url)),
  connect: ({ staff, body, exchange }) => Store.connect(staff, body.shop, originOf(exchange.url)),
  sync: ({ staff, exchange }) => Store.resync(staff, originOf(exchange.url)),
  disconnect: ({ staff, exchange }) => Store.disconnect(staff, originOf(exchange.url)),
}
