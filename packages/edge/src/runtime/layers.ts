/**
 * The repository layers over one Database, composed the same way on every runtime, and the one source of
 * fresh ids (the core's IdGenerator port); time is Effect's Clock, the one clock.
 */
import { type Commerce, IdGenerator, type TopicClassifier } from "@inbox/core"
import { Effect, Layer } from "effect"
import { type SecretBox, layerNone as SecretBoxNone } from "../auth/SecretBox.ts"
import * as Dispatcher from "../channels/Dispatcher.ts"
import * as EmailSettings from "../channels/email/EmailSettings.ts"
import * as MetaSettings from "../channels/meta/MetaSettings.ts"
import * as SelectedCommerce from "../commerce/select.ts"
import * as StoreConnections from "../commerce/shopify/connections.ts"
import { type ShopifySettings, layerOff as ShopifySettingsOff } from "../commerce/shopify/settings.ts"
import type { Database } from "../db/Database.ts"
import * as Conversations from "../repo/Conversations.ts"
import * as Customers from "../repo/Customers.ts"
import * as Deliveries from "../repo/Deliveries.ts"
import * as Directory from "../repo/Directory.ts"
import * as Emails from "../repo/Emails.ts"
import * as IdempotencyKeys from "../repo/IdempotencyKeys.ts"
import * as Images from "../repo/Images.ts"
import * as Inbox from "../repo/Inbox.ts"
import * as MetaAccounts from "../repo/MetaAccounts.ts"
import * as MetaMessages from "../repo/MetaMessages.ts"
import * as MetricsSource from "../repo/MetricsSource.ts"
import * as Outbox from "../repo/Outbox.ts"
import * as PushSubscriptions from "../repo/PushSubscriptions.ts"
import * as SavedReplies from "../repo/SavedReplies.ts"
import * as Search from "../repo/Search.ts"
import * as Sessions from "../repo/Sessions.ts"
import * as ShopSettings from "../repo/ShopSettings.ts"
import * as StaffPreferences from "../repo/StaffPreferences.ts"
import * as StorefrontSettings from "../repo/StorefrontSettings.ts"
import * as ShopWriters from "../writer/ShopWriters.ts"

/** Fresh ids: a random UUID without dashes (URL-safe, unique without coordination). */
export const layerIdGenerator: Layer.Layer<IdGenerator> = Layer.succeed(IdGenerator, {
  next: Effect.sync(() => crypto.randomUUID().replaceAll("-", "")),
})

export type Repositories =
  | IdGenerator
  | Commerce.Commerce
  | Conversations.Conversations
  | Customers.Customers
  | Deliveries.Deliveries
  | Directory.Directory
  | Emails.Emails
  | IdempotencyKeys.IdempotencyKeys
  | Images.Images
  | Inbox.Inbox
  | MetricsSource.MetricsSource
  | Outbox.Outbox
  | PushSubscriptions.PushSubscriptions
  | SavedReplies.SavedReplies
  | Search.Search
  | Sessions.Sessions
  | StaffPreferences.StaffPreferences
  | ShopSettings.ShopSettings
  | StorefrontSettings.StorefrontSettings
  | StoreConnections.StoreConnections
  | ShopWriters.ShopWriters

/**
 * The repositories with the given Shopify settings and token key (the runtimes pass the configured ones).
 * The commerce port goes to a shop's connected store, else to the built-in tables.
 */
export const repositoriesWith = (
  deps: Layer.Layer<ShopifySettings | SecretBox>,
): Layer.Layer<Repositories, never, Database> =>
  Layer.mergeAll(
    layerIdGenerator,
    SelectedCommerce.layer.pipe(Layer.provideMerge(StoreConnections.layer)),
    Conversations.layer,
    Customers.layer,
    Deliveries.layer,
    Directory.layer,
    Emails.layer,
    IdempotencyKeys.layer,
    Images.layer,
    Inbox.layer,
    MetricsSource.layer,
    Outbox.layer,
    PushSubscriptions.layer,
    SavedReplies.layer,
    Search.layer,
    Sessions.layer,
    StaffPreferences.layer,
    ShopSettings.layer,
    // The same writers Conversations and IdempotencyKeys decide and commit through (layers are built once).
    ShopWriters.layer,
    StorefrontSettings.layer,
  ).pipe(Layer.provide(deps))

/** Shopify off, no token key: every shop answers from the built-in tables (the seed script, store tests). */
export const repositories: Layer.Layer<Repositories, never, Database> = repositoriesWith(
  Layer.merge(ShopifySettingsOff, SecretBoxNone),
)

/**
 * A first write before a runtime serves (the demo shop, in development and tests): true when it wrote. The
 * production entry points have none, so no demo data is bundled there.
 */
export type Seed = Effect.Effect<boolean, never, Database | Conversations.Conversations | TopicClassifier>

/**
 * The channels over the repositories, composed the same way on every runtime: email addressing, Meta's
 * settings, the shops' sealed Meta accounts and message ids, and the Channels port that delivers replies.
 */
export const channelLayers = (
  config: Dispatcher.ChannelConfig,
  meta: MetaSettings.MetaConfig | null,
  repos: Layer.Layer<Repositories, never, Database>,
  box: Layer.Layer<SecretBox>,
) => {
  const stores = Layer.mergeAll(
    repos,
    EmailSettings.layer(config.addresses ?? Dispatcher.DEFAULT_ADDRESSES),
    MetaSettings.layer(meta),
    box,
    MetaAccounts.layer.pipe(Layer.provide(box)),
    MetaMessages.layer,
  )
  return Layer.mergeAll(stores, Dispatcher.layerChannels(config).pipe(Layer.provide(stores)))
}
