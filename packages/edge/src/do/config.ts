/** The Worker's bindings and its settings, read once per isolate through Effect's Config from `env`. */
import { Config, ConfigProvider, Effect, Option } from "effect"
import { type MetaConfig, metaConfigFrom } from "../channels/meta/MetaSettings.ts"
import { type ShopifySettingsShape, shopifySettingsFrom } from "../commerce/shopify/settings.ts"
import type { ShopDurableObject } from "./ShopDurableObject.ts"

/** What wrangler.toml binds (vars and secrets arrive as strings in the same object). */
export interface WorkerEnv {
  readonly SHOP: DurableObjectNamespace<ShopDurableObject>
  readonly IMAGES: R2Bucket
  readonly ASSETS?: Fetcher
  readonly [name: string]: unknown
}

export interface WorkerConfig {
  /** Remote libSQL (Turso, sqld); null: every shop lives in its Durable Object's SQLite. */
  readonly dbUrl: string | null
  readonly dbAuthToken: string | undefined
  readonly sessionSecret: string
  readonly webhookSecret: string
  /** The shop of a sign-in that names none, and the one seeded with the demo on an empty database. */
  readonly defaultShop: string
  /** How long a shopper may be gone before they count as offline. @see R9 */
  readonly presenceGraceMs: number
  /** Shopify app and Admin API (SHOPIFY_* variables); `app` null: Shopify off. */
  readonly shopify: ShopifySettingsShape
  /** Key material of the SecretBox (INBOX_ENCRYPTION_KEY), else the session secret. */
  readonly encryptionKey: string
  /** Messenger and Instagram, or null when INBOX_META_APP_SECRET / _VERIFY_TOKEN are not set. */
  readonly meta: MetaConfig | null
}

const optionalString = (name: string) =>
  Config.String(name).pipe(
    Config.option,
    Config.map(Option.filter((s) => s.trim() !== "")),
    Config.map(Option.getOrUndefined),
  )

const config = Config.all({
  dbUrl: optionalString("INBOX_DB_URL"),
  dbAuthToken: optionalString("INBOX_DB_AUTH_TOKEN"),
  // Without a secret nothing can be signed safely: the Worker refuses to start rather than use a default.
  sessionSecret: Config.NonEmptyString("INBOX_SESSION_SECRET"),
  webhookSecret: optionalString("INBOX_WEBHOOK_SECRET"),
  defaultShop: Config.String("INBOX_DEFAULT_SHOP").pipe(Config.withDefault("demo")),
  presenceGraceMs: Config.Int("INBOX_PRESENCE_GRACE_MS").pipe(Config.withDefault(10_000)),
  encryptionKey: optionalString("INBOX_ENCRYPTION_KEY"),
})

export const readConfig = (env: WorkerEnv): WorkerConfig => {
  const c = Effect.runSync(config.parse(ConfigProvider.fromUnknown(env)))
  return {
    dbUrl: c.dbUrl ?? null,
    dbAuthToken: c.dbAuthToken,
    sessionSecret: c.sessionSecret,
    // The demo's secret when unset, as on Node, so the same webhook fixtures work on both runtimes.
    webhookSecret: c.webhookSecret ?? "inbox-demo-webhook-secret",
    defaultShop: c.defaultShop,
    presenceGraceMs: c.presenceGraceMs,
    shopify: shopifySettingsFrom(env, c.defaultShop),
    encryptionKey: c.encryptionKey ?? c.sessionSecret,
    meta: metaConfigFrom((name) => {
      const value = env[name]
      return typeof value === "string" ? value : undefined
    }),
  }
}
