/**
 * Every setting of the edge, declared once and read through Effect's Config, the same for both runtimes: from
 * the process environment on Node (`fromEnv`), from the Worker's bindings on Workers (`fromBindings`). A value
 * that does not parse (a port that is not a number) stops the start with its name, never a silent default.
 */
import { Config, ConfigProvider, Effect, Option } from "effect"

/** The demo's webhook secret when none is set, so the same fixtures sign on both runtimes. Set your own. */
export const DEMO_WEBHOOK_SECRET = "inbox-demo-webhook-secret"

/** A string setting; unset or blank is null. */
const text = (name: string) =>
  Config.String(name).pipe(
    Config.option,
    Config.map(Option.filter((s) => s.trim() !== "")),
    Config.map(Option.getOrNull),
  )

const integer = (name: string, fallback: number) => Config.Int(name).pipe(Config.withDefault(fallback))

export const Settings = Config.all({
  /** Remote libSQL (Turso, sqld), or a `file:` path on Node; null: the runtime's own default. */
  dbUrl: text("INBOX_DB_URL"),
  dbAuthToken: text("INBOX_DB_AUTH_TOKEN"),
  /** Signs staff sessions and chat tokens; Node generates one beside its database when unset. */
  sessionSecret: text("INBOX_SESSION_SECRET"),
  /** Key of the secrets kept at rest (SecretBox); Node generates one beside its database, Workers use the session secret. */
  encryptionKey: text("INBOX_ENCRYPTION_KEY"),
  webhookSecret: text("INBOX_WEBHOOK_SECRET").pipe(Config.map((s) => s ?? DEMO_WEBHOOK_SECRET)),
  webhookUrl: text("INBOX_WEBHOOK_URL"),
  /** The shop of a sign-in that names none (and, in the demo, the one seeded). */
  defaultShop: Config.String("INBOX_DEFAULT_SHOP").pipe(Config.withDefault("demo")),
  /** How long a shopper may be gone before they count as offline. @see R9 */
  presenceGraceMs: integer("INBOX_PRESENCE_GRACE_MS", 10_000),
  deliveryAttempts: integer("INBOX_DELIVERY_ATTEMPTS", 5),
  deliveryBackoffMs: integer("INBOX_DELIVERY_BACKOFF_MS", 2_000),
  publicUrl: text("INBOX_PUBLIC_URL"),
  /** The From of email replies (`INBOX_SMTP_FROM` is its earlier name on Node). */
  emailFrom: Config.all({ email: text("INBOX_EMAIL_FROM"), smtp: text("INBOX_SMTP_FROM") }).pipe(
    Config.map(({ email, smtp }) => email ?? smtp ?? "Inbox <inbox@localhost>"),
  ),
  emailAddresses: text("INBOX_EMAIL_ADDRESSES"),
  emailApiUrl: text("INBOX_EMAIL_API_URL"),
  emailApiKey: text("INBOX_EMAIL_API_KEY"),
  smtpUrl: text("INBOX_SMTP_URL"),
  smtpListen: text("INBOX_SMTP_LISTEN"),
  /** Web Push keys (base64url); Node generates a pair beside its database when unset, Workers have no push. */
  vapidPublicKey: text("INBOX_VAPID_PUBLIC_KEY"),
  vapidPrivateKey: text("INBOX_VAPID_PRIVATE_KEY"),
  vapidSubject: Config.String("INBOX_VAPID_SUBJECT").pipe(Config.withDefault("mailto:inbox@localhost")),
  /** `off` lifts every abuse limit (load benchmarks). */
  rateLimits: text("INBOX_RATE_LIMITS"),
  port: integer("PORT", 8787),
  host: Config.String("HOST").pipe(Config.withDefault("127.0.0.1")),
})

export type Settings = Config.Success<typeof Settings>

const read = (provider: ConfigProvider.ConfigProvider): Settings => Effect.runSync(Settings.parse(provider))

/** Node: the process environment. */
export const fromEnv = (env: Record<string, string | undefined>): Settings =>
  read(ConfigProvider.fromEnvRecord(env))

/** Workers: the `env` bindings (vars and secrets are strings among the bindings). */
export const fromBindings = (env: unknown): Settings => read(ConfigProvider.fromUnknown(env))

/**
 * A `<key>=<shop>,…` variable (which shop an outside account or store is, where shops do not share a
 * database): the map, keys as `key` reads them; a malformed pair stops the start, naming the variable.
 */
export const shopsByKey = (
  variable: string,
  keyName: string,
  value: string | null | undefined,
  key: (raw: string) => string = (raw) => raw,
): ReadonlyMap<string, string> => {
  const map = new Map<string, string>()
  for (const pair of (value ?? "").split(",")) {
    if (pair.trim() === "") continue
    const [k, shop] = pair.split("=").map((s) => s.trim())
    if (k === undefined || k === "" || shop === undefined || shop === "")
      throw new Error(`${variable}: "${pair}" is not <${keyName}>=<shop>`)
    map.set(key(k), shop)
  }
  return map
}
