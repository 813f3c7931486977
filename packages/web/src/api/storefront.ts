/** The storefront chat widget's calls, by name, over the declared API (shopper chat-session token). */
import { Api } from "@inbox/core/wire"
import { call } from "./http.ts"

const A = Api

export const store = (shopId: string) => call(A.storefront.store, { params: { shopId } })

export const startChat = (shopId: string, email: string | null, name: string | null, clientId: string) =>
  call(A.storefront.startChat, { params: { shopId }, body: { email, clientId, ...(name ? { name } : {}) } })

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
