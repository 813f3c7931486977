/** The inbox's top bar: shop, language switch, desktop notifications and sign-out. */
import type { Session } from "../../api/types.ts"
import { h, icon } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { locale, setLocale, ui } from "../../i18n/Locale.ts"
import { toolsMenu } from "./ToolsMenu.ts"

export const languageSwitch = () =>
  h(
    "select",
    {
      class: "select select--small",
      "aria-label": ui().language,
      onchange: (e: Event) => setLocale((e.target as HTMLSelectElement).value === "fr" ? "fr" : "en"),
    },
    h("option", { value: "en", selected: locale() === "en", lang: "en" }, "English"),
    h("option", { value: "fr", selected: locale() === "fr", lang: "fr" }, "Français"),
  )

export const topBar = (
  session: Session,
  onSignOut: () => void,
  onOpen?: (conversationId: string) => void,
) => {
  const t = ui()
  const canNotify = "Notification" in window
  const bell = canNotify
    ? h(
        "button",
        {
          type: "button",
          class: "button button--plain topbar__bell",
          "aria-pressed": Notification.permission === "granted" ? "true" : "false",
          // Named by its label, which the phone layout hides.
          "aria-label": Notification.permission === "granted" ? t.notificationsOn : t.notifications,
          onclick: async () => {
            const result = await Notification.requestPermission()
            bell?.setAttribute("aria-pressed", result === "granted" ? "true" : "false")
            if (bell?.lastChild)
              bell.lastChild.textContent = result === "granted" ? t.notificationsOn : t.notifications
          },
        },
        icon(icons.bell, 16),
        h("span", null, Notification.permission === "granted" ? t.notificationsOn : t.notifications),
      )
    : null
  return h(
    "header",
    { class: "topbar" },
    h(
      "div",
      { class: "topbar__brand" },
      h("span", { class: "logo", "aria-hidden": "true" }),
      h("span", null, t.appName),
    ),
    h("span", { class: "topbar__shop" }, session.shop.name),
    h("span", { class: "topbar__spacer" }),
    toolsMenu(onOpen),
    bell,
    languageSwitch(),
    h(
      "span",
      { class: "topbar__user" },
      h("span", { class: "avatar", "aria-hidden": "true" }, session.staff.name.slice(0, 1).toUpperCase()),
      h("span", { class: "topbar__name" }, session.staff.name),
    ),
    h("button", { type: "button", class: "button button--plain", onclick: onSignOut }, t.signOut),
  )
}
