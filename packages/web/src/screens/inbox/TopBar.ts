/**
 * The inbox's top bar: shop, the offline state, Tools, desktop notifications, and the account menu (language,
 * sign-out). It fits a 390 px phone.
 */
import type { Session } from "../../api/types.ts"
import { avatar } from "../../components/Avatar.ts"
import { disclosure } from "../../components/Disclosure.ts"
import { h, icon } from "../../components/element.ts"
import { icons } from "../../components/icons.ts"
import { locale, setLocale, ui } from "../../i18n/Locale.ts"
import { enablePush } from "../notifications/Push.ts"
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
            if (result === "granted") void enablePush()
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
    offlineBadge(),
    toolsMenu(session, onOpen),
    bell,
    accountMenu(session, onSignOut),
  )
}

/** Said honestly while the device has no network: the app still opens, nothing new arrives. */
const offlineBadge = (): HTMLElement => {
  const badge = h(
    "span",
    { class: "topbar__offline", role: "status", hidden: navigator.onLine },
    icon(icons.offline, 16),
    h("span", null, ui().offline),
  )
  const sync = () => {
    badge.hidden = navigator.onLine
  }
  window.addEventListener("online", sync)
  window.addEventListener("offline", sync)
  return badge
}

/**
 * Who is signed in, their language and sign-out, behind their avatar: the bar then fits a 390 px phone in
 * either language. A disclosure, like Tools, so it works by keyboard with no script to open it.
 */
const accountMenu = (session: Session, onSignOut: () => void): HTMLElement => {
  const t = ui()
  const menu = disclosure("tools account")
  menu.append(
    h(
      "summary",
      {
        class: "button button--plain tools__toggle account__toggle",
        "aria-label": t.account(session.staff.name),
      },
      avatar(session.staff.name),
      h("span", { class: "topbar__name" }, session.staff.name),
    ),
    h(
      "div",
      { class: "tools__items account__items", role: "group", "aria-label": t.account(session.staff.name) },
      h(
        "p",
        { class: "account__who" },
        h("strong", null, session.staff.name),
        h("span", null, session.staff.email),
        h("span", null, session.shop.name),
      ),
      h("label", { class: "account__language" }, h("span", null, t.language), languageSwitch()),
      h("button", { type: "button", class: "tools__item", onclick: onSignOut }, t.signOut),
    ),
  )
  return menu
}
