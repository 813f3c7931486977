/** The unread count on the Open tab: a number to see, words to hear. */
import { h } from "../../components/element.ts"
import { ui } from "../../i18n/Locale.ts"

export const unreadCount = (n: number): HTMLElement =>
  h(
    "span",
    { class: "tabs__count" },
    h("span", { "aria-hidden": "true" }, String(n)),
    h("span", { class: "visually-hidden" }, ui().list.unreadCount(n)),
  )
