/**
 * What the installed app shows when it opens with no network: the truth (offline, nothing new can arrive),
 * not a sign-in form that would fail. It starts by itself when the network is back.
 */
import { h, icon, replaceChildren } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { ui } from "../../i18n/Locale.ts"

export const renderOffline = (root: HTMLElement): void => {
  const t = ui().offlinePage
  replaceChildren(root, [
    h(
      "main",
      { class: "signin" },
      h(
        "section",
        { class: "signin__card", "aria-labelledby": "offline-title" },
        h("div", { class: "signin__brand" }, icon(icons.offline, 22), ui().appName),
        h("h1", { id: "offline-title", class: "signin__title" }, t.title),
        h("p", { role: "status" }, t.body),
      ),
    ),
  ])
}
