/**
 * Reads a platform webhook's body: size and HMAC signature are checked over the raw bytes before anything
 * is parsed, then the JSON is decoded with a wire Schema. Shared by inbound messages and delivery receipts.
 */
import { Text } from "@inbox/core"
import { Schema } from "effect"
import type { Context } from "hono"
import { SIGNATURE_HEADER, verify } from "../auth/Signature.ts"
import { InvalidRequest, WebhookSignatureInvalid } from "./EdgeErrors.ts"

export const readSignedBody = async <S extends Schema.Top & Schema.Decoder<unknown>>(
  c: Context,
  options: { readonly secret: string; readonly maxBytes: number; readonly schema: S; readonly what: string },
): Promise<S["Type"]> => {
  const raw = new Uint8Array(await c.req.arrayBuffer())
  // An oversized body is refused like a bad signature: nothing about it is trusted or parsed.
  if (
    raw.byteLength > options.maxBytes ||
    !(await verify(options.secret, raw, c.req.header(SIGNATURE_HEADER)))
  )
    throw new WebhookSignatureInvalid()
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(raw))
  } catch {
    throw new InvalidRequest({ issues: [{ path: [], message: "Malformed JSON" }] })
  }
  const decoded = Schema.decodeUnknownExit(Text.wellFormed(options.schema))(json)
  if (decoded._tag === "Failure")
    throw new InvalidRequest({ issues: [{ path: [], message: `Not ${options.what}` }] })
  return decoded.value
}
