/**
 * Settings → Store connection: which store the inbox reads (its own tables, or the connected Shopify store),
 * the API version, the last sync and webhook health, the URLs to give Shopify, and connect / sync now /
 * disconnect.
 */
import "../../styles/tools.css"
import "../../styles/commerce.css"
import type { StoreConnectionView } from "@inbox/core/wire"
import * as Api from "../../api/store.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { toast } from "../../components/Toast.ts"
import { dateTime, errorText, ui } from "../../i18n/Locale.ts"

const row = (label: string, value: string | null) =>
  value === null || value === ""
    ? null
    : h("div", { class: "field" }, h("dt", null, label), h("dd", null, value))

const when = (at: number | null, never: string) => (at === null ? never : dateTime(at))

export const openStoreConnection = async (): Promise<void> => {
  const t = ui().storeConnection
  let view: StoreConnectionView
  try {
    view = await Api.storeConnection()
  } catch (e) {
    toast(errorText(e), "error")
    return
  }
  const error = h("p", { class: "dialog__error", role: "alert" })
  const body = h("div", { class: "store-connection" })
  const render = (v: StoreConnectionView) => {
    const connected = v.source === "shopify"
    const shop = h("input", {
      class: "input",
      id: "store-shop",
      placeholder: "your-store.myshopify.com",
      autocomplete: "off",
      spellcheck: false,
      value: v.shopDomain ?? "",
    })
    const connect = h(
      "form",
      {
        class: "store-connection__connect",
        "aria-label": t.connect,
        onsubmit: async (e: Event) => {
          e.preventDefault()
          error.textContent = ""
          try {
            const { location: to } = await Api.connectStore(shop.value.trim().toLowerCase())
            // Shopify asks the merchant to approve the app, then sends them back to this page.
            window.location.assign(to)
          } catch (err) {
            error.textContent = errorText(err)
          }
        },
      },
      h("label", { class: "label", for: "store-shop" }, t.shopDomain),
      shop,
      h("button", { type: "submit", class: "button button--primary" }, connected ? t.reconnect : t.connect),
    )
    const sync = h(
      "button",
      {
        type: "button",
        class: "button",
        onclick: async (e: Event) => {
          const button = e.currentTarget as HTMLButtonElement
          error.textContent = ""
          button.disabled = true
          try {
            const after = await Api.syncStore()
            render(after)
            if (after.lastSyncError === null) toast(t.synced)
          } catch (err) {
            error.textContent = errorText(err)
            button.disabled = false
          }
        },
      },
      t.syncNow,
    )
    const disconnect = h(
      "button",
      {
        type: "button",
        class: "button",
        onclick: async () => {
          error.textContent = ""
          try {
            render(await Api.disconnectStore())
            toast(t.disconnected)
          } catch (err) {
            error.textContent = errorText(err)
          }
        },
      },
      t.disconnect,
    )
    replaceChildren(body, [
      h(
        "p",
        { class: "store-connection__source", role: "status" },
        connected ? t.sourceShopify(v.storeName ?? v.shopDomain ?? "") : t.sourceBuiltin,
      ),
      h(
        "dl",
        { class: "fields" },
        row(t.shop, v.shopDomain),
        row(t.status, v.status === null ? null : v.status === "connected" ? t.connected : t.revoked),
        row(t.apiVersion, v.apiVersion),
        row(t.scopes, v.scopes),
        v.connectedAt === null ? null : row(t.connectedAt, dateTime(v.connectedAt)),
        v.source === "shopify" || v.status !== null ? row(t.lastSync, when(v.lastSyncAt, t.never)) : null,
        row(t.lastSyncError, v.lastSyncError),
        v.status === null
          ? null
          : row(t.webhooks, t.webhookHealth(v.webhooksReceived, when(v.lastWebhookAt, t.never))),
      ),
      v.shopifyAvailable ? connect : h("p", { class: "dialog__hint" }, t.notConfigured),
      connected ? h("div", { class: "store-connection__actions" }, sync, disconnect) : null,
      h("h3", { class: "store-connection__heading" }, t.setupTitle),
      h("p", { class: "dialog__hint" }, t.setupHint),
      h(
        "dl",
        { class: "fields store-connection__urls" },
        row(t.appUrl, v.urls.install),
        row(t.redirectUrl, v.urls.callback),
        row(t.webhookUrl, v.urls.webhooks),
      ),
      h("p", { class: "dialog__hint" }, t.importHint),
    ])
  }
  render(view)
  const dialog = openDialog(t.title, [
    error,
    body,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.close),
    ),
  ])
}
