/** Generators of branded ids, including names that collide with Object.prototype keys. */
import fc from "fast-check"
import type {
  ConversationId,
  CustomerId,
  DiscountCode,
  MessageId,
  OrderId,
  ProductId,
  ShopId,
  StaffId,
  VariantId,
} from "../../src/ids.ts"

/** Ids are `[A-Za-z0-9_-]{1,64}`; these valid ones have broken lookups in plain-object maps before. */
export const TRICKY_IDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"] as const

export const idString: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_IDS) },
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/) },
)

const brand = <B>() => idString as fc.Arbitrary<unknown> as fc.Arbitrary<B>

export const shopId = brand<ShopId>()
export const staffId = brand<StaffId>()
export const customerId = brand<CustomerId>()
export const conversationId = brand<ConversationId>()
export const productId = brand<ProductId>()
export const variantId = brand<VariantId>()
export const orderId = brand<OrderId>()
export const messageId = brand<MessageId>()
export const discountCode = fc.stringMatching(
  /^[A-Z0-9_-]{1,10}$/,
) as fc.Arbitrary<unknown> as fc.Arbitrary<DiscountCode>
