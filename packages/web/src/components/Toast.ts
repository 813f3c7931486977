/** Short-lived messages at the bottom of the screen; errors are announced as alerts. */
import { h } from "./element.ts"

let region: HTMLElement | null = null

/** A toast may offer one action (Undo); it then stays long enough to reach it. */
export interface ToastAction {
  readonly label: string
  readonly run: () => void
}

export const toast = (text: string, kind: "info" | "error" = "info", action?: ToastAction): void => {
  if (region === null || !region.isConnected) {
    region = h("div", { class: "toasts" })
    document.body.appendChild(region)
  }
  const item = h(
    "div",
    { class: `toast toast--${kind}`, role: kind === "error" ? "alert" : "status" },
    h("span", null, text),
    action
      ? h(
          "button",
          {
            type: "button",
            class: "toast__action",
            onclick: () => {
              item.remove()
              action.run()
            },
          },
          action.label,
        )
      : null,
  )
  region.appendChild(item)
  setTimeout(() => item.remove(), kind === "error" || action ? 8000 : 4000)
}
