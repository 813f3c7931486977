/**
 * Conversation rules: given the current state and a command, the events to append or the reason
 * it is refused. Pure and synchronous; time is passed in. @see R0.1–R19
 * Long because it is the one exhaustive match over every command; the rules it calls live in their own
 * modules.
 */
import { Option, Result } from "effect"
import { canChat, type StaffMember } from "../assignment/Staff.ts"
import { automaticReplyAt } from "../availability/AutomaticReply.ts"
import * as Cart from "../cart/Cart.ts"
import { isShareable, MAX_PRODUCTS_PER_REPLY, toCard as productCard } from "../catalog/Product.ts"
import { routeReply } from "../channel/DeliveryRoute.ts"
import {
  hasMessagingWindow,
  messagingTypeAt,
  type OutsideMessagingWindow,
} from "../channel/MessagingWindow.ts"
import { checkActive, toCard as discountCard } from "../discount/Discount.ts"
import type { DiscountInactive } from "../discount/errors.ts"
import type { Instant } from "../time.ts"
import { labelOf } from "../topics/Topic.ts"
import type { ConversationCommand } from "./Command.ts"
import {
  type Conversation,
  isBlocked,
  isUnreadFor,
  lastCustomerMessageAtOf,
  readThroughOf,
} from "./Conversation.ts"
import type { ConversationEvent } from "./Event.ts"
import {
  AssigneeLacksChatPermission,
  CartCurrencyMismatch,
  CartFull,
  CartItemNotInCart,
  CartItemOutOfStock,
  CartLineTooLarge,
  ConversationAlreadyStarted,
  ConversationNotFound,
  CustomerCannotSendImages,
  CustomerEmailRequired,
  DiscountNotShared,
  MessageEmpty,
  MessageTooLong,
  ProductNotShareable,
  StaffLacksChatPermission,
  StaffNotInShop,
  TooManyProducts,
} from "./errors.ts"

/** Longest message a person may send, in UTF-16 code units. */
export const MAX_MESSAGE_LENGTH = 5000

export type ConversationError =
  | ConversationNotFound
  | ConversationAlreadyStarted
  | CustomerEmailRequired
  | CustomerCannotSendImages
  | MessageEmpty
  | MessageTooLong
  | TooManyProducts
  | ProductNotShareable
  | StaffLacksChatPermission
  | AssigneeLacksChatPermission
  | StaffNotInShop
  | CartItemNotInCart
  | CartItemOutOfStock
  | CartLineTooLarge
  | CartFull
  | CartCurrencyMismatch
  | DiscountInactive
  | DiscountNotShared
  | OutsideMessagingWindow

export type Decision = Result.Result<ReadonlyArray<ConversationEvent>, ConversationError>

const ok = (...events: ReadonlyArray<ConversationEvent>): Decision => Result.succeed(events)
const refuse = (e: ConversationError): Decision => Result.fail(e)

/** A staff member may act on a conversation only inside their shop and with the chat permission. @see R0.1, R0.2 */
const checkStaff = (c: Conversation, staff: StaffMember): ConversationError | null => {
  if (staff.shopId !== c.shopId) return new StaffNotInShop({ staffId: staff.id, shopId: c.shopId })
  if (!canChat(staff)) return new StaffLacksChatPermission({ staffId: staff.id })
  return null
}

const checkText = (text: string, allowEmpty: boolean): ConversationError | null => {
  if (text.length > MAX_MESSAGE_LENGTH)
    return new MessageTooLong({ length: text.length, max: MAX_MESSAGE_LENGTH })
  if (!allowEmpty && text.trim().length === 0) return new MessageEmpty()
  return null
}

const normalizeEmail = (email: string | null): string | null => {
  const trimmed = email?.trim() ?? ""
  return trimmed === "" ? null : trimmed
}

/**
 * Decides what a command does to a conversation: the events to append, or the rule it breaks.
 * Commands are expected to have been decoded with their Schema; `now` is the caller's clock.
 * @example
 * const r = decide(null, { _tag: "StartConversation", ...start }, now) // Result.succeed([ConversationStarted])
 */
