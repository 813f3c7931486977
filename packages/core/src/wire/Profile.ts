/** The customer profile panel over HTTP and its internal note. @see R20–R24 */
import { Schema } from "effect"
import { CustomerId } from "../ids.ts"
import { CustomerProfile } from "../profile/CustomerProfile.ts"
import { isMaxChars } from "../text/Text.ts"
import { OrderList, OrdersQuery } from "./Commerce.ts"
import * as Endpoint from "./Endpoint.ts"

export const CustomerPath = Schema.Struct({ id: CustomerId })
export type CustomerPath = typeof CustomerPath.Type

/** Longest internal note. @see R21 */
export const MAX_NOTE_LENGTH = 5000

/** `GET /api/customers/:id/profile?conversationId=` ties the cart and details to that conversation. */
export const ProfileQuery = Schema.Struct({ conversationId: Schema.optionalKey(Schema.String) })
export type ProfileQuery = typeof ProfileQuery.Type

/** @see R21 */
export const NoteBody = Schema.Struct({ note: Schema.String.check(isMaxChars(MAX_NOTE_LENGTH)) })
export type NoteBody = typeof NoteBody.Type

export const CustomersApi = {
  profile: Endpoint.get("/api/customers/:id/profile", {
    summary: "The customer profile beside a conversation",
    auth: "chatStaff",
    params: CustomerPath,
    query: ProfileQuery,
    success: CustomerProfile,
    errors: ["CustomerNotFound"],
  }),
  setNote: Endpoint.put("/api/customers/:id/note", {
    summary: "The internal note about the customer",
    auth: "chatStaff",
    params: CustomerPath,
    body: NoteBody,
    success: NoteBody,
    errors: ["CustomerNotFound", "CommerceUnavailable", "CustomerNoteRejected"],
  }),
  orders: Endpoint.get("/api/customers/:id/orders", {
    summary: 'Every order of the customer, newest first, a page at a time ("show all")',
    auth: "chatStaff",
    params: CustomerPath,
    query: OrdersQuery,
    success: OrderList,
    errors: ["CustomerNotFound", "CommerceUnavailable"],
  }),
}
