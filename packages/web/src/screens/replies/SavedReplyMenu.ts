/**
 * Saved replies in the composer: typing `/shortcut` alone opens a list of matching replies (arrows, Enter
 * or Tab to insert, Escape to close), and the picker lists them all. Variables are filled by the core.
 */
import "../../styles/tools.css"
import { SavedReply } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { DiscountOption, ShareableProduct } from "../../api/types.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { errorText, ui } from "../../i18n/Locale.ts"
import { inactiveMessage } from "../conversation/DiscountPicker.ts"
import { manageSavedReplies } from "./SavedRepliesDialog.ts"
import { savedReplyItem } from "./SavedReplyItem.ts"

/** What inserting a saved reply puts in the composer. */
export interface Inserted {
  readonly text: string
  readonly products: ReadonlyArray<ShareableProduct>
  readonly discount: DiscountOption | null
  /** Why an attachment was left out (e.g. the code is no longer active, R16). */
  readonly warning: string | null
}

export interface SavedReplyMenuOptions {
  readonly textarea: HTMLTextAreaElement
  readonly customerName: () => string | null
  readonly insert: (inserted: Inserted) => void
  readonly currentProducts: () => ReadonlyArray<ShareableProduct>
}

let shopName: Promise<string> | null = null
const shopNameOnce = (): Promise<string> => {
  shopName ??= Api.me().then(
    (s) => s.shop.name,
    () => {
      shopName = null
      return ""
    },
  )
  return shopName
}

/** Fills the reply for this conversation and resolves its products and code to what the composer holds. */
const resolve = async (reply: Api.SavedReply, customerName: string | null): Promise<Inserted> => {
  const text = SavedReply.fill(reply.text, { customerName, shopName: await shopNameOnce() })
  let products: ReadonlyArray<ShareableProduct> = []
  if (reply.productIds.length > 0) {
    const all = (await Api.products("")).products
    products = reply.productIds.flatMap((id) => all.filter((p) => p.id === id && p.shareable))
  }
  let discount: DiscountOption | null = null
  let warning: string | null = null
  if (reply.discountCode !== null) {
    const found = (await Api.discounts(reply.discountCode)).discounts.find(
      (d) => d.code === reply.discountCode,
    )
    if (found?.active) discount = found
    else if (found) warning = inactiveMessage(found)
  }
  return { text, products, discount, warning }
}

export const savedReplyMenu = (options: SavedReplyMenuOptions) => {
  const t = () => ui().savedReplies
  let replies: ReadonlyArray<Api.SavedReply> | null = null
  let loading: Promise<void> | null = null
  let shown: ReadonlyArray<Api.SavedReply> = []
  let active = 0
  let typed: string | null = null

  const list = h("ul", {
    class: "saved-menu",
    role: "listbox",
    id: "saved-reply-menu",
    "aria-label": t().menu,
  })
  list.hidden = true

  const load = (force = false): Promise<void> => {
    if (force) replies = null
    if (replies !== null) return Promise.resolve()
    loading ??= Api.savedReplies().then(
      (r) => {
        replies = r.savedReplies
        loading = null
      },
      () => {
        replies = []
        loading = null
      },
    )
    return loading
  }

  const close = () => {
    list.hidden = true
    shown = []
    options.textarea.removeAttribute("aria-controls")
  }

  const pick = async (reply: Api.SavedReply) => {
    close()
    try {
      options.insert(await resolve(reply, options.customerName()))
    } catch (e) {
      options.insert({ text: options.textarea.value, products: [], discount: null, warning: errorText(e) })
    }
    options.textarea.focus()
  }

  const render = () => {
    if (typed === null) return close()
    shown = SavedReply.matching(replies ?? [], typed).slice(0, 8)
    active = Math.min(active, Math.max(0, shown.length - 1))
    list.hidden = false
    options.textarea.setAttribute("aria-controls", list.id)
    replaceChildren(
      list,
      shown.length === 0
        ? [h("li", { class: "saved-menu__empty" }, t().none)]
        : shown.map((r, i) =>
            h(
              "li",
              {
                role: "option",
                id: `saved-reply-${r.id}`,
                class: `saved-menu__item${i === active ? " saved-menu__item--active" : ""}`,
                "aria-selected": i === active ? "true" : "false",
                // mousedown, not click: the textarea must not lose focus (and close the menu) first.
                onmousedown: (e: MouseEvent) => {
                  e.preventDefault()
                  void pick(r)
                },
              },
              h("span", { class: "saved-menu__shortcut" }, `/${r.shortcut}`),
              h("span", { class: "saved-menu__text" }, r.text.slice(0, 120)),
            ),
          ),
    )
  }

  /** Called on every input of the composer. */
  const onInput = () => {
    const now = SavedReply.typedShortcut(options.textarea.value)
    if (now === null) {
      typed = null
      return close()
    }
    if (typed === null) active = 0
    typed = now
    // Reload when the menu opens, so a reply a colleague just saved is offered.
    if (list.hidden) void load(true).then(render)
    else render()
  }

  /** Handles the composer's keys while the menu is open; true when the key was the menu's. */
  const onKey = (e: KeyboardEvent): boolean => {
    if (list.hidden) return false
    if (e.key === "Escape") {
      e.preventDefault()
      close()
      return true
    }
    if (shown.length === 0) return false
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault()
      active = (active + (e.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length
      render()
      return true
    }
    if ((e.key === "Enter" && !e.shiftKey && !e.isComposing) || e.key === "Tab") {
      e.preventDefault()
      const r = shown[active]
      if (r) void pick(r)
      return true
    }
    return false
  }

  /** The picker dialog: every saved reply with a search, insert, and a way to manage them. */
  const openPicker = async () => {
    await load(true)
    const s = t()
    const results = h("ul", { class: "picker__list", "aria-label": s.title })
    const input = h("input", {
      type: "search",
      class: "input",
      "aria-label": s.search,
      placeholder: s.search,
      oninput: () => render(),
    })
    const render = () => {
      const q = input.value.trim().replace(/^\//, "")
      const found = q === "" ? (replies ?? []) : SavedReply.matching(replies ?? [], q)
      replaceChildren(
        results,
        found.length === 0
          ? [h("li", { class: "picker__empty" }, s.empty)]
          : found.map((r) =>
              savedReplyItem(
                r,
                h(
                  "button",
                  {
                    type: "button",
                    class: "button button--small",
                    "aria-label": `${s.insert} /${r.shortcut}`,
                    onclick: () => {
                      dialog.close()
                      void pick(r)
                    },
                  },
                  s.insert,
                ),
              ),
            ),
      )
    }
    const dialog = openDialog(s.title, [
      input,
      results,
      h(
        "div",
        { class: "dialog__actions" },
        h(
          "button",
          {
            type: "button",
            class: "button",
            onclick: () => {
              dialog.close()
              manageSavedReplies(options.currentProducts())
            },
          },
          s.edit,
        ),
        h("button", { type: "button", class: "button", onclick: () => dialog.close() }, s.close),
      ),
    ])
    render()
    input.focus()
  }

  return { element: list, onInput, onKey, openPicker }
}
