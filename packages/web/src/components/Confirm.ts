/**
 * An in-app confirmation (never the browser's `confirm()`, which a phone shows as a bare system sheet and a
 * test cannot style or translate): a modal dialog with the question, the consequence and two buttons; the
 * safe one has the focus.
 */
import { openDialog } from "./Dialog.ts"
import { h } from "./element.ts"

export interface ConfirmOptions {
  readonly title: string
  readonly body: string
  readonly confirm: string
  readonly cancel: string
  /** Draws the confirming button as destructive. */
  readonly critical?: boolean
}

export const confirmDialog = (options: ConfirmOptions): Promise<boolean> =>
  new Promise((resolve) => {
    let answer = false
    const cancel = h(
      "button",
      { type: "button", class: "button", onclick: () => dialog.close() },
      options.cancel,
    )
    const dialog = openDialog(
      options.title,
      [
        h("p", { class: "dialog__hint" }, options.body),
        h(
          "div",
          { class: "dialog__actions" },
          cancel,
          h(
            "button",
            {
              type: "button",
              class: `button ${options.critical ? "button--critical-solid" : "button--primary"}`,
              onclick: () => {
                answer = true
                dialog.close()
              },
            },
            options.confirm,
          ),
        ),
      ],
      () => resolve(answer),
    )
    cancel.focus()
  })
