/** The one function of `http_ece` (web-push's own encryption library) the push test uses to decrypt. */
declare module "http_ece" {
  import type { ECDH } from "node:crypto"
  export function decrypt(
    buffer: Buffer,
    params: {
      readonly version: "aes128gcm" | "aesgcm"
      readonly privateKey: ECDH
      readonly authSecret: string
      /** aesgcm only: the sender's public key and the salt, from the Crypto-Key and Encryption headers. */
      readonly dh?: string
      readonly salt?: string
    },
  ): Buffer
}
