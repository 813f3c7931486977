/**
 * Product and discount cards, as both the merchant's thread and the shopper's chat show them. Titles and
 * codes are text nodes: a product named `<script>` shows as those characters.
 */
import { Money, StorefrontOrigin } from "@inbox/core"
import type { DiscountCard, DiscountValue, ProductCard } from "../api/types.ts"
import { locale, ui } from "../i18n/Locale.ts"
import { h, icon } from "./element.ts"
import { icons } from "./icons.ts"

export const formatMoney = (m: Money.Money): string => Money.format(m, locale())

export const describeDiscount = (v: DiscountValue): string => {
  const s = ui().discountValue
  switch (v._tag) {
    case "percentage":
      return s.percentage(v.percent)
    case "fixed_amount":
      return s.fixed(formatMoney({ amount: v.amount, currency: v.currency }))
    case "free_shipping":
      return s.freeShipping
  }
}

/** Only http(s) and same-origin paths are followed; anything else (javascript:, data:) is dropped. */
export const safeUrl = (url: string | null | undefined): string | null => {
  if (!url) return null
  try {
    const u = new URL(url, location.origin)
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null
  } catch {
    return null
  }
}

/** A calm, stable colour per product for catalogues without photos (same title, same colour). */
export const placeholderHue = (title: string): number => {
  let hash = 0
  for (const ch of title) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) % 360
  return hash
}

/** The stand-in for a missing product photo: the product's initial on its own soft colour. */
export const productPlaceholder = (title: string, className: string): HTMLElement => {
  const el = h("span", { class: `placeholder ${className}`, "aria-hidden": "true" }, [...title][0] ?? "")
  el.style.setProperty("--hue", String(placeholderHue(title)))
  return el
}

export interface ProductLink {
  /** The storefront a catalogue path opens on; null: only absolute product URLs get a link. */
  readonly storefront: string | null
  /** `_top` in the storefront chat: the product page replaces the shop page the chat sits on. */
  readonly target: "_blank" | "_top"
}

/** Where the inbox's own product links open: the shop's primary storefront, once the inbox knows it. */
let primaryStorefront: string | null = null
export const setPrimaryStorefront = (origin: string | null): void => {
  primaryStorefront = origin
}

export const productCard = (
  p: ProductCard,
  link: ProductLink = { storefront: primaryStorefront, target: "_blank" },
): HTMLElement => {
  const src = safeUrl(p.imageUrl)
  const href = StorefrontOrigin.productUrl(p.url, link.storefront)
  return h(
    "article",
    { class: "product-card", "aria-label": `${ui().conversation.product}: ${p.title}` },
    src
      ? h("img", { src, alt: "", loading: "lazy", width: 56, height: 56 })
      : productPlaceholder(p.title, "product-card__placeholder"),
    h(
      "div",
      { class: "product-card__body" },
      href
        ? h(
            "a",
            {
              class: "product-card__title",
              href,
              target: link.target,
              rel: link.target === "_blank" ? "noopener noreferrer" : null,
            },
            p.title,
          )
        : h("span", { class: "product-card__title" }, p.title),
      h("span", { class: "product-card__price" }, formatMoney(p.price)),
    ),
  )
}

export const discountCard = (d: DiscountCard, action?: HTMLElement | null): HTMLElement =>
  h(
    "article",
    { class: "discount-card", "aria-label": `${ui().conversation.discount}: ${d.code}` },
    h("span", { class: "discount-card__icon" }, icon(icons.tag)),
    h(
      "div",
      { class: "discount-card__body" },
      h("span", { class: "discount-card__code" }, d.code),
      h("span", { class: "discount-card__value" }, describeDiscount(d.value)),
    ),
    action ?? null,
  )
