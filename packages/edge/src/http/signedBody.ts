/**
 * Reads a platform webhook's body: size and HMAC signature are checked over the raw bytes before anything
 * is parsed, then the JSON is decoded with a wire Schema. Shared by inbound messages and delivery receipts.
 */
import type { Schema } from "effect"
import type { Context } from "hono"
import { SIGNATURE_HEADER, verify } from "../auth/Signature.ts"
import { InvalidRequest, WebhookSignatureInvalid } from "./EdgeErrors.ts"
import { decodeOrInvalid } from "./validate.ts"

/** Platform webhooks are small JSON documents. */
export const MAX_WEBHOOK_BYTES = 256 * 1024

export const readSignedBody = async <S extends Schema.Codec<unknown, unknown>>(
  c: Context,
  options: {
    readonly secret: string
    readonly schema: S
    readonly maxBytes?: number
    /** The signature's header: `x-inbox-signature` (ours), `x-hub-signature-256` (Meta's, same format). */
    readonly header?: string
  },
): Promise<S["Type"]> => {
  const raw = new Uint8Array(await c.req.arrayBuffer())
  // An oversized body is refused like a bad signature: nothing about it is trusted or parsed.
  if (
    raw.byteLength > (options.maxBytes ?? MAX_WEBHOOK_BYTES) ||
    !(await verify(options.secret, raw, c.req.header(options.header ?? SIGNATURE_HEADER)))
  )
    throw new WebhookSignatureInvalid()
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(raw))
  } catch {
    throw new InvalidRequest({ issues: [{ path: [], message: "Malformed JSON" }] })
  }
  return decodeOrInvalid(options.schema, json)
}
