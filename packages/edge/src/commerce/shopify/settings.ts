/** How this inbox talks to Shopify: the app's credentials (absent: Shopify is off), the Admin API, budgets. */
import { Context, Layer } from "effect"
import { shopsByKey } from "../../config/Settings.ts"
import { type AdminSettings, DEFAULT_ADMIN_SETTINGS } from "./admin.ts"

export interface ShopifyApp {
  /** The app's client id ("API key") and client secret, from the Partner Dashboard or the store admin. */
  readonly apiKey: string
  readonly apiSecret: string
  /** Comma-separated access scopes asked for at install. */
  readonly scopes: string
  /** Public origin of this inbox (`https://inbox.example.com`); null: the origin of the install request. */
  readonly appUrl: string | null
  /**
   * Where the OAuth endpoints answer; null: `https://<shop domain>` (Shopify). Set, like the Admin API
   * origin, to point a test at the local fake.
   */
  readonly oauthOrigin: string | null
}

export interface ShopifySettingsShape {
  readonly app: ShopifyApp | null
  readonly admin: AdminSettings
  /** The profile panel waits this long for Shopify, then shows what is cached, with its age. */
  readonly readBudgetMs: number
  /** A product cached this long ago is read again rather than trusted (webhooks refresh it meanwhile). */
  readonly productTtlMs: number
  /** The inbox shop an install started from the Shopify admin (no inbox session) connects. */
  readonly defaultShop: string
  /**
   * Shopify shop domain → inbox shop, where shops do not share a database (Workers without INBOX_DB_URL):
   * the Worker hands each webhook to the object of the shop that connected that store (else `defaultShop`).
   */
  readonly shopsByDomain: ReadonlyMap<string, string>
}

export class ShopifySettings extends Context.Service<ShopifySettings, ShopifySettingsShape>()(
  "@inbox/edge/commerce/shopify/ShopifySettings",
) {}

export const DEFAULT_SCOPES =
  "read_products,read_inventory,read_customers,write_customers,read_orders,read_discounts"

export const defaultShopifySettings = (
  app: ShopifyApp | null,
  defaultShop = "demo",
): ShopifySettingsShape => ({
  app,
  admin: DEFAULT_ADMIN_SETTINGS,
  readBudgetMs: 1_500,
  productTtlMs: 24 * 3_600_000,
  defaultShop,
  shopsByDomain: new Map(),
})

/** Reads the settings from string variables (process.env on Node, the Worker's env). */
export const shopifySettingsFrom = (
  env: Readonly<Record<string, unknown>>,
  defaultShop: string,
): ShopifySettingsShape => {
  const str = (k: string): string | null => {
    const v = env[k]
    return typeof v === "string" && v.trim() !== "" ? v.trim() : null
  }
  const num = (k: string, fallback: number): number => {
    const n = Number(str(k))
    return Number.isFinite(n) && n > 0 ? n : fallback
  }
  const apiKey = str("SHOPIFY_API_KEY")
  const apiSecret = str("SHOPIFY_API_SECRET")
  const base = defaultShopifySettings(
    apiKey === null || apiSecret === null
      ? null
      : {
          apiKey,
          apiSecret,
          scopes: str("SHOPIFY_SCOPES") ?? DEFAULT_SCOPES,
          appUrl: str("SHOPIFY_APP_URL"),
          oauthOrigin: str("SHOPIFY_ADMIN_ORIGIN"),
        },
    str("SHOPIFY_INBOX_SHOP") ?? defaultShop,
  )
  return {
    ...base,
    admin: {
      ...base.admin,
      adminOrigin: str("SHOPIFY_ADMIN_ORIGIN"),
      requestTimeoutMs: num("SHOPIFY_REQUEST_TIMEOUT_MS", base.admin.requestTimeoutMs),
    },
    readBudgetMs: num("SHOPIFY_READ_BUDGET_MS", base.readBudgetMs),
    // `SHOPIFY_SHOP_DOMAINS="<store>.myshopify.com=<inbox shop>,…"`
    shopsByDomain: shopsByKey("SHOPIFY_SHOP_DOMAINS", "store", str("SHOPIFY_SHOP_DOMAINS"), (d) =>
      d.toLowerCase(),
    ),
  }
}

/** Shopify off: every shop answers from the built-in tables (the demo, tests that do not need Shopify). */
export const layerOff: Layer.Layer<ShopifySettings> = Layer.succeed(
  ShopifySettings,
  defaultShopifySettings(null),
)
