/**
 * The one drizzle schema of the Inbox (libSQL / SQLite). Every table carries `shop_id` (R0.1); the
 * conversation event log is the system of record, the other conversation tables are projections of it.
 * Long because it is the one schema drizzle-kit generates the migrations from: table declarations only.
 */
import { sql } from "drizzle-orm"
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core"

const bool = () => integer({ mode: "boolean" })

export const shops = sqliteTable("shops", {
  id: text().primaryKey(),
  name: text().notNull(),
  currency: text().notNull(),
  /**
   * No longer maintained (since migration 0018; kept so the schema only grows): a shop's last event number is
   * the last `shop_seq` of its event log, and the next event takes one past it (repo/ConversationWrites.ts).
   */
  eventSeq: integer().notNull().default(0),
  createdAt: integer().notNull(),
})

export const staff = sqliteTable(
  "staff",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    email: text().notNull(),
    name: text().notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` */
    passwordHash: text().notNull(),
    isOwner: bool().notNull().default(false),
    /** The online-store-chat permission. @see R0.2 */
    chatPermission: bool().notNull().default(false),
  },
  (t) => [uniqueIndex("staff_email_unique").on(t.email), index("staff_shop_idx").on(t.shopId)],
)

/**
 * Staff sessions the server holds: a token names its session (`sid`) and works only while the row is here, so
 * signing out revokes it at once. Expired rows are dropped when the member next signs in. @see R0.2
 */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    // A member who is removed takes their sessions along.
    staffId: text()
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
  },
  (t) => [index("staff_sessions_staff_idx").on(t.shopId, t.staffId)],
)

export const customers = sqliteTable(
  "customers",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    name: text().notNull(),
    email: text(),
    phone: text(),
    city: text(),
    province: text(),
    country: text(),
    timeZone: text(),
    emailMarketing: bool().notNull().default(false),
    smsMarketing: bool().notNull().default(false),
    /** Internal note, never shown to the customer. @see R21 */
    note: text().notNull().default(""),
    adminUrl: text(),
    /** The storefront's anonymous client id, so a returning browser resumes its chat. */
    clientId: text(),
    createdAt: integer().notNull(),
  },
  (t) => [
    index("customers_shop_idx").on(t.shopId),
    uniqueIndex("customers_client_unique").on(t.shopId, t.clientId),
  ],
)

export const products = sqliteTable(
  "products",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    title: text().notNull(),
    priceAmount: integer().notNull(),
    currency: text().notNull(),
    imageUrl: text(),
    url: text().notNull(),
    /** active | draft | archived */
    status: text().notNull(),
    /** Published on the online-store sales channel. @see R15 */
    onlineStore: bool().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("products_shop_idx").on(t.shopId, t.title)],
)

export const variants = sqliteTable(
  "variants",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    productId: text()
      .notNull()
      .references(() => products.id),
    title: text().notNull(),
    priceAmount: integer().notNull(),
    currency: text().notNull(),
    stock: integer().notNull(),
  },
  (t) => [index("variants_product_idx").on(t.shopId, t.productId)],
)

export const discountCodes = sqliteTable(
  "discount_codes",
  {
    shopId: text()
      .notNull()
      .references(() => shops.id),
    code: text().notNull(),
    /** JSON of the core's DiscountValue. */
    value: text({ mode: "json" }).notNull(),
    startsAt: integer().notNull(),
    endsAt: integer(),
    enabled: bool().notNull(),
    usageCount: integer().notNull().default(0),
    usageLimit: integer(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.code] })],
)

export const orders = sqliteTable(
  "orders",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    customerId: text()
      .notNull()
      .references(() => customers.id),
    reference: text().notNull(),
    placedAt: integer().notNull(),
    totalAmount: integer().notNull(),
    currency: text().notNull(),
    status: text().notNull(),
    adminUrl: text(),
  },
  (t) => [index("orders_customer_idx").on(t.shopId, t.customerId, t.placedAt)],
)

export const conversations = sqliteTable(
  "conversations",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    customerId: text()
      .notNull()
      .references(() => customers.id),
    platform: text().notNull(),
    status: text().notNull(),
    startedAt: integer().notNull(),
    customerEmail: text(),
    /** Sequence number of the last event: the optimistic-concurrency version. */
    version: integer().notNull(),
    /** Snapshot of the core state after `version` events (JSON), so a command need not replay the log. */
    state: text({ mode: "json" }).notNull(),
  },
  (t) => [index("conversations_customer_idx").on(t.shopId, t.customerId)],
)

export const conversationEvents = sqliteTable(
  "conversation_events",
  {
    shopId: text().notNull(),
    conversationId: text()
      .notNull()
      .references(() => conversations.id),
    /** 1-based, gapless per conversation; its unique key makes a concurrent writer fail, never overwrite. */
    seq: integer().notNull(),
    /**
     * Shop-wide, gapless, increasing: what a reconnecting socket sends back. The next one is one past the
     * shop's last (repo/ConversationWrites.ts), taken inside the write transaction.
     */
    shopSeq: integer().notNull(),
    tag: text().notNull(),
    /** JSON of the core's ConversationEvent. */
    payload: text({ mode: "json" }).notNull(),
    at: integer().notNull(),
  },
  // WITHOUT ROWID (migration 0018, which drizzle-kit cannot express): the table is its primary key's B-tree, so
  // an event appends at the shop's right edge and writes one other B-tree, the (conversation, seq) key.
  (t) => [
    primaryKey({ columns: [t.shopId, t.shopSeq] }),
    uniqueIndex("conversation_events_conversation_seq_unique").on(t.conversationId, t.seq),
    // Events whose JSON holds a surrogate escape (JSON.stringify writes one only for a lone surrogate): the
    // startup repair of the search index reads just these (repo/Search.ts repairIndex).
    index("conversation_events_surrogate_escape_idx")
      .on(t.conversationId, t.seq)
      .where(sql`instr(${t.payload}, '\\ud') > 0`),
  ],
)

/**
 * How far the message index (`message_search`, FTS5) has read each shop's event log, by shop sequence number.
 * The index is filled by the search that needs it (repo/Search.ts), not by the write of every message: its
 * per-commit flush cost more than the rest of a message's writes. A search first indexes what follows.
 */
export const messageSearchProgress = sqliteTable("message_search_progress", {
  shopId: text().primaryKey(),
  indexedThrough: integer().notNull(),
})

/** Per staff member: the sequence number read through. @see R4 */
export const readCursors = sqliteTable(
  "read_cursors",
  {
    shopId: text().notNull(),
    conversationId: text().notNull(),
    staffId: text().notNull(),
    through: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.staffId] })],
)

/**
 * One row per conversation with what the list shows. Viewer-dependent fields (unread, assigned to me)
 * are derived at query time from `last_customer_seq`, `read_cursors` and `assignee`. @see R3, R4, R12, R19
 */
export const inboxRows = sqliteTable(
  "inbox_rows",
  {
    conversationId: text()
      .primaryKey()
      .references(() => conversations.id),
    shopId: text().notNull(),
    customerId: text().notNull(),
    customerName: text().notNull(),
    /** Lower-cased name and email, for the search box. */
    searchText: text().notNull(),
    platform: text().notNull(),
    status: text().notNull(),
    assignee: text(),
    /** JSON array of at most two topic ids, most recent first. */
    topics: text({ mode: "json" }).notNull(),
    topic1: text(),
    topic2: text(),
    latestTopic: text(),
    customerOnline: bool().notNull(),
    customerEmail: text(),
    startedAt: integer().notNull(),
    /** JSON of the core CartHeader, or null. */
    cart: text({ mode: "json" }),
    /** JSON of the core LastMessage, or null. */
    lastMessage: text({ mode: "json" }),
    lastActivityAt: integer().notNull(),
    lastCustomerSeq: integer().notNull(),
    version: integer().notNull(),
  },
  (t) => [
    // The search text rides along so a search reads its window of newest rows from the index alone.
    index("inbox_status_activity_idx").on(
      t.shopId,
      t.status,
      t.lastActivityAt,
      t.conversationId,
      t.searchText,
    ),
    index("inbox_assignee_activity_idx").on(
      t.shopId,
      t.status,
      t.assignee,
      t.lastActivityAt,
      t.conversationId,
    ),
    // Only rows with a topic: a topic filter asks for one (`topic1 = ?` implies not null), and a row without one
    // then writes no entry here when its activity moves.
    index("inbox_topic1_activity_idx")
      .on(t.shopId, t.status, t.topic1, t.lastActivityAt, t.conversationId)
      .where(sql`${t.topic1} is not null`),
    index("inbox_topic2_activity_idx")
      .on(t.shopId, t.status, t.topic2, t.lastActivityAt, t.conversationId)
      .where(sql`${t.topic2} is not null`),
  ],
)

/**
 * Who has which conversation unread: one row per (conversation, staff member) while a customer message is
 * beyond that person's read cursor, with the list's order columns, so "unread for me" is an index range scan.
 * Rebuilt for the conversation on every commit from the staff list and read cursors. @see R4
 */
export const inboxUnread = sqliteTable(
  "inbox_unread",
  {
    shopId: text().notNull(),
    staffId: text().notNull(),
    conversationId: text().notNull(),
    status: text().notNull(),
    lastActivityAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.staffId] }),
    index("inbox_unread_activity_idx").on(t.shopId, t.staffId, t.status, t.lastActivityAt, t.conversationId),
  ],
)

/** The shopper's cart, projected from the conversation's cart events. @see R7, R22 */
export const carts = sqliteTable("carts", {
  conversationId: text()
    .primaryKey()
    .references(() => conversations.id),
  shopId: text().notNull(),
  customerId: text().notNull(),
  appliedDiscount: text(),
  updatedAt: integer(),
})

export const cartLines = sqliteTable(
  "cart_lines",
  {
    conversationId: text().notNull(),
    shopId: text().notNull(),
    variantId: text().notNull(),
    productId: text().notNull(),
    title: text().notNull(),
    variantTitle: text().notNull(),
    quantity: integer().notNull(),
    unitPriceAmount: integer().notNull(),
    currency: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.variantId] })],
)

/** Replies on their way to a channel. @see R2 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer().primaryKey(),
    shopId: text().notNull(),
    conversationId: text().notNull(),
    /** The ReplySent event's sequence number in its conversation. */
    seq: integer().notNull(),
    /** chat | email | shop_app | messenger | instagram */
    channel: text().notNull(),
    /** Email address, or null for the chat and platform webhooks. */
    recipient: text(),
    /** JSON payload handed to the channel. */
    payload: text({ mode: "json" }).notNull(),
    /** queued | sent | failed | held */
    status: text().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer().notNull(),
    reason: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("outbox_event_unique").on(t.conversationId, t.seq),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
  ],
)

/** Image metadata; the bytes live behind the ImageStore port (disk on Node). @see R18 */
export const images = sqliteTable(
  "images",
  {
    id: text().primaryKey(),
    shopId: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    uploadedBy: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("images_shop_idx").on(t.shopId)],
)

/** A client's write id and the answer it got first, so a replay writes nothing new. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    shopId: text().notNull(),
    key: text().notNull(),
    status: integer().notNull(),
    /** JSON of the first response body. */
    response: text({ mode: "json" }).notNull(),
    /**
     * SHA-256 of who sent the first request and what it asked: the key again with another body (or from
     * another staff member) is refused instead of answered (Stripe's rule). Null on keys stored before it.
     */
    fingerprint: text(),
    createdAt: integer().notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.key] })],
)

/** Saved replies of a shop, inserted in the composer by `/shortcut` (unique per shop) or from the picker. */
export const savedReplies = sqliteTable(
  "saved_replies",
  {
    id: text().primaryKey(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    shortcut: text().notNull(),
    text: text().notNull(),
    /** JSON array of product ids (at most three). */
    productIds: text({ mode: "json" }).notNull(),
    discountCode: text(),
    updatedBy: text().notNull(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [uniqueIndex("saved_replies_shortcut_unique").on(t.shopId, t.shortcut)],
)

/** Per-shop settings: availability hours and automatic first replies (JSON of core AutomaticReplies). */
export const shopSettings = sqliteTable("shop_settings", {
  shopId: text()
    .primaryKey()
    .references(() => shops.id),
  automaticReplies: text({ mode: "json" }).notNull(),
  updatedAt: integer().notNull(),
})

/** Per staff member preferences: which notifications they want (JSON of core NotificationSettings). */
export const staffPreferences = sqliteTable("staff_preferences", {
  staffId: text()
    .primaryKey()
    .references(() => staff.id),
  shopId: text().notNull(),
  notifications: text({ mode: "json" }).notNull(),
  updatedAt: integer().notNull(),
})

/**
 * The email side of a conversation: its reply address token (`<local>+<token>@<domain>`, unguessable, so a
 * customer's reply finds its conversation even when their client drops the threading headers). @see R1, R2
 */
export const emailThreads = sqliteTable(
  "email_threads",
  {
    conversationId: text()
      .primaryKey()
      .references(() => conversations.id),
    shopId: text().notNull(),
    token: text().notNull(),
    /** The subject of the customer's first email, for the `Re:` of our replies (null for chat conversations). */
    subject: text(),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex("email_threads_token_unique").on(t.shopId, t.token)],
)

/**
 * Every email of a conversation, both ways, by Message-ID: what threads a reply (In-Reply-To, References),
 * what makes a redelivered email a no-op, and where the customer's original is kept. @see R1, R2
 */
export const emails = sqliteTable(
  "emails",
  {
    id: text().primaryKey(),
    shopId: text().notNull(),
    conversationId: text()
      .notNull()
      .references(() => conversations.id),
    /** The Message-ID header without its angle brackets. */
    messageId: text().notNull(),
    /** in (the customer's) | out (our reply) */
    direction: text().notNull(),
    /** JSON array of the ids of its References header, oldest first. */
    references: text({ mode: "json" }).notNull(),
    fromAddress: text(),
    subject: text(),
    /** The conversation event it is: the customer message, or the reply. */
    seq: integer(),
    /** Key of the original bytes in the blob store (customers' emails only). */
    rawKey: text(),
    byteSize: integer(),
    createdAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("emails_message_id_unique").on(t.shopId, t.messageId),
    index("emails_conversation_idx").on(t.shopId, t.conversationId, t.createdAt),
  ],
)

/**
 * Which store record an inbox customer is (found by email the first time): for Shopify the customer's
 * numeric id, for the built-in tables another `customers` row (an imported one). @see R20
 */
export const customerLinks = sqliteTable(
  "customer_links",
  {
    shopId: text().notNull(),
    /** builtin | shopify: a link holds only for the store that made it. */
    source: text().notNull(),
    customerId: text().notNull(),
    storeCustomerId: text().notNull(),
    linkedAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.source, t.customerId] }),
    index("customer_links_store_idx").on(t.shopId, t.storeCustomerId),
  ],
)

/** A shop's connection to its Shopify store; the access token is encrypted (AES-GCM) with the app's key. */
export const storeConnections = sqliteTable(
  "store_connections",
  {
    shopId: text()
      .primaryKey()
      .references(() => shops.id),
    platform: text().notNull(),
    /** `example.myshopify.com` */
    shopDomain: text().notNull(),
    apiVersion: text().notNull(),
    scopes: text().notNull(),
    /** The store's name and currency as Shopify reported them at the first sync. */
    storeName: text(),
    currency: text(),
    /** `v1.<iv b64url>.<ciphertext b64url>`; null once revoked (app uninstalled, disconnected). */
    accessToken: text(),
    /** connected | revoked */
    status: text().notNull(),
    connectedAt: integer().notNull(),
    lastSyncAt: integer(),
    lastSyncError: text(),
    lastWebhookAt: integer(),
    webhooksReceived: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("store_connections_domain_unique").on(t.shopDomain)],
)

/** The `state` nonce of an OAuth install under way: used once, within its lifetime. */
export const oauthStates = sqliteTable("oauth_states", {
  state: text().primaryKey(),
  shopId: text().notNull(),
  shopDomain: text().notNull(),
  expiresAt: integer().notNull(),
})

/** Webhook deliveries already applied, by the store's event id, so a redelivery changes nothing. */
export const storeEvents = sqliteTable(
  "store_events",
  {
    shopDomain: text().notNull(),
    eventId: text().notNull(),
    topic: text().notNull(),
    receivedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopDomain, t.eventId] })],
)

/**
 * What the inbox last read from a connected store (JSON of core records), with when: webhooks refresh it,
 * and the profile panel shows it, with its age, when the store is slow or away.
 */
export const storeCache = sqliteTable(
  "store_cache",
  {
    shopId: text().notNull(),
    /** product | customer | orders | discount | customer_email */
    kind: text().notNull(),
    key: text().notNull(),
    value: text({ mode: "json" }).notNull(),
    fetchedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.kind, t.key] })],
)

/** Privacy requests the store sent (customers/data_request): the ids only, never the personal data itself. */
export const privacyRequests = sqliteTable("privacy_requests", {
  id: text().primaryKey(),
  shopId: text().notNull(),
  topic: text().notNull(),
  storeCustomerId: text(),
  receivedAt: integer().notNull(),
})

/** Variants whose inventory the store does not track (their stock means nothing): the port answers null. */
export const untrackedVariants = sqliteTable("untracked_variants", {
  variantId: text().primaryKey(),
  shopId: text().notNull(),
})

/** A staff member's browser that receives Web Push notifications (one row per push service endpoint). */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    shopId: text()
      .notNull()
      .references(() => shops.id),
    endpoint: text().notNull(),
    staffId: text()
      .notNull()
      .references(() => staff.id),
    p256dh: text().notNull(),
    auth: text().notNull(),
    /** The language its notifications are written in. */
    language: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.endpoint] }),
    index("push_subscriptions_staff").on(t.shopId, t.staffId),
  ],
)

/**
 * The Facebook Pages (Messenger) and Instagram professional accounts a shop connected. `accountId` is the id
 * Meta names in webhooks, so an event finds its shop; the Send API token is sealed (SecretBox) for this row.
 */
export const metaAccounts = sqliteTable(
  "meta_accounts",
  {
    /** messenger | instagram */
    platform: text().notNull(),
    accountId: text().notNull(),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    /** The Page whose /messages edge sends (for Instagram, the Page the account is linked to). */
    pageId: text().notNull(),
    name: text().notNull(),
    /** `v1.<iv>.<ciphertext>`: readable only with the deployment key, for this shop and account. */
    accessToken: text().notNull(),
    connectedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.accountId] }), index("meta_accounts_shop_idx").on(t.shopId)],
)

/**
 * Every Messenger/Instagram message by Meta's `mid`, both ways: what makes a redelivered webhook a no-op,
 * what recognises the echo of our own send, and what delivery and read watermarks turn Delivered / Read.
 */
export const metaMessages = sqliteTable(
  "meta_messages",
  {
    shopId: text().notNull(),
    mid: text().notNull(),
    conversationId: text()
      .notNull()
      .references(() => conversations.id),
    /** in (the customer's) | out (sent by the inbox) | echo (sent by the shop outside the inbox) */
    direction: text().notNull(),
    /** The conversation event: the customer message, the reply, or the echoed message. */
    seq: integer().notNull(),
    /** Which message of a reply (text, then image…) this mid is. */
    part: integer().notNull().default(0),
    at: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.mid] }),
    uniqueIndex("meta_messages_part_unique").on(t.conversationId, t.seq, t.direction, t.part),
    index("meta_messages_conversation_idx").on(t.shopId, t.conversationId, t.at),
  ],
)

/**
 * The store's signed-in customers: the store's own customer id (Shopify's, or the merchant's platform's) →
 * our customer, so a verified signed identity finds the same customer on every device.
 */
export const customerIdentities = sqliteTable(
  "customer_identities",
  {
    shopId: text()
      .notNull()
      .references(() => shops.id),
    externalId: text().notNull(),
    customerId: text()
      .notNull()
      .references(() => customers.id),
    createdAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.externalId] })],
)

/** The chat on the merchant's own storefront: the origins it may run on, and the signed-identity secret. */
export const storefrontSettings = sqliteTable("storefront_settings", {
  shopId: text()
    .primaryKey()
    .references(() => shops.id),
  /** JSON array of origins (`https://shop.example`), in the merchant's order. */
  allowedOrigins: text({ mode: "json" }).notNull(),
  /** The identity secret sealed by SecretBox (`v1.…`); null: signed customers are not checked. */
  identitySecret: text(),
  identitySecretCreatedAt: integer(),
  updatedAt: integer().notNull(),
})
