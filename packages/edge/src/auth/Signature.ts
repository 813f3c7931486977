/** HMAC-SHA256 signatures of webhook bodies (`sha256=<hex>`), both directions, via WebCrypto. @see R2 */
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

export const SIGNATURE_HEADER = "x-inbox-signature"

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
