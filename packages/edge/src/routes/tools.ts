/** The merchant's tools: saved replies, search, metrics, notification and availability settings. */
import type { Notifications } from "@inbox/core"
import type { Api } from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import type { HttpHandlers } from "../http/serve.ts"
import { StaffPreferences } from "../repo/StaffPreferences.ts"
import * as Availability from "../workflows/Availability.ts"
import * as Metrics from "../workflows/Metrics.ts"
import * as SavedReplies from "../workflows/SavedReplies.ts"
import * as Search from "../workflows/Search.ts"

export const savedReplyHandlers: HttpHandlers<typeof Api.savedReplies> = {
  list: ({ staff }) => SavedReplies.list(staff),
  create: ({ staff, body }) => SavedReplies.save(staff, null, body),
  update: ({ staff, params, body }) => SavedReplies.save(staff, params.id, body),
  remove: ({ staff, params }) => SavedReplies.remove(staff, params.id).pipe(Effect.as(undefined)),
}

export const searchHandlers: HttpHandlers<typeof Api.search> = {
  conversations: ({ staff, query }) => Search.search(staff, query.q),
}

export const metricsHandlers: HttpHandlers<typeof Api.metrics> = {
  metrics: ({ staff, query }) => Metrics.metrics(staff, query),
}

export const notificationSettingsHandlers: HttpHandlers<typeof Api.notificationSettings> = {
  get: ({ staff }) => StaffPreferences.use((p) => p.notifications(staff.shopId, staff.id)),
  set: ({ staff, body }) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      yield* (yield* StaffPreferences).setNotifications(staff.shopId, staff.id, body, now)
      const saved: Notifications.NotificationSettings = body
      return saved
    }),
}

export const availabilityHandlers: HttpHandlers<typeof Api.availability> = {
  settings: ({ staff }) => Availability.settingsOf(staff),
  saveSettings: ({ staff, body }) => Availability.saveSettings(staff, body),
  store: ({ params }) => Availability.storeAvailability(params.shopId),
}
