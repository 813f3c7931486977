/** The Worker's bindings and its settings, read once per isolate by the one settings reader (config/Settings.ts). */
import { type MetaConfig, metaConfigFrom } from "../channels/meta/MetaSettings.ts"
import { type ShopifySettingsShape, shopifySettingsFrom } from "../commerce/shopify/settings.ts"
import * as Settings from "../config/Settings.ts"

/**
 * What wrangler.toml binds, as `wrangler types` generated it (`npm run types:worker` writes
 * worker-configuration.d.ts beside this file). Secrets and optional vars arrive as strings among the same
 * bindings and are read by the settings; the static assets are absent in the tests' Worker.
 */
export type WorkerEnv = Omit<WorkerBindings, "ASSETS"> & {
  readonly ASSETS?: Fetcher
  readonly [name: string]: unknown
}

export interface WorkerConfig extends Settings.Settings {
  readonly sessionSecret: string
  /** Key material of the SecretBox (INBOX_ENCRYPTION_KEY), else the session secret. */
  readonly encryptionKey: string
  /** Messenger and Instagram, or null when INBOX_META_APP_SECRET / _VERIFY_TOKEN are not set. */
  readonly meta: MetaConfig | null
  /** Shopify app and Admin API (SHOPIFY_* variables); `app` null: Shopify off. */
  readonly shopify: ShopifySettingsShape
}

/**
 * The settings of an isolate's `env` (the same object on every request of the isolate), parsed once: parsing
 * builds an error for each unset optional variable, which cost workerd more than serving the request.
 */
const read = new WeakMap<WorkerEnv, WorkerConfig>()

/** The settings from `env`; without a session secret nothing can be signed safely: the Worker refuses to run. */
export const readConfig = (env: WorkerEnv): WorkerConfig => {
  const known = read.get(env)
  if (known !== undefined) return known
  const parsed = parse(env)
  read.set(env, parsed)
  return parsed
}

const parse = (env: WorkerEnv): WorkerConfig => {
  const settings = Settings.fromBindings(env)
  const { sessionSecret } = settings
  if (sessionSecret === null)
    throw new Error("INBOX_SESSION_SECRET is not set: `npx wrangler secret put INBOX_SESSION_SECRET`")
  return {
    ...settings,
    sessionSecret,
    encryptionKey: settings.encryptionKey ?? sessionSecret,
    shopify: shopifySettingsFrom(env, settings.defaultShop),
    meta: metaConfigFrom((name) => {
      const value = env[name]
      return typeof value === "string" ? value : undefined
    }),
  }
}
