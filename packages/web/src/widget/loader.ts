/**
 * widget.js, the one tag a merchant adds: `<script src="https://INBOX/widget.js" data-shop="SHOP" async>`.
 * It defines `window.Inbox`, asks the inbox whether this site may show the shop's chat (CORS answers only
 * the shop's listed origins), mounts the bubble, and loads the chat frame only when it is opened, or at once
 * when this browser already has a conversation (so the shopper shows as online and cart events flow).
 */
import { createBridge, type InboxApi, invoke } from "./Bridge.ts"
import { mountLauncher } from "./Launcher.ts"
import { identity, type Locale, locale as pickLocale } from "./protocol.ts"
import { followShopifyCart, isShopify } from "./ShopifyCart.ts"

declare global {
  interface Window {
    Inbox?: InboxApi | ReadonlyArray<readonly [string, ...unknown[]]>
  }
}

const tag = (document.currentScript ??
  document.querySelector('script[src*="/widget.js"][data-shop]')) as HTMLScriptElement | null

const storage = {
  get: (key: string): string | null => {
    try {
      return localStorage.getItem(key)
    } catch {
      return null
    }
  },
  set: (key: string, value: string | null) => {
    try {
      if (value === null) localStorage.removeItem(key)
      else localStorage.setItem(key, value)
    } catch {
      // Storage blocked: the frame then loads when the bubble is opened, which still works.
    }
  },
}

const start = (script: HTMLScriptElement) => {
  const shop = script.dataset.shop ?? ""
  const inbox = new URL(script.src).origin
  const sessionKey = `inbox:session:${shop}`
  const currentLocale = (): Locale =>
    pickLocale(script.dataset.locale || document.documentElement.lang || navigator.language)
  const data = script.dataset
  const signedIn = data.customerId
    ? identity({
        id: data.customerId,
        email: data.customerEmail ?? null,
        name: data.customerName ?? null,
        signature: data.customerSignature,
      })
    : null

  let launcher: ReturnType<typeof mountLauncher> | null = null
  const bridge = createBridge(
    {
      inboxOrigin: inbox,
      frame: () => launcher?.frame() ?? null,
      isOpen: () => launcher?.isOpen() ?? false,
      setOpen: (open) => launcher?.setOpen(open),
      locale: currentLocale,
      onFrame: (message) => {
        if (message._tag === "Session") storage.set(sessionKey, message.active ? "1" : null)
        else if (message._tag === "Close") launcher?.setOpen(false)
        else if (message._tag === "Unread") launcher?.setUnread(message.count)
      },
    },
    signedIn,
  )

  const queued = Array.isArray(window.Inbox) ? window.Inbox : []
  window.Inbox = bridge.api
  for (const call of queued) invoke(bridge.api, call)
  if (data.platform === "shopify" || (data.platform !== "none" && isShopify())) followShopifyCart(bridge.api)
  dispatchEvent(new Event("inbox:ready"))

  fetch(`${inbox}/api/store/${encodeURIComponent(shop)}/widget`, { headers: { accept: "application/json" } })
    .then((r) => (r.ok ? (r.json() as Promise<{ shop: { name: string } }>) : Promise.reject(r.status)))
    .then(
      (config) => {
        const query = new URLSearchParams({ origin: location.origin, locale: currentLocale() })
        launcher = mountLauncher({
          shopName: config.shop.name,
          frameUrl: `${inbox}/widget/${encodeURIComponent(shop)}?${query}`,
          locale: currentLocale(),
          onToggle: (open) => bridge.send({ _tag: "Visibility", open }),
        })
        if (storage.get(sessionKey) === "1") launcher.ensureFrame()
        // The store's language switch changes <html lang>: the bubble and the chat follow it.
        new MutationObserver(() => {
          launcher?.setLocale(currentLocale())
          bridge.send({ _tag: "Locale", locale: currentLocale() })
        }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] })
      },
      () =>
        console.warn(
          `Inbox: the chat of shop "${shop}" is not available on ${location.origin}. Add this address under ` +
            "Settings → Chat on your store in the inbox (or check that the inbox is reachable).",
        ),
    )
}

if (tag === null || !tag.dataset.shop) console.warn("Inbox: widget.js needs data-shop on its script tag")
else if (!window.Inbox || Array.isArray(window.Inbox)) start(tag)
