/** The merchant's "Chat on your store" settings: where the chat may run, and the signed-identity secret. */
import { Schema } from "effect"
import { StorefrontOrigin } from "../storefront/StorefrontOrigin.ts"
import { Instant } from "../time.ts"
import * as Endpoint from "./Endpoint.ts"

export const StorefrontSettings = Schema.Struct({
  /** The storefront origins the chat starts from, in the merchant's order; the first is the primary store. */
  allowedOrigins: Schema.Array(StorefrontOrigin),
  /** Whether signed customers are checked, and when the secret was last (re)generated. Never the secret. */
  identity: Schema.Struct({ enabled: Schema.Boolean, createdAt: Schema.NullOr(Instant) }),
})
export type StorefrontSettings = typeof StorefrontSettings.Type

/** The list as typed: each entry is normalised (`shop.example.com` → `https://shop.example.com`). */
export const AllowedOriginsBody = Schema.Struct({
  origins: Schema.Array(Schema.String.check(Schema.isMaxLength(2048))).check(Schema.isMaxLength(100)),
})
export type AllowedOriginsBody = typeof AllowedOriginsBody.Type

/** A new identity secret, shown once: the store's server signs customers with it. */
export const IdentitySecretCreated = Schema.Struct({ secret: Schema.String, createdAt: Instant })
export type IdentitySecretCreated = typeof IdentitySecretCreated.Type

/** Read by chat staff; changed by the owner only (StaffNotOwner otherwise). */
export const StorefrontSettingsApi = {
  view: Endpoint.get("/api/settings/storefront", {
    summary: "Chat on your store: the allowed origins and whether signed customers are checked",
    auth: "chatStaff",
    success: StorefrontSettings,
  }),
  setAllowedOrigins: Endpoint.put("/api/settings/storefront/allowed-origins", {
    summary: "Set the storefront origins the chat may run on (owner)",
    auth: "chatStaff",
    body: AllowedOriginsBody,
    success: StorefrontSettings,
    errors: ["StaffNotOwner", "OriginInvalid", "TooManyOrigins"],
  }),
  createIdentitySecret: Endpoint.post("/api/settings/storefront/identity-secret", {
    summary: "Generate the identity secret, shown once; the previous one stops working (owner)",
    auth: "chatStaff",
    success: IdentitySecretCreated,
    status: 201,
    errors: ["StaffNotOwner"],
  }),
  removeIdentitySecret: Endpoint.delete("/api/settings/storefront/identity-secret", {
    summary: "Stop checking signed customers (owner)",
    auth: "chatStaff",
    success: StorefrontSettings,
    errors: ["StaffNotOwner"],
  }),
}
