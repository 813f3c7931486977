/**
 * Signed tokens (HMAC-SHA256 via WebCrypto): staff sessions and shopper chat sessions. A token is
 * `<base64url JSON>.<base64url signature>`; the JSON carries its kind and expiry. @see R0.2, R0.3
 */
import { Context, Schema } from "effect"
import { fromB64url, toB64url } from "./Base64url.ts"

const encoder = new TextEncoder()

export const StaffSession = Schema.Struct({
  kind: Schema.Literal("staff"),
  shopId: Schema.String,
  staffId: Schema.String,
  /** The server-side session (repo/Sessions.ts): the token works only while it exists. */
  sid: Schema.String,
  /** The CSRF value the cookie session must echo in `x-inbox-csrf`. */
  csrf: Schema.String,
  exp: Schema.Number,
})
export type StaffSession = typeof StaffSession.Type

export const ChatSessionToken = Schema.Struct({
  kind: Schema.Literal("chat"),
  shopId: Schema.String,
  customerId: Schema.String,
  conversationId: Schema.String,
  /** The storefront origin the session was started on: it works from there only, while that stays listed. */
  origin: Schema.String,
  exp: Schema.Number,
})
export type ChatSessionToken = typeof ChatSessionToken.Type

/**
 * A browser that signed in to an account before: its attempts are counted apart from everyone else's, so a
 * stranger's failed guesses cannot lock the owner out of their own account. @see L1
 */
export const DeviceToken = Schema.Struct({
  kind: Schema.Literal("device"),
  id: Schema.String,
  /** The account (sign-in email, normalised) this browser signed in to. */
  email: Schema.String,
  exp: Schema.Number,
})
export type DeviceToken = typeof DeviceToken.Type

export interface Signer {
  readonly sign: (payload: StaffSession | ChatSessionToken | DeviceToken) => Promise<string>
  readonly verify: <S extends Schema.Top & Schema.Decoder<unknown>>(
    schema: S,
    token: string,
    now: number,
  ) => Promise<S["Type"] | null>
  /**
   * `verify` without waiting, for a token whose signature checked out before (its schema and expiry are
   * checked again): undefined when this signer has not seen it, then `verify` it. A request with a known
   * token is not suspended for a promise (#17).
   */
  readonly verifyKnown: <S extends Schema.Top & Schema.Decoder<unknown>>(
    schema: S,
    token: string,
    now: number,
  ) => S["Type"] | null | undefined
}

/** A verified payload as `schema` reads it, while it has not expired; null otherwise. */
const valid = <S extends Schema.Top & Schema.Decoder<unknown>>(
  schema: S,
  json: unknown,
  now: number,
): S["Type"] | null => {
  const decoded = Schema.decodeUnknownOption(schema)(json)
  if (decoded._tag === "None") return null
  const value = decoded.value as { exp?: unknown }
  if (typeof value.exp !== "number" || value.exp <= now) return null
  return decoded.value
}

/** How many verified tokens are remembered (each request carries one; a chat sends many). */
const VERIFIED = 10_000

export const makeSigner = async (secret: string): Promise<Signer> => {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  )
  // The payloads of tokens whose signature checked out, by their exact text: a token seen before is not
  // verified again (its schema and expiry still are). Only valid tokens get in, so nobody can fill it for free.
  const verified = new Map<string, unknown>()
  const known = (token: string): unknown => {
    const hit = verified.get(token)
    if (hit === undefined) return undefined
    verified.delete(token)
    verified.set(token, hit)
    return hit
  }
  const payloadOf = async (token: string): Promise<unknown> => {
    const hit = known(token)
    if (hit !== undefined) return hit
    const [body, sig] = token.split(".")
    if (body === undefined || sig === undefined || body === "" || sig === "") return undefined
    const ok = await crypto.subtle.verify(
      "HMAC",
      key,
      fromB64url(sig) as Uint8Array<ArrayBuffer>,
      encoder.encode(body),
    )
    if (!ok) return undefined
    const json: unknown = JSON.parse(new TextDecoder().decode(fromB64url(body)))
    verified.set(token, json)
    if (verified.size > VERIFIED) verified.delete(verified.keys().next().value!)
    return json
  }
  return {
    sign: async (payload) => {
      const body = toB64url(encoder.encode(JSON.stringify(payload)))
      const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))
      return `${body}.${toB64url(sig)}`
    },
    verify: async (schema, token, now) => {
      try {
        const json = await payloadOf(token)
        return json === undefined ? null : valid(schema, json, now)
      } catch {
        return null
      }
    },
    verifyKnown: (schema, token, now) => {
      const json = known(token)
      return json === undefined ? undefined : valid(schema, json, now)
    },
  }
}

/** A random URL-safe string (ids, CSRF values). */
export const randomToken = (bytes = 18): string => toB64url(crypto.getRandomValues(new Uint8Array(bytes)))

/** The signer of the running app, keyed by the `INBOX_SESSION_SECRET`. */
export class TokenSigner extends Context.Service<TokenSigner, Signer>()("@inbox/edge/auth/TokenSigner") {}
