/**
 * The composer's discount picker: search the shop's codes and share one. An inactive code is refused
 * with the message asking the merchant to update it in the admin (R16).
 */
import { I18n } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { DiscountOption } from "../../api/types.ts"
import { describeDiscount } from "../../components/Cards.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { searchInput } from "../../components/SearchInput.ts"
import { errorText, locale, ui } from "../../i18n/Locale.ts"

/** The R16 message for an inactive code, rendered by the core in the merchant's language. */
export const inactiveMessage = (d: DiscountOption): string =>
  I18n.errorMessage(
    { _tag: "DiscountInactive", code: d.code, reason: d.inactiveReason ?? "disabled" } as { _tag: string },
    locale(),
  )

export const pickDiscount = (onDone: (picked: DiscountOption) => void): void => {
  const t = ui().discountPicker
  let found: ReadonlyArray<DiscountOption> = []
  const error = h("p", { class: "dialog__error", role: "alert" })
  const results = h("ul", { class: "picker__list", "aria-label": t.title })

  const render = () =>
    replaceChildren(
      results,
      found.length === 0
        ? [h("li", { class: "picker__empty" }, t.none)]
        : found.map((d) =>
            h(
              "li",
              { class: "picker__item picker__item--row" },
              h(
                "span",
                { class: "picker__label" },
                h("span", { class: "picker__title picker__code" }, d.code),
                h("span", { class: "picker__sub" }, describeDiscount(d.value)),
                d.active ? null : h("span", { class: "badge badge--critical" }, t.inactive),
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "button button--small",
                  "aria-label": `${t.share} ${d.code}`,
                  onclick: () => {
                    if (!d.active) {
                      error.textContent = inactiveMessage(d)
                      return
                    }
                    onDone(d)
                    dialog.close()
                  },
                },
                t.share,
              ),
            ),
          ),
    )

  const search = async (q: string) => {
    try {
      found = (await Api.discounts(q)).discounts
      error.textContent = ""
    } catch (e) {
      found = []
      error.textContent = errorText(e)
    }
    render()
  }

  const input = searchInput(t.search, (term) => void search(term))
  const dialog = openDialog(t.title, [
    input,
    error,
    results,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.cancel),
    ),
  ])
  input.focus()
  void search("")
}
