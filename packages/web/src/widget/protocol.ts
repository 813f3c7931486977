/**
 * The messages between the merchant's page (widget.js) and the chat frame served by the inbox, over one
 * MessagePort. Both sides decode what they receive with the guards below: the loader must stay a few
 * kilobytes, so these are hand-written checks rather than effect Schemas (which would be ten times its size).
 */

/** One cart line as the store reports it: the variant and how many. Titles and prices come from the catalogue. */
export interface CartLine {
  readonly variantId: string
  readonly quantity: number
}

/** The store's signed-in customer, signed by the store's server with the shop's identity secret. */
export interface Identity {
  readonly id: string
  readonly email: string | null
  readonly name: string | null
  /** Hex HMAC-SHA256 of `"<id>:<email>"` (email empty when absent) under the shop's identity secret. */
  readonly signature: string
}

export type Locale = "en" | "fr"

/** Page → frame. */
export type HostMessage =
  | {
      readonly _tag: "Init"
      readonly cart: ReadonlyArray<CartLine> | null
      readonly identity: Identity | null
      readonly locale: Locale
      readonly open: boolean
    }
  | { readonly _tag: "Cart"; readonly lines: ReadonlyArray<CartLine> }
  | { readonly _tag: "Identify"; readonly identity: Identity | null }
  | { readonly _tag: "Locale"; readonly locale: Locale }
  | { readonly _tag: "Visibility"; readonly open: boolean }
  /** The store applied (or failed to apply) a code the shopper chose in the chat. */
  | { readonly _tag: "DiscountResult"; readonly id: string; readonly ok: boolean }

/** Frame → page. */
export type FrameMessage =
  /** A chat session exists (or ended): the page loads the frame at once on its next visit (presence). */
  | { readonly _tag: "Session"; readonly active: boolean }
  | { readonly _tag: "Close" }
  /** Shop messages the shopper has not seen while the chat was closed. */
  | { readonly _tag: "Unread"; readonly count: number }
  /** The merchant shared a code in the chat. */
  | { readonly _tag: "DiscountShared"; readonly code: string }
  /** The shopper applied a shared code in the chat (the inbox accepted it): put it in the store's cart. */
  | { readonly _tag: "ApplyDiscount"; readonly id: string; readonly code: string }

/** The first message of the frame, posted to its parent window: "give me the port". */
export const READY = "inbox:ready"

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null
const isString = (u: unknown, max = 256): u is string => typeof u === "string" && u.length <= max
const isCount = (u: unknown): u is number => Number.isInteger(u) && (u as number) >= 0 && (u as number) < 1e6

/** A variant id and a whole quantity ≥ 0; anything else (NaN, objects, huge values) is dropped. */
export const cartLine = (u: unknown): CartLine | null => {
  if (!isRecord(u)) return null
  const id = typeof u.variantId === "number" ? String(u.variantId) : u.variantId
  const quantity = Number(u.quantity ?? 1)
  return isString(id, 128) && id !== "" && isCount(quantity) ? { variantId: id, quantity } : null
}

export const cartLines = (u: unknown): CartLine[] | null => {
  if (!Array.isArray(u) || u.length > 250) return null
  const byVariant = new Map<string, number>()
  for (const raw of u) {
    const line = cartLine(raw)
    if (line === null) return null
    byVariant.set(line.variantId, (byVariant.get(line.variantId) ?? 0) + line.quantity)
  }
  return [...byVariant].map(([variantId, quantity]) => ({ variantId, quantity }))
}

export const identity = (u: unknown): Identity | null => {
  if (!isRecord(u)) return null
  const id = typeof u.id === "number" ? String(u.id) : u.id
  const email = u.email ?? null
  const name = u.name ?? null
  if (!isString(id, 128) || id === "" || !isString(u.signature, 128)) return null
  if ((email !== null && !isString(email, 254)) || (name !== null && !isString(name, 120))) return null
  return { id, email: email || null, name: name || null, signature: u.signature }
}

export const locale = (u: unknown): Locale => (typeof u === "string" && /^fr\b/i.test(u) ? "fr" : "en")

export const hostMessage = (u: unknown): HostMessage | null => {
  if (!isRecord(u)) return null
  switch (u._tag) {
    case "Init": {
      const cart = u.cart === null ? null : cartLines(u.cart)
      const who = u.identity === null ? null : identity(u.identity)
      if ((u.cart !== null && cart === null) || (u.identity !== null && who === null)) return null
      return { _tag: "Init", cart, identity: who, locale: locale(u.locale), open: u.open === true }
    }
    case "Cart": {
      const lines = cartLines(u.lines)
      return lines === null ? null : { _tag: "Cart", lines }
    }
    case "Identify": {
      const who = u.identity === null ? null : identity(u.identity)
      return u.identity !== null && who === null ? null : { _tag: "Identify", identity: who }
    }
    case "Locale":
      return { _tag: "Locale", locale: locale(u.locale) }
    case "Visibility":
      return { _tag: "Visibility", open: u.open === true }
    case "DiscountResult":
      return isString(u.id) ? { _tag: "DiscountResult", id: u.id, ok: u.ok === true } : null
    default:
      return null
  }
}

export const frameMessage = (u: unknown): FrameMessage | null => {
  if (!isRecord(u)) return null
  switch (u._tag) {
    case "Session":
      return { _tag: "Session", active: u.active === true }
    case "Close":
      return { _tag: "Close" }
    case "Unread":
      return isCount(u.count) ? { _tag: "Unread", count: u.count } : null
    case "DiscountShared":
      return isString(u.code, 64) ? { _tag: "DiscountShared", code: u.code } : null
    case "ApplyDiscount":
      return isString(u.id) && isString(u.code, 64) ? { _tag: "ApplyDiscount", id: u.id, code: u.code } : null
    default:
      return null
  }
}
