/** The app's services on Workers, composed once per isolate (Worker) or per object (Durable Object). */
import type { TopicClassifier } from "@inbox/core"
import { Effect, Layer, ManagedRuntime } from "effect"
import * as SecretBox from "../auth/SecretBox.ts"
import { makeSigner, TokenSigner } from "../auth/Token.ts"
import type { Channels } from "../channels/Channels.ts"
import type { ChannelConfig } from "../channels/Dispatcher.ts"
import type { VapidKeys } from "../channels/push/PushSender.ts"
import { layer as pushforgeLayer } from "../channels/push/pushforge.ts"
import { ShopifySettings } from "../commerce/shopify/settings.ts"
import { type Database, StoreUnavailable } from "../db/Database.ts"
import type { AppRuntime, AppServices } from "../http/runtime.ts"
import type { Broadcaster } from "../realtime/Broadcaster.ts"
import { ImageStore } from "../repo/Images.ts"
import { channelLayers, repositoriesWith } from "../runtime/layers.ts"
import * as Topics from "../topics/classifier.ts"
import * as PushNotifier from "../workflows/Push.ts"
import type { WorkerConfig } from "./config.ts"

/** Image bytes in R2, keyed `<shop>/<image id>`. @see R18 */
export const imageStoreR2 = (bucket: R2Bucket): Layer.Layer<ImageStore> =>
  Layer.succeed(ImageStore, {
    put: (key, bytes) =>
      Effect.tryPromise({
        try: () => bucket.put(key, bytes),
        catch: (cause) => new StoreUnavailable({ message: `R2 put failed: ${String(cause)}` }),
      }).pipe(Effect.asVoid),
    get: (key) =>
      Effect.tryPromise({
        try: async () => {
          const object = await bucket.get(key)
          return object === null ? null : new Uint8Array(await object.arrayBuffer())
        },
        catch: (cause) => new StoreUnavailable({ message: `R2 get failed: ${String(cause)}` }),
      }),
  })

export type WorkerServices = AppServices | Database | Channels

export interface WorkerRuntime extends AppRuntime {
  readonly managed: ManagedRuntime.ManagedRuntime<WorkerServices, never>
}

/** Every service the routes use, over the given database and fan-out. */
export const makeWorkerRuntime = (
  config: WorkerConfig,
  deps: {
    readonly database: Layer.Layer<Database>
    readonly broadcaster: Layer.Layer<Broadcaster>
    readonly images: R2Bucket
    readonly channels: ChannelConfig
    /** Web Push keys; null: no push. */
    readonly push?: VapidKeys | null
  },
): WorkerRuntime => {
  const sender = deps.push == null ? null : pushforgeLayer(deps.push)
  const shopify = Layer.succeed(ShopifySettings, config.shopify)
  const box = SecretBox.layer(config.encryptionKey)
  const repos = repositoriesWith(Layer.merge(shopify, box))
  const services = Layer.mergeAll(
    channelLayers(deps.channels, config.meta, repos, box),
    shopify,
    Topics.layer as Layer.Layer<TopicClassifier>,
    Layer.effect(
      TokenSigner,
      Effect.promise(() => makeSigner(config.sessionSecret)),
    ),
    SecretBox.layer(config.encryptionKey ?? config.sessionSecret),
    imageStoreR2(deps.images),
    deps.broadcaster,
    sender === null
      ? Layer.empty
      : Layer.merge(sender, PushNotifier.layer.pipe(Layer.provide(Layer.merge(repos, sender)))),
  ).pipe(Layer.provideMerge(deps.database))
  const managed = ManagedRuntime.make(services)
  return {
    managed,
    runExit: (effect) => managed.runPromiseExit(effect),
    webhookSecret: config.webhookSecret,
    ...(config.meta === null
      ? {}
      : { meta: { appSecret: config.meta.appSecret, verifyToken: config.meta.verifyToken } }),
  }
}
