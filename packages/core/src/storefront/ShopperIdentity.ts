/**
 * The store's signed-in customer, as the store's own server vouches for them (like Chatwoot's
 * `identifier_hash`): `signature = hex(HMAC-SHA256(identity secret, signedText(id, email)))`. The edge checks
 * the HMAC; this module fixes what is signed. Pure.
 */
import { Schema } from "effect"
import { isMaxChars, singleLine } from "../text/Text.ts"

/** The store's customer id (Shopify's numeric id, a gid, your own key): printable, no line breaks. */
export const ExternalCustomerId = Schema.String.check(
  Schema.isMaxLength(128),
  Schema.isPattern(/^[\x21-\x7e]{1,128}$/u),
)

export const ShopperIdentity = Schema.Struct({
  id: ExternalCustomerId,
  email: Schema.NullOr(Schema.String.check(isMaxChars(254), singleLine)),
  name: Schema.optionalKey(Schema.NullOr(Schema.String.check(isMaxChars(120), singleLine))),
  /** Lower-case hex of the 32-byte HMAC. */
  signature: Schema.String.check(Schema.isMaxLength(64), Schema.isPattern(/^[0-9a-fA-F]{64}$/u)),
})
export type ShopperIdentity = typeof ShopperIdentity.Type

/**
 * The text a store signs: `<id>:<email>` (`<id>:` without an email). An email never contains `:`, so the
 * last colon splits the two and no other id/email pair signs the same text.
 */
export const signedText = (id: string, email: string | null): string => `${id}:${email ?? ""}`

/** An email that can be signed unambiguously (no colon); anything else is refused before any HMAC. */
export const isSignableEmail = (email: string | null): boolean => email === null || !email.includes(":")
