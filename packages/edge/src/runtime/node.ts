/**
 * The Node server: open libSQL (file by default), migrate, run the optional first-start seed, then serve the
 * app, the web build and the realtime sockets on http://127.0.0.1:8787 (PORT overrides). Run directly it
 * serves an empty database; `npm start` runs `demo/start.ts`, which seeds the demo shop first.
 */
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { serve } from "@hono/node-server"
import type { Ids } from "@inbox/core"
import { eq } from "drizzle-orm"
import { type Effect, Layer, ManagedRuntime } from "effect"
import { makeApp } from "../app.ts"
import { makeSecretBox, SecretBox } from "../auth/SecretBox.ts"
import { makeSigner, TokenSigner } from "../auth/Token.ts"
import { captureDir, channelsFrom } from "../channels/config.node.ts"
import * as Dispatcher from "../channels/Dispatcher.ts"
import * as EmailSettings from "../channels/email/EmailSettings.ts"
import { captureFolder } from "../channels/email/senders.node.ts"
import { parseListen, startSmtpListener } from "../channels/email/smtp.node.ts"
import { type MetaConfig, metaConfigFrom } from "../channels/meta/MetaSettings.ts"
import type { PushSender, VapidKeys } from "../channels/push/PushSender.ts"
import { generateVapidKeys, layer as webPushLayer } from "../channels/push/webPush.node.ts"
import {
  defaultShopifySettings,
  ShopifySettings,
  type ShopifySettingsShape,
  shopifySettingsFrom,
} from "../commerce/shopify/settings.ts"
import * as Settings from "../config/Settings.ts"
import { dbConfigOf, openClient, repoRoot } from "../db/client.node.ts"
import { layerClient, makeDb } from "../db/Database.ts"
import { applyMigrations } from "../db/migrate.node.ts"
import { inboxRows } from "../db/schema.ts"
import { type RateLimits, rateLimitsFromEnv } from "../http/middleware/rateLimit.ts"
import type { AppRuntime } from "../http/runtime.ts"
import { layerDisk } from "../images/disk.node.ts"
import { ShopRooms } from "../realtime/memory.ts"
import { socketIdentity } from "../realtime/SocketAuth.ts"
import { storeHost } from "../realtime/storeHost.ts"
import { repairIndex } from "../repo/Search.ts"
import * as Classifier from "../topics/classifier.ts"
import { receiveEmail, verdictOf } from "../workflows/InboundEmail.ts"
import * as PushNotifier from "../workflows/Push.ts"
import { staticAssets } from "./assets.node.ts"
import { answerClientErrors } from "./clientErrors.node.ts"
import { channelLayers, repositoriesWith, type Seed } from "./layers.ts"
import { serveSockets } from "./sockets.node.ts"

export interface NodeServerOptions {
  readonly port: number
  readonly hostname: string
  readonly dbUrl: string
  readonly dbAuthToken?: string | undefined
  readonly sessionSecret: string
  readonly webhookSecret: string
  readonly dataDir: string
  readonly webDist: string | null
  /** Written once before serving, e.g. the demo shop into an empty database; true when it wrote. */
  readonly seed?: Seed | undefined
  readonly graceMs?: number
  readonly channels: Dispatcher.ChannelConfig
  /** Messenger and Instagram (`INBOX_META_*`); absent: not set up. */
  readonly meta?: MetaConfig | null
  /** Where the SMTP listener accepts mail (`INBOX_SMTP_LISTEN`); absent: no listener. */
  readonly smtpListen?: { readonly host: string; readonly port: number } | null
  readonly log?: (line: string) => void
  /** Abuse limits (default DEFAULT_RATE_LIMITS). */
  readonly rateLimits?: RateLimits
  /** Shopify app credentials and Admin API settings; absent: Shopify is off, every shop uses the built-in tables. */
  readonly shopify?: ShopifySettingsShape
  /** Key material of the SecretBox (secrets at rest, e.g. store access tokens); absent: the session secret. */
  readonly encryptionKey?: string
  /** Web Push to staff browsers; absent: the inbox offers no push. */
  readonly push?: Layer.Layer<PushSender> | null
}

