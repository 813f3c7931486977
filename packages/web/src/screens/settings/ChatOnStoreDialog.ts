/**
 * "Chat on your store": the one tag to add to the merchant's site, the websites the chat may run on (the
 * owner edits them), the Content-Security-Policy sources to allow, and the identity secret for signed-in
 * customers (generated here, shown once).
 */
import "../../styles/tools.css"
import * as Api from "../../api/merchant.ts"
import type { Session } from "../../api/types.ts"
import { setPrimaryStorefront } from "../../components/Cards.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { toast } from "../../components/Toast.ts"
import { date, errorText, ui } from "../../i18n/Locale.ts"

const copyable = (label: string, value: string, rows = 1) => {
  const t = ui().chatOnStore
  const field = h("textarea", { class: "input code", rows, readonly: true, "aria-label": label })
  field.value = value
  const copy = h(
    "button",
    {
      type: "button",
      class: "button button--small",
      onclick: async () => {
        field.select()
        await navigator.clipboard?.writeText(value).catch(() => {})
        copy.textContent = t.copied
      },
    },
    t.copy,
  )
  return h("div", { class: "copyable" }, field, copy)
}

export const openChatOnStoreSettings = async (session: Session): Promise<void> => {
  const t = ui().chatOnStore
  let settings: Api.StorefrontSettingsView
  try {
    settings = await Api.storefrontSettings()
  } catch (e) {
    toast(errorText(e), "error")
    return
  }
  const owner = session.staff.isOwner
  const inbox = location.origin
  const tag = `<script src="${inbox}/widget.js" data-shop="${session.shop.id}" async></script>`
  const csp = [`script-src ${inbox}`, `frame-src ${inbox}`, `connect-src ${inbox}`].join("\n")

  const error = h("p", { class: "dialog__error", role: "alert" })
  const origins = h("textarea", {
    class: "input",
    id: "chat-origins",
    rows: 4,
    readonly: !owner,
    "aria-describedby": "chat-origins-hint",
  })
  origins.value = settings.allowedOrigins.join("\n")
  const identity = h("div", { class: "identity" })

  const renderIdentity = (secret: string | null = null) => {
    const s = settings.identity
    replaceChildren(identity, [
      h("p", null, s.enabled && s.createdAt !== null ? t.identityOn(date(s.createdAt)) : t.identityOff),
      h("p", { class: "dialog__hint" }, t.identityHint),
      secret === null ? null : h("p", { class: "dialog__hint", role: "status" }, t.secretOnce),
      secret === null ? null : copyable(t.secret, secret),
      owner
        ? h(
            "div",
            { class: "dialog__actions" },
            s.enabled
              ? h(
                  "button",
                  {
                    type: "button",
                    class: "button",
                    onclick: async () => {
                      try {
                        settings = await Api.removeIdentitySecret()
                        renderIdentity()
                      } catch (e) {
                        error.textContent = errorText(e)
                      }
                    },
                  },
                  t.turnOff,
                )
              : null,
            h(
              "button",
              {
                type: "button",
                class: "button",
                onclick: async () => {
                  try {
                    const created = await Api.createIdentitySecret()
                    settings = { ...settings, identity: { enabled: true, createdAt: created.createdAt } }
                    renderIdentity(created.secret)
                  } catch (e) {
                    error.textContent = errorText(e)
                  }
                },
              },
              s.enabled ? t.regenerate : t.generate,
            ),
          )
        : null,
    ])
  }
  renderIdentity()

  const form = h(
    "form",
    {
      class: "chat-on-store",
      "aria-label": t.title,
      onsubmit: async (e: Event) => {
        e.preventDefault()
        error.textContent = ""
        try {
          settings = await Api.saveAllowedOrigins(
            origins.value
              .split("\n")
              .map((o) => o.trim())
              .filter((o) => o !== ""),
          )
          origins.value = settings.allowedOrigins.join("\n")
          setPrimaryStorefront(settings.allowedOrigins[0] ?? null)
          toast(t.saved)
        } catch (err) {
          error.textContent = errorText(err)
        }
      },
    },
    error,
    h("p", { class: "label" }, t.snippet),
    copyable(t.snippet, tag, 2),
    h("label", { class: "label", for: "chat-origins" }, t.origins),
    origins,
    h("p", { class: "dialog__hint", id: "chat-origins-hint" }, owner ? t.originsHint : t.ownerOnly),
    owner
      ? h(
          "div",
          { class: "dialog__actions" },
          h("button", { type: "submit", class: "button button--primary" }, t.save),
        )
      : null,
    h("p", { class: "label" }, t.csp),
    copyable(t.csp, csp, 3),
    h("h3", { class: "label" }, t.identity),
    identity,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.close),
    ),
  )
  const dialog = openDialog(t.title, [form])
}
