/** `GET/PUT /api/notification-settings`: the signed-in staff member's own notification settings. */
import { Notifications } from "@inbox/core"
import { Clock, Effect } from "effect"
import { Hono } from "hono"
import { type AppEnv, chatStaff } from "../http/middleware/auth.ts"
import { type AppRuntime, runWith } from "../http/runtime.ts"
import { valid } from "../http/validate.ts"
import { StaffPreferences } from "../repo/StaffPreferences.ts"

export const preferenceRoutes = (runtime: AppRuntime) => {
  const run = runWith(runtime)
  return new Hono<AppEnv>()
    .use(chatStaff(runtime))
    .get("/", async (c) => {
      const staff = c.get("staff")
      return c.json(
        await run(
          Effect.gen(function* () {
            return yield* (yield* StaffPreferences).notifications(staff.shopId, staff.id)
          }),
        ),
        200,
      )
    })
    .put("/", valid("json", Notifications.NotificationSettings), async (c) => {
      const staff = c.get("staff")
      const settings = c.req.valid("json")
      await run(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          yield* (yield* StaffPreferences).setNotifications(staff.shopId, staff.id, settings, now)
        }),
      )
      return c.json(settings, 200)
    })
}
