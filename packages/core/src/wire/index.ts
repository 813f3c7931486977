/**
 * `@inbox/core/wire`: the Schemas of every HTTP body and WebSocket frame exchanged between edge and web.
 * The edge validates with them and generates its OpenAPI document from them; web decodes with them.
 */
export * from "./Api.ts"
export * from "./Auth.ts"
export * from "./Availability.ts"
export * from "./Catalog.ts"
export * from "./Commerce.ts"
export * from "./Deliveries.ts"
export * from "./Emails.ts"
export * as Endpoint from "./Endpoint.ts"
export * from "./Errors.ts"
export * from "./Inbox.ts"
export * from "./Metrics.ts"
export * from "./Preferences.ts"
export * from "./Profile.ts"
export * from "./Push.ts"
export * from "./Realtime.ts"
export * from "./SavedReplies.ts"
export * from "./Search.ts"
export * from "./Storefront.ts"
export * from "./Webhooks.ts"
