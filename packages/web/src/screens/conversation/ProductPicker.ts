/** The composer's product picker: search the catalogue, pick up to three shareable products (R15). */
import { Product } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { ShareableProduct } from "../../api/types.ts"
import { formatMoney } from "../../components/Cards.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { searchInput } from "../../components/SearchInput.ts"
import { errorText, ui } from "../../i18n/Locale.ts"

export const pickProducts = (
  initial: ReadonlyArray<ShareableProduct>,
  onDone: (picked: ReadonlyArray<ShareableProduct>) => void,
): void => {
  const t = ui().productPicker
  const max = Product.MAX_PRODUCTS_PER_REPLY
  const picked = new Map(initial.map((p) => [p.id as string, p]))
  let found: ReadonlyArray<ShareableProduct> = []

  const count = h("p", { class: "dialog__hint", "aria-live": "polite" })
  const results = h("ul", { class: "picker__list", "aria-label": t.title })

  const render = () => {
    count.textContent = `${t.hint(max)} ${t.selected(picked.size, max)}`
    replaceChildren(
      results,
      found.length === 0
        ? [h("li", { class: "picker__empty" }, t.none)]
        : found.map((p) => {
            const checked = picked.has(p.id)
            const disabled = !p.shareable || (!checked && picked.size >= max)
            return h(
              "li",
              { class: `picker__item${p.shareable ? "" : " picker__item--disabled"}` },
              h(
                "label",
                { class: "picker__label" },
                h("input", {
                  type: "checkbox",
                  checked,
                  disabled,
                  "data-focus-key": `p-${p.id}`,
                  onchange: (e: Event) => {
                    if ((e.target as HTMLInputElement).checked) picked.set(p.id, p)
                    else picked.delete(p.id)
                    render()
                  },
                }),
                h("span", { class: "picker__title" }, p.title),
                h("span", { class: "picker__sub" }, p.shareable ? formatMoney(p.price) : t.notShareable),
              ),
            )
          }),
    )
  }

  const search = async (q: string) => {
    try {
      found = (await Api.products(q)).products
    } catch (e) {
      found = []
      replaceChildren(results, [h("li", { class: "picker__empty", role: "alert" }, errorText(e))])
      return
    }
    render()
  }

  const input = searchInput(t.search, (term) => void search(term))

  const dialog = openDialog(t.title, [
    input,
    count,
    results,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.cancel),
      h(
        "button",
        {
          type: "button",
          class: "button button--primary",
          onclick: () => {
            onDone([...picked.values()])
            dialog.close()
          },
        },
        t.add,
      ),
    ),
  ])
  render()
  input.focus()
  void search("")
}
