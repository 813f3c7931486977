/** The merchant inbox over HTTP: list query, conversation view, thread items, reply and action bodies. @see R2–R5, R12, R19 */
import { Schema } from "effect"
import { channelOf, statusAtCommit } from "../channel/DeliveryRoute.ts"
import { Platform } from "../channel/Platform.ts"
import { ConversationStatus } from "../conversation/Conversation.ts"
import { CONVERSATION_ERROR_TAGS } from "../conversation/decide.ts"
import { ConversationEvent } from "../conversation/Event.ts"
import { DeliveryFailure } from "../delivery/DeliveryFailure.ts"
import { ConversationId, ImageId, MessageId, ProductId, StaffId } from "../ids.ts"
import { InboxRow } from "../inbox/InboxRow.ts"
import { isMaxChars, singleLine } from "../text/Text.ts"
import { Instant } from "../time.ts"
import { TopicId } from "../topics/Topic.ts"
import * as Endpoint from "./Endpoint.ts"

/** `filter` narrows the list to unread-for-me, assigned-to-me or unassigned conversations. @see R4, R19 */
export const InboxFilter = Schema.Literals(["all", "unread", "mine", "unassigned"])
export type InboxFilter = typeof InboxFilter.Type

/** Largest page the list returns. */
export const MAX_PAGE_SIZE = 100

/** Query string of `GET /api/conversations` (every value arrives as a string). */
export const InboxQuery = Schema.Struct({
  /** `blocked` lists the conversations of blocked senders (closed, out of the Closed list). */
  status: Schema.optionalKey(Schema.Literals(["open", "closed", "blocked"])),
  filter: Schema.optionalKey(InboxFilter),
  topic: Schema.optionalKey(TopicId),
  /** Only conversations on this channel. */
  platform: Schema.optionalKey(Platform),
  /** Searches the customer's name and email. */
  q: Schema.optionalKey(Schema.String.check(isMaxChars(200), singleLine)),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: Schema.optionalKey(Schema.String.check(isMaxChars(200))),
  limit: Schema.optionalKey(
    Schema.FiniteFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: MAX_PAGE_SIZE })),
  ),
})
export type InboxQuery = typeof InboxQuery.Type

/** Newest activity first; `nextCursor` is null on the last page. */
export const InboxPage = Schema.Struct({
  rows: Schema.Array(InboxRow),
  nextCursor: Schema.NullOr(Schema.String),
})
export type InboxPage = typeof InboxPage.Type

/**
 * What happened to a reply on its way to the customer. `held` waits in the chat (R2); `delivered` is set only
 * when the channel says so (a platform's signed delivery receipt). @see R2
 */
export const DeliveryStatus = Schema.Literals(["queued", "sent", "delivered", "read", "failed", "held"])
export type DeliveryStatus = typeof DeliveryStatus.Type

export const DeliveryChannel = Schema.Literals(["chat", "email", "shop_app", "messenger", "instagram"])
export type DeliveryChannel = typeof DeliveryChannel.Type

export const Delivery = Schema.Struct({
  status: DeliveryStatus,
  channel: DeliveryChannel,
  attempts: Schema.Int,
  /** Why the last attempt failed, as a code the merchant's language renders. */
  reason: Schema.NullOr(DeliveryFailure),
})
export type Delivery = typeof Delivery.Type

/**
 * The delivery a reply has right after its commit, before any dispatcher attempt (null for any other event):
 * the server's thread and the inbox's live frames start every reply from this one state, so an email that is
 * still queued never reads as sent. @see R2
 */
export const initialDelivery = (event: ConversationEvent): Delivery | null =>
  event._tag === "ReplySent" || event._tag === "AutomaticReplySent"
    ? { status: statusAtCommit(event.route), channel: channelOf(event.route), attempts: 0, reason: null }
    : null

/** One entry of a thread: the event at its per-conversation sequence number. */
export const ThreadItem = Schema.Struct({
  seq: Schema.Int,
  event: ConversationEvent,
  /** Only on replies. @see R2 */
  delivery: Schema.NullOr(Delivery),
  /** The system notice rendered in the caller's language (cart events, status, …); null for messages. */
  notice: Schema.NullOr(Schema.String),
})
export type ThreadItem = typeof ThreadItem.Type

/** The conversation header and details: the row plus what the details panel needs. @see R14, R24 */
export const ConversationView = Schema.Struct({
  ...InboxRow.fields,
  startedAt: Instant,
  customerEmail: Schema.NullOr(Schema.String),
  latestTopic: Schema.NullOr(TopicId),
})
export type ConversationView = typeof ConversationView.Type

