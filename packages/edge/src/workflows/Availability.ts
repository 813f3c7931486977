/**
 * Availability hours and automatic first replies: the settings a merchant edits, what the storefront shows,
 * and the snapshot a customer message carries into decide (which sends the reply at most once).
 */
import { AutomaticReply, Availability, type I18n, type Ids, Metrics, newId, Time } from "@inbox/core"
import type { StoreAvailability } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { ShopNotFound } from "../http/EdgeErrors.ts"
import { Directory, type StaffRecord } from "../repo/Directory.ts"
import { MetricsSource } from "../repo/MetricsSource.ts"
import { ShopSettings } from "../repo/ShopSettings.ts"

/**
 * The `automaticReply` field of a ReceiveCustomerMessage command: the shop's settings when it has a text,
 * nothing otherwise (so shops without automatic replies decide exactly as before).
 * Untraced: it runs on every shopper message, where a named Effect.fn's span and stack frame cost ~10 µs a call
 * and no tracer reads them (#17).
 */
export const automaticReplyFor = Effect.fnUntraced(function* (shopId: Ids.ShopId, language?: I18n.Locale) {
  const settings = yield* (yield* ShopSettings).automaticReplies(shopId)
  if (!AutomaticReply.hasAnyText(settings)) return {}
  return {
    automaticReply: {
      settings,
      messageId: (yield* newId("auto")) as Ids.MessageId,
      ...(language === undefined ? {} : { language }),
    },
  }
})

const cleanTexts = (t: AutomaticReply.ReplyTexts | undefined): AutomaticReply.ReplyTexts => ({
  insideHours: t?.insideHours?.trim() || null,
  outsideHours: t?.outsideHours?.trim() || null,
})

export const settingsOf = Effect.fn("Availability.settingsOf")(function* (staff: StaffRecord) {
  return yield* (yield* ShopSettings).automaticReplies(staff.shopId)
})

export const saveSettings = Effect.fn("Availability.saveSettings")(function* (
  staff: StaffRecord,
  settings: AutomaticReply.AutomaticReplies,
) {
  if (
    settings.availability._tag === "WeeklyHours" &&
    !Availability.isKnownTimeZone(settings.availability.timeZone)
  )
    return yield* Effect.fail(new Availability.TimeZoneUnknown({ timeZone: settings.availability.timeZone }))
  const clean: AutomaticReply.AutomaticReplies = {
    availability: settings.availability,
    ...cleanTexts(settings),
    ...(settings.byLanguage === undefined
      ? {}
      : {
          byLanguage: {
            ...(settings.byLanguage.en === undefined ? {} : { en: cleanTexts(settings.byLanguage.en) }),
            ...(settings.byLanguage.fr === undefined ? {} : { fr: cleanTexts(settings.byLanguage.fr) }),
          },
        }),
  }
  yield* (yield* ShopSettings).setAutomaticReplies(staff.shopId, clean, yield* Clock.currentTimeMillis)
  return clean
})

/** Open now or not, and when next, for the storefront chat header. */
export const storeAvailability = Effect.fn("Availability.storeAvailability")(function* (shopId: string) {
  const shop = yield* (yield* Directory).shop(shopId)
  if (shop === null) return yield* Effect.fail(new ShopNotFound({ shopId }))
  const settings = yield* (yield* ShopSettings).automaticReplies(shop.id)
  const now = Time.instant(yield* Clock.currentTimeMillis)
  const a = settings.availability
  const available = Availability.isAvailable(a, now)
  // The expected reply time is what the team actually did lately: the median first response over 30 days.
  const range = { from: Time.instant(Math.max(0, now - 30 * Time.DAY_MS)), to: now }
  const logs = yield* (yield* MetricsSource).logs(shop.id, range)
  const typicalReplyMs = Metrics.compute(logs, [], range, "UTC").medianFirstResponseMs
  const body: StoreAvailability = {
    typicalReplyMs,
    available,
    nextAvailableAt: a._tag === "AlwaysAvailable" || available ? null : Availability.nextAvailable(a, now),
    timeZone: a._tag === "WeeklyHours" ? a.timeZone : null,
  }
  return body
})
