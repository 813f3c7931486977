/**
 * Shopify's two HMAC-SHA256 schemes, keyed with the app's client secret: webhooks sign the raw body
 * (base64, `X-Shopify-Hmac-Sha256`); install and callback requests sign their sorted query string (hex,
 * `hmac`). Both are compared in constant time; see shopify.dev/docs/apps/build/webhooks/subscribe/https
 * and .../authentication-authorization/access-tokens/authorization-code-grant.
 */
import { constantTimeEqual } from "../../auth/Password.ts"

const encoder = new TextEncoder()

const hmac = async (secret: string, data: Uint8Array): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  )
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data as Uint8Array<ArrayBuffer>))
}

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

export const WEBHOOK_HMAC_HEADER = "x-shopify-hmac-sha256"

export const signWebhook = async (secret: string, body: Uint8Array): Promise<string> =>
  base64(await hmac(secret, body))

/** True only for the exact base64 HMAC of these bytes; a missing header is false. */
export const verifyWebhook = async (
  secret: string,
  body: Uint8Array,
  header: string | null | undefined,
): Promise<boolean> => {
  if (header === null || header === undefined || header === "") return false
  return constantTimeEqual(encoder.encode(await signWebhook(secret, body)), encoder.encode(header.trim()))
}

/** The message Shopify signs: every query parameter but `hmac` (and the legacy `signature`), sorted, `k=v&…`. */
const queryMessage = (params: URLSearchParams): string =>
  [...params.entries()]
    .filter(([k]) => k !== "hmac" && k !== "signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&")

export const signQuery = async (secret: string, params: URLSearchParams): Promise<string> =>
  hex(await hmac(secret, encoder.encode(queryMessage(params))))

export const verifyQuery = async (secret: string, params: URLSearchParams): Promise<boolean> => {
  const given = params.get("hmac")
  if (given === null || given === "") return false
  return constantTimeEqual(
    encoder.encode(await signQuery(secret, params)),
    encoder.encode(given.toLowerCase()),
  )
}

/** A shop's admin domain as Shopify issues them; anything else (a path, another host) is refused. */
export const isShopDomain = (shop: string): boolean =>
  /^[a-zA-Z0-9][a-zA-Z0-9-]{0,60}\.myshopify\.com$/.test(shop)
