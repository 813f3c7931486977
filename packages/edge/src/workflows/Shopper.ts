/** The shopper's use cases, each bound to a verified chat session (shop + customer + conversation). @see R0.3, R6, R17 */
import {
  Access,
  Cart,
  type Command,
  Commerce,
  type Conversation,
  ConversationErrors,
  Discount,
  DiscountErrors,
  type I18n,
  Ids,
  newId,
  Product,
  Time,
  TopicClassifier,
} from "@inbox/core"
import type {
  CartResponse,
  ChatMessageBody,
  ChatMessageSent,
  ChatStarted,
  ChatView,
  StartChatBody,
  Store,
  StoreCart,
} from "@inbox/core/wire"
import { Clock, Effect, Option, Schema } from "effect"
import { type ChatSessionToken, TokenSigner } from "../auth/Token.ts"
import { customerEmail } from "../email/EmailAddress.ts"
import { ShopNotFound, VariantNotFound } from "../http/EdgeErrors.ts"
import { Conversations } from "../repo/Conversations.ts"
import { Customers } from "../repo/Customers.ts"
import { Directory } from "../repo/Directory.ts"
import { automaticReplyFor } from "./Availability.ts"
import { startConversation } from "./Inbound.ts"
import { publish } from "./Merchant.ts"
import * as Storefront from "./Storefront.ts"
import { shopperItems } from "./Thread.ts"

export type ChatSession = typeof ChatSessionToken.Type

/** A chat session lasts a month; the widget starts a new one after that. */
const CHAT_SESSION_MS = 30 * Time.DAY_MS

export const store = Effect.fn("Shopper.store")(function* (shopId: string) {
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  const catalog = yield* Commerce.Commerce
  const products = (yield* catalog.searchProducts(shop.id, "", 500)).filter(Product.isShareable)
  const variants = yield* catalog.variantsOf(
    shop.id,
    products.map((p) => p.id),
  )
  const body: Store = {
    shop,
    products: products.map((p) => ({
      id: p.id,
      title: p.title,
      price: p.price,
      imageUrl: p.imageUrl,
      url: p.url,
      variants: variants
        .filter((v) => v.productId === p.id)
        .map((v) => ({ id: v.id, title: v.title, price: v.price, stock: v.stock })),
    })),
  }
  return body
})

/**
 * Starts a chat, or resumes the one this browser (`clientId`) already has, on one of the shop's allowed
 * origins. A verified signed identity links it to the store's customer on any device and gives the email;
 * without one the shopper is a guest, as before. @see R1, R2
 */
export const startChat = Effect.fn("Shopper.startChat")(function* (
  shopId: string,
  body: StartChatBody,
  request: Storefront.RequestOrigin,
) {
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  const origin = yield* Storefront.requireAllowed(shop.id, Storefront.storefrontOf(request, body.origin))
  const identified =
    body.identity === undefined ? null : yield* Storefront.verifyIdentity(shop.id, body.identity)
  const customers = yield* Customers
  const now = yield* Clock.currentTimeMillis
  // The signed-in customer's email comes from the store; a guest's is the one typed. Both must be one address.
  const email = yield* customerEmail(identified === null ? body.email : identified.email)
  const name = identified?.name ?? (body.name?.trim() || (email === null ? "Visitor" : email.split("@")[0]!))
  const fresh = { id: yield* newId("cus"), shopId: shop.id, name, email, createdAt: now }
  const customer =
    identified === null
      ? yield* customers.ensure({ ...fresh, clientId: body.clientId })
      : yield* customers.ensureIdentified({ ...fresh, clientId: null, externalId: identified.id })
  // Started once per browser (or per signed-in customer): a double click or a retry resumes the conversation
  // the first one started.
  const conversationId =
    (yield* customers.latestConversation(shop.id, customer.id)) ??
    (yield* startConversation(shop, {
      key: identified === null ? `start:${body.clientId}` : `start:customer:${customer.id}`,
      customerId: customer.id,
      platform: "online_store_chat",
      customerEmail: email,
    }))
  const signer = yield* TokenSigner
  const signed = yield* Effect.promise(() =>
    signer.sign({
      kind: "chat",
      shopId: shop.id,
      customerId: customer.id,
      conversationId,
      origin,
      exp: now + CHAT_SESSION_MS,
    }),
  )
  const answer: ChatStarted = { token: signed, conversationId, customerId: customer.id }
  return answer
})

/** The session's conversation, when it is theirs; any mismatch is "not found", never another shopper's data. @see R0.3 */
const own = (session: ChatSession, state: Conversation.Conversation | null) => {
  const access = {
    shopId: session.shopId as Ids.ShopId,
    customerId: session.customerId as Ids.CustomerId,
    conversationId: session.conversationId as Ids.ConversationId,
  }
  return state === null || !Access.customerCanAccess(access, state)
    ? Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: session.conversationId }))
    : Effect.succeed(state)
}

/** Loads the session's conversation (for reading it; a command checks the state it is decided on). */
const ownConversation = Effect.fn("Shopper.ownConversation")(function* (session: ChatSession) {
  const state = yield* (yield* Conversations).load(
    session.shopId as Ids.ShopId,
    session.conversationId as Ids.ConversationId,
  )
  return yield* own(session, state)
})

const cartOf = Effect.fn("Shopper.cartOf")(function* (state: Conversation.Conversation) {
  const applied =
    state.appliedDiscount === null
      ? null
      : yield* (yield* Commerce.Commerce).discount(state.shopId, state.appliedDiscount)
  const cart: StoreCart = {
    lines: state.cart.lines,
    subtotal: Cart.subtotal(state.cart),
    appliedDiscount: applied === null ? null : Discount.toCard(applied),
  }
  return cart
})

