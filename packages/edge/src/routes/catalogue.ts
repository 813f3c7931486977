/** The composer's look-ups and the staff picker. @see R15, R16, R19 */
import type { Api } from "@inbox/core/wire"
import type { HttpHandlers } from "../http/serve.ts"
import * as Merchant from "../workflows/Merchant.ts"

export const catalogueHandlers: HttpHandlers<typeof Api.catalogue> = {
  products: ({ staff, query }) => Merchant.products(staff, query.q ?? ""),
  discounts: ({ staff, query }) => Merchant.discounts(staff, query.q ?? ""),
}

export const staffHandlers: HttpHandlers<typeof Api.staff> = {
  list: ({ staff, query }) => Merchant.staffList(staff, query.assignable === "true"),
}
