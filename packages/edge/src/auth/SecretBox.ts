/**
 * Secrets at rest (store access tokens, channel page tokens, shop identity and webhook secrets): AES-256-GCM
 * via WebCrypto, so Node and Workers share it. The key is derived by HKDF from one deployment key. Each value is
 * sealed for one place (`context`, e.g. `shop/<id>/shopify-token`, as additional data), so a sealed value copied
 * into another shop's row, or another column, does not open there.
 */
import { Context, Effect, Layer } from "effect"
import { fromB64url, toB64url } from "./Base64url.ts"

const encoder = new TextEncoder()
const VERSION = "v1"

export interface Box {
  /** `v1.<iv>.<ciphertext+tag>` (base64url), readable only with the same key and the same `context`. */
  readonly seal: (plain: string, context: string) => Promise<string>
  /** The plain text, or null when the value was sealed elsewhere, with another key, or altered. */
  readonly open: (sealed: string, context: string) => Promise<string | null>
}

export const makeSecretBox = async (keyMaterial: string): Promise<Box> => {
  const material = await crypto.subtle.importKey("raw", encoder.encode(keyMaterial), "HKDF", false, [
    "deriveKey",
  ])
  const key = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("inbox"), info: encoder.encode("secret-box/v1") },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  )
  return {
    seal: async (plain, context) => {
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
        key,
        encoder.encode(plain),
      )
      return `${VERSION}.${toB64url(iv)}.${toB64url(new Uint8Array(sealed))}`
    },
    open: async (sealed, context) => {
      const [version, iv, body, extra] = sealed.split(".")
      if (version !== VERSION || iv === undefined || body === undefined || extra !== undefined) return null
      try {
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromB64url(iv), additionalData: encoder.encode(context) },
          key,
          fromB64url(body),
        )
        return new TextDecoder().decode(plain)
      } catch {
        return null
      }
    },
  }
}

/** The box of the running app: one per process or isolate, keyed by the deployment's encryption key. */
export class SecretBox extends Context.Service<SecretBox, Box>()("@inbox/edge/auth/SecretBox") {}

/** The SecretBox service keyed from `keyMaterial` (Node: INBOX_ENCRYPTION_KEY or a key kept beside the data). */
export const layer = (keyMaterial: string): Layer.Layer<SecretBox> =>
  Layer.effect(
    SecretBox,
    Effect.promise(() => makeSecretBox(keyMaterial)),
  )

/** No key: nothing can be sealed and nothing sealed opens (a connected store then counts as revoked). */
export const layerNone: Layer.Layer<SecretBox> = Layer.succeed(SecretBox, {
  seal: () => Promise.reject(new Error("no encryption key: configure INBOX_ENCRYPTION_KEY")),
  open: () => Promise.resolve(null),
})
