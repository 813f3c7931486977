/** A modal built on the native <dialog>: focus is trapped and Escape closes it, as browsers provide. */
import { type Children, h } from "./element.ts"

export interface DialogHandle {
  readonly element: HTMLDialogElement
  readonly close: () => void
}

export const openDialog = (title: string, body: Children, onClose?: () => void): DialogHandle => {
  const titleId = `dialog-title-${Math.random().toString(36).slice(2, 8)}`
  const element = h(
    "dialog",
    { class: "dialog", "aria-labelledby": titleId },
    h("h2", { id: titleId, class: "dialog__title" }, title),
    ...body,
  )
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  element.addEventListener("close", () => {
    element.remove()
    onClose?.()
    opener?.focus()
  })
  // A click on the backdrop (outside the dialog box) dismisses it.
  element.addEventListener("click", (e) => {
    if (e.target === element) element.close()
  })
  document.body.appendChild(element)
  element.showModal()
  return { element, close: () => element.close() }
}
