/**
 * The one way screens build DOM: `h(tag, attrs, ...children)`. Strings become text nodes, so anything a
 * person typed is escaped by construction; there is no innerHTML anywhere in the app.
 */

export type Child = Node | string | number | null | undefined | false
export type Children = ReadonlyArray<Child | ReadonlyArray<Child>>

type Listener = (event: never) => void
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined | Listener>>

export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Children
): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag)
  if (attrs) setAttrs(el, attrs)
  append(el, children)
  return el
}

export const setAttrs = (el: HTMLElement, attrs: Attrs): void => {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener)
    } else if (key === "class") {
      el.className = String(value)
    } else if (key === "value" && "value" in el) {
      ;(el as HTMLInputElement).value = String(value)
    } else if (key === "checked" && el instanceof HTMLInputElement) {
      el.checked = value === true
    } else {
      el.setAttribute(key, value === true ? "" : String(value))
    }
  }
}

export const append = (parent: Node, children: Children): void => {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)))
  }
}

/** Events `replaceChildren` sends a menu it redraws: close the old one, open the new one (focus is its job). */
export const MENU_CLOSE = "inbox-menu-close"
export const MENU_REOPEN = "inbox-menu-reopen"

/**
 * Replaces every child of `parent`, keeping focus on the element with the same `data-focus-key` and keeping
 * open the menus that were open (same `data-menu-key`), so a redraw never closes what the person is using.
 */
export const replaceChildren = (parent: Element, children: Children): void => {
  const active = document.activeElement
  const key = active instanceof HTMLElement && parent.contains(active) ? active.dataset.focusKey : undefined
  const openMenus = [...parent.querySelectorAll<HTMLElement>("[data-menu-key]")].filter(
    (m) => m.querySelector("[role=menu]:not([hidden])") !== null,
  )
  for (const m of openMenus) m.dispatchEvent(new Event(MENU_CLOSE))
  parent.replaceChildren()
  append(parent, children)
  for (const menuKey of openMenus.map((m) => m.dataset.menuKey ?? "")) {
    parent.querySelector(`[data-menu-key="${CSS.escape(menuKey)}"]`)?.dispatchEvent(new Event(MENU_REOPEN))
  }
  if (key !== undefined) {
    const again = parent.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)
    again?.focus()
  }
}

/** An inline SVG icon from a path, decorative (hidden from assistive technology). */
export const icon = (d: string, size = 20): SVGSVGElement => {
  const ns = "http://www.w3.org/2000/svg"
  const svg = document.createElementNS(ns, "svg")
  svg.setAttribute("viewBox", "0 0 20 20")
  svg.setAttribute("width", String(size))
  svg.setAttribute("height", String(size))
  svg.setAttribute("aria-hidden", "true")
  svg.setAttribute("focusable", "false")
  const path = document.createElementNS(ns, "path")
  path.setAttribute("d", d)
  path.setAttribute("fill", "currentColor")
  svg.appendChild(path)
  return svg
}
