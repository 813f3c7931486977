/**
 * What someone asks of a conversation. Commands carry the facts `decide` needs as snapshots
 * (the acting staff member, the products, the discount), looked up by the caller, so that
 * `decide` stays a pure function.
 */
import { Schema } from "effect"
import { StaffMember } from "../assignment/Staff.ts"
import { AutomaticReplies } from "../availability/AutomaticReply.ts"
import { CartLine } from "../cart/Cart.ts"
import { Product } from "../catalog/Product.ts"
import { Platform } from "../channel/Platform.ts"
import { Discount } from "../discount/Discount.ts"
import { LOCALES } from "../i18n/Messages.ts"
import { ConversationId, CustomerId, DiscountCode, MessageId, ShopId, VariantId } from "../ids.ts"
import { Instant } from "../time.ts"
import { TopicProbabilities } from "../topics/Topic.ts"
import { AttachmentNote, EmailOrigin, ImageRef } from "./Event.ts"

/** @see R1 */
export const StartConversation = Schema.TaggedStruct("StartConversation", {
  conversationId: ConversationId,
  shopId: ShopId,
  customerId: CustomerId,
  platform: Platform,
  customerEmail: Schema.NullOr(Schema.String),
  currency: Schema.String,
})

/**
 * A shopper writes. The caller runs the TopicClassifier first and passes its output, so that the
 * message and its label commit together. @see R5, R10, R11, R18
 */
export const ReceiveCustomerMessage = Schema.TaggedStruct("ReceiveCustomerMessage", {
  messageId: MessageId,
  text: Schema.String,
  /** Customers cannot send images; a message that carries one is refused. @see R18 */
  hasImage: Schema.Boolean,
  classification: Schema.NullOr(TopicProbabilities),
  /**
   * The shop's automatic first replies and the id the automatic reply takes if one is sent. Absent when
   * the shop has none; decide sends at most one per conversation, on the first customer message.
   */
  automaticReply: Schema.optionalKey(
    Schema.Struct({
      settings: AutomaticReplies,
      messageId: MessageId,
      /** The customer's language, which picks the text. */
      language: Schema.optionalKey(Schema.Literals(LOCALES)),
    }),
  ),
  /** The email this message came in (its original is kept). */
  email: Schema.optionalKey(EmailOrigin),
  /**
   * Files sent on a channel that cannot refuse them (email, Meta): noted in the thread, never shown; a
   * message may then have no text. @see R18
   */
  attachments: Schema.optionalKey(Schema.Array(AttachmentNote)),
  /** When the customer sent it by the channel's clock (Meta's timestamp): Meta's window counts from it. */
  sentAt: Schema.optionalKey(Instant),
})

/** The shop answered on the platform itself (a Meta echo of a message the inbox did not send). @see R2 */
export const RecordReplySentOutsideInbox = Schema.TaggedStruct("RecordReplySentOutsideInbox", {
  messageId: MessageId,
  text: Schema.String,
  attachments: Schema.optionalKey(Schema.Array(AttachmentNote)),
})

/** @see R2, R15, R16, R18 */
export const SendReply = Schema.TaggedStruct("SendReply", {
  messageId: MessageId,
  staff: StaffMember,
  text: Schema.String,
  products: Schema.Array(Product),
  discount: Schema.NullOr(Discount),
  image: Schema.NullOr(ImageRef),
})

/** @see R6 */
export const AddCartItem = Schema.TaggedStruct("AddCartItem", {
  line: CartLine,
  /** What the store has left of the variant; absent when it does not track stock. @see R7 */
  available: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
})
/** @see R6 */
export const RemoveCartItem = Schema.TaggedStruct("RemoveCartItem", {
  variantId: VariantId,
  quantity: Schema.Int.check(Schema.isGreaterThan(0)),
})

/** @see R8, R9 */
export const ChangePresence = Schema.TaggedStruct("ChangePresence", { online: Schema.Boolean })

/** @see R3 */
export const SetStatus = Schema.TaggedStruct("SetStatus", {
  staff: StaffMember,
  status: Schema.Literals(["open", "closed"]),
})

/** @see R4 */
export const MarkRead = Schema.TaggedStruct("MarkRead", { staff: StaffMember })
/** @see R4 */
export const MarkUnread = Schema.TaggedStruct("MarkUnread", { staff: StaffMember })

/** @see R19 */
export const AssignConversation = Schema.TaggedStruct("AssignConversation", {
  staff: StaffMember,
  assignee: StaffMember,
})
/** @see R19 */
export const UnassignConversation = Schema.TaggedStruct("UnassignConversation", { staff: StaffMember })

/** The shopper clicks a shared code. @see R17 */
export const ApplySharedDiscount = Schema.TaggedStruct("ApplySharedDiscount", { code: DiscountCode })

/** The merchant blocks the customer of this conversation: their messages are kept, silently, in the Blocked list. */
export const BlockSender = Schema.TaggedStruct("BlockSender", { staff: StaffMember })
/** Unblocking restores the conversation to the Open list, with what arrived meanwhile unread. */
export const UnblockSender = Schema.TaggedStruct("UnblockSender", { staff: StaffMember })

export const ConversationCommand = Schema.Union([
  StartConversation,
  ReceiveCustomerMessage,
  RecordReplySentOutsideInbox,
  SendReply,
  AddCartItem,
  RemoveCartItem,
  ChangePresence,
  SetStatus,
  MarkRead,
  MarkUnread,
  AssignConversation,
  UnassignConversation,
  ApplySharedDiscount,
  BlockSender,
  UnblockSender,
])
export type ConversationCommand = typeof ConversationCommand.Type
