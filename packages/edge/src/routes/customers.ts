/** The customer profile panel and the internal note. @see R20–R24 */
import type { Api } from "@inbox/core/wire"
import type { HttpHandlers } from "../http/serve.ts"
import * as Merchant from "../workflows/Merchant.ts"
import * as Store from "../workflows/Store.ts"

export const customerHandlers: HttpHandlers<typeof Api.customers> = {
  profile: ({ staff, params, query, locale }) =>
    Merchant.profile(staff, params.id, query.conversationId ?? null, locale),
  setNote: ({ staff, params, body }) => Merchant.setNote(staff, params.id, body.note),
  orders: ({ staff, params, query }) => Store.customerOrders(staff, params.id, query.cursor ?? null),
}
