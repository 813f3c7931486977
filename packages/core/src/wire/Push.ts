/**
 * Web Push over HTTP: the shop's VAPID public key, and a staff member's browser subscriptions (one per device).
 * What is pushed (new conversation, new message on mine, assigned to me) follows their notification settings.
 */
import { Schema } from "effect"
import { LOCALES } from "../i18n/Messages.ts"
import { isMaxChars } from "../text/Text.ts"
import * as Endpoint from "./Endpoint.ts"

/**
 * The application server key a browser subscribes with (base64url of the uncompressed P-256 point); null when
 * this deployment has no VAPID key configured (the inbox then offers no push).
 */
export const PushKey = Schema.Struct({ publicKey: Schema.NullOr(Schema.String) })
export type PushKey = typeof PushKey.Type

/** A push service URL: https only, so a subscription can never point the server at a local address by http. */
const PushEndpointUrl = Schema.String.check(isMaxChars(2000), Schema.isPattern(/^https:\/\/[^\s/]+\/\S*$/u))

const Base64url = (max: number) =>
  Schema.String.check(isMaxChars(max), Schema.isPattern(/^[A-Za-z0-9_-]+=*$/u))

/** `PushSubscription.toJSON()` as a browser gives it, plus the language its notifications are written in. */
export const PushSubscriptionBody = Schema.Struct({
  endpoint: PushEndpointUrl,
  keys: Schema.Struct({ p256dh: Base64url(200), auth: Base64url(64) }),
  language: Schema.optionalKey(Schema.Literals(LOCALES)),
})
export type PushSubscriptionBody = typeof PushSubscriptionBody.Type

export const PushEndpointBody = Schema.Struct({ endpoint: Schema.String.check(isMaxChars(2000)) })
export type PushEndpointBody = typeof PushEndpointBody.Type

export const PushApi = {
  key: Endpoint.get("/api/push/key", {
    summary: "The shop's VAPID public key to subscribe a browser with",
    auth: "chatStaff",
    success: PushKey,
  }),
  subscribe: Endpoint.put("/api/push/subscription", {
    summary: "Receive Web Push notifications on this browser (replaces the same endpoint's keys)",
    auth: "chatStaff",
    body: PushSubscriptionBody,
  }),
  unsubscribe: Endpoint.post("/api/push/subscription/remove", {
    summary: "Stop Web Push notifications on this browser",
    auth: "chatStaff",
    body: PushEndpointBody,
  }),
}
