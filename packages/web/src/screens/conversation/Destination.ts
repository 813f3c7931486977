/**
 * The composer's "where the reply goes" line: the channel and address or handle, Meta's window, a local
 * capture, or why the reply cannot leave now (not connected, window closed) with a way to fix it. @see R2
 */
import { emailCapturePage } from "../../api/merchant.ts"
import type { ReplyDestination } from "../../api/types.ts"
import { type Children, h } from "../../components/element.ts"
import { channels } from "../../i18n/channels.ts"
import { dateTime } from "../../i18n/Locale.ts"

/** Whether a reply could leave now: the composer keeps Send disabled otherwise. */
export const canSend = (d: ReplyDestination | null): boolean =>
  d === null || (d.connected && d.refusal === null)

export const destinationLine = (d: ReplyDestination, openChannels?: () => void): Children => {
  const t = channels().destination
  const setUp = openChannels
    ? h(
        "button",
        { type: "button", class: "button button--plain button--small", onclick: openChannels },
        t.setUp,
      )
    : null
  if (d.refusal !== null) return [h("span", { class: "composer__refusal" }, d.refusal.message)]
  switch (d.channel) {
    case "chat":
      return [t.chat]
    case "held":
      return [t.held]
    case "email":
      if (!d.connected)
        return [h("span", { class: "composer__refusal" }, t.notConnected(t.emailChannel)), " ", setUp]
      return d.captured
        ? [
            `${t.email(d.to ?? "")} · ${t.captured} · `,
            h("a", { href: emailCapturePage, target: "_blank", rel: "noopener" }, t.openCaptured),
          ]
        : [t.email(d.to ?? "")]
    default: {
      const name = { messenger: "Messenger", instagram: "Instagram", shop_app: "Shop" }[d.channel]
      if (!d.connected) return [h("span", { class: "composer__refusal" }, t.notConnected(name)), " ", setUp]
      const window =
        d.messagingType === "RESPONSE"
          ? ` · ${t.response}`
          : d.messagingType === "HUMAN_AGENT" && d.closesAt !== null
            ? ` · ${t.humanAgent(dateTime(d.closesAt))}`
            : ""
      return [`${t.platform(d.channel, d.to)}${window}`]
    }
  }
}
