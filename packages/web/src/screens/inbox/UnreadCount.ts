/** The unread count on the Open tab: a number to see, words to hear. */
import "../../styles/extras.css"
import { h } from "../../components/element.ts"
import { extras } from "../../i18n/extras.ts"

export const unreadCount = (n: number): HTMLElement =>
  h(
    "span",
    { class: "tabs__count" },
    h("span", { "aria-hidden": "true" }, String(n)),
    h("span", { class: "visually-hidden" }, extras().list.unread(n)),
  )