export const ConversationDetail = Schema.Struct({
  conversation: ConversationView,
  thread: Schema.Array(ThreadItem),
})
export type ConversationDetail = typeof ConversationDetail.Type

export const ConversationPath = Schema.Struct({ id: ConversationId })
export type ConversationPath = typeof ConversationPath.Type

/**
 * A merchant reply. `clientMessageId` makes it idempotent: the same id again returns the first answer
 * and writes nothing. At most three products is the core's rule (TooManyProducts). @see R15–R18
 */
export const ReplyBody = Schema.Struct({
  clientMessageId: MessageId,
  text: Schema.String.check(isMaxChars(20_000)),
  productIds: Schema.optionalKey(Schema.Array(ProductId).check(Schema.isMaxLength(20))),
  discountCode: Schema.optionalKey(Schema.NullOr(Schema.String.check(isMaxChars(64)))),
  imageId: Schema.optionalKey(Schema.NullOr(ImageId)),
})
export type ReplyBody = typeof ReplyBody.Type

export const ReplyResponse = Schema.Struct({ conversation: InboxRow, items: Schema.Array(ThreadItem) })
export type ReplyResponse = typeof ReplyResponse.Type

/** @see R3 */
export const StatusBody = Schema.Struct({ status: ConversationStatus })
export type StatusBody = typeof StatusBody.Type

/** @see R19 */
export const AssigneeBody = Schema.Struct({ staffId: StaffId })
export type AssigneeBody = typeof AssigneeBody.Type

/** The answer of status, read/unread and assignment actions: the row as the caller now sees it. */
export const ConversationResponse = Schema.Struct({ conversation: InboxRow })
export type ConversationResponse = typeof ConversationResponse.Type

/** A conversation command may be refused by any rule of `decide`, or collide past the retry budget. */
const commandErrors = [...CONVERSATION_ERROR_TAGS, "VersionConflict"] as const

/** The merchant's inbox: the list, one conversation, and what staff do to it. @see R3–R5, R19 */
export const ConversationsApi = {
  list: Endpoint.get("/api/conversations", {
    summary: "Inbox list (filters, keyset pages)",
    auth: "chatStaff",
    query: InboxQuery,
    success: InboxPage,
  }),
  detail: Endpoint.get("/api/conversations/:id", {
    summary: "A conversation and its thread",
    auth: "chatStaff",
    params: ConversationPath,
    success: ConversationDetail,
    errors: ["ConversationNotFound"],
  }),
  reply: Endpoint.post("/api/conversations/:id/replies", {
    summary: "Reply with text, products, a discount code or an image (idempotent by clientMessageId)",
    auth: "chatStaff",
    params: ConversationPath,
    body: ReplyBody,
    success: ReplyResponse,
    status: 201,
    idempotencyKey: "clientMessageId",
    errors: [...commandErrors, "ProductNotFound", "DiscountNotFound", "ImageNotFound", "CommerceUnavailable"],
  }),
  setStatus: Endpoint.post("/api/conversations/:id/status", {
    summary: "Open or close",
    auth: "chatStaff",
    params: ConversationPath,
    body: StatusBody,
    success: ConversationResponse,
    errors: commandErrors,
  }),
  markRead: Endpoint.post("/api/conversations/:id/read", {
    summary: "Mark read",
    auth: "chatStaff",
    params: ConversationPath,
    success: ConversationResponse,
    errors: commandErrors,
  }),
  markUnread: Endpoint.post("/api/conversations/:id/unread", {
    summary: "Mark unread",
    auth: "chatStaff",
    params: ConversationPath,
    success: ConversationResponse,
    errors: commandErrors,
  }),
  assign: Endpoint.put("/api/conversations/:id/assignee", {
    summary: "Assign to a staff member with the chat permission",
    auth: "chatStaff",
    params: ConversationPath,
    body: AssigneeBody,
    success: ConversationResponse,
    errors: [...commandErrors, "StaffNotFound"],
  }),
  unassign: Endpoint.delete("/api/conversations/:id/assignee", {
    summary: "Unassign",
    auth: "chatStaff",
    params: ConversationPath,
    success: ConversationResponse,
    errors: commandErrors,
  }),
  block: Endpoint.put("/api/conversations/:id/block", {
    summary: "Block the sender (their messages land closed in the Blocked list)",
    auth: "chatStaff",
    params: ConversationPath,
    success: ConversationResponse,
    errors: commandErrors,
  }),
  unblock: Endpoint.delete("/api/conversations/:id/block", {
    summary: "Unblock the sender (the conversation reopens)",
    auth: "chatStaff",
    params: ConversationPath,
    success: ConversationResponse,
    errors: commandErrors,
  }),
}
