/** Every string the core renders, in English and French, selected by locale. */
import type { TopicId } from "../topics/Topic.ts"
import { en } from "./en.ts"
import { fr } from "./fr.ts"

export const LOCALES = ["en", "fr"] as const
export type Locale = (typeof LOCALES)[number]

export interface Messages {
  readonly topics: Readonly<Record<TopicId, string>>
  readonly cart: {
    readonly addedNamed: (title: string) => string
    readonly removedNamed: (title: string) => string
    readonly addedUnnamed: string
    readonly removedUnnamed: string
  }
  readonly presence: {
    readonly online: string
    /** @see R9 */
    readonly offlineEmail: (email: string) => string
    readonly offlineNoEmail: string
  }
  readonly status: { readonly open: string; readonly closed: string }
  readonly platforms: Readonly<
    Record<"online_store_chat" | "email" | "shop_app" | "messenger" | "instagram", string>
  >
  readonly route: {
    readonly chat: string
    readonly email: (to: string) => string
    readonly held: string
    readonly platform: (name: string) => string
  }
  readonly profile: {
    readonly returning: string
    readonly new: string
    readonly emailSubscriber: string
    readonly smsSubscriber: string
    /** @see R23 */
    readonly orderStatus: Readonly<
      Record<"pending" | "paid" | "fulfilled" | "cancelled" | "refunded", string>
    >
  }
  /** System notices in the conversation thread. @see R2, R3, R5, R9, R17, R19 */
  readonly notices: {
    readonly started: (platform: string) => string
    readonly closed: (by: string) => string
    readonly reopened: (by: string) => string
    /** @see R5 */
    readonly reopenedByCustomer: string
    readonly assigned: (assignee: string, by: string) => string
    readonly unassigned: (by: string) => string
    readonly customerOnline: string
    /** @see R17 */
    readonly discountApplied: (code: string) => string
    readonly blocked: (by: string) => string
    readonly unblocked: (by: string) => string
    /** Stands in for a staff member whose name the caller did not give. */
    readonly someone: string
  }
  /** Human message for each error `_tag`, given its fields. */
  readonly errors: Readonly<Record<string, (details: Readonly<Record<string, unknown>>) => string>>
}

/** Picks a supported locale from a BCP 47 tag or an Accept-Language header; English by default. */
export const pickLocale = (tag: string | null | undefined): Locale => {
  if (!tag) return "en"
  for (const part of tag.split(",")) {
    const lang = part.trim().slice(0, 2).toLowerCase()
    if (lang === "fr") return "fr"
    if (lang === "en") return "en"
  }
  return "en"
}

export const messages = (locale: Locale): Messages => (locale === "fr" ? fr : en)

/** Renders an error (anything with `_tag` and fields) for a person, in their language. */
export const errorMessage = (error: { readonly _tag: string }, locale: Locale): string => {
  const render = messages(locale).errors[error._tag]
  return render
    ? render(error as unknown as Readonly<Record<string, unknown>>)
    : messages(locale).errors.Unknown!({})
}
