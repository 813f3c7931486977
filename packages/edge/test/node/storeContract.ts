/**
 * The repository contract, run against any libSQL client (a local file, a remote sqld over http): round
 * trip against the pure core, concurrent writers, idempotent replays (a write and its answer stored once per key), and tenancy. Properties use fast-check.
 */
import {
  type Command,
  Commerce,
  Conversation,
  type Discount,
  decide,
  evolve,
  Ids,
  InboxRow,
  type Product,
  replay,
  type Staff,
  Time,
  type Topic,
} from "@inbox/core"
import { asc, eq } from "drizzle-orm"
import { Clock, Effect, Exit, Result } from "effect"
import fc from "fast-check"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import * as t from "../../src/db/schema.ts"
import { Conversations } from "../../src/repo/Conversations.ts"
import { Customers } from "../../src/repo/Customers.ts"
import { answerOnce } from "../../src/repo/IdempotencyKeys.ts"
import { Inbox, type InboxListQuery } from "../../src/repo/Inbox.ts"
import { Search } from "../../src/repo/Search.ts"
import type { Store } from "./harness.ts"

export interface OpenedStore extends Store {
  readonly close: () => Promise<void>
}

const fixedClock = (ms: number): Clock.Clock => ({
  currentTimeMillisUnsafe: () => ms,
  currentTimeMillis: Effect.succeed(ms),
  currentTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  monotonicTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  monotonicTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  sleep: () => Effect.void,
})

/** The store running one fixed command on a conversation. */
const executing = (
  shopId: Ids.ShopId,
  conversationId: Ids.ConversationId,
  command: Command.ConversationCommand,
) => Conversations.use((s) => s.execute({ shopId, conversationId, command: () => Effect.succeed(command) }))

let uniq = 0
const fresh = (prefix: string) => `${prefix}${Date.now().toString(36)}${(uniq++).toString(36)}`

/** A shop with three staff (two may chat), one customer and a few variants. */
export const makeShop = async (store: Store, name = "Shop") => {
  const shopId = Ids.ShopId.make(fresh("shop"))
  const staff: Array<Staff.StaffMember> = [
    { id: Ids.StaffId.make(`${shopId}_a`), shopId, name: "Ana", isOwner: true, chatPermission: true },
    { id: Ids.StaffId.make(`${shopId}_b`), shopId, name: "Bo", isOwner: false, chatPermission: true },
    { id: Ids.StaffId.make(`${shopId}_c`), shopId, name: "Cy", isOwner: false, chatPermission: false },
  ]
  await store.db.insert(t.shops).values({ id: shopId, name, currency: "EUR", createdAt: 0 })
  await store.db
    .insert(t.staff)
    .values(staff.map((s) => ({ ...s, email: `${s.id}@example.com`.toLowerCase(), passwordHash: "x" })))
  return { shopId, staff }
}

export const addCustomer = async (store: Store, shopId: Ids.ShopId, name: string) => {
  const id = Ids.CustomerId.make(fresh("cus"))
  await store.db.insert(t.customers).values({ id, shopId, name, email: `${id}@example.com`, createdAt: 0 })
  return id
}

/** A customer's email conversation, started, and a way to run the next commands on it. */
const emailConversation = async (store: Store, shopId: Ids.ShopId, name: string, email: string) => {
  const customerId = await addCustomer(store, shopId, name)
  const conversationId = Ids.ConversationId.make(fresh("conv"))
  const execute = (command: Command.ConversationCommand) =>
    store.run(executing(shopId, conversationId, command))
  await execute({
    _tag: "StartConversation",
    conversationId,
    shopId,
    customerId,
    platform: "email",
    customerEmail: email,
    currency: "EUR",
  })
  return { conversationId, execute }
}

const line = (variant: number): Command.ConversationCommand & { _tag: "AddCartItem" } => ({
  _tag: "AddCartItem",
  line: {
    productId: Ids.ProductId.make(`p${variant}`),
    variantId: Ids.VariantId.make(`v${variant}`),
    title:
      variant === 2 ? "A very long product name that has more than forty characters" : `Product ${variant}`,
    variantTitle: "Default",
    quantity: 1 + variant,
    unitPrice: { amount: 1000 + variant * 250, currency: "EUR" },
  },
})

