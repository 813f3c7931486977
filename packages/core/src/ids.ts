/** Branded identifiers of the domain: one Schema and one type per kind of id. */
import { Schema } from "effect"

const idString = Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{1,64}$/u))

/** A shop: the tenant every record belongs to. @see R0.1 */
export const ShopId = idString.pipe(Schema.brand("ShopId"))
export type ShopId = typeof ShopId.Type

/** A conversation between one shop and one customer. @see R1 */
export const ConversationId = idString.pipe(Schema.brand("ConversationId"))
export type ConversationId = typeof ConversationId.Type

/** A shopper of one shop. @see R0.3 */
export const CustomerId = idString.pipe(Schema.brand("CustomerId"))
export type CustomerId = typeof CustomerId.Type

/** A staff member of one shop. @see R0.2 */
export const StaffId = idString.pipe(Schema.brand("StaffId"))
export type StaffId = typeof StaffId.Type

export const ProductId = idString.pipe(Schema.brand("ProductId"))
export type ProductId = typeof ProductId.Type

export const VariantId = idString.pipe(Schema.brand("VariantId"))
export type VariantId = typeof VariantId.Type

/** A message inside a conversation; the client generates it, so a retried send is recognised. */
export const MessageId = idString.pipe(Schema.brand("MessageId"))
export type MessageId = typeof MessageId.Type

export const OrderId = idString.pipe(Schema.brand("OrderId"))
export type OrderId = typeof OrderId.Type

export const ImageId = idString.pipe(Schema.brand("ImageId"))
export type ImageId = typeof ImageId.Type

/** A customer's email as received, kept whole so the merchant can read the original. */
export const EmailId = idString.pipe(Schema.brand("EmailId"))
export type EmailId = typeof EmailId.Type

/** A discount code as the merchant typed it in the shop admin (case-insensitive, stored upper-case). */
export const DiscountCode = Schema.String.check(Schema.isPattern(/^[A-Z0-9_-]{1,64}$/u)).pipe(
  Schema.brand("DiscountCode"),
)
export type DiscountCode = typeof DiscountCode.Type
