/** A staff member's avatar: their initials on a colour of their own (the same name, the same colour). */
import { placeholderHue } from "./Cards.ts"
import { h } from "./element.ts"

export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? "")
    .join("")

/**
 * Decorative: the name always travels in text beside it or in the control's label. The initials are drawn by
 * CSS (not text), so a control's visible words stay exactly its name's words.
 */
export const avatar = (name: string, size: "small" | "medium" = "medium"): HTMLElement => {
  const el = h("span", {
    class: `avatar avatar--${size} avatar--initials`,
    "aria-hidden": "true",
    "data-initials": initials(name),
  })
  el.style.setProperty("--hue", String(placeholderHue(name)))
  return el
}