const certain = (topic: Topic.TopicId): Topic.TopicProbabilities => ({
  topics: {
    checkout: 0,
    order_edits: 0,
    order_status: 0,
    pricing_discounts: 0,
    product_details: 0,
    product_interest: 0,
    returns: 0,
    shipping: 0,
    store_info: 0,
    wholesale: 0,
    [topic]: 0.97,
  },
  none: 0.03,
})

/** One active and one expired code; replies share them (R16) and the shopper applies them (R17). */
const DISCOUNTS: ReadonlyArray<Discount.Discount> = [
  {
    code: Ids.DiscountCode.make("SAVE10"),
    value: { _tag: "percentage", percent: 10 },
    startsAt: Time.instant(0),
    endsAt: null,
    enabled: true,
    usageCount: 0,
    usageLimit: null,
  },
  {
    code: Ids.DiscountCode.make("OLD50"),
    value: { _tag: "percentage", percent: 50 },
    startsAt: Time.instant(0),
    endsAt: Time.instant(1_000),
    enabled: true,
    usageCount: 0,
    usageLimit: null,
  },
]

/** A shareable product and a draft one. @see R15 */
const PRODUCTS: ReadonlyArray<Product.Product> = [
  {
    id: Ids.ProductId.make("p1"),
    title: "Linen shirt",
    price: { amount: 4900, currency: "EUR" },
    imageUrl: null,
    url: "/p1",
    status: "active",
    onlineStore: true,
  },
  {
    id: Ids.ProductId.make("p9"),
    title: "Draft cushion",
    price: { amount: 5500, currency: "EUR" },
    imageUrl: null,
    url: "/p9",
    status: "draft",
    onlineStore: false,
  },
]

/** A command intent over a staff pool of three (the third cannot chat). */
const commandArb = (
  staff: ReadonlyArray<Staff.StaffMember>,
): fc.Arbitrary<(n: number) => Command.ConversationCommand> => {
  const who = fc.nat({ max: staff.length - 1 }).map((i) => staff[i]!)
  return fc.oneof(
    fc
      .record({
        text: fc.oneof(fc.constant(""), fc.string({ maxLength: 30 }), fc.constant("Où est ma commande ?")),
        image: fc.boolean(),
        topic: fc.option(fc.constantFrom<Topic.TopicId>("shipping", "returns", "checkout"), { nil: null }),
      })
      .map(({ text, image, topic }) => (n: number) => ({
        _tag: "ReceiveCustomerMessage" as const,
        messageId: Ids.MessageId.make(`m${n}`),
        text,
        hasImage: image,
        classification: topic === null ? null : certain(topic),
      })),
    fc
      .record({
        s: who,
        text: fc.string({ maxLength: 20 }),
        discount: fc.option(fc.constantFrom(...DISCOUNTS), { nil: null }),
        product: fc.option(fc.constantFrom(...PRODUCTS), { nil: null }),
        image: fc.boolean(),
      })
      .map(({ s, text, discount, product, image }) => (n: number) => ({
        _tag: "SendReply" as const,
        messageId: Ids.MessageId.make(`r${n}`),
        staff: s,
        text,
        products: product === null ? [] : [product],
        discount,
        image: image
          ? { id: Ids.ImageId.make(`img${n}`), contentType: "image/png" as const, byteSize: 68 }
          : null,
      })),
    fc
      .constantFrom("SAVE10", "OLD50", "NEVER")
      .map((code) => () => ({ _tag: "ApplySharedDiscount" as const, code: Ids.DiscountCode.make(code) })),
    fc.nat({ max: 2 }).map((v) => () => line(v)),
    fc.record({ v: fc.nat({ max: 2 }), q: fc.integer({ min: 1, max: 3 }) }).map(({ v, q }) => () => ({
      _tag: "RemoveCartItem" as const,
      variantId: Ids.VariantId.make(`v${v}`),
      quantity: q,
    })),
    fc.boolean().map((online) => () => ({ _tag: "ChangePresence" as const, online })),
    fc
      .record({ s: who, status: fc.constantFrom("open" as const, "closed" as const) })
      .map(({ s, status }) => () => ({ _tag: "SetStatus" as const, staff: s, status })),
    who.map((s) => () => ({ _tag: "MarkRead" as const, staff: s })),
    who.map((s) => () => ({ _tag: "MarkUnread" as const, staff: s })),
    fc.record({ s: who, a: who }).map(({ s, a }) => () => ({
      _tag: "AssignConversation" as const,
      staff: s,
      assignee: a,
    })),
    who.map((s) => () => ({ _tag: "UnassignConversation" as const, staff: s })),
  )
}

