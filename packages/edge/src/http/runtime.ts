/** What the app needs from its host runtime: a way to run effects with every service, and a few settings. */
import type { Commerce, IdGenerator, TopicClassifier } from "@inbox/core"
import { Cause, type Effect, Exit } from "effect"
import type { SecretBox } from "../auth/SecretBox.ts"
import type { TokenSigner } from "../auth/Token.ts"
import type { Channels } from "../channels/Channels.ts"
import type { EmailSettings } from "../channels/email/EmailSettings.ts"
import type { MetaSettings } from "../channels/meta/MetaSettings.ts"
import type { StoreConnections } from "../commerce/shopify/connections.ts"
import type { ShopifySettings } from "../commerce/shopify/settings.ts"
import type { Database } from "../db/Database.ts"
import type { Broadcaster } from "../realtime/Broadcaster.ts"
import type { Conversations } from "../repo/Conversations.ts"
import type { Customers } from "../repo/Customers.ts"
import type { Deliveries } from "../repo/Deliveries.ts"
import type { Directory } from "../repo/Directory.ts"
import type { Emails } from "../repo/Emails.ts"
import type { IdempotencyKeys } from "../repo/IdempotencyKeys.ts"
import type { ImageStore, Images } from "../repo/Images.ts"
import type { Inbox } from "../repo/Inbox.ts"
import type { MetaAccounts } from "../repo/MetaAccounts.ts"
import type { MetaMessages } from "../repo/MetaMessages.ts"
import type { MetricsSource } from "../repo/MetricsSource.ts"
import type { Outbox } from "../repo/Outbox.ts"
import type { PushSubscriptions } from "../repo/PushSubscriptions.ts"
import type { SavedReplies } from "../repo/SavedReplies.ts"
import type { Search } from "../repo/Search.ts"
import type { Sessions } from "../repo/Sessions.ts"
import type { ShopSettings } from "../repo/ShopSettings.ts"
import type { StaffPreferences } from "../repo/StaffPreferences.ts"
import type { StorefrontSettings } from "../repo/StorefrontSettings.ts"
import type { RateLimits } from "./middleware/rateLimit.ts"

export type AppServices =
  | IdGenerator
  | Commerce.Commerce
  | Conversations
  | Customers
  | Deliveries
  | Directory
  | Emails
  | EmailSettings
  | IdempotencyKeys
  | Channels
  | MetaAccounts
  | MetaMessages
  | MetaSettings
  | SecretBox
  | Images
  | ImageStore
  | Inbox
  | MetricsSource
  | Outbox
  | PushSubscriptions
  | SavedReplies
  | Search
  | Sessions
  | StaffPreferences
  | ShopSettings
  | StorefrontSettings
  | SecretBox
  | TokenSigner
  | StoreConnections
  | ShopifySettings
  | Database
  | TopicClassifier
  | Broadcaster

/** The embedded default's local email capture: the replies it would have sent, as `.eml` files. */
export interface EmailCapture {
  readonly list: (shopId: string) => Promise<
    ReadonlyArray<{
      readonly name: string
      readonly to: string
      readonly subject: string
      readonly at: number
    }>
  >
  /** The file's bytes, or null when there is no such capture. */
  readonly read: (shopId: string, name: string) => Promise<Uint8Array | null>
}

export interface AppRuntime {
  /** Runs an effect; a failure rejects with the error value itself (tagged), a defect with the defect. */
  readonly runExit: <A, E>(effect: Effect.Effect<A, E, AppServices>) => Promise<Exit.Exit<A, E>>
  /** Secret of inbound platform webhooks (HMAC-SHA256 over the raw body). */
  readonly webhookSecret: string
  /** Serves the built web assets, or null when the runtime has none (the API still works). */
  readonly assets?: (request: Request) => Promise<Response | null>
  /** Meta's app secret and verify token; absent: Messenger and Instagram are not set up. */
  readonly meta?: { readonly appSecret: string; readonly verifyToken: string }
  /** Present when email replies are captured locally instead of sent (no SMTP configured). */
  readonly emailCapture?: EmailCapture
  /** Abuse limits of the public routes; DEFAULT_RATE_LIMITS when absent. */
  readonly rateLimits?: RateLimits
}

/** The promise a handler awaits: the success, or the tagged error thrown for app.onError. */
export const runWith =
  (runtime: AppRuntime) =>
  async <A, E>(effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
    const exit = await runtime.runExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    const failure = exit.cause.reasons.find(Cause.isFailReason)
    if (failure !== undefined) throw failure.error
    throw Cause.squash(exit.cause)
  }
