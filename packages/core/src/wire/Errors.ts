/** The one shape of every 4xx/5xx body the edge sends: a code (the error's `_tag`), a localized message, details. */
import { Schema } from "effect"

export const ErrorBody = Schema.Struct({
  error: Schema.Struct({
    /** The domain error's `_tag` (e.g. `DiscountInactive`) or an edge code (`InvalidRequest`, `Unauthorized`). */
    code: Schema.String,
    /** Rendered in the caller's language (Accept-Language, EN/FR). */
    message: Schema.String,
    details: Schema.Record(Schema.String, Schema.Unknown),
  }),
})
export type ErrorBody = typeof ErrorBody.Type
