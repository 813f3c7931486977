/**
 * The whole HTTP API, one group per domain noun. The edge serves, validates and documents exactly these
 * endpoints (a test fails on any route that is not here); the web client calls them by name.
 */
import { Schema } from "effect"
import { SessionApi, StaffApi } from "./Auth.ts"
import { AvailabilityApi } from "./Availability.ts"
import { CatalogueApi, ImagesApi } from "./Catalog.ts"
import { ChannelsApi } from "./Channels.ts"

import { ShopifyApi, StoreConnectionApi, StoreImportApi } from "./Commerce.ts"
import { DeliveriesApi } from "./Deliveries.ts"
import { EmailsApi } from "./Emails.ts"
import * as Endpoint from "./Endpoint.ts"
import { ConversationsApi } from "./Inbox.ts"
import { MetaWebhooksApi } from "./Meta.ts"
import { MetricsApi } from "./Metrics.ts"
import { NotificationSettingsApi } from "./Preferences.ts"
import { CustomersApi } from "./Profile.ts"
import { PushApi } from "./Push.ts"
import { RealtimeApi } from "./Realtime.ts"
import { SavedRepliesApi } from "./SavedReplies.ts"
import { SearchApi } from "./Search.ts"
import { ChatApi, ShopPath, StorefrontApi } from "./Storefront.ts"
import { StorefrontSettingsApi } from "./StorefrontSettings.ts"
import { WebhooksApi } from "./Webhooks.ts"

export const Healthy = Schema.Struct({ ok: Schema.Boolean })

/** An OpenAPI 3.1 document (see `/api/openapi.json`). */
export const OpenApiDocument = Schema.Record(Schema.String, Schema.Unknown)

/** The API's own description, and the liveness probe. */
export const ReferenceApi = {
  openApi: Endpoint.get("/api/openapi.json", {
    summary: "This reference as an OpenAPI 3.1 document",
    auth: "public",
    success: OpenApiDocument,
  }),
  docs: Endpoint.get("/api/docs", {
    summary: "The interactive reference page",
    auth: "public",
    success: Endpoint.Redirect,
    status: 302,
  }),
  health: Endpoint.get("/healthz", { summary: "Liveness probe", auth: "public", success: Healthy }),
}

/** The chat on any storefront: the loader merchants embed, and the chat frame it opens. */
export const WidgetApi = {
  loader: Endpoint.get("/widget.js", {
    summary: "widget.js, the one script a storefront adds (readable cross-origin)",
    auth: "public",
    success: Endpoint.Bytes("text/javascript"),
    errors: ["RouteNotFound"],
  }),
  frame: Endpoint.get("/widget/:shopId", {
    summary: "The chat frame, which browsers let only the shop's allowed origins embed (frame-ancestors)",
    auth: "public",
    params: ShopPath,
    success: Endpoint.Bytes("text/html"),
    errors: ["ShopNotFound", "RouteNotFound"],
  }),
}

export const Api = {
  session: SessionApi,
  staff: StaffApi,
  conversations: ConversationsApi,
  deliveries: DeliveriesApi,
  emails: EmailsApi,
  channels: ChannelsApi,
  customers: CustomersApi,
  catalogue: CatalogueApi,
  images: ImagesApi,
  savedReplies: SavedRepliesApi,
  search: SearchApi,
  metrics: MetricsApi,
  notificationSettings: NotificationSettingsApi,
  push: PushApi,
  availability: AvailabilityApi,
  storeImport: StoreImportApi,
  storeConnection: StoreConnectionApi,
  shopify: ShopifyApi,
  storefrontSettings: StorefrontSettingsApi,
  // Before `storefront`: the edge serves groups in this order, and `/api/store/chat` would match `/api/store/:shopId`.
  chat: ChatApi,
  storefront: StorefrontApi,
  realtime: RealtimeApi,
  webhooks: WebhooksApi,
  metaWebhooks: MetaWebhooksApi,
  reference: ReferenceApi,
  widget: WidgetApi,
} as const satisfies Readonly<Record<string, Endpoint.Group>>

export type Api = typeof Api

/** Every endpoint with its operation id `<group>.<name>`. */
export const endpoints = (): ReadonlyArray<{ readonly id: string; readonly endpoint: Endpoint.Endpoint }> =>
  Object.entries(Api).flatMap(([group, members]) =>
    Object.entries(members as Endpoint.Group).map(([name, endpoint]) => ({
      id: `${group}.${name}`,
      endpoint,
    })),
  )
