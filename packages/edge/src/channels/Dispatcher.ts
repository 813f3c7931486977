/**
 * Delivers queued replies from the outbox with retries and exponential backoff, recording each outcome
 * (sent, retry later, failed + reason) and telling live merchant tabs. @see R2
 */
import { DeliveryFailure, type Ids } from "@inbox/core"
import { Clock, Effect, Layer } from "effect"
import type { StoreUnavailable } from "../db/Database.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import type { Conversations } from "../repo/Conversations.ts"
import type { Customers } from "../repo/Customers.ts"
import type { Directory } from "../repo/Directory.ts"
import { Emails } from "../repo/Emails.ts"
import { MetaAccounts } from "../repo/MetaAccounts.ts"
import type { MetaMessages } from "../repo/MetaMessages.ts"
import { Outbox, type OutboxEntry, toDelivery } from "../repo/Outbox.ts"
import { type ChannelSetup, Channels, DeliveryFailed } from "./Channels.ts"
import { type CustomPlatformTarget, deliverToCustomPlatform } from "./CustomPlatform.ts"
import type { EmailAddressConfig, EmailSettings } from "./email/EmailSettings.ts"
import { composeReply, type EmailSender, replacedMessageId } from "./email/OutboundEmail.ts"
import { deliverMeta } from "./meta/deliver.ts"
import { MetaSettings } from "./meta/MetaSettings.ts"

export interface RetryPolicy {
  /** Attempts in all, the first included; then the delivery is failed. */
  readonly maxAttempts: number
  /** Delay before the second attempt; doubled after each failure. */
  readonly baseDelayMs: number
}

export interface ChannelConfig {
  /** The custom platform's URL and secret (the Shop app, or a bridge). */
  readonly webhook: CustomPlatformTarget
  /** Sends one composed email; null when no email transport is configured (replies then fail with why). */
  readonly sendEmail: EmailSender | null
  /** True when `sendEmail` writes to the local capture instead of sending (the composer says so). */
  readonly capturesEmail?: boolean
  /** How `sendEmail` sends, for the settings page (smtp by default). */
  readonly emailTransport?: "smtp" | "api" | "binding"
  /** Inbound email is received (the SMTP listener on Node; Email Routing's handler on Workers). */
  readonly receivesEmail?: boolean
  /** Whose address is which (default: `Inbox <inbox@localhost>`, every address to the demo shop). */
  readonly addresses?: EmailAddressConfig
  /** The inbox's public origin, for links in emails (shared images); absent: relative links are left out. */
  readonly publicUrl?: string | null
  readonly retry: RetryPolicy
  readonly pollMs: number
}

/** How long a claimed delivery is left to its dispatcher before another may retry it (a crash mid-send). */
export const CLAIM_LEASE_MS = 60_000

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2_000 }

/** Email addressing when none is configured: one local sender, every inbound address to the demo shop. */
export const DEFAULT_ADDRESSES: EmailAddressConfig = {
  from: "Inbox <inbox@localhost>",
  addresses: undefined,
  defaultShop: "demo",
}

export const backoff = (policy: RetryPolicy, attempts: number): number =>
  policy.baseDelayMs * 2 ** (attempts - 1)

/** The services channel delivery reads (composition of emails, Meta accounts and message ids). */
export type ChannelServices =
  | Emails
  | EmailSettings
  | Directory
  | Conversations
  | Customers
  | MetaAccounts
  | MetaMessages
  | MetaSettings

/** What the deployment offers per channel, from its configuration. */
export const setupOf = (config: ChannelConfig, meta: boolean): ChannelSetup => ({
  emailTransport:
    config.sendEmail === null
      ? "off"
      : config.capturesEmail === true
        ? "capture"
        : (config.emailTransport ?? "smtp"),
  emailReceiving: config.receivesEmail === true,
  customPlatform: config.webhook.url !== null,
  meta,
})

const storeFailure = (e: StoreUnavailable) =>
  Effect.fail(new DeliveryFailed({ reason: { code: "store_unavailable", detail: e.message } }))

/**
 * The Channels port from a config: email composed once (threading headers, reply address) and handed to
 * `sendEmail`; Messenger and Instagram through Meta's Send API when the shop connected an account, else
 * (and for the Shop app) through the custom platform's signed webhook.
 */
