/** A staff member's own preferences over HTTP: which notifications they want. */
import { NotificationSettings } from "../notifications/Notifications.ts"
import * as Endpoint from "./Endpoint.ts"

export const NotificationSettingsApi = {
  get: Endpoint.get("/api/notification-settings", {
    summary: "My notification settings",
    auth: "chatStaff",
    success: NotificationSettings,
  }),
  set: Endpoint.put("/api/notification-settings", {
    summary: "Set my notification settings",
    auth: "chatStaff",
    body: NotificationSettings,
    success: NotificationSettings,
  }),
}
