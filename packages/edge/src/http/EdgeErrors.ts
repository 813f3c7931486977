/** Failures the edge itself detects (auth, look-ups, uploads, webhooks); domain rule errors stay in core. */
import { Schema } from "effect"

/** The body, query or path did not match its Schema; `details.issues` holds the paths. */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  issues: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.String), message: Schema.String })),
}) {}

export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {}) {}
export class InvalidCredentials extends Schema.TaggedError<InvalidCredentials>()("InvalidCredentials", {}) {}
/** A cookie-authenticated mutation without the matching `x-inbox-csrf` header. */
export class CsrfTokenMismatch extends Schema.TaggedError<CsrfTokenMismatch>()("CsrfTokenMismatch", {}) {}
export class ShopNotFound extends Schema.TaggedError<ShopNotFound>()("ShopNotFound", {
  shopId: Schema.String,
}) {}
export class CustomerNotFound extends Schema.TaggedError<CustomerNotFound>()("CustomerNotFound", {
  customerId: Schema.String,
}) {}
export class ProductNotFound extends Schema.TaggedError<ProductNotFound>()("ProductNotFound", {
  productId: Schema.String,
}) {}
export class VariantNotFound extends Schema.TaggedError<VariantNotFound>()("VariantNotFound", {
  variantId: Schema.String,
}) {}
export class StaffNotFound extends Schema.TaggedError<StaffNotFound>()("StaffNotFound", {
  staffId: Schema.String,
}) {}
export class ImageNotFound extends Schema.TaggedError<ImageNotFound>()("ImageNotFound", {
  imageId: Schema.String,
}) {}
/** @see R18 */
export class ImageTooLarge extends Schema.TaggedError<ImageTooLarge>()("ImageTooLarge", {
  byteSize: Schema.Int,
  max: Schema.Int,
}) {}
/** The bytes are not a JPEG, PNG, GIF or WebP, whatever the Content-Type said. @see R18 */
export class ImageTypeNotAllowed extends Schema.TaggedError<ImageTypeNotAllowed>()(
  "ImageTypeNotAllowed",
  {},
) {}
export class WebhookSignatureInvalid extends Schema.TaggedError<WebhookSignatureInvalid>()(
  "WebhookSignatureInvalid",
  {},
) {}
/** Too many requests from one chat session or address; `retryAfterSeconds` is also the Retry-After header. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  retryAfterSeconds: Schema.Int,
}) {}
/** A request body over the route's size limit (JSON bodies: 256 KB). */
export class RequestTooLarge extends Schema.TaggedError<RequestTooLarge>()("RequestTooLarge", {
  max: Schema.Int,
}) {}
/** A customer email that is not exactly one valid address (a list, a group, a stray header, no domain). */
export class CustomerEmailInvalid extends Schema.TaggedError<CustomerEmailInvalid>()("CustomerEmailInvalid", {
  email: Schema.String,
}) {}
/** A client write id sent again with another body, or by someone else: refused, never answered with the first. */
export class IdempotencyKeyReused extends Schema.TaggedError<IdempotencyKeyReused>()(
  "IdempotencyKeyReused",
  {},
) {}
export class RouteNotFound extends Schema.TaggedError<RouteNotFound>()("RouteNotFound", {
  path: Schema.String,
}) {}

/** A WebSocket endpoint asked without `Upgrade: websocket`. */
export class UpgradeRequired extends Schema.TaggedError<UpgradeRequired>()("UpgradeRequired", {}) {}

/** A metrics range the server cannot answer: custom without both days, from after to, or over 400 days. */
export class MetricsRangeInvalid extends Schema.TaggedError<MetricsRangeInvalid>()("MetricsRangeInvalid", {
  maxDays: Schema.Int,
}) {}

/** No such email in this conversation (or no such captured reply). */
export class EmailNotFound extends Schema.TaggedError<EmailNotFound>()("EmailNotFound", {
  emailId: Schema.String,
}) {}
/** Replies are really sent (SMTP or an email API): nothing is captured locally. */
export class EmailCaptureOff extends Schema.TaggedError<EmailCaptureOff>()("EmailCaptureOff", {}) {}
/**
 * One row of an import request is not acceptable: named by its kind, index and id, with the issue paths.
 * Nothing of the request was written.
 */
export class ImportRowInvalid extends Schema.TaggedError<ImportRowInvalid>()("ImportRowInvalid", {
  kind: Schema.String,
  index: Schema.Int,
  id: Schema.NullOr(Schema.String),
  issues: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.String), message: Schema.String })),
}) {}
/** Only the shop owner may do this (import the store's records, connect or disconnect the store). */
export class StaffNotOwner extends Schema.TaggedError<StaffNotOwner>()("StaffNotOwner", {}) {}

/** Meta's webhook handshake named another verify token than INBOX_META_VERIFY_TOKEN. */
export class WebhookVerifyTokenInvalid extends Schema.TaggedError<WebhookVerifyTokenInvalid>()(
  "WebhookVerifyTokenInvalid",
  {},
) {}
/** A channel this deployment has not set up (e.g. Meta without INBOX_META_APP_SECRET and _VERIFY_TOKEN). */
export class ChannelNotConfigured extends Schema.TaggedError<ChannelNotConfigured>()("ChannelNotConfigured", {
  channel: Schema.String,
}) {}
/** This page or Instagram account is connected to another shop of this inbox. */
export class MetaAccountTaken extends Schema.TaggedError<MetaAccountTaken>()("MetaAccountTaken", {
  accountId: Schema.String,
}) {}
export class MetaAccountNotFound extends Schema.TaggedError<MetaAccountNotFound>()("MetaAccountNotFound", {
  accountId: Schema.String,
}) {}

/** An install, callback or session token from Shopify did not check out; nothing was connected. */
export class ShopifyAuthFailed extends Schema.TaggedError<ShopifyAuthFailed>()("ShopifyAuthFailed", {
  reason: Schema.Literals(["signature", "state", "shop", "code", "session_token"]),
}) {}
/** This inbox shop is already connected to another Shopify store: disconnect it first. */
export class StoreAlreadyConnected extends Schema.TaggedError<StoreAlreadyConnected>()(
  "StoreAlreadyConnected",
  {
    shopDomain: Schema.String,
  },
) {}
/** This inbox has no Shopify app credentials (SHOPIFY_API_KEY, SHOPIFY_API_SECRET). */
export class ShopifyNotConfigured extends Schema.TaggedError<ShopifyNotConfigured>()(
  "ShopifyNotConfigured",
  {},
) {}
