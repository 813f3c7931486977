/**
 * Port: hand one reply to its channel (email, Messenger/Instagram, a custom platform), and say how each
 * channel is set up here. Fails with a reason the merchant can read; `permanent` when retrying the same
 * reply cannot help (outside Meta's window, a revoked token), so it fails at once. @see R2
 */
import { DeliveryFailure } from "@inbox/core"
import { Context, type Effect, Schema } from "effect"
import type { OutboxEntry } from "../repo/Outbox.ts"

export class DeliveryFailed extends Schema.TaggedError<DeliveryFailed>()("DeliveryFailed", {
  reason: DeliveryFailure.DeliveryFailure,
  permanent: Schema.optionalKey(Schema.Boolean),
}) {}

/** What this deployment can do per channel (configuration, not data): what the composer and settings show. */
export interface ChannelSetup {
  /** smtp / api / binding: replies really leave; capture: saved locally; off: they fail. */
  readonly emailTransport: "smtp" | "api" | "binding" | "capture" | "off"
  /** Inbound email is received (SMTP listener, Email Routing). */
  readonly emailReceiving: boolean
  /** A custom platform's URL receives signed replies. */
  readonly customPlatform: boolean
  /** Meta's app secret and verify token are set. */
  readonly meta: boolean
}

export class Channels extends Context.Service<
  Channels,
  {
    readonly deliver: (entry: OutboxEntry) => Effect.Effect<void, DeliveryFailed>
    readonly setup: ChannelSetup
  }
>()("@inbox/edge/channels/Channels") {}
