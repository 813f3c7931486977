/** Typed calls of the storefront chat widget (shopper chat-session token). @see api-contract.md */
import type * as Wire from "@inbox/core/wire"
import { request } from "./http.ts"
import type { CartState, ChatMessageSent, ChatStarted, ChatState, StorePage } from "./types.ts"

const enc = encodeURIComponent

export const store = (shopId: string) => request<StorePage>("GET", `/api/store/${enc(shopId)}`)

export const startChat = (shopId: string, email: string | null, name: string | null, clientId: string) =>
  request<ChatStarted>("POST", `/api/store/${enc(shopId)}/chat`, {
    body: { email, clientId, ...(name ? { name } : {}) },
  })

export const chat = (token: string) => request<ChatState>("GET", "/api/store/chat", { bearer: token })

export const send = (token: string, clientMessageId: string, text: string) =>
  request<ChatMessageSent>("POST", "/api/store/chat/messages", {
    bearer: token,
    body: { clientMessageId, text },
  })

export const addToCart = (token: string, variantId: string, quantity: number) =>
  request<CartState>("POST", "/api/store/chat/cart", { bearer: token, body: { variantId, quantity } })

export const removeFromCart = (token: string, variantId: string, quantity: number) =>
  request<CartState>("POST", "/api/store/chat/cart/remove", { bearer: token, body: { variantId, quantity } })

export const applyDiscount = (token: string, code: string) =>
  request<CartState>("POST", "/api/store/chat/discount", { bearer: token, body: { code } })

export type StoreAvailability = Wire.StoreAvailability

export const storeAvailability = (shopId: string) =>
  request<StoreAvailability>("GET", `/api/store-availability/${enc(shopId)}`)
