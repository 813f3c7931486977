/** Web Push: the VAPID key browsers subscribe with, and each staff member's own browser subscriptions. */
import type { Api } from "@inbox/core/wire"
import { Clock, Effect, Option } from "effect"
import { PushSender } from "../channels/push/PushSender.ts"
import type { HttpHandlers } from "../http/serve.ts"
import { PushSubscriptions } from "../repo/PushSubscriptions.ts"

export const pushHandlers: HttpHandlers<typeof Api.push> = {
  key: () =>
    Effect.serviceOption(PushSender).pipe(
      Effect.map((sender) => ({ publicKey: Option.isSome(sender) ? sender.value.vapid.publicKey : null })),
    ),
  subscribe: ({ staff, body, locale }) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      yield* (yield* PushSubscriptions).save(
        staff.shopId,
        {
          staffId: staff.id,
          endpoint: body.endpoint,
          p256dh: body.keys.p256dh,
          auth: body.keys.auth,
          language: body.language ?? locale,
        },
        now,
      )
    }).pipe(Effect.as(undefined)),
  unsubscribe: ({ staff, body }) =>
    PushSubscriptions.use((s) => s.remove(staff.shopId, staff.id, body.endpoint)).pipe(Effect.as(undefined)),
}
