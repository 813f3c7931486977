/** Port: hand one reply to its channel (email, platform webhook). Fails with a reason the merchant can read. @see R2 */
import { DeliveryFailure } from "@inbox/core"
import { Context, type Effect, Schema } from "effect"
import type { OutboxEntry } from "../repo/Outbox.ts"

export class DeliveryFailed extends Schema.TaggedError<DeliveryFailed>()("DeliveryFailed", {
  reason: DeliveryFailure.DeliveryFailure,
}) {}

export class Channels extends Context.Service<
  Channels,
  { readonly deliver: (entry: OutboxEntry) => Effect.Effect<void, DeliveryFailed> }
>()("@inbox/edge/channels/Channels") {}
