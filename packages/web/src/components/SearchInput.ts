/** A search box that asks once the person pauses typing, so each keystroke does not cost a request. */
import { h } from "./element.ts"

const PAUSE_MS = 200

export const searchInput = (label: string, onSearch: (term: string) => void): HTMLInputElement => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const input = h("input", {
    type: "search",
    class: "input",
    "aria-label": label,
    placeholder: label,
    oninput: () => {
      clearTimeout(timer)
      timer = setTimeout(() => onSearch(input.value), PAUSE_MS)
    },
  })
  return input
}
