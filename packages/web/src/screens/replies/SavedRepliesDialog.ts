/**
 * Managing the shop's saved replies: list, create, edit (shortcut, text with variables, discount code,
 * the composer's products) and delete. Any staff member with the chat permission may edit them.
 */
import { SavedReply } from "@inbox/core"
import * as Api from "../../api/merchant.ts"
import type { ShareableProduct } from "../../api/types.ts"
import { confirmDialog } from "../../components/Confirm.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { errorText, ui } from "../../i18n/Locale.ts"
import { pickProducts } from "../conversation/ProductPicker.ts"
import { savedReplyItem } from "./SavedReplyItem.ts"

export const manageSavedReplies = (composerProducts: ReadonlyArray<ShareableProduct> = []): void => {
  const t = ui().savedReplies
  let replies: ReadonlyArray<Api.SavedReply> = []
  const error = h("p", { class: "dialog__error", role: "alert" })
  const list = h("ul", { class: "picker__list", "aria-label": t.title })
  const formSlot = h("div", { class: "saved-form-slot" })

  const reload = async () => {
    try {
      replies = (await Api.savedReplies()).savedReplies
      error.textContent = ""
    } catch (e) {
      error.textContent = errorText(e)
    }
    renderList()
  }

  const renderList = () =>
    replaceChildren(
      list,
      replies.length === 0
        ? [h("li", { class: "picker__empty" }, t.empty)]
        : replies.map((r) =>
            savedReplyItem(
              r,
              h(
                "button",
                {
                  type: "button",
                  class: "button button--small",
                  "aria-label": `${t.edit} /${r.shortcut}`,
                  onclick: () => showForm(r),
                },
                t.edit,
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "button button--small button--critical",
                  "aria-label": `${t.delete} /${r.shortcut}`,
                  onclick: async () => {
                    const sure = await confirmDialog({
                      title: t.deleteConfirm(r.shortcut),
                      body: t.deleteHint,
                      confirm: t.delete,
                      cancel: t.cancel,
                      critical: true,
                    })
                    if (!sure) return
                    try {
                      await Api.deleteSavedReply(r.id)
                    } catch (e) {
                      error.textContent = errorText(e)
                    }
                    await reload()
                  },
                },
                t.delete,
              ),
            ),
          ),
    )

  const showForm = (existing: Api.SavedReply | null) => {
    let productIds: ReadonlyArray<string> = existing?.productIds ?? []
    const shortcut = h("input", {
      class: "input",
      id: "saved-shortcut",
      value: existing?.shortcut ?? "",
      autocomplete: "off",
      maxlength: 33,
      required: true,
    })
    const text = h("textarea", { class: "input", id: "saved-text", rows: 4 })
    text.value = existing?.text ?? ""
    const code = h("input", {
      class: "input",
      id: "saved-code",
      value: existing?.discountCode ?? "",
      autocomplete: "off",
    })
    const warn = h("p", { class: "dialog__hint", "aria-live": "polite" })
    const productsLine = h("p", { class: "dialog__hint" })
    const renderProducts = () => {
      productsLine.textContent = productIds.length === 0 ? "" : t.products(productIds.length)
    }
    renderProducts()
    text.addEventListener("input", () => {
      const unknown = SavedReply.unknownVariables(text.value)
      warn.textContent = unknown.length === 0 ? "" : t.unknownVariables(unknown.join(", "))
    })
    const form = h(
      "form",
      {
        class: "saved-form",
        "aria-label": existing === null ? t.add : `${t.edit} /${existing.shortcut}`,
        onsubmit: async (e: Event) => {
          e.preventDefault()
          const body = {
            shortcut: shortcut.value,
            text: text.value,
            productIds,
            discountCode: code.value.trim() === "" ? null : code.value.trim(),
          }
          try {
            if (existing === null) await Api.createSavedReply(body)
            else await Api.updateSavedReply(existing.id, body)
            formSlot.replaceChildren()
            await reload()
          } catch (err) {
            error.textContent = errorText(err)
          }
        },
      },
      h("label", { class: "label", for: "saved-shortcut" }, t.shortcut),
      shortcut,
      h("p", { class: "dialog__hint" }, t.shortcutHint),
      h("label", { class: "label", for: "saved-text" }, t.text),
      text,
      h("p", { class: "dialog__hint" }, t.textHint),
      warn,
      h("label", { class: "label", for: "saved-code" }, t.discount),
      code,
      productsLine,
      h(
        "button",
        {
          type: "button",
          class: "button button--small",
          onclick: async () => {
            // The picker works on products; the saved reply keeps their ids.
            const all = (await Api.products("").catch(() => ({ products: [] }))).products
            const chosen = productIds.flatMap((id) => all.filter((p) => p.id === id))
            pickProducts(chosen, (picked) => {
              productIds = picked.map((p) => p.id as string)
              renderProducts()
            })
          },
        },
        t.chooseProducts,
      ),
      composerProducts.length > 0
        ? h(
            "button",
            {
              type: "button",
              class: "button button--small",
              onclick: () => {
                productIds = composerProducts.map((p) => p.id as string)
                renderProducts()
              },
            },
            t.attachComposer,
          )
        : null,
      h(
        "div",
        { class: "dialog__actions" },
        h("button", { type: "button", class: "button", onclick: () => formSlot.replaceChildren() }, t.cancel),
        h("button", { type: "submit", class: "button button--primary" }, t.save),
      ),
    )
    replaceChildren(formSlot, [form])
    shortcut.focus()
  }

  const dialog = openDialog(t.title, [
    error,
    list,
    formSlot,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => showForm(null) }, t.add),
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.close),
    ),
  ])
  void reload()
}