export const chatView = Effect.fn("Shopper.chatView")(function* (session: ChatSession) {
  const state = yield* ownConversation(session)
  const shop = yield* (yield* Directory).shop(session.shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId: session.shopId }))
  const events = yield* (yield* Conversations).events(state.shopId, state.id)
  const shared = new Map<string, Discount.DiscountCard>()
  for (const e of events)
    if (e.event._tag === "ReplySent" && e.event.discount !== null)
      shared.set(e.event.discount.code, e.event.discount)
  const view: ChatView = {
    conversation: {
      id: state.id,
      shop,
      platform: state.platform,
      status: state.status,
      startedAt: state.startedAt,
      customerEmail: state.customerEmail,
    },
    thread: shopperItems(events),
    cart: yield* cartOf(state),
    sharedDiscounts: [...shared.values()],
  }
  return view
})

/**
 * A shopper's message, classified before it commits so the message and its topic land together. @see R5, R10, R18
 * `language` is the shopper's (their page's Accept-Language): it picks the automatic reply's text.
 * Untraced: it runs on every shopper message, where a named Effect.fn's span and stack frame cost ~10 µs a call
 * and no tracer reads them (#17).
 */
export const sendMessage = Effect.fnUntraced(function* (
  session: ChatSession,
  body: ChatMessageBody,
  language?: I18n.Locale,
) {
  const shopId = session.shopId as Ids.ShopId
  const classifier = yield* TopicClassifier
  const store = yield* Conversations
  const classification = (body.hasImage ?? false) ? null : yield* classifier.classify(body.text)
  const automaticReply = yield* automaticReplyFor(shopId, language)
  const committed = yield* store.execute({
    shopId,
    conversationId: session.conversationId as Ids.ConversationId,
    // Whose conversation it is is checked on the state the message is decided on: nothing is read before.
    command: (state) =>
      own(session, state).pipe(
        Effect.as({
          _tag: "ReceiveCustomerMessage" as const,
          messageId: body.clientMessageId,
          text: body.text,
          hasImage: body.hasImage ?? false,
          classification,
          ...automaticReply,
        }),
      ),
    onCommitted: publish(shopId),
  })
  const answer: ChatMessageSent = { items: shopperItems(committed.events) }
  return answer
})

const cartCommand = <E>(
  session: ChatSession,
  command: (state: Conversation.Conversation) => Effect.Effect<Command.ConversationCommand, E>,
) =>
  Effect.gen(function* () {
    const shopId = session.shopId as Ids.ShopId
    const committed = yield* (yield* Conversations).execute({
      shopId,
      conversationId: session.conversationId as Ids.ConversationId,
      command: (s): Effect.Effect<Command.ConversationCommand, E | ConversationErrors.ConversationNotFound> =>
        own(session, s).pipe(Effect.flatMap(command)),
      onCommitted: publish(shopId),
    })
    const answer: CartResponse = { cart: yield* cartOf(committed.conversation) }
    return answer
  }).pipe(Effect.withSpan("Shopper.cartCommand"))

/** @see R6, R7 */
export const addToCart = (session: ChatSession, variantId: string, quantity: number) =>
  Effect.gen(function* () {
    const found = yield* (yield* Commerce.Commerce).variant(session.shopId as Ids.ShopId, variantId)
    // Shoppers only buy what the online store sells.
    if (found === null || !Product.isShareable(found.product))
      return yield* Effect.fail(new VariantNotFound({ variantId }))
    return yield* cartCommand(session, () =>
      Effect.succeed({
        _tag: "AddCartItem" as const,
        line: {
          productId: found.product.id,
          variantId: found.variant.id,
          title: found.product.title,
          variantTitle: found.variant.title,
          quantity,
          unitPrice: found.variant.price,
        },
        // The store's stock: the cart never holds more than is left (core decide); untracked stock is no limit. @see R7
        ...(found.variant.stock === null ? {} : { available: found.variant.stock }),
      }),
    )
  })

/** @see R6 */
export const removeFromCart = (session: ChatSession, variantId: Ids.VariantId, quantity: number) =>
  cartCommand(session, () => Effect.succeed({ _tag: "RemoveCartItem" as const, variantId, quantity }))

/** Applies a code shared in this chat to the cart. @see R17 */
export const applyDiscount = (session: ChatSession, raw: string) =>
  cartCommand(session, () => {
    const code = Schema.decodeUnknownOption(Ids.DiscountCode)(Discount.normalizeCode(raw))
    return Option.isNone(code)
      ? Effect.fail(new DiscountErrors.DiscountNotFound({ code: raw }))
      : Effect.succeed({ _tag: "ApplySharedDiscount" as const, code: code.value })
  })

/** The shopper's socket opened or (after the grace period) closed. @see R8, R9 */
export const changePresence = Effect.fn("Shopper.changePresence")(function* (
  shopId: Ids.ShopId,
  conversationId: Ids.ConversationId,
  online: boolean,
) {
  yield* (yield* Conversations).execute({
    shopId,
    conversationId,
    command: (s) =>
      s === null
        ? Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId }))
        : Effect.succeed({ _tag: "ChangePresence" as const, online }),
    onCommitted: publish(shopId),
  })
})

export const now = Clock.currentTimeMillis.pipe(Effect.map(Time.instant))
