/**
 * What a staff member without the online store chat permission sees (R0.2): a plain page that says so and who
 * can grant it, instead of an empty inbox, a connection that never comes up and an error toast.
 */
import type { Session } from "../../api/types.ts"
import { h, replaceChildren } from "../../components/element.ts"
import { ui } from "../../i18n/Locale.ts"
import { languageSwitch } from "./TopBar.ts"

export const renderNoPermission = (
  root: HTMLElement,
  session: Session,
  actions: { readonly retry: () => void; readonly signOut: () => void },
): void => {
  const t = ui().noPermission
  document.title = `${ui().appName} · ${session.shop.name}`
  replaceChildren(root, [
    h(
      "main",
      { class: "signin" },
      h(
        "section",
        { class: "signin__card", "aria-labelledby": "no-permission-title" },
        h(
          "div",
          { class: "signin__brand" },
          h("span", { class: "logo", "aria-hidden": "true" }),
          ui().appName,
        ),
        h("h1", { id: "no-permission-title", class: "signin__title" }, t.title),
        h("p", null, t.body(session.staff.email, session.shop.name)),
        h("p", { class: "muted" }, t.who),
        h(
          "div",
          { class: "dialog__actions" },
          h("button", { type: "button", class: "button", onclick: actions.signOut }, ui().signOut),
          h("button", { type: "button", class: "button button--primary", onclick: actions.retry }, t.retry),
        ),
        h("div", { class: "signin__lang" }, languageSwitch()),
      ),
    ),
  ])
}
