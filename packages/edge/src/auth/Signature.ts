/**
 * HMAC-SHA256 signatures via WebCrypto. Webhook bodies (`sha256=<hex>`), both directions, each with the
 * shop's own secret: derived from the deployment's `INBOX_WEBHOOK_SECRET` and the shop id, so a platform
 * connector holding one shop's secret can sign for that shop only; and the hex HMAC a storefront signs its
 * customer with. @see R2
 */
import { constantTimeEqual } from "./Password.ts"

const encoder = new TextEncoder()

const hmac = async (secret: string, body: Uint8Array): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  )
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, body as Uint8Array<ArrayBuffer>))
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

/** Lower-case hex HMAC-SHA256 of `text` (a signed storefront identity). */
export const hmacHex = async (secret: string, text: string): Promise<string> =>
  hex(await hmac(secret, encoder.encode(text)))

export const SIGNATURE_HEADER = "x-inbox-signature"

/**
 * The webhook secret of one shop: `hex(HMAC-SHA256(deployment secret, "inbox-shop-webhook:" + shop id))`.
 * Nothing is stored; `npm run -w @inbox/edge webhook-secret -- <shop id>` prints it for a connector.
 */
export const shopWebhookSecret = async (deploymentSecret: string, shopId: string): Promise<string> =>
  hex(await hmac(deploymentSecret, encoder.encode(`inbox-shop-webhook:${shopId}`)))

/** Signs `body` with the shop's webhook secret (what a platform connector of that shop sends). */
export const signForShop = async (deploymentSecret: string, shopId: string, body: string | Uint8Array) =>
  sign(await shopWebhookSecret(deploymentSecret, shopId), body)

export const sign = async (secret: string, body: string | Uint8Array): Promise<string> =>
  `sha256=${hex(await hmac(secret, typeof body === "string" ? encoder.encode(body) : body))}`

export const verify = async (
  secret: string,
  body: Uint8Array,
  header: string | null | undefined,
): Promise<boolean> => {
  if (header === null || header === undefined) return false
  const expected = encoder.encode(await sign(secret, body))
  return constantTimeEqual(expected, encoder.encode(header.trim()))
}