export const layerChannels = (config: ChannelConfig): Layer.Layer<Channels, never, ChannelServices> =>
  Layer.effect(
    Channels,
    Effect.gen(function* () {
      const services = yield* Effect.context<ChannelServices>()
      const { config: meta } = yield* MetaSettings
      const publicUrl = config.publicUrl ?? null
      const email = (entry: OutboxEntry) =>
        Effect.gen(function* () {
          const send = config.sendEmail
          if (send === null)
            return yield* Effect.fail(new DeliveryFailed({ reason: { code: "email_not_configured" } }))
          const composed = yield* composeReply(entry, { publicUrl }).pipe(
            Effect.catchTag("StoreUnavailable", storeFailure),
          )
          const sent = yield* Effect.tryPromise({
            try: () => send(composed),
            catch: (e) =>
              new DeliveryFailed({
                reason: { code: "email_rejected", detail: e instanceof Error ? e.message : String(e) },
              }),
          })
          // The transport's own Message-ID threads the customer's answer like ours does. The email has left:
          // a store failure here must not send it again (the reply address still threads the answer).
          const replaced = replacedMessageId(composed, sent)
          if (replaced !== null)
            yield* (yield* Emails)
              .record({
                id: `eml_out_${entry.id}_sent`,
                shopId: entry.shopId as Ids.ShopId,
                conversationId: entry.conversationId,
                messageId: replaced,
                direction: "out",
                references: composed.references,
                fromAddress: composed.from.address,
                subject: composed.subject,
                seq: entry.seq,
                rawKey: null,
                byteSize: null,
                createdAt: entry.createdAt,
              })
              .pipe(Effect.catchTag("StoreUnavailable", () => Effect.void))
        })
      const platform = (entry: OutboxEntry, name: "messenger" | "instagram") =>
        Effect.gen(function* () {
          const account =
            meta === null ? null : yield* (yield* MetaAccounts).sending(entry.shopId as Ids.ShopId, name)
          if (account !== null && meta !== null) return yield* deliverMeta(entry, account, meta, publicUrl)
          if (config.webhook.url !== null) return yield* deliverToCustomPlatform(config.webhook, entry)
          return yield* Effect.fail(
            new DeliveryFailed({ reason: { code: "platform_not_connected", detail: name }, permanent: true }),
          )
        }).pipe(Effect.catchTag("StoreUnavailable", storeFailure))
      return Channels.of({
        setup: setupOf(config, meta !== null),
        deliver: (entry) => {
          if (entry.channel === "email") return email(entry).pipe(Effect.provide(services))
          if (entry.channel === "messenger" || entry.channel === "instagram")
            return platform(entry, entry.channel).pipe(Effect.provide(services))
          if (entry.channel === "shop_app") return deliverToCustomPlatform(config.webhook, entry)
          return Effect.void
        },
      })
    }),
  )

/** One pass over the due deliveries. Returns how many were attempted. */
export const runOnce = (policy: RetryPolicy, batch = 20) =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const channels = yield* Channels
    const broadcaster = yield* Broadcaster
    const now = yield* Clock.currentTimeMillis
    const due = yield* outbox.due(now, batch)
    for (const entry of due) {
      if (!(yield* outbox.claim(entry.id, now, CLAIM_LEASE_MS))) continue
      const attempts = entry.attempts + 1
      const result = yield* Effect.result(channels.deliver(entry))
      const at = yield* Clock.currentTimeMillis
      const update =
        result._tag === "Success"
          ? { status: "sent" as const, attempts, nextAttemptAt: at, reason: null, now: at }
          : // A permanent refusal (outside Meta's window, a revoked token) would be refused again: failed now.
            attempts >= policy.maxAttempts || result.failure.permanent === true
            ? {
                status: "failed" as const,
                attempts,
                nextAttemptAt: at,
                reason: DeliveryFailure.toStored(result.failure.reason),
                now: at,
              }
            : {
                status: "queued" as const,
                attempts,
                nextAttemptAt: at + backoff(policy, attempts),
                reason: DeliveryFailure.toStored(result.failure.reason),
                now: at,
              }
      yield* outbox.record(entry.id, update)
      yield* broadcaster.deliveryUpdated(
        entry.shopId as Ids.ShopId,
        entry.conversationId,
        entry.seq,
        toDelivery({ ...entry, ...update }),
      )
    }
    return due.length
  })

/** Polls the outbox until stopped; one pass at a time. */
export const start = (
  run: <A, E>(effect: Effect.Effect<A, E, Outbox | Channels | Broadcaster>) => Promise<A>,
  options: { readonly log: (line: string) => void; readonly pollMs: number; readonly retry: RetryPolicy },
) => {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const { retry: policy, pollMs } = options
  const tick = async () => {
    try {
      await run(runOnce(policy))
    } catch (e) {
      options.log(`outbox dispatch failed: ${String(e)}`)
    }
    if (!stopped) timer = setTimeout(tick, pollMs)
  }
  timer = setTimeout(tick, pollMs)
  return {
    stop: () => {
      stopped = true
      if (timer !== null) clearTimeout(timer)
    },
  }
}
