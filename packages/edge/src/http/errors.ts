/**
 * The one error table: every error `_tag` the app can fail with → HTTP status, and the only builder of
 * error bodies `{ error: { code, message, details } }` in the caller's language. A new error without a
 * status fails to compile here. Defects become a bare 500 with no stack text.
 */
import {
  type Availability,
  type CommerceErrors,
  type ConversationError,
  type DeliveryRetry,
  type DiscountErrors,
  I18n,
  type SavedReply,
  type StorefrontErrors,
} from "@inbox/core"
import type { ErrorBody } from "@inbox/core/wire"
import type { StoreUnavailable } from "../db/Database.ts"
import type { VersionConflict } from "../repo/Conversations.ts"
import type * as Edge from "./EdgeErrors.ts"

type EdgeError = InstanceType<(typeof Edge)[keyof typeof Edge]>

/** Every failure a handler may produce. */
export type AppError =
  | ConversationError
  | DiscountErrors.DiscountNotFound
  | CommerceErrors.CommerceUnavailable
  | CommerceErrors.CustomerNoteRejected
  | SavedReply.SavedReplyError
  | SavedReply.SavedReplyNotFound
  | Availability.TimeZoneUnknown
  | DeliveryRetry.ReplyNotFound
  | DeliveryRetry.ReplyNotRetryable
  | StorefrontErrors.StorefrontError
  | EdgeError
  | StoreUnavailable
  | VersionConflict

export const STATUS: Record<
  AppError["_tag"],
  400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 426 | 429 | 503
> = {
  InvalidRequest: 400,
  Unauthorized: 401,
  InvalidCredentials: 401,
  WebhookSignatureInvalid: 401,
  ShopifyAuthFailed: 401,
  CsrfTokenMismatch: 403,
  StaffLacksChatPermission: 403,
  StaffNotInShop: 403,
  StaffNotOwner: 403,
  CustomerCannotSendImages: 403,
  ConversationNotFound: 404,
  CustomerNotFound: 404,
  ProductNotFound: 404,
  VariantNotFound: 404,
  StaffNotFound: 404,
  ImageNotFound: 404,
  ShopNotFound: 404,
  DiscountNotFound: 404,
  RouteNotFound: 404,
  ShopifyNotConfigured: 404,
  ConversationAlreadyStarted: 409,
  StoreAlreadyConnected: 409,
  ImageTooLarge: 413,
  RequestTooLarge: 413,
  ImageTypeNotAllowed: 415,
  CustomerEmailRequired: 422,
  CustomerEmailInvalid: 422,
  IdempotencyKeyReused: 422,
  MessageEmpty: 422,
  MessageTooLong: 422,
  TooManyProducts: 422,
  ProductNotShareable: 422,
  AssigneeLacksChatPermission: 422,
  CartItemNotInCart: 422,
  CartItemOutOfStock: 422,
  CartLineTooLarge: 422,
  CartFull: 422,
  CartCurrencyMismatch: 422,
  DiscountInactive: 422,
  DiscountNotShared: 422,
  OutsideMessagingWindow: 422,
  ImportRowInvalid: 422,
  SavedReplyNotFound: 404,
  SavedReplyShortcutTaken: 409,
  SavedReplyShortcutInvalid: 422,
  SavedReplyEmpty: 422,
  SavedReplyTooLong: 422,
  TimeZoneUnknown: 422,
  ReplyNotFound: 404,
  ReplyNotRetryable: 409,
  UpgradeRequired: 426,
  MetricsRangeInvalid: 422,
  EmailNotFound: 404,
  EmailCaptureOff: 404,
  WebhookVerifyTokenInvalid: 403,
  ChannelNotConfigured: 404,
  MetaAccountTaken: 409,
  MetaAccountNotFound: 404,
  OriginNotAllowed: 403,
  IdentitySignatureInvalid: 401,
  IdentityVerificationOff: 422,
  OriginInvalid: 422,
  TooManyOrigins: 422,
  RateLimited: 429,
  StoreUnavailable: 503,
  // The shop's store (Shopify) did not answer, or refused for now, and nothing cached could stand in.
  CommerceUnavailable: 503,
  // The store validated the note and refused it: the merchant changes the note, retrying as is will not help.
  CustomerNoteRejected: 422,
  // Writers kept colliding past the retry budget: infrastructure contention, never the client's fault.
  VersionConflict: 503,
}

