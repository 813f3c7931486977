/** The shopper's API: the store, the widget's config, the chat, the cart and shared codes. @see R0.3, R6, R7, R17 */
import type { Api } from "@inbox/core/wire"
import type { HttpHandlers } from "../http/serve.ts"
import * as Shopper from "../workflows/Shopper.ts"
import * as Storefront from "../workflows/Storefront.ts"

export const storefrontHandlers: HttpHandlers<typeof Api.storefront> = {
  store: ({ params }) => Shopper.store(params.shopId),
  widget: ({ params, query, exchange }) =>
    Storefront.widgetConfig(params.shopId, exchange.origin, query.origin),
  startChat: ({ params, body, exchange }) => Shopper.startChat(params.shopId, body, exchange.origin),
}

export const chatHandlers: HttpHandlers<typeof Api.chat> = {
  view: ({ chat }) => Shopper.chatView(chat),
  send: ({ chat, body, locale }) => Shopper.sendMessage(chat, body, locale),
  addToCart: ({ chat, body }) => Shopper.addToCart(chat, body.variantId, body.quantity),
  removeFromCart: ({ chat, body }) => Shopper.removeFromCart(chat, body.variantId, body.quantity),
  applyDiscount: ({ chat, body }) => Shopper.applyDiscount(chat, body.code),
}
