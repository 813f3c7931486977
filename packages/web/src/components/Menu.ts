/**
 * A menu button (WAI-ARIA menu pattern): the button opens a list of actions; arrows move, Enter runs, Escape
 * and a click elsewhere close it and give focus back to the button. Used for the secondary actions that do
 * not fit a phone's header. A menu stays open when the view around it is drawn again (a message arriving
 * redraws the conversation header): `replaceChildren` reopens it by its label.
 */
import { h, MENU_CLOSE, MENU_REOPEN } from "./element.ts"

export interface MenuItem {
  readonly label: string
  readonly run: () => void
  /** A destructive action is drawn in red. */
  readonly critical?: boolean
  readonly shortcut?: string
}

let counter = 0

export const menuButton = (
  label: string,
  content: Node | string,
  items: () => ReadonlyArray<MenuItem | null>,
  className = "icon-button",
): HTMLElement => {
  const id = `menu-${++counter}`
  const button = h(
    "button",
    {
      type: "button",
      class: className,
      "aria-label": label,
      title: label,
      "aria-haspopup": "menu",
      "aria-expanded": "false",
      "aria-controls": id,
    },
    content,
  )
  const list = h("div", {
    class: "tools__items menu__items",
    role: "menu",
    id,
    "aria-label": label,
    hidden: true,
  })
  const root = h("div", { class: "menu", "data-menu-key": label }, button, list)

  const entries = () => [...list.querySelectorAll<HTMLElement>("[role=menuitem]")]
  const close = (focusButton: boolean) => {
    if (list.hidden) return
    list.hidden = true
    button.setAttribute("aria-expanded", "false")
    document.removeEventListener("pointerdown", outside, true)
    if (focusButton) button.focus()
  }
  const outside = (e: Event) => {
    if (!root.contains(e.target as Node)) close(false)
  }
  const open = (focus: "first" | "last" | null) => {
    list.replaceChildren(
      ...items()
        .filter((i): i is MenuItem => i !== null)
        .map((item, index) =>
          h(
            "button",
            {
              type: "button",
              role: "menuitem",
              tabindex: -1,
              "data-focus-key": `menu:${label}:${index}`,
              class: `menu__item${item.critical ? " menu__item--critical" : ""}`,
              onclick: () => {
                close(true)
                item.run()
              },
            },
            h("span", null, item.label),
            item.shortcut ? h("kbd", { class: "menu__kbd", "aria-hidden": "true" }, item.shortcut) : null,
          ),
        ),
    )
    list.hidden = false
    button.setAttribute("aria-expanded", "true")
    document.addEventListener("pointerdown", outside, true)
    if (focus === null) return
    const all = entries()
    ;(focus === "first" ? all[0] : all[all.length - 1])?.focus()
  }
  root.addEventListener(MENU_CLOSE, () => close(false))
  root.addEventListener(MENU_REOPEN, () => open(null))
  button.addEventListener("click", () => (list.hidden ? open("first") : close(true)))
  button.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault()
      open(e.key === "ArrowDown" ? "first" : "last")
    }
  })
  list.addEventListener("keydown", (e) => {
    const all = entries()
    const i = all.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => all[(to + all.length) % all.length]?.focus()
    if (e.key === "ArrowDown") move(i + 1)
    else if (e.key === "ArrowUp") move(i - 1)
    else if (e.key === "Home") move(0)
    else if (e.key === "End") move(all.length - 1)
    else if (e.key === "Escape") close(true)
    else if (e.key === "Tab") close(false)
    else return
    e.preventDefault()
    e.stopPropagation()
  })
  return root
}
