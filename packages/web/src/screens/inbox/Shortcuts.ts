/**
 * Keyboard shortcuts of the desktop inbox, and the help dialog that lists them (`?`). Keys act only when the
 * person is not typing (an input, a textarea, a menu or a dialog has the keys then).
 */
import { openDialog } from "../../components/Dialog.ts"
import { h } from "../../components/element.ts"
import { ui } from "../../i18n/Locale.ts"

export type ShortcutAction = "next" | "previous" | "status" | "assign" | "reply" | "filter" | "help"

/** The one table of keys: it drives both the handler and the help dialog. */
export const SHORTCUTS: ReadonlyArray<{
  readonly keys: ReadonlyArray<string>
  readonly action: ShortcutAction
}> = [
  { keys: ["j", "ArrowDown"], action: "next" },
  { keys: ["k", "ArrowUp"], action: "previous" },
  { keys: ["e"], action: "status" },
  { keys: ["a"], action: "assign" },
  { keys: ["r"], action: "reply" },
  { keys: ["/"], action: "filter" },
  { keys: ["?"], action: "help" },
]

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.closest("input, textarea, select, [role=menu], dialog, details[open]") !== null)

/** Listens on the document; returns the function that stops listening. */
export const listenShortcuts = (run: (action: ShortcutAction) => void): (() => void) => {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return
    if (document.querySelector("dialog[open]") !== null) return
    const found = SHORTCUTS.find((s) => s.keys.includes(e.key))
    // Arrow keys keep their usual meaning inside lists and scrolled threads.
    if (found === undefined || (e.key.startsWith("Arrow") && !(e.target instanceof HTMLButtonElement))) return
    e.preventDefault()
    run(found.action)
  }
  document.addEventListener("keydown", onKey)
  return () => document.removeEventListener("keydown", onKey)
}

const label = (key: string): string => (key === "ArrowDown" ? "↓" : key === "ArrowUp" ? "↑" : key)

export const openShortcutsHelp = (): void => {
  const t = ui().shortcuts
  const dialog = openDialog(t.title, [
    h(
      "dl",
      { class: "shortcuts" },
      SHORTCUTS.flatMap((s) => [
        h(
          "dt",
          null,
          s.keys.flatMap((k, i) => [i > 0 ? ` ${t.or} ` : null, h("kbd", null, label(k))]),
        ),
        h("dd", null, t.actions[s.action]),
      ]),
    ),
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.close),
    ),
  ])
}
