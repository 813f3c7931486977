/** Why the chat on a storefront was refused: the site is not listed, or the signed identity is wrong. */
import { Schema } from "effect"

/** The page asking for the chat is not on one of the shop's allowed origins. */
export class OriginNotAllowed extends Schema.TaggedError<OriginNotAllowed>()("OriginNotAllowed", {
  origin: Schema.NullOr(Schema.String),
}) {}

/** A listed origin is not an http(s) address. */
export class OriginInvalid extends Schema.TaggedError<OriginInvalid>()("OriginInvalid", {
  origin: Schema.String,
}) {}

export class TooManyOrigins extends Schema.TaggedError<TooManyOrigins>()("TooManyOrigins", {
  count: Schema.Int,
  max: Schema.Int,
}) {}

/** The signature of the store's signed-in customer does not match their id and email. */
export class IdentitySignatureInvalid extends Schema.TaggedError<IdentitySignatureInvalid>()(
  "IdentitySignatureInvalid",
  {},
) {}

/** The page sent a signed customer, but the shop has no identity secret to check it with. */
export class IdentityVerificationOff extends Schema.TaggedError<IdentityVerificationOff>()(
  "IdentityVerificationOff",
  {},
) {}

export type StorefrontError =
  | OriginNotAllowed
  | OriginInvalid
  | TooManyOrigins
  | IdentitySignatureInvalid
  | IdentityVerificationOff
