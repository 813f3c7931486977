/**
 * The shop's channels in one dialog: how email leaves and comes back, the Messenger pages and Instagram
 * accounts connected (the owner connects or disconnects one with its page token), and the custom platform.
 * The token is sent once and never shown again: the server keeps it sealed. @see R2
 */
import "../../styles/tools.css"
import * as Api from "../../api/merchant.ts"
import type { ChannelStatus } from "../../api/types.ts"
import { openDialog } from "../../components/Dialog.ts"
import { type Children, h } from "../../components/element.ts"
import { toast } from "../../components/Toast.ts"
import { channels } from "../../i18n/channels.ts"
import { errorText } from "../../i18n/Locale.ts"

const section = (title: string, ...body: Children) =>
  h("section", { class: "channels__section" }, h("h3", { class: "channels__title" }, title), ...body)

export const openChannelSettings = async (): Promise<void> => {
  const t = channels().settings
  let status: ChannelStatus
  let owner = false
  try {
    ;[status, owner] = await Promise.all([Api.channelStatus(), Api.me().then((m) => m.staff.isOwner)])
  } catch (e) {
    toast(errorText(e), "error")
    return
  }
  const body = h("div", { class: "channels" })
  const render = (s: ChannelStatus) => {
    const error = h("p", { class: "dialog__error", role: "alert" })
    const field = (id: string, label: string, input: HTMLElement) =>
      h("div", null, h("label", { class: "label", for: id }, label), input)
    const platform = h(
      "select",
      { class: "input", id: "meta-platform" },
      h("option", { value: "messenger" }, "Messenger"),
      h("option", { value: "instagram" }, "Instagram"),
    )
    const accountId = h("input", { class: "input", id: "meta-account", required: true, autocomplete: "off" })
    const pageId = h("input", { class: "input", id: "meta-page", required: true, autocomplete: "off" })
    const name = h("input", { class: "input", id: "meta-name", required: true, autocomplete: "off" })
    const token = h("input", {
      class: "input",
      id: "meta-token",
      type: "password",
      required: true,
      autocomplete: "off",
    })
    const connect = h(
      "form",
      {
        class: "channels__connect",
        onsubmit: async (e: Event) => {
          e.preventDefault()
          error.replaceChildren()
          try {
            const connected = await Api.connectMeta({
              platform: platform.value as "messenger" | "instagram",
              accountId: accountId.value.trim(),
              pageId: pageId.value.trim() || accountId.value.trim(),
              name: name.value.trim(),
              accessToken: token.value.trim(),
            })
            toast(t.connected(connected.name))
            render(await Api.channelStatus())
          } catch (err) {
            error.textContent = errorText(err)
          }
        },
      },
      field("meta-platform", t.platform, platform),
      field("meta-account", t.accountId, accountId),
      field("meta-page", t.pageId, pageId),
      field("meta-name", t.name, name),
      field("meta-token", t.token, token),
      error,
      h(
        "div",
        { class: "dialog__actions" },
        h("button", { type: "submit", class: "button button--primary" }, t.connect),
      ),
    )
    body.replaceChildren(
      section(
        t.email,
        h("p", null, t.emailTransport[s.email.transport]),
        h("p", null, t.address(s.email.address)),
        h("p", null, s.email.receiving ? t.receiving : t.notReceiving),
        s.email.transport === "capture"
          ? h(
              "p",
              null,
              h(
                "a",
                { href: Api.emailCapturePage, target: "_blank", rel: "noopener" },
                channels().destination.openCaptured,
              ),
            )
          : null,
      ),
      section(
        t.meta,
        !s.meta.configured
          ? h("p", null, t.metaOff)
          : s.meta.accounts.length === 0
            ? h("p", null, t.noAccount)
            : h(
                "ul",
                { class: "channels__accounts" },
                ...s.meta.accounts.map((a) =>
                  h(
                    "li",
                    null,
                    `${a.platform === "messenger" ? "Messenger" : "Instagram"} · ${a.name} (${a.accountId}) `,
                    owner
                      ? h(
                          "button",
                          {
                            type: "button",
                            class: "button button--small",
                            onclick: async () => {
                              try {
                                await Api.disconnectMeta(a.platform, a.accountId)
                                render(await Api.channelStatus())
                              } catch (err) {
                                toast(errorText(err), "error")
                              }
                            },
                          },
                          t.disconnect,
                        )
                      : null,
                  ),
                ),
              ),
        s.meta.configured ? (owner ? connect : h("p", null, t.ownerOnly)) : null,
      ),
      section(t.customPlatform, h("p", null, s.customPlatform.configured ? t.customOn : t.customOff)),
    )
  }
  render(status)
  const dialog = openDialog(t.title, [
    body,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.close),
    ),
  ])
}
