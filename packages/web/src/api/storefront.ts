/** The storefront chat's calls, by name, over the declared API, made from the inbox's chat frame. */
import { Api, type StartChatBody } from "@inbox/core/wire"
import { call } from "./http.ts"

const A = Api

export const store = (shopId: string) => call(A.storefront.store, { params: { shopId } })

/** The widget's config, for the storefront the frame is embedded in. */
export const widget = (shopId: string, origin: string) =>
  call(A.storefront.widget, { params: { shopId }, query: { origin } })

export interface StartChat {
  readonly email: string | null
  readonly name: string | null
  readonly clientId: string
  /** The storefront the frame is embedded in (the request itself comes from the inbox's origin). */
  readonly origin: string
  readonly identity: StartChatBody["identity"] | null
}

export const startChat = (shopId: string, start: StartChat) =>
  call(A.storefront.startChat, {
    params: { shopId },
    body: {
      email: start.email,
      clientId: start.clientId,
      origin: start.origin,
      ...(start.name ? { name: start.name } : {}),
      ...(start.identity ? { identity: start.identity } : {}),
    },
  })

export const chat = (token: string) => call(A.chat.view, { token })

export const send = (token: string, clientMessageId: string, text: string) =>
  call(A.chat.send, { token, body: { clientMessageId, text } })

export const addToCart = (token: string, variantId: string, quantity: number) =>
  call(A.chat.addToCart, { token, body: { variantId, quantity } })

export const removeFromCart = (token: string, variantId: string, quantity: number) =>
  call(A.chat.removeFromCart, { token, body: { variantId, quantity } })

export const applyDiscount = (token: string, code: string) =>
  call(A.chat.applyDiscount, { token, body: { code } })

export type StoreAvailability = typeof A.availability.store.success.Type

export const storeAvailability = (shopId: string) => call(A.availability.store, { params: { shopId } })
