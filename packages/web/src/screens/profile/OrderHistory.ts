/**
 * "Show all orders" in the profile: every order of the customer, newest first, read a page at a time from
 * the shop's store; each reference opens the order in the shop's admin when the store gives a link. @see R23
 */
import "../../styles/commerce.css"
import * as Api from "../../api/store.ts"
import { formatMoney, safeUrl } from "../../components/Cards.ts"
import { h } from "../../components/element.ts"
import { dateTime, domain, errorText, ui } from "../../i18n/Locale.ts"

type Order = Awaited<ReturnType<typeof Api.customerOrders>>["orders"][number]

/** An order's reference, as a link to the shop's admin when there is one. */
export const orderReference = (o: { readonly reference: string; readonly adminUrl: string | null }) => {
  const href = safeUrl(o.adminUrl)
  return href === null
    ? o.reference
    : h("a", { class: "link", href, target: "_blank", rel: "noopener noreferrer" }, o.reference)
}

export const orderHistory = (customerId: string): HTMLElement => {
  const t = ui().profile
  const d = domain()
  const list = h("ul", { class: "order-history", "aria-label": t.allOrders })
  const status = h("p", { class: "muted", role: "status" })
  const more = h("button", { type: "button", class: "button button--plain", hidden: true }, t.moreOrders)
  let next: string | null = null
  const item = (o: Order) =>
    h(
      "li",
      { class: "order-history__item" },
      h("span", { class: "order-history__ref" }, orderReference(o)),
      h("span", { class: "muted" }, dateTime(o.placedAt)),
      h("span", null, formatMoney(o.total)),
      h("span", { class: "badge" }, d.profile.orderStatus[o.status]),
    )
  const load = async () => {
    more.disabled = true
    status.textContent = t.loadingOrders
    try {
      const page = await Api.customerOrders(customerId, next)
      list.append(...page.orders.map(item))
      next = page.next
      status.textContent = list.children.length === 0 ? t.noOrders : ""
    } catch (e) {
      status.textContent = errorText(e)
    } finally {
      more.disabled = false
      more.hidden = next === null
    }
  }
  more.addEventListener("click", () => void load())
  void load()
  return h("div", { class: "order-history__box" }, list, status, more)
}
