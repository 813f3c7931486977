/**
 * @inbox/core: the pure domain of the Inbox customer-messaging product. Every rule of the
 * domain (R0.1–R24) lives here once, with no I/O; storage, HTTP and UI are adapters around it.
 */
export * as Staff from "./assignment/Staff.ts"
export * as AutomaticReply from "./availability/AutomaticReply.ts"
export * as Availability from "./availability/Availability.ts"
export * as Cart from "./cart/Cart.ts"
export * as CartEvent from "./cart/CartEvent.ts"
export * as Product from "./catalog/Product.ts"
export * as DeliveryRoute from "./channel/DeliveryRoute.ts"
export * as MessagingWindow from "./channel/MessagingWindow.ts"
export * as Platform from "./channel/Platform.ts"
export * as Access from "./conversation/Access.ts"
export * as Command from "./conversation/Command.ts"
export * as Conversation from "./conversation/Conversation.ts"
export {
  CONVERSATION_ERROR_TAGS,
  type ConversationError,
  type Decision,
  decide,
  MAX_MESSAGE_LENGTH,
} from "./conversation/decide.ts"
export * as Event from "./conversation/Event.ts"
export * as ConversationErrors from "./conversation/errors.ts"
export { evolve, replay } from "./conversation/evolve.ts"
export { type IncomingCustomerMessage, receiveCustomerMessage } from "./conversation/receive.ts"
export * as DeliveryFailure from "./delivery/DeliveryFailure.ts"
export * as DeliveryRetry from "./delivery/Retry.ts"
export * as Discount from "./discount/Discount.ts"
export * as DiscountErrors from "./discount/errors.ts"
export * as AutomatedMail from "./email/AutomatedMail.ts"
export * as EmailThreading from "./email/Threading.ts"
export * as I18n from "./i18n/Messages.ts"
export * as Ids from "./ids.ts"
export * as InboxRow from "./inbox/InboxRow.ts"
export * as Metrics from "./metrics/Metrics.ts"
export * as Money from "./money.ts"
export * as Notifications from "./notifications/Notifications.ts"
export { IdGenerator } from "./ports/IdGenerator.ts"
export { TopicClassifier } from "./ports/TopicClassifier.ts"
export * as Presence from "./presence/Presence.ts"
export * as CustomerProfile from "./profile/CustomerProfile.ts"
export * as LocalTime from "./profile/LocalTime.ts"
export * as SavedReply from "./replies/SavedReply.ts"
export * as SearchHighlight from "./search/Highlight.ts"
export * as Text from "./text/Text.ts"
export * as Notice from "./thread/Notice.ts"
export * as Time from "./time.ts"
export * as TopicModel from "./topics/classifier/index.ts"
export * as Topic from "./topics/Topic.ts"
