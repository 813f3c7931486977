/**
 * The profile panel as a use case over the commerce port: the store's record of the customer (or, when the
 * store does not know them, what the inbox learnt in the chat) projected with the rules of R20–R24.
 */
import { Effect } from "effect"
import { Commerce } from "../commerce/Commerce.ts"
import type { Conversation } from "../conversation/Conversation.ts"
import type { Locale } from "../i18n/Messages.ts"
import type { ShopId } from "../ids.ts"
import type { Currency } from "../money.ts"
import { type Instant, instant } from "../time.ts"
import {
  type Customer,
  type CustomerProfile,
  customerProfile,
  LAST_ORDER_WINDOW_MS,
} from "./CustomerProfile.ts"

export interface LoadProfileInput {
  readonly shopId: ShopId
  /** The inbox's own record: who wrote in, with what the chat learnt (name, email, time zone, note). */
  readonly inboxCustomer: Customer
  readonly currency: Currency
  readonly conversation: Conversation | null
  readonly now: Instant
  readonly locale: Locale
}

/**
 * The store's record wins for everything it knows; the time zone, which stores rarely hold, falls back to
 * the one the chat reported. A customer the store does not know keeps the inbox's record and no orders.
 */
export const mergeCustomer = (inbox: Customer, store: Customer): Customer => ({
  ...store,
  id: inbox.id,
  shopId: inbox.shopId,
  timeZone: store.timeZone ?? inbox.timeZone,
})

/** @see R20, R21, R22, R23, R24 */
export const loadProfile = Effect.fn("Profile.load")(function* (input: LoadProfileInput) {
  const commerce = yield* Commerce
  const { inboxCustomer } = input
  // A store that cannot answer leaves the panel with what the inbox knows, and says so; never a failed panel.
  const read = yield* commerce
    .customer(
      input.shopId,
      { id: inboxCustomer.id, email: inboxCustomer.email },
      instant(Math.max(0, input.now - LAST_ORDER_WINDOW_MS)),
    )
    .pipe(
      Effect.map((record) => ({ record, unavailable: null })),
      Effect.catchTag("CommerceUnavailable", (e) => Effect.succeed({ record: null, unavailable: e.reason })),
    )
  const record = read.record
  const conversation =
    input.conversation !== null && input.conversation.customerId === inboxCustomer.id
      ? input.conversation
      : null
  const productIds = [...new Set(conversation?.cart.lines.map((l) => l.productId) ?? [])]
  const variants =
    productIds.length === 0
      ? []
      : yield* commerce.variantsOf(input.shopId, productIds).pipe(Effect.orElseSucceed(() => []))
  const profile: CustomerProfile = customerProfile({
    customer: record === null ? inboxCustomer : mergeCustomer(inboxCustomer, record.customer),
    currency: input.currency,
    orders: record?.recentOrders ?? [],
    conversation,
    variants,
    now: input.now,
    locale: input.locale,
    syncedAt: record?.freshness.stale ? record.freshness.asOf : null,
    storeUnavailable: read.unavailable,
  })
  return profile
})