/** Strings for the edge's own errors; the domain's come from core i18n. */
const EDGE_MESSAGES: Partial<Record<AppError["_tag"], Record<I18n.Locale, string>>> = {
  Unauthorized: { en: "Please sign in.", fr: "Veuillez vous connecter." },
  InvalidCredentials: { en: "Wrong email or password.", fr: "E-mail ou mot de passe incorrect." },
  CsrfTokenMismatch: {
    en: "This request is missing its security token. Reload the page and try again.",
    fr: "Cette requête n'a pas son jeton de sécurité. Rechargez la page et réessayez.",
  },
  ShopNotFound: { en: "This shop does not exist.", fr: "Cette boutique n'existe pas." },
  CustomerNotFound: { en: "This customer does not exist.", fr: "Ce client n'existe pas." },
  ProductNotFound: { en: "This product does not exist.", fr: "Ce produit n'existe pas." },
  VariantNotFound: {
    en: "This product is not available in the store.",
    fr: "Ce produit n'est pas disponible dans la boutique.",
  },
  StaffNotFound: { en: "This staff member does not exist.", fr: "Ce membre du personnel n'existe pas." },
  ImageNotFound: { en: "This image does not exist.", fr: "Cette image n'existe pas." },
  ImageTooLarge: {
    en: "The image is too large (5 MB at most).",
    fr: "L'image est trop lourde (5 Mo au plus).",
  },
  ImageTypeNotAllowed: {
    en: "Only JPEG, PNG, GIF and WebP images can be sent.",
    fr: "Seules les images JPEG, PNG, GIF et WebP peuvent être envoyées.",
  },
  RateLimited: {
    en: "Too many requests. Wait a moment and try again.",
    fr: "Trop de requêtes. Patientez un instant puis réessayez.",
  },
  RequestTooLarge: { en: "The request is too large.", fr: "La requête est trop volumineuse." },
  WebhookSignatureInvalid: { en: "Invalid signature.", fr: "Signature invalide." },
  RouteNotFound: { en: "Not found.", fr: "Introuvable." },
  VersionConflict: {
    en: "Someone else changed this conversation at the same moment. Try again.",
    fr: "Quelqu'un d'autre a modifié cette conversation au même moment. Réessayez.",
  },
  StoreUnavailable: {
    en: "The inbox is temporarily unavailable. Try again in a moment.",
    fr: "La messagerie est momentanément indisponible. Réessayez dans un instant.",
  },
  InvalidRequest: { en: "The request is not valid.", fr: "La requête n'est pas valide." },
  IdempotencyKeyReused: {
    en: "This id was already used for a different request. Send this one with a new id.",
    fr: "Cet identifiant a déjà servi pour une autre requête. Envoyez celle-ci avec un nouvel identifiant.",
  },
  CustomerEmailInvalid: {
    en: "This email address is not valid. Enter one address, like name@example.com.",
    fr: "Cette adresse e-mail n'est pas valide. Saisissez une seule adresse, comme nom@exemple.fr.",
  },
  UpgradeRequired: {
    en: "This address opens a live connection (WebSocket) only.",
    fr: "Cette adresse n'ouvre qu'une connexion en direct (WebSocket).",
  },
  EmailNotFound: { en: "This email does not exist.", fr: "Cet e-mail n'existe pas." },
  EmailCaptureOff: {
    en: "Email replies are sent by your mail server, so none are saved here.",
    fr: "Les réponses par e-mail sont envoyées par votre serveur de messagerie : aucune n'est enregistrée ici.",
  },
  WebhookVerifyTokenInvalid: {
    en: "The verify token does not match INBOX_META_VERIFY_TOKEN.",
    fr: "Le jeton de vérification ne correspond pas à INBOX_META_VERIFY_TOKEN.",
  },
  ChannelNotConfigured: {
    en: "This channel is not set up on this inbox (see README, Connect Messenger and Instagram).",
    fr: "Ce canal n'est pas configuré sur cette messagerie (voir le README, Connecter Messenger et Instagram).",
  },
  MetaAccountTaken: {
    en: "This page or Instagram account is already connected to another shop.",
    fr: "Cette page ou ce compte Instagram est déjà connecté à une autre boutique.",
  },
  MetaAccountNotFound: {
    en: "This page or Instagram account is not connected.",
    fr: "Cette page ou ce compte Instagram n'est pas connecté.",
  },
  MetricsRangeInvalid: {
    en: "Choose a start and an end day, the start first, at most 400 days apart.",
    fr: "Choisissez un jour de début et un jour de fin, le début d'abord, à 400 jours d'écart au plus.",
  },
  ImportRowInvalid: {
    en: "A row of this import is not valid; nothing was imported. See details for the row and the fields.",
    fr: "Une ligne de cet import n'est pas valide ; rien n'a été importé. Voir les détails pour la ligne et les champs.",
  },
  StaffNotOwner: {
    en: "Only the shop owner can do this.",
    fr: "Seul le propriétaire de la boutique peut faire cela.",
  },
  ShopifyAuthFailed: {
    en: "Shopify's request could not be verified, so the store was not connected. Start the connection again from Settings → Store connection.",
    fr: "La requête de Shopify n'a pas pu être vérifiée : la boutique n'a pas été connectée. Relancez la connexion depuis Réglages → Connexion à la boutique.",
  },
  StoreAlreadyConnected: {
    en: "This inbox is already connected to another Shopify store. Disconnect it first in Settings → Store connection.",
    fr: "Cette messagerie est déjà connectée à une autre boutique Shopify. Déconnectez-la d'abord dans Réglages → Connexion à la boutique.",
  },
  ShopifyNotConfigured: {
    en: "Shopify is not set up on this inbox (SHOPIFY_API_KEY and SHOPIFY_API_SECRET).",
    fr: "Shopify n'est pas configuré sur cette messagerie (SHOPIFY_API_KEY et SHOPIFY_API_SECRET).",
  },
}

const HIDDEN_FIELDS = new Set(["_tag", "name", "stack", "cause"])

export const isAppError = (u: unknown): u is AppError =>
  typeof u === "object" &&
  u !== null &&
  typeof (u as { _tag?: unknown })._tag === "string" &&
  Object.hasOwn(STATUS, (u as { _tag: string })._tag)

/** The status and body of an error, rendered for `locale`. */
export const renderError = (
  error: AppError,
  locale: I18n.Locale,
): { readonly status: (typeof STATUS)[AppError["_tag"]]; readonly body: ErrorBody } => {
  const details: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(error)) if (!HIDDEN_FIELDS.has(k)) details[k] = v
  // Infrastructure errors carry internal text: keep it out of the body.
  if (error._tag === "StoreUnavailable") delete details.message
  const message = EDGE_MESSAGES[error._tag]?.[locale] ?? I18n.errorMessage(error, locale)
  return { status: STATUS[error._tag], body: { error: { code: error._tag, message, details } } }
}

export const internalError = (locale: I18n.Locale): ErrorBody => ({
  error: { code: "InternalError", message: I18n.errorMessage({ _tag: "Unknown" }, locale), details: {} },
})
