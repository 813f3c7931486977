/**
 * The demo shop's theme on its own origin: a product grid (and a product page at `/products/<handle>`),
 * the cart from the Ajax Cart API with any discount code in it, and a language switch. The chat is not
 * part of the theme: widget.js, added by one tag, puts it on the page like on any merchant's site.
 */
import { formatMoney, productPlaceholder, safeUrl } from "../../components/Cards.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { toast } from "../../components/Toast.ts"
import { onLocaleChange, ui } from "../../i18n/Locale.ts"
import { languageSwitch } from "../inbox/TopBar.ts"
import * as Cart from "./ThemeCart.ts"

type Product = Cart.ThemeCatalogue["products"][number]

export const startStorefront = (
  root: HTMLElement,
  catalogue: Cart.ThemeCatalogue,
  shopName: string,
): void => {
  let cart: Cart.AjaxCart | null = null
  const money = (amount: number) => formatMoney({ amount, currency: catalogue.currency })
  const handle = location.pathname.match(/^\/products\/([a-z0-9-]+)$/)?.[1] ?? null
  const featured = catalogue.products.find((p) => p.handle === handle) ?? null
  const grid = h("ul", { class: "grid", "aria-label": ui().store.products })
  const cartView = h("aside", { class: "cart", "aria-labelledby": "cart-title" })

  const refresh = async () => {
    cart = await Cart.read()
    renderCart()
  }
  const attempt = async (action: () => Promise<unknown>) => {
    try {
      await action()
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), "error")
    }
    await refresh()
  }

  /** Untracked inventory (null stock) is always available. */
  const available = (v: Product["variants"][number]): boolean => v.stock === null || v.stock > 0

  const productView = (p: Product, tag: "li" | "article" = "li") => {
    const s = ui().store
    const src = safeUrl(p.imageUrl)
    let variant = p.variants.find(available) ?? p.variants[0]
    const soldOut = p.variants.every((v) => !available(v))
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
                `${v.title} · ${money(v.price)}${available(v) ? "" : ` · ${s.outOfStock}`}`,
              ),
            ),
          )
        : null
    return h(
      tag,
      { class: tag === "li" ? "product" : "product product--featured", id: `product-${p.handle}` },
      src
        ? h("img", { class: "product__image", src, alt: "", loading: "lazy" })
        : productPlaceholder(p.title, "product__image product__image--empty"),
      tag === "li"
        ? h("h3", { class: "product__title" }, h("a", { href: `/products/${p.handle}` }, p.title))
        : h("h1", { class: "product__title" }, p.title),
      h("p", { class: "product__price" }, money(p.variants[0]?.price ?? 0)),
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
            if (v) void attempt(() => Cart.add(v.id, 1))
          },
        },
        soldOut ? s.outOfStock : s.addShort,
      ),
    )
  }

  const renderCart = () => {
    const s = ui().store
    const lines = cart?.items ?? []
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
                h("span", { class: "cart__name" }, `${l.quantity} × ${l.product_title}`),
                l.variant_title === null ? null : h("span", { class: "muted" }, l.variant_title),
                h("span", { class: "cart__price" }, money(l.line_price)),
                h(
                  "button",
                  {
                    type: "button",
                    class: "icon-button",
                    "aria-label": s.removeOne(l.product_title),
                    onclick: () => void attempt(() => Cart.change(l.key, l.quantity - 1)),
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
        h("strong", null, money(cart?.total_price ?? 0)),
      ),
      (cart?.discount_codes ?? []).map((d) =>
        h("p", { class: "cart__discount", role: "status" }, icon(icons.tag, 16), s.discountApplied(d.code)),
      ),
    ])
  }

  const render = () => {
    const s = ui().store
    document.title = featured === null ? shopName : `${featured.title} · ${shopName}`
    replaceChildren(root, [
      h(
        "header",
        { class: "store-header" },
        h("a", { class: "store-header__brand", href: "/" }, shopName),
        h("span", { class: "topbar__spacer" }),
        languageSwitch(),
      ),
      h(
        "main",
        { class: "store-main" },
        featured === null
          ? h("section", { class: "hero" }, h("h1", null, shopName), h("p", null, s.tagline))
          : h("section", { class: "hero" }, productView(featured, "article")),
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
    ])
    replaceChildren(
      grid,
      catalogue.products.map((p) => productView(p)),
    )
    renderCart()
  }

  render()
  void refresh()
  // A cart changed outside the theme (the chat applied a code) is redrawn on the theme's usual event.
  document.addEventListener("cart:refresh", () => void refresh())
  onLocaleChange(render)
}
