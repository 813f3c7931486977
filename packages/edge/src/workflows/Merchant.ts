/** The merchant's use cases: load → core decide (through the store) → commit → answer; fan-out once durable. @see R0.2–R24 */
import {
  type Command,
  Commerce,
  type Conversation,
  ConversationErrors,
  Discount,
  DiscountErrors,
  type I18n,
  type Ids,
  type InboxRow,
  loadProfile,
  Product,
  Staff,
  Time,
} from "@inbox/core"
import type {
  ConversationDetail,
  ConversationResponse,
  DiscountList,
  InboxQuery,
  ProductList,
  ReplyBody,
  ReplyResponse,
  StaffList,
  StaffView,
} from "@inbox/core/wire"
import { Clock, Effect } from "effect"
import { CustomerNotFound, ImageNotFound, ProductNotFound, StaffNotFound } from "../http/EdgeErrors.ts"
import { Broadcaster } from "../realtime/Broadcaster.ts"
import { type Committed, Conversations, rowFor } from "../repo/Conversations.ts"
import { Customers } from "../repo/Customers.ts"
import { Directory, type StaffRecord } from "../repo/Directory.ts"
import { Images } from "../repo/Images.ts"
import { Inbox } from "../repo/Inbox.ts"
import { Outbox } from "../repo/Outbox.ts"
import { PushNotifier } from "./Push.ts"
import { merchantItems } from "./Thread.ts"

export const member = (s: StaffRecord): Staff.StaffMember => ({
  id: s.id,
  shopId: s.shopId,
  name: s.name,
  isOwner: s.isOwner,
  chatPermission: s.chatPermission,
})

export const staffView = (s: StaffRecord): StaffView => ({
  id: s.id,
  name: s.name,
  email: s.email,
  isOwner: s.isOwner,
  chatPermission: Staff.canChat(s),
})

const staffNames = Effect.fn("Merchant.staffNames")(function* (shopId: Ids.ShopId) {
  const staff = yield* (yield* Directory).staffOf(shopId)
  const names = new Map<string, string>(staff.map((s) => [s.id, s.name]))
  return (id: Ids.StaffId) => names.get(id)
})

/** Fans out what was committed, once it is durable; the answer to the client never waits on sockets. */
export const publish =
  (shopId: Ids.ShopId) =>
  (committed: Committed): Effect.Effect<void, never, Broadcaster> =>
    committed.events.length === 0
      ? Effect.void
      : Broadcaster.use((b) => b.committed(shopId, committed)).pipe(
          // Web Push where the runtime has it (a VAPID key configured); it runs on its own.
          Effect.andThen(Effect.serviceOption(PushNotifier)),
          Effect.flatMap((push) =>
            push._tag === "Some" ? push.value.committed(shopId, committed) : Effect.void,
          ),
        )

export const listInbox = Effect.fn("Merchant.listInbox")(function* (staff: StaffRecord, q: InboxQuery) {
  return yield* (yield* Inbox).list(staff.shopId, {
    viewer: staff.id,
    status: q.status ?? "open",
    filter: q.filter ?? "all",
    topic: q.topic ?? null,
    platform: q.platform ?? null,
    search: q.q ?? null,
    cursor: q.cursor ?? null,
    limit: q.limit ?? 50,
  })
})

export const conversationDetail = Effect.fn("Merchant.conversationDetail")(function* (
  staff: StaffRecord,
  id: Ids.ConversationId,
  locale: I18n.Locale,
) {
  const details = yield* (yield* Inbox).row(staff.shopId, id, staff.id)
  if (details === null)
    return yield* Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: id }))
  const events = yield* (yield* Conversations).events(staff.shopId, id)
  const deliveries = yield* (yield* Outbox).deliveriesOf(staff.shopId, id)
  const names = yield* staffNames(staff.shopId)
  const body: ConversationDetail = {
    conversation: {
      ...details.row,
      startedAt: details.startedAt as Time.Instant,
      customerEmail: details.customerEmail,
      latestTopic: details.latestTopic,
    },
    thread: merchantItems(events, null, locale, names, deliveries, staff.id),
  }
  return body
})

/** Runs a staff command on a conversation of the staff member's shop and answers with their row. */
const act = (
  staff: StaffRecord,
  id: Ids.ConversationId,
  command: (c: Conversation.Conversation) => Command.ConversationCommand,
) =>
  Effect.gen(function* () {
    const store = yield* Conversations
    const committed = yield* store.execute({
      shopId: staff.shopId,
      conversationId: id,
      command: (state) =>
        state === null
          ? Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: id }))
          : Effect.succeed(command(state)),
      onCommitted: publish(staff.shopId),
    })
    const body: ConversationResponse = { conversation: rowFor(committed, staff.id) }
    return body
  })

export const setStatus = (
  staff: StaffRecord,
  id: Ids.ConversationId,
  status: Conversation.ConversationStatus,
) => act(staff, id, () => ({ _tag: "SetStatus", staff: member(staff), status }))

export const markRead = (staff: StaffRecord, id: Ids.ConversationId) =>
  act(staff, id, () => ({ _tag: "MarkRead", staff: member(staff) }))

export const markUnread = (staff: StaffRecord, id: Ids.ConversationId) =>
  act(staff, id, () => ({ _tag: "MarkUnread", staff: member(staff) }))

export const unassign = (staff: StaffRecord, id: Ids.ConversationId) =>
  act(staff, id, () => ({ _tag: "UnassignConversation", staff: member(staff) }))

