/**
 * A failed reply's reason and its one-click Retry. The server requeues it at most once however many clicks
 * race; the new status comes back over the socket (DeliveryUpdated), which re-renders the reply. @see R2
 */
import { DeliveryFailure } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { Delivery } from "../../api/types.ts"
import { h } from "../../components/element.ts"
import { errorText, locale, ui } from "../../i18n/Locale.ts"
import { currentConversation } from "../inbox/Route.ts"

export const retryDelivery = (conversationId: string, seq: number) => Api.retryReply(conversationId, seq)

export const retryControl = (seq: number, delivery: Delivery | null | undefined): HTMLElement | null => {
  if (delivery?.status !== "failed") return null
  const t = ui().delivery
  const note = h("span", { class: "msg__failure", role: "status" })
  const button = h(
    "button",
    {
      type: "button",
      class: "button button--small",
      onclick: async () => {
        // The open conversation is in the address, so the thread needs no wiring.
        const id = currentConversation()
        if (id === null) return
        button.disabled = true
        button.textContent = t.retrying
        try {
          await retryDelivery(id, seq)
        } catch (e) {
          note.textContent = errorText(e)
          button.disabled = false
          button.textContent = t.retry
        }
      },
    },
    t.retry,
  )
  return h(
    "div",
    { class: "msg__retry" },
    delivery.reason
      ? h("span", { class: "msg__reason" }, t.reason(DeliveryFailure.describe(delivery.reason, locale())))
      : null,
    " ",
    button,
    note,
  )
}
