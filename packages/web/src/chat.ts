/**
 * Entry of the chat frame (`/widget/:shopId`), the page widget.js embeds on the merchant's storefront: the
 * chat panel, fed by the page's bridge (cart, signed-in customer, language) and telling it back what the
 * page must know (a session exists, unread messages, codes to put in the store's cart).
 */
import "./styles/base.css"
import "./styles/chat.css"
import * as Store from "./api/storefront.ts"
import type { StoreCart } from "./api/types.ts"
import { h } from "./components/element.ts"
import { errorText, onLocaleChange, setLocale, ui } from "./i18n/Locale.ts"
import { createCartSync } from "./screens/storefront/CartSync.ts"
import { createChatPanel } from "./screens/storefront/ChatPanel.ts"
import { embedderOrigin, linkToHost } from "./widget/HostLink.ts"
import { type Identity, locale as pickLocale } from "./widget/protocol.ts"

const root = document.getElementById("chat")!
const shopId = location.pathname.match(/^\/widget\/([A-Za-z0-9_-]+)/)?.[1] ?? ""
const storefront = embedderOrigin()
const params = new URLSearchParams(location.search)
if (params.has("locale")) setLocale(pickLocale(params.get("locale")))

const fail = (text: string) => root.replaceChildren(h("p", { class: "chat__error", role: "alert" }, text))

const start = async (origin: string) => {
  const config = await Store.widget(shopId, origin)
  let identity: Identity | null = null
  let visible = false
  let unread = 0
  const pending = new Map<string, (ok: boolean) => void>()
  let nextId = 0

  const host = linkToHost(origin, (message) => {
    switch (message._tag) {
      case "Init":
        identity = message.identity
        visible = message.open
        setLocale(message.locale)
        panel.identityChanged()
        void cart.setWanted(message.cart)
        return
      case "Cart":
        void cart.setWanted(message.lines)
        return
      case "Identify":
        identity = message.identity
        panel.identityChanged()
        return
      case "Locale":
        setLocale(message.locale)
        return
      case "Visibility":
        visible = message.open
        if (visible) {
          unread = 0
          host.send({ _tag: "Unread", count: 0 })
          panel.focus()
        }
        return
      case "DiscountResult":
        pending.get(message.id)?.(message.ok)
        pending.delete(message.id)
        return
    }
  })

  const cart = createCartSync({ token: () => panel.token(), onCart: () => {} })
  const panel = createChatPanel({
    shopId,
    shopName: config.shop.name,
    storefront: origin,
    identity: () => identity,
    onSession: (token) => {
      host.send({ _tag: "Session", active: token !== null })
      if (token !== null) void cart.sessionChanged()
    },
    onCart: (c: StoreCart) => cart.setKnown(c),
    applyToStore: (code) =>
      new Promise<boolean>((resolve) => {
        const id = String(nextId++)
        pending.set(id, resolve)
        host.send({ _tag: "ApplyDiscount", id, code })
        // A page that never answers (no handler, a script error) leaves the code for the checkout.
        setTimeout(() => {
          if (pending.delete(id)) resolve(false)
        }, 15_000)
      }),
    onShopMessage: (item) => {
      if (item.event._tag === "ReplySent" && item.event.discount !== null)
        host.send({ _tag: "DiscountShared", code: item.event.discount.code })
      if (!visible) host.send({ _tag: "Unread", count: ++unread })
    },
    onClose: () => host.send({ _tag: "Close" }),
  })
  document.title = config.shop.name
  root.replaceChildren(panel.element)
  onLocaleChange(() => panel.rerender())
  addEventListener("keydown", (e) => {
    if (e.key === "Escape") host.send({ _tag: "Close" })
  })
}

if (shopId === "" || storefront === null || parent === window) fail(ui().store.notFramed)
else start(storefront).catch((e) => fail(errorText(e)))
