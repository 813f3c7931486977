/**
 * The few words of the launcher on the merchant's page (the bubble and the frame's title), in English and
 * French. The chat's own strings are in i18n/; these stay here so widget.js carries no string table.
 */
import type { Locale } from "./protocol.ts"

export interface LauncherStrings {
  readonly open: string
  readonly close: string
  readonly frame: (shop: string) => string
  readonly unread: (count: number) => string
}

export const launcherStrings: Record<Locale, LauncherStrings> = {
  en: {
    open: "Chat with us",
    close: "Close chat",
    frame: (shop) => `Chat with ${shop}`,
    unread: (count) => (count === 1 ? "1 new message" : `${count} new messages`),
  },
  fr: {
    open: "Discuter avec nous",
    close: "Fermer le chat",
    frame: (shop) => `Discussion avec ${shop}`,
    unread: (count) => (count === 1 ? "1 nouveau message" : `${count} nouveaux messages`),
  },
}
