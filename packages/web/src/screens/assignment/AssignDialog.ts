/**
 * The assignment window: search the staff who may be assigned (R19: only those with the chat permission),
 * each with their avatar, the current assignee marked, and "Unassigned" first.
 */
import { Staff } from "@inbox/core"
import type { StaffSummary } from "../../api/types.ts"
import { avatar } from "../../components/Avatar.ts"
import { openDialog } from "../../components/Dialog.ts"
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { ui } from "../../i18n/Locale.ts"

export interface AssignOptions {
  readonly staff: ReadonlyArray<StaffSummary>
  readonly me: StaffSummary
  readonly current: string | null
  readonly onPick: (staffId: string | null) => void
}

/** Case and accents do not matter: "elise" finds Élise. */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()

export const openAssignDialog = (options: AssignOptions): void => {
  const t = ui().assignment
  const people = Staff.assignable(options.staff)
  const list = h("ul", { class: "assign__list", role: "list", "aria-label": t.people })
  const status = h("p", { class: "visually-hidden", role: "status" })
  const choice = (id: string | null, label: string, sub: string | null, face: Node) => {
    const current = options.current === id
    return h(
      "li",
      null,
      h(
        "button",
        {
          type: "button",
          class: `assign__person${current ? " assign__person--current" : ""}`,
          "aria-pressed": current ? "true" : "false",
          onclick: () => {
            dialog.close()
            if (!current) options.onPick(id)
          },
        },
        face,
        h(
          "span",
          { class: "assign__who" },
          h("span", { class: "assign__name" }, label),
          sub ? h("span", { class: "assign__sub" }, sub) : null,
        ),
        current ? h("span", { class: "assign__check" }, icon(icons.check, 16)) : null,
      ),
    )
  }
  const render = (term: string) => {
    const q = fold(term.trim())
    const found = people.filter((s) => q === "" || fold(`${s.name} ${s.email}`).includes(q))
    replaceChildren(list, [
      q === "" ? choice(null, t.unassigned, null, h("span", { class: "avatar avatar--none" }, "–")) : null,
      ...found.map((s) =>
        choice(s.id, s.id === options.me.id ? t.you(s.name) : s.name, s.email, avatar(s.name)),
      ),
    ])
    status.textContent = found.length === 0 ? t.none : t.count(found.length)
    if (found.length === 0) list.append(h("li", { class: "assign__empty" }, t.none))
  }
  const search = h("input", {
    type: "search",
    class: "input",
    "aria-label": t.search,
    placeholder: t.search,
    oninput: () => render(search.value),
  })
  render("")
  const dialog = openDialog(t.title, [
    h("p", { class: "dialog__hint" }, t.hint),
    search,
    list,
    status,
    h(
      "div",
      { class: "dialog__actions" },
      h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t.cancel),
    ),
  ])
  search.focus()
}