export const assign = Effect.fn("Merchant.assign")(function* (
  staff: StaffRecord,
  id: Ids.ConversationId,
  assigneeId: string,
) {
  const assignee = yield* (yield* Directory).staffById(staff.shopId, assigneeId)
  if (assignee === null) return yield* Effect.fail(new StaffNotFound({ staffId: assigneeId }))
  return yield* act(staff, id, () => ({
    _tag: "AssignConversation",
    staff: member(staff),
    assignee: member(assignee),
  }))
})

/** A reply with text, products, a discount code or an image; idempotent by `clientMessageId`. @see R2, R15–R18 */
export const reply = Effect.fn("Merchant.reply")(function* (
  staff: StaffRecord,
  id: Ids.ConversationId,
  body: ReplyBody,
  locale: I18n.Locale,
) {
  const catalog = yield* Commerce.Commerce
  const store = yield* Conversations
  const productIds = body.productIds ?? []
  const products = yield* catalog.productsByIds(staff.shopId, productIds)
  const missing = productIds.find((pid) => !products.some((p) => p.id === pid))
  if (missing !== undefined) return yield* Effect.fail(new ProductNotFound({ productId: missing }))
  const code = body.discountCode == null ? null : Discount.normalizeCode(body.discountCode)
  const discount = code === null || code === "" ? null : yield* catalog.discount(staff.shopId, code)
  if (code !== null && code !== "" && discount === null)
    return yield* Effect.fail(new DiscountErrors.DiscountNotFound({ code }))
  const image = body.imageId == null ? null : yield* (yield* Images).get(staff.shopId, body.imageId)
  if (body.imageId != null && image === null)
    return yield* Effect.fail(new ImageNotFound({ imageId: body.imageId }))
  const names = yield* staffNames(staff.shopId)
  const committed = yield* store.execute({
    shopId: staff.shopId,
    conversationId: id,
    command: (state) =>
      state === null
        ? Effect.fail(new ConversationErrors.ConversationNotFound({ conversationId: id }))
        : Effect.succeed({
            _tag: "SendReply" as const,
            messageId: body.clientMessageId,
            staff: member(staff),
            text: body.text,
            products,
            discount,
            image,
          }),
    onCommitted: publish(staff.shopId),
  })
  const answer: ReplyResponse = {
    conversation: rowFor(committed, staff.id),
    items: merchantItems(committed.events, committed.before, locale, names, new Map(), staff.id),
  }
  return answer
})

export const staffList = Effect.fn("Merchant.staffList")(function* (
  staff: StaffRecord,
  assignableOnly: boolean,
) {
  const all = yield* (yield* Directory).staffOf(staff.shopId)
  const body: StaffList = { staff: (assignableOnly ? Staff.assignable(all) : all).map(staffView) }
  return body
})

export const products = Effect.fn("Merchant.products")(function* (staff: StaffRecord, term: string) {
  const found = yield* (yield* Commerce.Commerce).searchProducts(staff.shopId, term, 50)
  const body: ProductList = { products: found.map((p) => ({ ...p, shareable: Product.isShareable(p) })) }
  return body
})

export const discounts = Effect.fn("Merchant.discounts")(function* (staff: StaffRecord, term: string) {
  const now = Time.instant(yield* Clock.currentTimeMillis)
  const found = yield* (yield* Commerce.Commerce).searchDiscounts(staff.shopId, term)
  const body: DiscountList = {
    discounts: found.map((d) => {
      const check = Discount.checkActive(d, now)
      return {
        code: d.code,
        value: d.value,
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        active: check._tag === "Success",
        inactiveReason: check._tag === "Success" ? null : check.failure.reason,
      }
    }),
  }
  return body
})

export const profile = Effect.fn("Merchant.profile")(function* (
  staff: StaffRecord,
  customerId: string,
  conversationId: string | null,
  locale: I18n.Locale,
) {
  const customers = yield* Customers
  const inboxCustomer = yield* customers.get(staff.shopId, customerId)
  if (inboxCustomer === null) return yield* Effect.fail(new CustomerNotFound({ customerId }))
  const shop = yield* (yield* Directory).shop(staff.shopId)
  const convId = conversationId ?? (yield* customers.latestConversation(staff.shopId, customerId))
  const conversation =
    convId === null ? null : yield* (yield* Conversations).load(staff.shopId, convId as Ids.ConversationId)
  return yield* loadProfile({
    shopId: staff.shopId,
    inboxCustomer,
    currency: shop?.currency ?? "EUR",
    conversation,
    now: Time.instant(yield* Clock.currentTimeMillis),
    locale,
  })
})

/** The note goes to the store's customer record (the shop admin shows it); else it stays on the inbox's. @see R21 */
export const setNote = Effect.fn("Merchant.setNote")(function* (
  staff: StaffRecord,
  customerId: string,
  note: string,
) {
  const customers = yield* Customers
  const inboxCustomer = yield* customers.get(staff.shopId, customerId)
  if (inboxCustomer === null) return yield* Effect.fail(new CustomerNotFound({ customerId }))
  const ref = { id: inboxCustomer.id, email: inboxCustomer.email }
  const inStore = yield* (yield* Commerce.Commerce).setCustomerNote(staff.shopId, ref, note)
  if (!inStore) yield* customers.setNote(staff.shopId, customerId, note)
  return { note }
})

export const rowOf = (c: Committed, viewer: Ids.StaffId): InboxRow.InboxRow => rowFor(c, viewer)
