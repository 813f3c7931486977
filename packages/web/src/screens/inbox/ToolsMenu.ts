/**
 * The top bar's Tools menu (a native disclosure, so it works by keyboard and needs no script to open): search,
 * saved replies, availability, the chat on the merchant's store, metrics and notification settings, kept out of
 * the bar so it fits a phone.
 */
import "../../styles/tools.css"
import type { Session } from "../../api/types.ts"
import { disclosure } from "../../components/Disclosure.ts"
import { h } from "../../components/element.ts"
import { channels } from "../../i18n/channels.ts"
import { ui } from "../../i18n/Locale.ts"
import { openMetrics } from "../metrics/MetricsDialog.ts"
import { openNotificationSettings } from "../notifications/NotificationSettings.ts"
import { manageSavedReplies } from "../replies/SavedRepliesDialog.ts"
import { openSearch } from "../search/SearchDialog.ts"
import { openAvailabilitySettings } from "../settings/AvailabilityDialog.ts"
import { openChannelSettings } from "../settings/ChannelsDialog.ts"
import { openChatOnStoreSettings } from "../settings/ChatOnStoreDialog.ts"
import { openStoreConnection } from "../settings/StoreConnectionDialog.ts"
import { openShortcutsHelp } from "./Shortcuts.ts"

export const toolsMenu = (session: Session, onOpen?: (conversationId: string) => void): HTMLElement => {
  const t = ui()
  const menu = disclosure("tools")
  const item = (label: string, run: () => void) =>
    h(
      "button",
      {
        type: "button",
        class: "tools__item",
        onclick: () => {
          menu.open = false
          run()
        },
      },
      label,
    )
  menu.append(
    h("summary", { class: "button button--plain tools__toggle" }, t.tools),
    h(
      "div",
      { class: "tools__items", role: "group", "aria-label": t.tools },
      onOpen ? item(t.search.open, () => openSearch(onOpen)) : null,
      item(t.savedReplies.open, () => manageSavedReplies()),
      item(t.availability.open, () => void openAvailabilitySettings()),
      item(t.storeConnection.open, () => void openStoreConnection()),
      item(t.chatOnStore.open, () => void openChatOnStoreSettings(session)),
      item(t.metrics.open, () => openMetrics()),
      item(t.notificationSettings.open, () => void openNotificationSettings()),
      // Keys need a keyboard: the entry is for desktops (hidden by CSS on touch screens).
      h(
        "button",
        {
          type: "button",
          class: "tools__item tools__item--keyboard",
          onclick: () => {
            menu.open = false
            openShortcutsHelp()
          },
        },
        t.shortcuts.open,
      ),
      item(channels().settings.open, () => void openChannelSettings()),
    ),
  )
  return menu
}
