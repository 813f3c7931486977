/** The shop's store, by name over the declared API: the Store connection settings and every order of a customer. */
import { Api } from "@inbox/core/wire"
import { call } from "./http.ts"

export const storeConnection = () => call(Api.storeConnection.view, {})

/** Answers where to send the browser (Shopify's authorize page). */
export const connectStore = (shop: string) => call(Api.storeConnection.connect, { body: { shop } })

/** Copies the connected store's catalogue again; answers the page (last sync, its problem). */
export const syncStore = () => call(Api.storeConnection.sync, {})

export const disconnectStore = () => call(Api.storeConnection.disconnect, {})

export const customerOrders = (id: string, cursor: string | null) =>
  call(Api.customers.orders, { params: { id }, query: cursor === null ? {} : { cursor } })
