/** Every string the core renders, in English and French, selected by locale. */
import type { Platform } from "../channel/Platform.ts"
import type { DeliveryFailureCode } from "../delivery/DeliveryFailure.ts"
import type { TopicId } from "../topics/Topic.ts"
import { en } from "./en.ts"
import { fr } from "./fr.ts"

export const LOCALES = ["en", "fr"] as const
export type Locale = (typeof LOCALES)[number]

/**
 * Who did something, as the reader sees it: the reader themself ("You closed…", "Vous avez fermé…") or a named
 * colleague. A sentence's grammar depends on it, so it is not just a name.
 */
export type Actor = { readonly _tag: "you" } | { readonly _tag: "staff"; readonly name: string }

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
  /** System notices in the conversation thread; each sentence names its subject. @see R2, R3, R5, R9, R17, R19 */
  readonly notices: {
    readonly started: (platform: Platform) => string
    readonly closed: (by: Actor) => string
    readonly reopened: (by: Actor) => string
    /** @see R5 */
    readonly reopenedByCustomer: string
    readonly assigned: (assignee: Actor, by: Actor) => string
    readonly unassigned: (by: Actor) => string
    readonly customerOnline: string
    /** @see R17 */
    readonly discountApplied: (code: string) => string
    readonly blocked: (by: Actor) => string
    readonly unblocked: (by: Actor) => string
    /** The shop answered on the platform itself, outside the inbox. @see R2 */
    readonly sentOutsideInbox: (platform: string) => string
    /** Stands in for a staff member whose name the caller did not give. */
    readonly someone: string
  }
  /** Web Push notifications to staff (title: who; body: what). @see R19 */
  readonly push: {
    readonly newConversation: (customer: string) => string
    readonly newMessage: (customer: string) => string
    readonly assignedToYou: (customer: string) => string
    readonly assignedBy: (by: string) => string
  }
  /** Why a reply was not delivered (the detail is the far side's own answer). @see R2 */
  readonly deliveryFailure: Readonly<Record<DeliveryFailureCode, (detail: string) => string>>
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