const runAt =
  (store: Store, at: number) =>
  <A, E>(effect: Effect.Effect<A, E, Conversations>) =>
    store.runExit(effect.pipe(Effect.provideService(Clock.Clock, fixedClock(at))))

export const describeStoreContract = (label: string, open: () => Promise<OpenedStore>) =>
  describe(`repository contract (${label})`, () => {
    let store: OpenedStore
    beforeAll(async () => {
      store = await open()
    })
    afterAll(() => store.close())

    it("round trip: any command sequence persisted and reloaded equals the pure core's state and inbox row", async () => {
      const { shopId, staff } = await makeShop(store)
      const customerId = await addCustomer(store, shopId, "Zoé Rivière")
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("online_store_chat" as const, "email" as const, "messenger" as const),
          fc.array(commandArb(staff), { maxLength: 14 }),
          async (platform, intents) => {
            const conversationId = Ids.ConversationId.make(fresh("conv"))
            const start: Command.ConversationCommand = {
              _tag: "StartConversation",
              conversationId,
              shopId,
              customerId,
              platform,
              customerEmail: "zoe@example.fr",
              currency: "EUR",
            }
            let pure: Conversation.Conversation | null = null
            const commands = [start, ...intents.map((f, i) => f(i))]
            for (const [i, command] of commands.entries()) {
              const at = 1_700_000_000_000 + i * 60_000
              const expected = decide(pure, command, Time.instant(at))
              const exit = await runAt(
                store,
                at,
              )(
                Conversations.use((s) =>
                  s.execute({ shopId, conversationId, command: () => Effect.succeed(command) }),
                ),
              )
              if (Result.isSuccess(expected)) {
                assert.isTrue(Exit.isSuccess(exit), `${command._tag} should be accepted`)
                for (const e of expected.success) pure = evolve(pure, e)
              } else {
                assert.isTrue(Exit.isFailure(exit), `${command._tag} should be refused`)
                const failure = Exit.isFailure(exit)
                  ? exit.cause.reasons.find((r) => r._tag === "Fail")
                  : undefined
                assert.strictEqual(
                  (failure as { error: { _tag: string } } | undefined)?.error._tag,
                  expected.failure._tag,
                )
              }
            }
            const loaded = await store.run(Conversations.use((s) => s.load(shopId, conversationId)))
            assert.deepStrictEqual(loaded, pure)
            const events = await store.run(Conversations.use((s) => s.events(shopId, conversationId)))
            assert.deepStrictEqual(replay(events.map((e) => e.event)), pure)
            assert.deepStrictEqual(
              events.map((e) => e.seq),
              events.map((_, i) => i + 1),
            )
            for (const viewer of staff) {
              const row = await store.run(Inbox.use((s) => s.row(shopId, conversationId, viewer.id)))
              assert.deepStrictEqual(row?.row, InboxRow.inboxRow(pure!, viewer.id, "Zoé Rivière"))
              // The "unread for me" list holds the conversation exactly when its row says unread. @see R4
              const unread = await store.run(
                Inbox.use((s) =>
                  s.list(shopId, {
                    viewer: viewer.id,
                    status: pure!.status,
                    filter: "unread",
                    topic: null,
                    search: null,
                    cursor: null,
                    limit: 100,
                  }),
                ),
              )
              assert.strictEqual(
                unread.rows.some((r) => r.conversationId === conversationId),
                row?.row.unread,
              )
            }
            // The unread rows, written only where they moved, are exactly what rebuilding them would give: one
            // per staff member beyond their cursor (a member without the chat permission too), in its list and
            // place. @see R4
            const unreadRows = await store.db
              .select({
                staffId: t.inboxUnread.staffId,
                status: t.inboxUnread.status,
                lastActivityAt: t.inboxUnread.lastActivityAt,
              })
              .from(t.inboxUnread)
              .where(eq(t.inboxUnread.conversationId, conversationId))
              .orderBy(asc(t.inboxUnread.staffId))
            assert.deepStrictEqual(
              unreadRows,
              staff
                .filter((s) => Conversation.isUnreadFor(pure!, s.id))
                .map((s) => ({
                  staffId: s.id as string,
                  status: Conversation.listOf(pure!) as string,
                  lastActivityAt: pure!.lastActivityAt as number,
                }))
                .sort((a, b) => (a.staffId < b.staffId ? -1 : 1)),
            )
          },
        ),
      )
    })

    it("message search: every committed message is found by the next search, indexed once however many searches", async () => {
      const { shopId, staff } = await makeShop(store)
      const { conversationId, execute } = await emailConversation(store, shopId, "Searcher", "s@example.com")
      const found = (term: string) =>
        store.run(Search.use((s) => s.messages(shopId, term, 50))).then((hits) => hits.map((h) => h.seq))
      const said = async (text: string) => {
        const committed = await store.run(
          executing(shopId, conversationId, {
            _tag: "ReceiveCustomerMessage",
            messageId: Ids.MessageId.make(fresh("m")),
            text,
            hasImage: false,
            classification: null,
          }),
        )
        return committed.events.find((e) => e.event._tag === "CustomerMessageReceived")!.seq
      }
      const first = await said("parcel quokka one")
      assert.deepStrictEqual(await found("quokka"), [first])
      const second = await said("parcel quokka two")
      await execute({
        _tag: "SendReply",
        messageId: Ids.MessageId.make(fresh("r")),
        staff: staff[0]!,
        text: "the quokka parcel left",
        products: [],
        discount: null,
        image: null,
      })
      // Two searches at once, then another: each message once, the reply too, newest first.
      const [a, b] = await Promise.all([found("quokka"), found("quokka")])
      assert.deepStrictEqual(a, b)
      assert.strictEqual(a.length, 3)
      assert.deepStrictEqual(a.slice(1), [second, first])
      assert.deepStrictEqual(await found("quokka"), a)
    })

    it("concurrency: N writers on one conversation, every event once, gapless sequence numbers", async () => {
      const { shopId } = await makeShop(store)
      const { conversationId, execute } = await emailConversation(
        store,
        shopId,
        "Concurrent",
        "c@example.com",
      )
      const N = 16
      await Promise.all(
        Array.from({ length: N }, (_, i) =>
          execute({
            _tag: "ReceiveCustomerMessage",
            messageId: Ids.MessageId.make(`w${i}`),
            text: `message ${i}`,
            hasImage: false,
            classification: null,
          }),
        ),
      )
      const events = await store.run(Conversations.use((s) => s.events(shopId, conversationId)))
      assert.strictEqual(events.length, N + 1)
      assert.deepStrictEqual(
        events.map((e) => e.seq),
        Array.from({ length: N + 1 }, (_, i) => i + 1),
      )
      const shopSeqs = events.map((e) => e.shopSeq)
      assert.deepStrictEqual(
        shopSeqs,
        Array.from({ length: N + 1 }, (_, i) => shopSeqs[0]! + i),
      )
      const ids = events.flatMap((e) =>
        e.event._tag === "CustomerMessageReceived" ? [e.event.messageId] : [],
      )
      assert.sameMembers(
        ids,
        Array.from({ length: N }, (_, i) => `w${i}`),
      )
      const state = await store.run(Conversations.use((s) => s.load(shopId, conversationId)))
      assert.strictEqual(state?.messageCount, N)
      assert.strictEqual(state?.version, N + 1)
    })

    it("idempotency: requests replayed any number of times, interleaved, write once", async () => {
      const { shopId } = await makeShop(store)
      const customerId = await addCustomer(store, shopId, "Replayer")
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 16 }),
          fc.boolean(),
          async (order, concurrent) => {
            const conversationId = Ids.ConversationId.make(fresh("conv"))
            await store.run(
              executing(shopId, conversationId, {
                _tag: "StartConversation",
                conversationId,
                shopId,
                customerId,
                platform: "shop_app",
                customerEmail: null,
                currency: "EUR",
              }),
            )
            // The endpoint's wrapper: the write's commit and its stored answer in one batch, once per key.
            const send = (k: number) =>
              store.run(
                answerOnce(
                  shopId,
                  `${conversationId}:k${k}`,
                  executing(shopId, conversationId, {
                    _tag: "ReceiveCustomerMessage",
                    messageId: Ids.MessageId.make(`k${k}`),
                    text: `text ${k}`,
                    hasImage: false,
                    classification: null,
                  }),
                  (c) => ({ status: 201, body: { seq: c.events[0]!.seq } }),
                ),
              )
            const outcomes = concurrent
              ? await Promise.all(order.map(send))
              : await serially(order.map((k) => () => send(k)))
            const events = await store.run(Conversations.use((s) => s.events(shopId, conversationId)))
            const messages = events.filter((e) => e.event._tag === "CustomerMessageReceived")
            assert.strictEqual(messages.length, new Set(order).size)
            const answers = new Map<number, unknown>()
            order.forEach((k, i) => {
              const body = outcomes[i]!.body
              if (answers.has(k)) assert.deepStrictEqual(body, answers.get(k))
              else answers.set(k, body)
            })
          },
        ),
      )
    })

    it("tenancy: no query of shop A returns a row of shop B", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom("Alma", "Bruno", "Chen", "Dana", "Émile"), { minLength: 1, maxLength: 3 }),
          fc.array(fc.constantFrom("Alma", "Bruno", "Chen", "Dana", "Émile"), { minLength: 1, maxLength: 3 }),
          async (namesA, namesB) => {
            const a = await makeShop(store, "A")
            const b = await makeShop(store, "B")
            const convs = async (shop: typeof a, names: ReadonlyArray<string>) => {
              const ids: Array<Ids.ConversationId> = []
              for (const name of names) {
                const customerId = await addCustomer(store, shop.shopId, name)
                const conversationId = Ids.ConversationId.make(fresh("conv"))
                ids.push(conversationId)
                await store.run(
                  Conversations.use((s) =>
                    s.execute({
                      shopId: shop.shopId,
                      conversationId,
                      command: () =>
                        Effect.succeed({
                          _tag: "StartConversation" as const,
                          conversationId,
                          shopId: shop.shopId,
                          customerId,
                          platform: "online_store_chat" as const,
                          customerEmail: null,
                          currency: "EUR",
                        }),
                    }),
                  ),
                )
                await store.run(
                  Conversations.use((s) =>
                    s.execute({
                      shopId: shop.shopId,
                      conversationId,
                      command: () =>
                        Effect.succeed({
                          _tag: "ReceiveCustomerMessage" as const,
                          messageId: Ids.MessageId.make("hello"),
                          text: `Hello from ${name}`,
                          hasImage: false,
                          classification: certain("shipping"),
                        }),
                    }),
                  ),
                )
              }
              return ids
            }
            const inA = await convs(a, namesA)
            const inB = await convs(b, namesB)
            const viewer = a.staff[0]!.id
            for (const filter of ["all", "unread", "mine", "unassigned"] as const)
              for (const search of [null, ...namesB.map((n) => n.toLowerCase())])
                for (const topic of [null, "shipping" as const]) {
                  const q: InboxListQuery = {
                    viewer,
                    status: "open",
                    filter,
                    topic,
                    search,
                    cursor: null,
                    limit: 100,
                  }
                  const page = await store.run(Inbox.use((s) => s.list(a.shopId, q)))
                  for (const r of page.rows) assert.include(inA, r.conversationId)
                }
            for (const id of inB) {
              assert.isNull(await store.run(Conversations.use((s) => s.load(a.shopId, id))))
              assert.isNull(await store.run(Inbox.use((s) => s.row(a.shopId, id, viewer))))
              assert.deepStrictEqual(await store.run(Conversations.use((s) => s.events(a.shopId, id))), [])
            }
            const since = await store.run(Conversations.use((s) => s.eventsSince(a.shopId, 0)))
            for (const e of since) assert.include(inA, e.conversationId)
            const customersOfB = await store.db.select().from(t.customers)
            for (const c of customersOfB.filter((c) => c.shopId === b.shopId))
              assert.isNull(await store.run(Customers.use((s) => s.get(a.shopId, c.id))))
            const products = await store.run(Commerce.Commerce.use((s) => s.searchProducts(a.shopId, "", 50)))
            assert.deepStrictEqual(products, [])
          },
        ),
        { numRuns: 5 },
      )
    })
  })

const serially = async <A>(tasks: ReadonlyArray<() => Promise<A>>): Promise<Array<A>> => {
  const out: Array<A> = []
  for (const task of tasks) out.push(await task())
  return out
}
