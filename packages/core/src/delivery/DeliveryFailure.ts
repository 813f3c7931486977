/**
 * Why a reply could not be delivered, as data the merchant's language renders (never prose from a server). Pure.
 * @see R2
 */
import { Schema } from "effect"
import { type Locale, messages } from "../i18n/Messages.ts"

/**
 * `detail` carries what only the far side knows (an SMTP server's answer, an HTTP status); `unknown` holds a
 * reason stored before reasons were codes.
 */
export const DELIVERY_FAILURE_CODES = [
  "email_not_configured",
  "no_email_address",
  "email_address_invalid",
  "email_rejected",
  "email_bounced",
  "webhook_not_configured",
  "webhook_unreachable",
  "webhook_rejected",
  "store_unavailable",
  "platform_not_connected",
  "no_platform_identity",
  "outside_messaging_window",
  "meta_token_invalid",
  "meta_permission_missing",
  "meta_recipient_unavailable",
  "meta_refused",
  "meta_rate_limited",
  "meta_unreachable",
  "image_needs_public_url",
  "unknown",
] as const
export const DeliveryFailureCode = Schema.Literals(DELIVERY_FAILURE_CODES)
export type DeliveryFailureCode = typeof DeliveryFailureCode.Type

export const DeliveryFailure = Schema.Struct({
  code: DeliveryFailureCode,
  detail: Schema.optionalKey(Schema.String),
})
export type DeliveryFailure = typeof DeliveryFailure.Type

/** The reason, in the reader's language, e.g. "No email server is connected." */
export const describe = (failure: DeliveryFailure, locale: Locale): string =>
  messages(locale).deliveryFailure[failure.code](failure.detail ?? "")

const decodeStored = Schema.decodeUnknownOption(Schema.fromJsonString(DeliveryFailure))

/** A reason as stored (JSON of a DeliveryFailure; older rows hold plain English text, kept as `unknown`). */
export const fromStored = (stored: string): DeliveryFailure => {
  const decoded = decodeStored(stored)
  return decoded._tag === "Some" ? decoded.value : { code: "unknown", detail: stored }
}

export const toStored = (failure: DeliveryFailure): string => JSON.stringify(failure)
