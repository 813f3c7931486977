/**
 * The browser's door to the edge API: the typed client over this origin, with the CSRF header read from its
 * cookie on cookie-authenticated mutations, and the page's language.
 */
import { locale } from "../i18n/Locale.ts"
import { makeClient } from "./client.ts"

export { ApiError, framesOf, NETWORK_ERROR } from "./client.ts"

const cookie = (name: string): string | null => {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=")
    if (k === name) return decodeURIComponent(v.join("="))
  }
  return null
}

export const { call, url } = makeClient({
  baseUrl: "",
  fetch: (input, init) => fetch(input, init),
  locale,
  csrf: () => cookie("inbox_csrf"),
})

/** The WebSocket URL of a path on this origin. */
export const socketUrl = (path: string): string =>
  `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`

/** A client-generated id, so a retried send is recognised by the server (idempotency). */
export const clientId = (): string =>
  crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
