/**
 * The storefront chat's availability line: "available now" with the usual reply time, or "away" with when
 * the shop is back, from the shop's hours (fetched once per render; the line fills itself in).
 */
import * as Store from "../../api/storefront.ts"
import type { ConversationEvent } from "../../api/types.ts"
import { h } from "../../components/element.ts"
import { locale, shortTime, ui } from "../../i18n/Locale.ts"
import { duration } from "../metrics/Duration.ts"

const when = (at: number): string => {
  const sameDay = new Date(at).toDateString() === new Date().toDateString()
  const time = new Intl.DateTimeFormat(locale(), { hour: "numeric", minute: "2-digit" }).format(at)
  return sameDay ? time : `${new Intl.DateTimeFormat(locale(), { weekday: "long" }).format(at)} ${time}`
}

/** The chat header's subtitle: `fallback` until the shop's availability is known, then open or away. */
export const availabilityLine = (shopId: string, fallback: string): HTMLElement => {
  const line = h("p", { class: "chat__subtitle chat__availability", "aria-live": "polite" }, fallback)
  void Store.storeAvailability(shopId).then(
    (a) => {
      const t = ui().store
      line.classList.add(a.available ? "chat__availability--open" : "chat__availability--away")
      line.textContent = a.available
        ? a.typicalReplyMs == null
          ? t.availableNow
          : t.replyWithin(duration(a.typicalReplyMs))
        : a.nextAvailableAt === null
          ? t.away
          : t.awayUntil(when(a.nextAvailableAt))
    },
    // Without the information the chat still works; the line keeps its general wording.
    () => {},
  )
  return line
}

/** The shop's automatic first reply as the shopper sees it: a shop message labelled as automatic. */
export const automaticReplyItem = (
  e: Extract<ConversationEvent, { _tag: "AutomaticReplySent" }>,
  shopName: string,
): HTMLElement =>
  h(
    "li",
    { class: "cmsg cmsg--shop cmsg--automatic" },
    h("span", { class: "visually-hidden" }, `${shopName}: `),
    h("div", { class: "cmsg__bubble" }, e.text),
    h("time", { class: "cmsg__time" }, `${ui().store.automatic} · ${shortTime(e.at)}`),
  )
