/** How a cart change is described in the conversation. Pure; @see R6 */
import type { Locale, Messages } from "../i18n/Messages.ts"
import { messages } from "../i18n/Messages.ts"

/** A product name is shown only when it has fewer than 41 user-perceived characters. @see R6 */
export const MAX_NAMED_PRODUCT_GRAPHEMES = 40

// A fixed locale: grapheme boundaries are locale-independent, and the host's default locale is ambient state.
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" })

/** Counts grapheme clusters (an emoji or an accented letter is one). */
export const graphemeLength = (s: string): number => {
  let n = 0
  for (const _ of segmenter.segment(s)) n++
  return n
}

export const namesProduct = (title: string): boolean => graphemeLength(title) <= MAX_NAMED_PRODUCT_GRAPHEMES

export type CartChange = "added" | "removed"

/** e.g. "Added Linen shirt to the cart" or, for a long name, "Added a product to the cart". @see R6 */
export const describe = (change: CartChange, title: string, locale: Locale): string => {
  const m: Messages = messages(locale)
  if (namesProduct(title)) return change === "added" ? m.cart.addedNamed(title) : m.cart.removedNamed(title)
  return change === "added" ? m.cart.addedUnnamed : m.cart.removedUnnamed
}
