/**
 * The person's language: English or French, from the browser, switchable and remembered. Screens read
 * `ui()` for their own strings and `domain()` for the core's (topics, notices, errors).
 */
import { I18n } from "@inbox/core"
import { en, type UiStrings } from "./en.ts"
import { fr } from "./fr.ts"

export type Locale = I18n.Locale

const STORAGE_KEY = "inbox.locale"

const initial = (): Locale => {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === "en" || saved === "fr") return saved
  return I18n.pickLocale(navigator.languages?.join(",") || navigator.language)
}

let current: Locale = initial()
const listeners = new Set<(l: Locale) => void>()

export const locale = (): Locale => current
export const ui = (): UiStrings => (current === "fr" ? fr : en)
export const domain = (): I18n.Messages => I18n.messages(current)

export const setLocale = (next: Locale): void => {
  if (next === current) return
  current = next
  localStorage.setItem(STORAGE_KEY, next)
  document.documentElement.lang = next
  for (const f of listeners) f(next)
}

export const onLocaleChange = (f: (l: Locale) => void): (() => void) => {
  listeners.add(f)
  return () => listeners.delete(f)
}

document.documentElement.lang = current

/** A short time for the list: "14:05" today, "Mon" this week, otherwise "12 Nov". */
export const shortTime = (at: number, now = Date.now()): string => {
  const d = new Date(at)
  const today = new Date(now)
  if (d.toDateString() === today.toDateString())
    return new Intl.DateTimeFormat(current, { hour: "numeric", minute: "2-digit" }).format(d)
  if (now - at < 6 * 86_400_000) return new Intl.DateTimeFormat(current, { weekday: "short" }).format(d)
  return new Intl.DateTimeFormat(current, { day: "numeric", month: "short" }).format(d)
}

export const dateTime = (at: number): string =>
  new Intl.DateTimeFormat(current, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at))

export const date = (at: number): string =>
  new Intl.DateTimeFormat(current, { dateStyle: "long" }).format(new Date(at))

/** The error text for a failed call: the server's localized message, else the core's rendering. */
export const errorText = (e: unknown): string => {
  if (typeof e === "object" && e !== null && "message" in e && typeof e.message === "string" && e.message)
    return e.message
  return ui().errors.network
}