/**
 * The VAPID key pair of Web Push: from INBOX_VAPID_PUBLIC_KEY / INBOX_VAPID_PRIVATE_KEY, else made once and kept
 * beside the database (mode 600, like the session secret).
 */
export const vapidKeysOf = (settings: Settings.Settings, dataDir: string): VapidKeys => {
  const { vapidPublicKey: publicKey, vapidPrivateKey: privateKey, vapidSubject: subject } = settings
  if (publicKey !== null && privateKey !== null) return { publicKey, privateKey, subject }
  const path = resolve(dataDir, "vapid-keys.json")
  if (existsSync(path)) return { ...(JSON.parse(readFileSync(path, "utf8")) as VapidKeys), subject }
  const made = generateVapidKeys(subject)
  writeFileSync(path, JSON.stringify({ publicKey: made.publicKey, privateKey: made.privateKey }), {
    mode: 0o600,
  })
  return made
}

/** A secret from the env, else generated once and kept beside the database (mode 600). */
export const keptSecret = (dataDir: string, fromSettings: string | null, file: string): string => {
  if (fromSettings !== null) return fromSettings
  const path = resolve(dataDir, file)
  if (existsSync(path)) return readFileSync(path, "utf8").trim()
  const secret = randomBytes(32).toString("base64url")
  writeFileSync(path, secret, { mode: 0o600 })
  return secret
}

export const startNodeServer = async (options: NodeServerOptions) => {
  const log = options.log ?? ((line: string) => console.log(line))
  const client = await openClient({ url: options.dbUrl, authToken: options.dbAuthToken })
  const db = makeDb(client)
  await applyMigrations(db)

  let runtime: ManagedRuntime.ManagedRuntime<Layer.Success<typeof appLayer>, never> | null = null
  const runPromise = <A, E>(effect: Effect.Effect<A, E, Layer.Success<typeof appLayer>>): Promise<A> =>
    runtime === null ? Promise.reject(new Error("runtime not ready")) : runtime.runPromise(effect)

  const rooms = new ShopRooms((shopId) => storeHost(runPromise, shopId, log), options.graceMs)

  const signer = await makeSigner(options.sessionSecret)
  const addresses = EmailSettings.emailSettings(options.channels.addresses ?? Dispatcher.DEFAULT_ADDRESSES)
  const secrets = await makeSecretBox(options.encryptionKey ?? options.sessionSecret)
  const shopify = options.shopify ?? defaultShopifySettings(null)
  const box = Layer.succeed(SecretBox, secrets)
  const repos = repositoriesWith(Layer.merge(box, Layer.succeed(ShopifySettings, shopify)))
  const appLayer = Layer.mergeAll(
    channelLayers(options.channels, options.meta ?? null, repos, box),
    Layer.succeed(ShopifySettings, shopify),
    Layer.succeed(TokenSigner, signer),
    Classifier.layer,
    rooms.layer(),
    layerDisk(resolve(options.dataDir, "images")),
    options.push == null
      ? Layer.empty
      : Layer.merge(options.push, PushNotifier.layer.pipe(Layer.provide(Layer.merge(repos, options.push)))),
  ).pipe(Layer.provideMerge(layerClient(client)))
  runtime = ManagedRuntime.make(appLayer)
  const rt = runtime
  const repaired = await rt.runPromise(repairIndex)
  if (repaired > 0) log(`Repaired ${repaired} search index rows that were not UTF-8`)

  if (options.seed !== undefined) {
    const started = performance.now()
    if (await rt.runPromise(options.seed))
      log(`Seeded the demo shop in ${Math.round(performance.now() - started)} ms`)
  }

  const appRuntime: AppRuntime = {
    runExit: (effect) => rt.runPromiseExit(effect),
    webhookSecret: options.webhookSecret,
    ...(options.meta === undefined || options.meta === null
      ? {}
      : { meta: { appSecret: options.meta.appSecret, verifyToken: options.meta.verifyToken } }),
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    ...(options.webDist === null ? {} : { assets: staticAssets(options.webDist) }),
    ...(options.channels.capturesEmail === true
      ? { emailCapture: captureFolder(captureDir(options.dataDir)) }
      : {}),
  }
  const app = makeApp(appRuntime)

  // After a restart nobody is connected yet: shoppers the store still shows online get the grace period to
  // reconnect, then go offline, so replies are routed by email again. @see R2, R9
  const stillOnline = await db
    .select({ shopId: inboxRows.shopId, conversationId: inboxRows.conversationId })
    .from(inboxRows)
    .where(eq(inboxRows.customerOnline, true))
  for (const r of stillOnline)
    rooms.room(r.shopId as Ids.ShopId).reconcile([r.conversationId as Ids.ConversationId])

  const dispatcher = Dispatcher.start((effect) => rt.runPromise(effect), {
    log,
    retry: options.channels.retry,
    pollMs: options.channels.pollMs,
  })

  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname })
  await new Promise<void>((ok) => server.once("listening", () => ok()))
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : options.port

  answerClientErrors(server)
  const smtp =
    options.smtpListen === undefined || options.smtpListen === null
      ? null
      : await startSmtpListener({
          ...options.smtpListen,
          shopFor: addresses.shopFor,
          receive: (shopId, raw, envelope) =>
            rt.runPromiseExit(receiveEmail(shopId, raw, envelope)).then(verdictOf),
          log,
        })

  const sockets = serveSockets(server, {
    rooms,
    identify: (request) => rt.runPromiseExit(socketIdentity(request)),
    log,
  })

  const close = async () => {
    dispatcher.stop()
    await smtp?.close()
    rooms.close()
    sockets.close()
    await new Promise<void>((ok) => server.close(() => ok()))
    await rt.dispose()
    client.close()
  }
  return {
    app,
    port,
    url: `http://${options.hostname}:${port}`,
    smtpPort: smtp?.port ?? null,
    webDist: options.webDist,
    close,
    rooms,
    runtime: rt,
    db,
    client,
  }
}

