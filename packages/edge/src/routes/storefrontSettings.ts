/**
 * The merchant's "Chat on your store" settings: read by chat staff; the allowed origins and the identity
 * secret changed by the owner only (the secret is answered once, when it is generated).
 */
import type { Api } from "@inbox/core/wire"
import type { HttpHandlers } from "../http/serve.ts"
import * as Storefront from "../workflows/Storefront.ts"

export const storefrontSettingsHandlers: HttpHandlers<typeof Api.storefrontSettings> = {
  view: ({ staff }) => Storefront.settingsOf(staff),
  setAllowedOrigins: ({ staff, body }) => Storefront.setAllowedOrigins(staff, body.origins),
  createIdentitySecret: ({ staff }) => Storefront.createIdentitySecret(staff),
  removeIdentitySecret: ({ staff }) => Storefront.removeIdentitySecret(staff),
}
