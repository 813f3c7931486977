/** The shopper's side: the demo store, starting a chat, messages, cart and shared discounts. @see R0.3, R6, R17 */
import { Schema } from "effect"
import { CartLine } from "../cart/Cart.ts"
import { Platform } from "../channel/Platform.ts"
import { ConversationStatus } from "../conversation/Conversation.ts"
import { CONVERSATION_ERROR_TAGS } from "../conversation/decide.ts"
import { DiscountCard } from "../discount/Discount.ts"
import { ConversationId, CustomerId, MessageId, ProductId, ShopId, VariantId } from "../ids.ts"
import { Money } from "../money.ts"
import { ShopperIdentity } from "../storefront/ShopperIdentity.ts"
import { StorefrontOrigin } from "../storefront/StorefrontOrigin.ts"
import { isMaxChars, singleLine } from "../text/Text.ts"
import { Instant } from "../time.ts"
import { ShopView } from "./Auth.ts"
import * as Endpoint from "./Endpoint.ts"
import { ThreadItem } from "./Inbox.ts"

export const ShopPath = Schema.Struct({ shopId: ShopId })
export type ShopPath = typeof ShopPath.Type

export const StoreVariant = Schema.Struct({
  id: VariantId,
  title: Schema.String,
  price: Money,
  /** Null: inventory not tracked, always available. */
  stock: Schema.NullOr(Schema.Int),
})
export type StoreVariant = typeof StoreVariant.Type

export const StoreProduct = Schema.Struct({
  id: ProductId,
  title: Schema.String,
  price: Money,
  imageUrl: Schema.NullOr(Schema.String),
  /** The product page: a path on the storefront (`/products/linen-shirt`) or an absolute URL. */
  url: Schema.String,
  variants: Schema.Array(StoreVariant),
})
export type StoreProduct = typeof StoreProduct.Type

/** Only products published on the online store are listed. @see R15 */
export const Store = Schema.Struct({ shop: ShopView, products: Schema.Array(StoreProduct) })
export type Store = typeof Store.Type

/**
 * Starts (or, with the same `clientId`, resumes) a chat. The email is where replies go while the
 * shopper is away. @see R2, R9
 */
export const StartChatBody = Schema.Struct({
  email: Schema.NullOr(Schema.String.check(isMaxChars(254), singleLine)),
  clientId: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{8,64}$/u)),
  name: Schema.optionalKey(Schema.String.check(isMaxChars(120), singleLine)),
  /**
   * The storefront the chat runs on, when the request does not carry it in `Origin` (the chat frame, served
   * by the inbox itself, names the page that embeds it). It must be one of the shop's allowed origins.
   */
  origin: Schema.optionalKey(StorefrontOrigin),
  /** The store's signed-in customer, signed with the shop's identity secret; absent for a guest. */
  identity: Schema.optionalKey(ShopperIdentity),
})
export type StartChatBody = typeof StartChatBody.Type

/** What widget.js needs to show the bubble; answered (with CORS) only to the shop's allowed origins. */
export const WidgetConfig = Schema.Struct({ shop: Schema.Struct({ id: ShopId, name: Schema.String }) })
export type WidgetConfig = typeof WidgetConfig.Type

/** The chat frame (served by the inbox itself) names the page that embeds it. */
export const WidgetConfigQuery = Schema.Struct({ origin: Schema.optionalKey(StorefrontOrigin) })
export type WidgetConfigQuery = typeof WidgetConfigQuery.Type

/** The chat-session token, signed and bound to shop + customer + conversation. @see R0.3 */
export const ChatStarted = Schema.Struct({
  token: Schema.String,
  conversationId: ConversationId,
  customerId: CustomerId,
})
export type ChatStarted = typeof ChatStarted.Type

/** The shopper's cart with the code applied from the chat, if any. @see R7, R17 */
export const StoreCart = Schema.Struct({
  lines: Schema.Array(CartLine),
  subtotal: Money,
  appliedDiscount: Schema.NullOr(DiscountCard),
})
export type StoreCart = typeof StoreCart.Type

/** What the shopper sees of their conversation: customer-visible events only. @see R0.3 */
export const ChatView = Schema.Struct({
  conversation: Schema.Struct({
    id: ConversationId,
    shop: ShopView,
    platform: Platform,
    status: ConversationStatus,
    startedAt: Instant,
    customerEmail: Schema.NullOr(Schema.String),
  }),
  thread: Schema.Array(ThreadItem),
  cart: StoreCart,
  /** Codes shared in this chat that the shopper may click to apply. @see R17 */
  sharedDiscounts: Schema.Array(DiscountCard),
})
export type ChatView = typeof ChatView.Type

