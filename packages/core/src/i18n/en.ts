/** English strings. */
import type { Actor, Messages } from "./Messages.ts"

const discountReason: Record<string, string> = {
  not_started: "has not started yet",
  expired: "has expired",
  disabled: "is disabled",
  usage_limit: "has reached its usage limit",
}

const who = (a: Actor) => (a._tag === "you" ? "You" : a.name)
/** The object of a sentence whose subject is `by`: "you", "yourself", "themselves" or the name. */
const whom = (a: Actor, by: Actor) =>
  a._tag === "you"
    ? by._tag === "you"
      ? "yourself"
      : "you"
    : by._tag === "staff" && by.name === a.name
      ? "themselves"
      : a.name

export const en: Messages = {
  topics: {
    checkout: "Checkout",
    order_edits: "Order edits",
    order_status: "Order status",
    pricing_discounts: "Pricing/Discounts",
    product_details: "Product details",
    product_interest: "Product interest",
    returns: "Returns/Delivered orders",
    shipping: "Shipping",
    store_info: "Store information",
    wholesale: "Wholesale",
  },
  cart: {
    addedNamed: (t) => `The customer added ${t} to the cart`,
    removedNamed: (t) => `The customer removed ${t} from the cart`,
    addedUnnamed: "The customer added a product to the cart",
    removedUnnamed: "The customer removed a product from the cart",
  },
  presence: {
    online: "Online",
    offlineEmail: (email) => `Your reply will be sent to ${email}`,
    offlineNoEmail: "The customer left without an email: they will see your reply when they come back",
  },
  status: { open: "Open", closed: "Closed" },
  platforms: {
    online_store_chat: "Online Store chat",
    email: "Email",
    shop_app: "Shop",
    messenger: "Messenger",
    instagram: "Instagram",
  },
  route: {
    chat: "Sent in the chat",
    email: (to) => `Sent by email to ${to}`,
    held: "Waiting in the chat for the customer's return",
    platform: (name) => `Sent via ${name}`,
  },
  profile: {
    returning: "Returning customer",
    new: "New customer",
    emailSubscriber: "Subscribed to email",
    smsSubscriber: "Subscribed to SMS",
    orderStatus: {
      pending: "Payment pending",
      paid: "Paid",
      fulfilled: "Fulfilled",
      cancelled: "Cancelled",
      refunded: "Refunded",
    },
  },
  notices: {
    started: (platform) =>
      `The customer started the conversation ${
        {
          online_store_chat: "in the online store chat",
          email: "by email",
          shop_app: "in the Shop app",
          messenger: "on Messenger",
          instagram: "on Instagram",
        }[platform]
      }`,
    closed: (by) => `${who(by)} closed the conversation`,
    reopened: (by) => `${who(by)} reopened the conversation`,
    reopenedByCustomer: "The customer reopened the conversation with a new message",
    assigned: (assignee, by) => `${who(by)} assigned the conversation to ${whom(assignee, by)}`,
    unassigned: (by) => `${who(by)} unassigned the conversation`,
    customerOnline: "The customer is back in the store",
    discountApplied: (code) => `The customer applied the discount code ${code} to their cart`,
    sentOutsideInbox: (platform) => `Sent from ${platform}, outside the inbox`,
    blocked: (by) => `${who(by)} blocked this customer`,
    unblocked: (by) => `${who(by)} unblocked this customer`,
    someone: "A staff member",
  },
  push: {
    newConversation: (c) => `New conversation with ${c}`,
    newMessage: (c) => `New message from ${c}`,
    assignedToYou: (c) => `The conversation with ${c} was assigned to you`,
    assignedBy: (by) => `${by} assigned it to you`,
  },
  deliveryFailure: {
    email_not_configured: () => "No email server is connected, so email replies cannot leave.",
    no_email_address: () => "The customer gave no email address.",
    email_address_invalid: () => "The customer's email address is not valid.",
    email_rejected: (d) => `The email server refused the reply (${d}).`,
    email_bounced: (d) => `The customer's mail server refused the email (${d}).`,
    webhook_not_configured: () => "This channel is not connected, so the reply cannot leave.",
    webhook_unreachable: (d) => `The channel could not be reached (${d}).`,
    webhook_rejected: (d) => `The channel refused the reply (HTTP ${d}).`,
    store_unavailable: () => "The inbox's storage was unavailable; the reply will be tried again.",
    platform_not_connected: (d) =>
      `${d === "instagram" ? "Instagram" : "Messenger"} is not connected: connect it in Channels.`,
    no_platform_identity: () => "This customer has no Messenger or Instagram identity to answer.",
    outside_messaging_window: (d) =>
      `Meta's messaging window is closed: the customer must write again (${d}).`,
    meta_token_invalid: (d) =>
      `The page's access token is invalid or expired: connect the page again (${d}).`,
    meta_permission_missing: (d) => `The Meta app lacks a permission for this page (App Review) (${d}).`,
    meta_recipient_unavailable: () => "This person is not available on Messenger or Instagram right now.",
    meta_refused: (d) => `Meta refused the message (${d}).`,
    meta_rate_limited: () => "Meta's rate limit was reached; the reply will be tried again.",
    meta_unreachable: (d) => `Meta could not be reached (${d}).`,
    image_needs_public_url: () =>
      "Images on Messenger and Instagram need INBOX_PUBLIC_URL, the inbox's public address, for Meta to fetch them.",
    unknown: (d) => d,
  },
  errors: {
    Unknown: () => "Something went wrong.",
    InvalidRequest: () => "The request is not valid.",
    ConversationNotFound: () => "This conversation does not exist.",
    ConversationAlreadyStarted: () => "This conversation has already started.",
    CustomerEmailRequired: () => "An email address is required for this conversation.",
    CustomerCannotSendImages: () => "Customers cannot send images.",
    MessageEmpty: () => "Write a message before sending.",
    MessageTooLong: (d) => `The message is too long (${d.length} characters, at most ${d.max}).`,
    TooManyProducts: (d) => `You can share at most ${d.max} products at once (you selected ${d.count}).`,
    ProductNotShareable: (d) =>
      `“${d.title}” is not available on the online store, so it cannot be shared. Publish it in your admin first.`,
    StaffLacksChatPermission: () => "You need the online store chat permission to do this.",
    AssigneeLacksChatPermission: () =>
      "This staff member does not have the online store chat permission, so they cannot be assigned.",
    StaffNotInShop: () => "This staff member does not belong to this shop.",
    CartItemNotInCart: () => "This item is not in the cart.",
    CartItemOutOfStock: (d) =>
      d.available === 0 ? "This item is sold out." : `Only ${d.available} of this item are left.`,
    CartLineTooLarge: (d) => `A cart can hold at most ${d.max} of one item.`,
    CartFull: (d) => `A cart can hold at most ${d.max} different items.`,
    CartCurrencyMismatch: (d) => `The cart is in ${d.expected}, not ${d.actual}.`,
    DiscountInactive: (d) =>
      `The discount code ${d.code} ${discountReason[String(d.reason)] ?? "is not active"}. Update it in your store's admin to share it.`,
    DiscountNotFound: (d) => `No discount code ${d.code} exists in this shop.`,
    DiscountNotShared: (d) => `The code ${d.code} was not shared in this chat.`,
    SavedReplyShortcutInvalid: () =>
      "A shortcut is 1 to 32 lower-case letters, digits, hyphens or underscores (no spaces).",
    SavedReplyShortcutTaken: (d) => `Another saved reply already uses the shortcut /${d.shortcut}.`,
    SavedReplyEmpty: () => "A saved reply needs a text, a product or a discount code.",
    SavedReplyTooLong: (d) => `The saved reply is too long (${d.length} characters, at most ${d.max}).`,
    SavedReplyNotFound: () => "This saved reply does not exist.",
    TimeZoneUnknown: (d) => `The time zone ${d.timeZone} is not known.`,
    ReplyNotRetryable: () => "Only a reply whose delivery failed can be sent again.",
    ReplyNotFound: () => "This reply does not exist.",
    OutsideMessagingWindow: (d) => {
      const platform = d.platform === "instagram" ? "Instagram" : "Messenger"
      if (d.reason === "no_customer_message")
        return `${platform} lets a shop answer only a customer who wrote first.`
      if (d.reason === "automatic_after_24h")
        return `${platform} accepts automatic replies only within 24 hours of the customer's last message.`
      return `More than 7 days have passed since the customer's last message: ${platform} accepts no reply until they write again.`
    },
    CustomerNoteRejected: (d) => `The store did not save the note: ${d.storeMessage}`,
    CommerceUnavailable: (d) =>
      d.reason === "unauthorized"
        ? "The store no longer accepts the inbox's access. Reconnect it in Settings → Store connection."
        : d.reason === "throttled"
          ? "The store is busy right now. Try again in a moment."
          : "The store did not answer. Try again in a moment.",
    OriginNotAllowed: (d) =>
      d.origin
        ? `The chat is not enabled on ${d.origin}. The shop can add this address in its inbox settings.`
        : "The chat can only be started from the shop's own website.",
    OriginInvalid: (d) => `${d.origin} is not a website address (for example https://shop.example.com).`,
    TooManyOrigins: (d) => `At most ${d.max} website addresses can be listed (${d.count} given).`,
    IdentitySignatureInvalid: () =>
      "The signed-in customer's signature does not match. The chat cannot confirm who you are.",
    IdentityVerificationOff: () =>
      "This shop does not check signed-in customers yet: it needs an identity secret in its inbox settings.",
  },
}
