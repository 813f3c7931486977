/**
 * The customer profile beside a conversation (R20–R24): details with local time and subscriber labels,
 * the internal note (R21, saved on the customer so every conversation shows it), the cart with
 * "show all" beyond three lines, the last order in 60 days, and the conversation details.
 */
import * as Api from "../../api/merchant.ts"
import type { Profile } from "../../api/types.ts"
import { formatMoney, safeUrl } from "../../components/Cards.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { date, dateTime, domain, errorText, ui } from "../../i18n/Locale.ts"
import { orderHistory, orderReference } from "./OrderHistory.ts"

export const createProfilePanel = (onClose: () => void) => {
  const element = h("aside", { class: "profile", "aria-labelledby": "profile-title", tabindex: -1 })
  /** Closes the panel (a phone goes back to the conversation). */
  const closeButton = () =>
    h(
      "button",
      {
        type: "button",
        class: "icon-button profile__close",
        "aria-label": ui().conversation.hideProfile,
        title: ui().conversation.hideProfile,
        onclick: onClose,
      },
      icon(icons.close),
    )
  let profile: Profile | null = null
  let customerId: string | null = null
  let showAllCart = false
  let allOrders = false
  // The order list is read once per customer, not again on every re-render (a cart change reloads the profile).
  let orders: { customerId: string; element: HTMLElement } | null = null
  const history = (id: string) => {
    if (orders === null || orders.customerId !== id) orders = { customerId: id, element: orderHistory(id) }
    return orders.element
  }
  let request = 0
  // The note form survives re-renders (a cart change reloads the profile) so typing is never lost.
  let noteForm: { customerId: string; form: HTMLFormElement } | null = null
  const note = (p: Profile) => {
    if (noteForm === null || noteForm.customerId !== p.customerId)
      noteForm = { customerId: p.customerId, form: noteEditor(p) }
    return noteForm.form
  }

  const section = (title: string, ...children: Parameters<typeof h>[2][]) =>
    h("section", { class: "profile__section" }, h("h3", { class: "profile__heading" }, title), ...children)

  const field = (label: string, value: string | Node | null) =>
    value === null || value === ""
      ? null
      : h("div", { class: "field" }, h("dt", null, label), h("dd", null, value))

  const noteEditor = (p: Profile) => {
    const t = ui().profile
    const status = h("span", { class: "note__status", role: "status" })
    const area = h("textarea", {
      class: "input note__input",
      rows: 3,
      "aria-label": t.notesLabel,
      value: p.note,
      oninput: () => {
        status.textContent = ""
      },
    })
    const save = h(
      "button",
      {
        type: "submit",
        class: "button button--small",
      },
      t.save,
    )
    return h(
      "form",
      {
        class: "note",
        onsubmit: async (e: Event) => {
          e.preventDefault()
          const id = p.customerId
          save.disabled = true
          status.textContent = t.saving
          try {
            const saved = await Api.saveNote(id, area.value)
            if (profile && profile.customerId === id) profile = { ...profile, note: saved.note }
            status.textContent = t.saved
          } catch (err) {
            status.textContent = errorText(err)
          } finally {
            save.disabled = false
          }
        },
      },
      area,
      h("div", { class: "note__bar" }, h("span", { class: "note__hint" }, t.notesHint), status, save),
    )
  }

  const render = () => {
    const t = ui().profile
    const d = domain()
    const p = profile
    if (p === null) {
      replaceChildren(element, [
        h(
          "header",
          { class: "profile__header" },
          h("h2", { id: "profile-title", class: "profile__title" }, t.title),
          closeButton(),
        ),
      ])
      return
    }
    const location = p.location
      ? [p.location.city, p.location.province, p.location.country].filter(Boolean).join(", ")
      : null
    const manage = safeUrl(p.adminUrl)
    const cartLines = p.cart ? (showAllCart ? p.cart.lines : p.cart.preview) : []
    replaceChildren(element, [
      h(
        "header",
        { class: "profile__header" },
        h(
          "div",
          { class: "profile__title-row" },
          h("h2", { id: "profile-title", class: "profile__title" }, p.name),
          closeButton(),
        ),
        h(
          "div",
          { class: "profile__labels" },
          h("span", { class: "badge" }, p.status === "returning" ? d.profile.returning : d.profile.new),
          p.subscriptions.email
            ? h("span", { class: "badge badge--success" }, d.profile.emailSubscriber)
            : null,
          p.subscriptions.sms ? h("span", { class: "badge badge--success" }, d.profile.smsSubscriber) : null,
        ),
        // The store was slow or away: say how old what is shown is, or that only the inbox's own record shows.
        p.storeUnavailable !== null
          ? h("p", { class: "profile__freshness", role: "status" }, t.storeUnavailable)
          : p.syncedAt !== null
            ? h("p", { class: "profile__freshness muted", role: "status" }, t.syncedAt(dateTime(p.syncedAt)))
            : null,
      ),
      section(
        t.details,
        h(
          "dl",
          { class: "fields" },
          h("div", { class: "field field--wide" }, h("dd", null, t.since(date(p.customerSince)))),
          h(
            "div",
            { class: "field field--wide" },
            h("dd", null, t.spend(formatMoney(p.lifetimeSpend), p.orderCount)),
          ),
          field(t.email, p.email),
          field(t.phone, p.phone),
          field(t.location, location),
          field(t.localTime, p.localTime ? `${p.localTime.text} (${p.localTime.timeZone})` : null),
        ),
        manage
          ? h("a", { class: "link", href: manage, target: "_blank", rel: "noopener noreferrer" }, t.manage)
          : null,
      ),
      section(t.notes, note(p)),
      section(
        t.cart,
        p.cart === null
          ? h("p", { class: "muted" }, t.cartEmpty)
          : h(
              "div",
              null,
              h(
                "ul",
                { class: "cart-lines" },
                cartLines.map((l) =>
                  h(
                    "li",
                    { class: "cart-line" },
                    h("span", { class: "cart-line__title" }, l.title),
                    h(
                      "span",
                      { class: "cart-line__sub" },
                      `${l.variantTitle} · × ${l.quantity} · ${formatMoney(l.unitPrice)}`,
                    ),
                    l.stock === null ? null : h("span", { class: "cart-line__stock" }, t.inStock(l.stock)),
                  ),
                ),
              ),
              p.cart.showAll
                ? h(
                    "button",
                    {
                      type: "button",
                      class: "button button--plain",
                      "aria-expanded": showAllCart ? "true" : "false",
                      onclick: () => {
                        showAllCart = !showAllCart
                        render()
                      },
                    },
                    showAllCart ? t.showLess : t.showAll(p.cart.lines.length),
                  )
                : null,
              p.cart.lastActivityAt === null
                ? null
                : h("p", { class: "muted" }, t.lastCart(dateTime(p.cart.lastActivityAt))),
            ),
      ),
      section(
        t.lastOrder,
        p.lastOrder === null
          ? h("p", { class: "muted" }, t.noOrder)
          : h(
              "dl",
              { class: "fields" },
              field(t.order, orderReference(p.lastOrder)),
              field(t.placed, dateTime(p.lastOrder.placedAt)),
              field(t.total, formatMoney(p.lastOrder.total)),
              field(t.status, d.profile.orderStatus[p.lastOrder.status]),
            ),
        p.showAllOrders
          ? h(
              "button",
              {
                type: "button",
                class: "button button--plain",
                "aria-expanded": allOrders ? "true" : "false",
                onclick: () => {
                  allOrders = !allOrders
                  render()
                },
              },
              allOrders ? t.hideOrders : t.showAllOrders,
            )
          : null,
        p.showAllOrders && allOrders ? history(p.customerId) : null,
      ),
      p.conversation === null
        ? null
        : section(
            t.conversationDetails,
            h(
              "dl",
              { class: "fields" },
              field(
                t.latestTopic,
                p.conversation.latestTopic ? d.topics[p.conversation.latestTopic] : t.none,
              ),
              field(t.status, d.status[p.conversation.status]),
              field(t.platform, d.platforms[p.conversation.platform]),
              field(t.started, dateTime(p.conversation.startedAt)),
            ),
          ),
    ])
  }

  const load = async (id: string, conversationId: string | null) => {
    const mine = ++request
    if (id !== customerId) {
      customerId = id
      profile = null
      showAllCart = false
      allOrders = false
      render()
    }
    try {
      const p = await Api.profile(id, conversationId)
      if (mine === request) {
        profile = p
        render()
      }
    } catch (e) {
      if (mine === request)
        replaceChildren(element, [closeButton(), h("p", { class: "muted", role: "alert" }, errorText(e))])
    }
  }

  render()
  return { element, load, render, focus: () => element.focus() }
}