export const ChatMessageBody = Schema.Struct({
  clientMessageId: MessageId,
  text: Schema.String.check(isMaxChars(20_000)),
  /** A shopper's message may not carry an image; sending one is refused (R18). */
  hasImage: Schema.optionalKey(Schema.Boolean),
})
export type ChatMessageBody = typeof ChatMessageBody.Type

export const ChatMessageSent = Schema.Struct({ items: Schema.Array(ThreadItem) })
export type ChatMessageSent = typeof ChatMessageSent.Type

/** @see R6 */
export const CartChangeBody = Schema.Struct({
  variantId: VariantId,
  quantity: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 999 })),
  /** A client-generated id for this change: the same id again changes the cart once and answers the cart. */
  clientActionId: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{1,64}$/u))),
})
export type CartChangeBody = typeof CartChangeBody.Type

/** @see R17 */
export const ApplyDiscountBody = Schema.Struct({ code: Schema.String.check(isMaxChars(64)) })
export type ApplyDiscountBody = typeof ApplyDiscountBody.Type

export const CartResponse = Schema.Struct({ cart: StoreCart })
export type CartResponse = typeof CartResponse.Type

/** The public store page and the start of a chat: anyone, within the per-address budget. */
export const StorefrontApi = {
  store: Endpoint.get("/api/store/:shopId", {
    summary: "The storefront catalogue (products on the online store)",
    auth: "public",
    budget: "storefront",
    cors: "allowedOrigins",
    params: ShopPath,
    success: Store,
    errors: ["ShopNotFound", "CommerceUnavailable"],
  }),
  widget: Endpoint.get("/api/store/:shopId/widget", {
    summary: "What widget.js needs for the bubble, for a page on one of the shop's allowed origins",
    auth: "public",
    budget: "storefront",
    cors: "allowedOrigins",
    params: ShopPath,
    query: WidgetConfigQuery,
    success: WidgetConfig,
    errors: ["ShopNotFound", "OriginNotAllowed"],
  }),
  startChat: Endpoint.post("/api/store/:shopId/chat", {
    summary:
      "Start or resume a chat from an allowed origin (the same clientId, or a signed customer, resumes it)",
    auth: "public",
    budget: "storefront",
    params: ShopPath,
    body: StartChatBody,
    success: ChatStarted,
    status: 201,
    errors: [
      "ShopNotFound",
      "CustomerEmailInvalid",
      "OriginNotAllowed",
      "IdentitySignatureInvalid",
      "IdentityVerificationOff",
      ...CONVERSATION_ERROR_TAGS,
      "VersionConflict",
    ],
  }),
}

const chatCommandErrors = [...CONVERSATION_ERROR_TAGS, "VersionConflict"] as const

/** Adding and removing share everything but their path. */
const cartChange = {
  auth: "shopper",
  budget: "chat",
  body: CartChangeBody,
  success: CartResponse,
  idempotencyKey: "clientActionId",
  errors: [...chatCommandErrors, "VariantNotFound", "CommerceUnavailable"],
} as const

/** The shopper's own chat, by its session token (R0.3), within the per-session budget. */
export const ChatApi = {
  view: Endpoint.get("/api/store/chat", {
    summary: "My conversation, cart and shared codes",
    auth: "shopper",
    budget: "chat",
    success: ChatView,
    errors: ["ConversationNotFound", "ShopNotFound", "CommerceUnavailable"],
  }),
  send: Endpoint.post("/api/store/chat/messages", {
    summary: "Send a message (idempotent by clientMessageId)",
    auth: "shopper",
    budget: "chat",
    body: ChatMessageBody,
    success: ChatMessageSent,
    status: 201,
    idempotencyKey: "clientMessageId",
    errors: chatCommandErrors,
  }),
  addToCart: Endpoint.post("/api/store/chat/cart", {
    summary: "Add to cart (idempotent by clientActionId)",
    ...cartChange,
  }),
  removeFromCart: Endpoint.post("/api/store/chat/cart/remove", {
    summary: "Remove from cart (idempotent by clientActionId)",
    ...cartChange,
  }),
  applyDiscount: Endpoint.post("/api/store/chat/discount", {
    summary: "Apply a code shared in this chat to my cart",
    auth: "shopper",
    budget: "chat",
    body: ApplyDiscountBody,
    success: CartResponse,
    errors: [...chatCommandErrors, "DiscountNotFound", "CommerceUnavailable"],
  }),
}