/** Serves with the environment's settings until SIGINT or SIGTERM; `seed` runs once before serving. */
export const serveFromEnv = async (seed?: Seed) => {
  const settings = Settings.fromEnv(process.env)
  const db = dbConfigOf(settings)
  const dataDir = resolve(repoRoot, ".data")
  const webDist = resolve(repoRoot, "packages/web/dist")
  const started = performance.now()
  const { mkdirSync } = await import("node:fs")
  mkdirSync(dataDir, { recursive: true })
  const channels = channelsFrom(settings, dataDir)
  const meta = metaConfigFrom((name) => process.env[name])
  const server = await startNodeServer({
    port: settings.port,
    hostname: settings.host,
    dbUrl: db.url,
    dbAuthToken: db.authToken,
    sessionSecret: keptSecret(dataDir, settings.sessionSecret, "session-secret"),
    webhookSecret: settings.webhookSecret,
    dataDir,
    webDist: existsSync(resolve(webDist, "index.html")) ? webDist : null,
    seed,
    channels,
    smtpListen: settings.smtpListen !== null ? parseListen(settings.smtpListen) : null,
    rateLimits: rateLimitsFromEnv(settings.rateLimits ?? undefined),
    shopify: shopifySettingsFrom(process.env, settings.defaultShop),
    encryptionKey: keptSecret(dataDir, settings.encryptionKey, "encryption-key"),
    push: webPushLayer(vapidKeysOf(settings, dataDir)),
    meta,
  })
  if (!existsSync(resolve(webDist, "index.html")))
    console.log("packages/web/dist is missing: the API runs, the web UI needs `npm run build:web`.")
  console.log(
    `Inbox is ready on ${server.url} (${Math.round(performance.now() - started)} ms); database ${db.url}`,
  )
  if (channels.capturesEmail === true)
    console.log(
      `No INBOX_SMTP_URL: email replies are saved as .eml files in ${captureDir(dataDir)}, listed at ${server.url}/api/email-capture`,
    )
  if (server.smtpPort !== null) console.log(`Receiving email by SMTP on port ${server.smtpPort}`)
  console.log(
    meta === null
      ? "Messenger and Instagram: not connected (set INBOX_META_APP_SECRET and INBOX_META_VERIFY_TOKEN)"
      : `Messenger and Instagram: Meta's webhook at ${server.url}/api/webhooks/meta (Graph ${meta.graph.baseUrl}/${meta.graph.version})`,
  )
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
  return server
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await serveFromEnv()
