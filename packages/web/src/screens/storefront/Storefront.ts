/**
 * The demo storefront: a product grid with add/remove (driving the cart events R6 and header R7 the
 * merchant sees), the cart with any applied discount (R17), and the chat bubble.
 */
import * as Store from "../../api/storefront.ts"
import type { StorePage, StoreProduct, StoreVariant } from "../../api/types.ts"
import { formatMoney, productPlaceholder, safeUrl } from "../../components/Cards.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { toast } from "../../components/Toast.ts"
import { errorText, onLocaleChange, ui } from "../../i18n/Locale.ts"
import { languageSwitch } from "../inbox/TopBar.ts"
import { createChatWidget } from "./ChatWidget.ts"
import { add, removeOne, type ShopperLine, subtotalOf } from "./ShopperCart.ts"

export const startStorefront = (root: HTMLElement, page: StorePage): void => {
  const cartKey = `inbox.cart.${page.shop.id}`
  const byVariant = new Map<string, { product: StoreProduct; variant: StoreVariant }>(
    page.products.flatMap((p) => p.variants.map((v) => [v.id, { product: p, variant: v }] as const)),
  )
  let lines: ShopperLine[] = restore()
  let discount: string | null = null
  const grid = h("ul", { class: "grid", "aria-label": ui().store.products })
  const cartView = h("aside", { class: "cart", "aria-labelledby": "cart-title" })

  function restore(): ShopperLine[] {
    try {
      const saved = JSON.parse(localStorage.getItem(cartKey) ?? "[]") as {
        variantId: string
        quantity: number
      }[]
      return saved.flatMap((s) => {
        const found = byVariant.get(s.variantId)
        return found ? [{ ...found, quantity: s.quantity }] : []
      })
    } catch {
      return []
    }
  }
  const persist = () =>
    localStorage.setItem(
      cartKey,
      JSON.stringify(lines.map((l) => ({ variantId: l.variant.id, quantity: l.quantity }))),
    )

  const chat = createChatWidget({
    shopId: page.shop.id,
    shopName: page.shop.name,
    onSession: async (token) => {
      for (const l of lines) await Store.addToCart(token, l.variant.id, l.quantity)
    },
    onDiscountApplied: (code) => {
      discount = code
      renderCart()
    },
    onCart: (cart) => {
      lines = cart.lines.flatMap((l) => {
        const found = byVariant.get(l.variantId)
        return found ? [{ ...found, quantity: l.quantity }] : []
      })
      persist()
      renderCart()
    },
  })

  const change = async (next: ShopperLine[], remote: (token: string) => Promise<unknown>) => {
    const before = lines
    lines = next
    persist()
    renderCart()
    renderGrid()
    const token = chat.token()
    if (!token) return
    try {
      await remote(token)
    } catch (e) {
      lines = before
      persist()
      renderCart()
      renderGrid()
      toast(errorText(e), "error")
    }
  }

  /** Untracked inventory (null stock) is always available. */
  const available = (v: StoreProduct["variants"][number]): boolean => v.stock === null || v.stock > 0

  const productView = (p: StoreProduct) => {
    const s = ui().store
    const src = safeUrl(p.imageUrl)
    let variant = p.variants.find(available) ?? p.variants[0]
    const select =
      p.variants.length > 1
        ? h(
            "select",
            {
              class: "select select--small",
              "aria-label": `${s.variant}: ${p.title}`,
              onchange: (e: Event) => {
                variant = p.variants.find((v) => v.id === (e.target as HTMLSelectElement).value) ?? variant
              },
            },
            p.variants.map((v) =>
              h(
                "option",
                { value: v.id, disabled: !available(v), selected: v === variant },
                `${v.title} · ${formatMoney(v.price)}${available(v) ? "" : ` · ${s.outOfStock}`}`,
              ),
            ),
          )
        : null
    const soldOut = p.variants.every((v) => !available(v))
    return h(
      "li",
      { class: "product" },
      src
        ? h("img", { class: "product__image", src, alt: "", loading: "lazy" })
        : productPlaceholder(p.title, "product__image product__image--empty"),
      h("h3", { class: "product__title" }, p.title),
      h("p", { class: "product__price" }, formatMoney(p.price)),
      select,
      h(
        "button",
        {
          type: "button",
          class: "button button--primary",
          disabled: soldOut || variant === undefined,
          "aria-label": soldOut ? s.soldOut(p.title) : s.add(p.title),
          onclick: () => {
            const v = variant
            if (v) void change(add(lines, p, v), (token) => Store.addToCart(token, v.id, 1))
          },
        },
        soldOut ? s.outOfStock : s.addShort,
      ),
    )
  }

  const renderGrid = () => replaceChildren(grid, page.products.map(productView))

  const renderCart = () => {
    const s = ui().store
    replaceChildren(cartView, [
      h("h2", { id: "cart-title", class: "cart__title" }, s.cart),
      lines.length === 0
        ? h("p", { class: "muted" }, s.cartEmpty)
        : h(
            "ul",
            { class: "cart__lines" },
            lines.map((l) =>
              h(
                "li",
                { class: "cart__line" },
                h("span", { class: "cart__name" }, `${l.quantity} × ${l.product.title}`),
                l.product.variants.length > 1 ? h("span", { class: "muted" }, l.variant.title) : null,
                h(
                  "span",
                  { class: "cart__price" },
                  formatMoney({ ...l.variant.price, amount: l.variant.price.amount * l.quantity }),
                ),
                h(
                  "button",
                  {
                    type: "button",
                    class: "icon-button",
                    "aria-label": s.removeOne(l.product.title),
                    onclick: () =>
                      void change(removeOne(lines, l.variant.id), (token) =>
                        Store.removeFromCart(token, l.variant.id, 1),
                      ),
                  },
                  icon(icons.close, 16),
                ),
              ),
            ),
          ),
      h(
        "p",
        { class: "cart__subtotal" },
        h("span", null, s.subtotal),
        h("strong", null, formatMoney(subtotalOf(lines, page.shop.currency))),
      ),
      discount
        ? h(
            "p",
            { class: "cart__discount", role: "status" },
            icon(icons.tag, 16),
            s.discountApplied(discount),
          )
        : null,
    ])
  }

  const render = () => {
    const s = ui().store
    document.title = page.shop.name
    replaceChildren(root, [
      h(
        "header",
        { class: "store-header" },
        h("a", { class: "store-header__brand", href: location.pathname }, page.shop.name),
        h("span", { class: "topbar__spacer" }),
        languageSwitch(),
      ),
      h(
        "main",
        { class: "store-main" },
        h("section", { class: "hero" }, h("h1", null, page.shop.name), h("p", null, s.tagline)),
        h(
          "div",
          { class: "store-layout" },
          h(
            "section",
            { "aria-labelledby": "products-title" },
            h("h2", { id: "products-title", class: "section-title" }, s.products),
            grid,
          ),
          cartView,
        ),
      ),
      chat.element,
    ])
    renderGrid()
    renderCart()
  }

  render()
  onLocaleChange(() => {
    render()
    chat.rerender()
  })
}
