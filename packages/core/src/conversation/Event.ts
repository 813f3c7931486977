/** What happened to a conversation: the append-only facts `evolve` folds into state. */
import { Schema } from "effect"
import { CartLine } from "../cart/Cart.ts"
import { ProductCard } from "../catalog/Product.ts"
import { DeliveryRoute } from "../channel/DeliveryRoute.ts"
import { Platform } from "../channel/Platform.ts"
import { DiscountCard } from "../discount/Discount.ts"
import {
  ConversationId,
  CustomerId,
  DiscountCode,
  EmailId,
  ImageId,
  MessageId,
  ShopId,
  StaffId,
  VariantId,
} from "../ids.ts"
import { Instant } from "../time.ts"
import { TopicId } from "../topics/Topic.ts"

export const ImageRef = Schema.Struct({
  id: ImageId,
  contentType: Schema.Literals(["image/jpeg", "image/png", "image/gif", "image/webp"]),
  byteSize: Schema.Int,
})
export type ImageRef = typeof ImageRef.Type

/**
 * Where a customer's email is kept: the thread shows its text without the quoted history and signature
 * (`trimmed` says something was removed); the original, whole, is viewable by its id. @see R1
 */
export const EmailOrigin = Schema.Struct({
  id: EmailId,
  subject: Schema.String,
  trimmed: Schema.Boolean,
})
export type EmailOrigin = typeof EmailOrigin.Type

/**
 * A file the customer sent on a channel that cannot refuse it (email, Messenger, Instagram). Customers
 * cannot send images into the thread (R18), so it is noted, never shown. @see R18
 */
export const AttachmentNote = Schema.Struct({
  kind: Schema.Literals(["image", "video", "audio", "file"]),
  name: Schema.NullOr(Schema.String),
})
export type AttachmentNote = typeof AttachmentNote.Type

export const ConversationStarted = Schema.TaggedStruct("ConversationStarted", {
  conversationId: ConversationId,
  shopId: ShopId,
  customerId: CustomerId,
  platform: Platform,
  customerEmail: Schema.NullOr(Schema.String),
  currency: Schema.String,
  at: Instant,
})

export const CustomerMessageReceived = Schema.TaggedStruct("CustomerMessageReceived", {
  messageId: MessageId,
  text: Schema.String,
  /** Present when the message arrived by email. */
  email: Schema.optionalKey(EmailOrigin),
  /** Files the customer sent, noted but not shown. @see R18 */
  attachments: Schema.optionalKey(Schema.Array(AttachmentNote)),
  /** When the customer sent it by the channel's own clock (Meta's timestamp), never after `at`. */
  sentAt: Schema.optionalKey(Instant),
  at: Instant,
})

/** A customer message was labelled at ≥ 90% confidence. @see R10, R11 */
export const TopicDetected = Schema.TaggedStruct("TopicDetected", {
  messageId: MessageId,
  topic: TopicId,
  confidence: Schema.Finite,
  at: Instant,
})

export const ReplySent = Schema.TaggedStruct("ReplySent", {
  messageId: MessageId,
  staffId: StaffId,
  text: Schema.String,
  products: Schema.Array(ProductCard),
  discount: Schema.NullOr(DiscountCard),
  image: Schema.NullOr(ImageRef),
  /** @see R2 */
  route: DeliveryRoute,
  at: Instant,
})

/** The shop's automatic first reply answered the customer's first message (inside or outside hours). */
export const AutomaticReplySent = Schema.TaggedStruct("AutomaticReplySent", {
  messageId: MessageId,
  kind: Schema.Literals(["inside_hours", "outside_hours"]),
  text: Schema.String,
  /** Delivered like a merchant reply. @see R2 */
  route: DeliveryRoute,
  at: Instant,
})

/**
 * The shop answered on the platform itself, outside the inbox (Meta Business Suite, the Messenger or
 * Instagram app): shown in the thread as the shop's message; nothing is delivered, it already was. @see R2
 */
export const ReplySentOutsideInbox = Schema.TaggedStruct("ReplySentOutsideInbox", {
  messageId: MessageId,
  platform: Platform,
  text: Schema.String,
  attachments: Schema.optionalKey(Schema.Array(AttachmentNote)),
  at: Instant,
})

/** @see R6 */
export const CartItemAdded = Schema.TaggedStruct("CartItemAdded", { line: CartLine, at: Instant })

/** @see R6 */
export const CartItemRemoved = Schema.TaggedStruct("CartItemRemoved", {
  variantId: VariantId,
  title: Schema.String,
  quantity: Schema.Int,
  at: Instant,
})

/** @see R8 */
export const CustomerCameOnline = Schema.TaggedStruct("CustomerCameOnline", { at: Instant })
/** @see R9 */
export const CustomerWentOffline = Schema.TaggedStruct("CustomerWentOffline", { at: Instant })

/** @see R3 */
export const ConversationClosed = Schema.TaggedStruct("ConversationClosed", { by: StaffId, at: Instant })
/** `by` is null when a customer message reopened it. @see R3, R5 */
export const ConversationReopened = Schema.TaggedStruct("ConversationReopened", {
  by: Schema.NullOr(StaffId),
  at: Instant,
})

/** @see R4 */
export const ConversationRead = Schema.TaggedStruct("ConversationRead", {
  staffId: StaffId,
  through: Schema.Int,
  at: Instant,
})
/** @see R4 */
export const ConversationMarkedUnread = Schema.TaggedStruct("ConversationMarkedUnread", {
  staffId: StaffId,
  at: Instant,
})

/** @see R19 */
export const ConversationAssigned = Schema.TaggedStruct("ConversationAssigned", {
  assignee: StaffId,
  by: StaffId,
  at: Instant,
})
/** @see R19 */
export const ConversationUnassigned = Schema.TaggedStruct("ConversationUnassigned", {
  previous: StaffId,
  by: StaffId,
  at: Instant,
})

/** @see R17 */
export const DiscountAppliedToCart = Schema.TaggedStruct("DiscountAppliedToCart", {
  code: DiscountCode,
  at: Instant,
})

/** The customer was blocked: the conversation closes into the Blocked list. */
export const SenderBlocked = Schema.TaggedStruct("SenderBlocked", { by: StaffId, at: Instant })
/** The customer was unblocked: the conversation is open again. */
export const SenderUnblocked = Schema.TaggedStruct("SenderUnblocked", { by: StaffId, at: Instant })

export const ConversationEvent = Schema.Union([
  ConversationStarted,
  CustomerMessageReceived,
  TopicDetected,
  ReplySent,
  AutomaticReplySent,
  ReplySentOutsideInbox,
  CartItemAdded,
  CartItemRemoved,
  CustomerCameOnline,
  CustomerWentOffline,
  ConversationClosed,
  ConversationReopened,
  ConversationRead,
  ConversationMarkedUnread,
  ConversationAssigned,
  ConversationUnassigned,
  DiscountAppliedToCart,
  SenderBlocked,
  SenderUnblocked,
])
export type ConversationEvent = typeof ConversationEvent.Type
export type ConversationEventTag = ConversationEvent["_tag"]
