/**
 * Messenger and Instagram configuration, the same on Node and Workers: the Meta app's secret and verify token
 * (`INBOX_META_APP_SECRET`, `INBOX_META_VERIFY_TOKEN`), its id, the Graph base URL and version, and which shop
 * an account is when shops do not share a database (`INBOX_META_ACCOUNTS="<page or IG account id>=<shop>,…"`).
 * Page tokens are not configuration: each shop connects its own, sealed at rest. @see R2
 */
import { Context, Layer } from "effect"
import { shopsByKey } from "../../config/Settings.ts"
import type { GraphConfig } from "./Graph.ts"

export interface MetaConfig {
  readonly appSecret: string
  readonly verifyToken: string
  /** The app's id: an echo carrying it was sent through our Send API calls. */
  readonly appId: string | null
  readonly graph: GraphConfig
  /** Account id → shop, for deployments where each shop has its own database (Workers without INBOX_DB_URL). */
  readonly accounts: ReadonlyMap<string, string>
}

/** Meta's configuration, or null when Messenger and Instagram are not set up on this inbox. */
export class MetaSettings extends Context.Service<MetaSettings, { readonly config: MetaConfig | null }>()(
  "@inbox/edge/channels/meta/MetaSettings",
) {}

export const DEFAULT_GRAPH_URL = "https://graph.facebook.com"
export const DEFAULT_GRAPH_VERSION = "v25.0"

/** From environment-like settings; null unless both the app secret and the verify token are set. */
export const metaConfigFrom = (get: (name: string) => string | undefined): MetaConfig | null => {
  const appSecret = get("INBOX_META_APP_SECRET")?.trim() ?? ""
  const verifyToken = get("INBOX_META_VERIFY_TOKEN")?.trim() ?? ""
  if (appSecret === "" || verifyToken === "") return null
  const version = get("INBOX_META_GRAPH_VERSION")?.trim() || DEFAULT_GRAPH_VERSION
  if (!/^v\d+\.\d+$/.test(version))
    throw new Error(`INBOX_META_GRAPH_VERSION must look like v25.0 (got ${version})`)
  return {
    appSecret,
    verifyToken,
    appId: get("INBOX_META_APP_ID")?.trim() || null,
    graph: { baseUrl: get("INBOX_META_GRAPH_URL")?.trim() || DEFAULT_GRAPH_URL, version, timeoutMs: 10_000 },
    accounts: shopsByKey("INBOX_META_ACCOUNTS", "account id", get("INBOX_META_ACCOUNTS")),
  }
}

export const layer = (config: MetaConfig | null): Layer.Layer<MetaSettings> =>
  Layer.succeed(MetaSettings, { config })