export const decide = (state: Conversation | null, command: ConversationCommand, now: Instant): Decision => {
  if (command._tag === "StartConversation") {
    if (state !== null) return refuse(new ConversationAlreadyStarted({ conversationId: state.id }))
    // A blank address is no address: routing a reply to "" would lose it (R2).
    const customerEmail = normalizeEmail(command.customerEmail)
    if (command.platform === "email" && customerEmail === null)
      return refuse(new CustomerEmailRequired({ platform: command.platform }))
    return ok({
      _tag: "ConversationStarted",
      conversationId: command.conversationId,
      shopId: command.shopId,
      customerId: command.customerId,
      platform: command.platform,
      customerEmail,
      currency: command.currency,
      at: now,
    })
  }
  if (state === null) return refuse(new ConversationNotFound({ conversationId: "" }))
  const c = state

  switch (command._tag) {
    case "ReceiveCustomerMessage": {
      if (command.hasImage) return refuse(new CustomerCannotSendImages())
      const attachments = command.attachments ?? []
      // A noted attachment is the message when it came without text (R18: noted, never shown).
      const bad = checkText(command.text, attachments.length > 0)
      if (bad !== null) return refuse(bad)
      const events: Array<ConversationEvent> = [
        {
          _tag: "CustomerMessageReceived",
          messageId: command.messageId,
          text: command.text,
          ...(command.email === undefined ? {} : { email: command.email }),
          ...(attachments.length === 0 ? {} : { attachments }),
          // A channel's clock ahead of ours is ours: the message cannot have been sent after it arrived.
          ...(command.sentAt === undefined ? {} : { sentAt: Math.min(command.sentAt, now) as Instant }),
          at: now,
        },
      ]
      // R5: a customer writing into a closed conversation reopens it so nobody misses the message,
      // unless the merchant blocked them: then it stays closed in the Blocked list.
      if (c.status === "closed" && !isBlocked(c))
        events.push({ _tag: "ConversationReopened", by: null, at: now })
      if (command.classification !== null) {
        const label = labelOf(command.classification)
        if (Option.isSome(label))
          events.push({
            _tag: "TopicDetected",
            messageId: command.messageId,
            topic: label.value.topic,
            confidence: label.value.confidence,
            at: now,
          })
      }
      // The automatic first reply answers only the first customer message, so it goes out at most once.
      if (
        command.automaticReply !== undefined &&
        !isBlocked(c) &&
        c.lastCustomerMessageSeq === 0 &&
        c.automaticReplySent !== true
      ) {
        const auto = automaticReplyAt(
          command.automaticReply.settings,
          now,
          command.automaticReply.language ?? null,
        )
        if (auto !== null)
          events.push({
            _tag: "AutomaticReplySent",
            messageId: command.automaticReply.messageId,
            kind: auto.kind,
            text: auto.text,
            route: routeReply(c),
            at: now,
          })
      }
      return ok(...events)
    }

    case "RecordReplySentOutsideInbox": {
      const attachments = command.attachments ?? []
      const bad = checkText(command.text, attachments.length > 0)
      if (bad !== null) return refuse(bad)
      return ok({
        _tag: "ReplySentOutsideInbox",
        messageId: command.messageId,
        platform: c.platform,
        text: command.text,
        ...(attachments.length === 0 ? {} : { attachments }),
        at: now,
      })
    }

    case "SendReply": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      // Meta's window is refused here, before anything is sent, so the merchant learns why at once (R2).
      if (hasMessagingWindow(c.platform)) {
        const window = messagingTypeAt({
          platform: c.platform,
          lastCustomerMessageAt: lastCustomerMessageAtOf(c),
          now,
          author: "person",
        })
        if (Result.isFailure(window)) return refuse(window.failure)
      }
      const hasAttachment = command.products.length > 0 || command.discount !== null || command.image !== null
      const bad = checkText(command.text, hasAttachment)
      if (bad !== null) return refuse(bad)
      if (command.products.length > MAX_PRODUCTS_PER_REPLY)
        return refuse(new TooManyProducts({ count: command.products.length, max: MAX_PRODUCTS_PER_REPLY }))
      const unshareable = command.products.find((p) => !isShareable(p))
      if (unshareable !== undefined)
        return refuse(new ProductNotShareable({ productId: unshareable.id, title: unshareable.title }))
      if (command.discount !== null) {
        const active = checkActive(command.discount, now)
        if (Result.isFailure(active)) return refuse(active.failure)
      }
      return ok({
        _tag: "ReplySent",
        messageId: command.messageId,
        staffId: command.staff.id,
        text: command.text,
        products: command.products.map(productCard),
        discount: command.discount === null ? null : discountCard(command.discount),
        image: command.image,
        route: routeReply(c),
        at: now,
      })
    }

    case "AddCartItem":
      if (command.line.unitPrice.currency !== c.cart.currency)
        return refuse(
          new CartCurrencyMismatch({ expected: c.cart.currency, actual: command.line.unitPrice.currency }),
        )
      {
        // The cart never holds more than the store has, nor an unbounded line or number of lines. @see R7
        const variantId = command.line.variantId
        const held = Cart.quantityOf(c.cart, variantId)
        const wanted = held + command.line.quantity
        if (command.available !== undefined && wanted > command.available)
          return refuse(new CartItemOutOfStock({ variantId, available: command.available }))
        if (wanted > Cart.MAX_LINE_QUANTITY)
          return refuse(new CartLineTooLarge({ variantId, max: Cart.MAX_LINE_QUANTITY }))
        if (held === 0 && c.cart.lines.length >= Cart.MAX_CART_LINES)
          return refuse(new CartFull({ max: Cart.MAX_CART_LINES }))
      }
      return ok({ _tag: "CartItemAdded", line: command.line, at: now })

    case "RemoveCartItem": {
      const line = c.cart.lines.find((l) => l.variantId === command.variantId)
      if (line === undefined) return refuse(new CartItemNotInCart({ variantId: command.variantId }))
      return ok({
        _tag: "CartItemRemoved",
        variantId: command.variantId,
        title: line.title,
        quantity: Math.min(command.quantity, line.quantity),
        at: now,
      })
    }

    case "ChangePresence":
      if (command.online === c.customerOnline) return ok()
      return ok(
        command.online ? { _tag: "CustomerCameOnline", at: now } : { _tag: "CustomerWentOffline", at: now },
      )

    case "SetStatus": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      if (command.status === c.status) return ok()
      // A blocked sender's conversation stays in the Blocked list: unblocking is what reopens it.
      if (isBlocked(c)) return ok()
      return ok(
        command.status === "closed"
          ? { _tag: "ConversationClosed", by: command.staff.id, at: now }
          : { _tag: "ConversationReopened", by: command.staff.id, at: now },
      )
    }

    case "MarkRead": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      if (readThroughOf(c, command.staff.id) >= c.version) return ok()
      return ok({ _tag: "ConversationRead", staffId: command.staff.id, through: c.version + 1, at: now })
    }

    case "MarkUnread": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      // Already unread for this person: a replayed "mark unread" writes nothing (like MarkRead).
      if (isUnreadFor(c, command.staff.id)) return ok()
      return ok({ _tag: "ConversationMarkedUnread", staffId: command.staff.id, at: now })
    }

    case "AssignConversation": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      if (command.assignee.shopId !== c.shopId)
        return refuse(new StaffNotInShop({ staffId: command.assignee.id, shopId: c.shopId }))
      if (!canChat(command.assignee))
        return refuse(new AssigneeLacksChatPermission({ staffId: command.assignee.id }))
      if (c.assignee === command.assignee.id) return ok()
      return ok({
        _tag: "ConversationAssigned",
        assignee: command.assignee.id,
        by: command.staff.id,
        at: now,
      })
    }

    case "UnassignConversation": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      if (c.assignee === null) return ok()
      return ok({ _tag: "ConversationUnassigned", previous: c.assignee, by: command.staff.id, at: now })
    }

    case "BlockSender": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      if (isBlocked(c)) return ok()
      return ok({ _tag: "SenderBlocked", by: command.staff.id, at: now })
    }

    case "UnblockSender": {
      const denied = checkStaff(c, command.staff)
      if (denied !== null) return refuse(denied)
      if (!isBlocked(c)) return ok()
      return ok({ _tag: "SenderUnblocked", by: command.staff.id, at: now })
    }

    case "ApplySharedDiscount":
      if (!c.sharedDiscounts.includes(command.code))
        return refuse(new DiscountNotShared({ code: command.code }))
      if (c.appliedDiscount === command.code) return ok()
      return ok({ _tag: "DiscountAppliedToCart", code: command.code, at: now })
  }
}

/** Every refusal of `decide` by tag, for the API declarations of endpoints that run a conversation command. */
export const CONVERSATION_ERROR_TAGS = [
  "ConversationNotFound",
  "ConversationAlreadyStarted",
  "CustomerEmailRequired",
  "CustomerCannotSendImages",
  "MessageEmpty",
  "MessageTooLong",
  "TooManyProducts",
  "ProductNotShareable",
  "StaffLacksChatPermission",
  "AssigneeLacksChatPermission",
  "StaffNotInShop",
  "CartItemNotInCart",
  "CartItemOutOfStock",
  "CartLineTooLarge",
  "CartFull",
  "CartCurrencyMismatch",
  "DiscountInactive",
  "DiscountNotShared",
  "OutsideMessagingWindow",
] as const satisfies ReadonlyArray<ConversationError["_tag"]>

// Both ways: a refusal added to ConversationError but not listed above fails to compile here, naming its tag.
type Unlisted = Exclude<ConversationError["_tag"], (typeof CONVERSATION_ERROR_TAGS)[number]>
const everyRefusalListed: [Unlisted] extends [never] ? true : Unlisted = true
void everyRefusalListed
