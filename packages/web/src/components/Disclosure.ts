/**
 * A menu in a native disclosure (<details>): it opens by keyboard with no script, Escape closes it and gives
 * focus back to its summary, and a click anywhere else closes it, as a menu would.
 */
import { h } from "./element.ts"

export const disclosure = (className: string): HTMLDetailsElement => {
  const menu = h("details", {
    class: className,
    onkeydown: (e: KeyboardEvent) => {
      if (e.key === "Escape" && menu.open) {
        menu.open = false
        menu.querySelector("summary")?.focus()
      }
    },
  })
  document.addEventListener("click", (e) => {
    if (menu.open && !menu.contains(e.target as Node)) menu.open = false
  })
  return menu
}
