/** Short-lived messages at the bottom of the screen; errors are announced as alerts. */
import { h } from "./element.ts"

let region: HTMLElement | null = null

export const toast = (text: string, kind: "info" | "error" = "info"): void => {
  if (region === null || !region.isConnected) {
    region = h("div", { class: "toasts" })
    document.body.appendChild(region)
  }
  const item = h("div", { class: `toast toast--${kind}`, role: kind === "error" ? "alert" : "status" }, text)
  region.appendChild(item)
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000)
}
