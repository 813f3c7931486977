/** Why a conversation command was refused. Each error holds data only; i18n renders it. */
import { Schema } from "effect"
import { ConversationId, DiscountCode, ProductId, ShopId, StaffId } from "../ids.ts"

export class ConversationNotFound extends Schema.TaggedError<ConversationNotFound>()("ConversationNotFound", {
  conversationId: Schema.String,
}) {}

export class ConversationAlreadyStarted extends Schema.TaggedError<ConversationAlreadyStarted>()(
  "ConversationAlreadyStarted",
  { conversationId: ConversationId },
) {}

/** A conversation that arrives by email must say who wrote it. @see R1, R2 */
export class CustomerEmailRequired extends Schema.TaggedError<CustomerEmailRequired>()(
  "CustomerEmailRequired",
  { platform: Schema.String },
) {}

/** @see R18 */
export class CustomerCannotSendImages extends Schema.TaggedError<CustomerCannotSendImages>()(
  "CustomerCannotSendImages",
  {},
) {}

export class MessageEmpty extends Schema.TaggedError<MessageEmpty>()("MessageEmpty", {}) {}

export class MessageTooLong extends Schema.TaggedError<MessageTooLong>()("MessageTooLong", {
  length: Schema.Int,
  max: Schema.Int,
}) {}

/** @see R15 */
export class TooManyProducts extends Schema.TaggedError<TooManyProducts>()("TooManyProducts", {
  count: Schema.Int,
  max: Schema.Int,
}) {}

/** Draft, archived or not on the online store. @see R15 */
export class ProductNotShareable extends Schema.TaggedError<ProductNotShareable>()("ProductNotShareable", {
  productId: ProductId,
  title: Schema.String,
}) {}

/** @see R0.2 */
export class StaffLacksChatPermission extends Schema.TaggedError<StaffLacksChatPermission>()(
  "StaffLacksChatPermission",
  { staffId: StaffId },
) {}

/** @see R19 */
export class AssigneeLacksChatPermission extends Schema.TaggedError<AssigneeLacksChatPermission>()(
  "AssigneeLacksChatPermission",
  { staffId: StaffId },
) {}

/** A staff member of another shop: tenants never cross. @see R0.1 */
export class StaffNotInShop extends Schema.TaggedError<StaffNotInShop>()("StaffNotInShop", {
  staffId: StaffId,
  shopId: ShopId,
}) {}

export class CartItemNotInCart extends Schema.TaggedError<CartItemNotInCart>()("CartItemNotInCart", {
  variantId: Schema.String,
}) {}

/** The store has fewer left than the cart would hold (`available` may be 0: sold out). @see R7 */
export class CartItemOutOfStock extends Schema.TaggedError<CartItemOutOfStock>()("CartItemOutOfStock", {
  variantId: Schema.String,
  available: Schema.Int,
}) {}

/** A cart line may hold at most `max` of one item. @see R7 */
export class CartLineTooLarge extends Schema.TaggedError<CartLineTooLarge>()("CartLineTooLarge", {
  variantId: Schema.String,
  max: Schema.Int,
}) {}

/** A cart holds at most `max` different items. @see R7 */
export class CartFull extends Schema.TaggedError<CartFull>()("CartFull", { max: Schema.Int }) {}

export class CartCurrencyMismatch extends Schema.TaggedError<CartCurrencyMismatch>()("CartCurrencyMismatch", {
  expected: Schema.String,
  actual: Schema.String,
}) {}

/** Only a code shared in this chat session can be applied from it. @see R17 */
export class DiscountNotShared extends Schema.TaggedError<DiscountNotShared>()("DiscountNotShared", {
  code: DiscountCode,
}) {}
