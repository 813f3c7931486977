/**
 * Writes the demo shop by running real core commands through the store, so every projection (inbox rows,
 * cursors, carts, outbox) is exactly what live traffic would leave; and wipes a database for a re-seed.
 * Demo data lives outside `src/`: the production Worker never bundles it.
 */
import { type Command, type Discount, Ids, type Staff, Topic, TopicClassifier } from "@inbox/core"
import type { Client } from "@libsql/client"
import { sql } from "drizzle-orm"
import { Clock, Effect } from "effect"
import { hashPassword } from "../src/auth/Password.ts"
import { Database, type Db } from "../src/db/Database.ts"
import * as t from "../src/db/schema.ts"
import { Conversations } from "../src/repo/Conversations.ts"
import { conversationsScript } from "./conversations.ts"
import { customerRows, orderRows } from "./customers.ts"
import {
  DAY,
  DEMO_PASSWORD,
  DEMO_SHOP,
  DEMO_STOREFRONT,
  discountRows,
  HOUR,
  MIN,
  productPath,
  productRows,
  staffRows,
} from "./shop.ts"

export { DEMO_PASSWORD, DEMO_SHOP, DEMO_STOREFRONT } from "./shop.ts"

/** True before any shop exists: the first start of a fresh database. */
export const isEmpty = (db: Db): Promise<boolean> =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(t.shops)
    .then((r) => (r[0]?.n ?? 0) === 0)

/**
 * Empties every table of the migrated database, read from its own catalogue so no table can be forgotten
 * (drizzle's tables and the hand-written search index alike; FTS shadow tables and the migration log are
 * left to SQLite and drizzle). Foreign keys are checked at commit, once every row is gone.
 */
export const wipe = async (client: Client): Promise<void> => {
  const tables = await client.execute(
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
  )
  const names = tables.rows.map((r) => String(r.name))
  await client.batch(
    ["PRAGMA defer_foreign_keys = ON", ...names.map((n) => `DELETE FROM "${n.replaceAll('"', '""')}"`)],
    "write",
  )
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

/** The classifier's answer, or the script's topic at 95% when the classifier has no label (demo data). */
const classification = (text: string, hint: Topic.TopicId | undefined) =>
  Effect.gen(function* () {
    const classifier = yield* TopicClassifier
    const p = yield* classifier.classify(text)
    if (hint === undefined || Topic.labelOf(p)._tag === "Some") return p
    const topics = Object.fromEntries(
      Topic.TOPIC_IDS.map((id) => [id, id === hint ? 0.95 : 0.005]),
    ) as Topic.TopicProbabilities["topics"]
    return { topics, none: 0.005 }
  })

/** Writes the demo shop into an empty database. */
export const seedDemo = Effect.fn("seed.demo")(function* () {
  const { db } = yield* Database
  const store = yield* Conversations
  const now = yield* Clock.currentTimeMillis
  const run = <A>(f: () => Promise<A>) => Effect.promise(f)

  yield* run(() =>
    db
      .insert(t.shops)
      .values({ id: DEMO_SHOP, name: "Maison Lumière", currency: "EUR", createdAt: now - 800 * DAY }),
  )
  const hash = yield* run(() => hashPassword(DEMO_PASSWORD))
  yield* run(() =>
    db.insert(t.staff).values(staffRows.map((s) => ({ ...s, shopId: DEMO_SHOP, passwordHash: hash }))),
  )
  yield* run(() =>
    db.insert(t.products).values(
      productRows.map((p) => ({
        id: p.id,
        shopId: DEMO_SHOP,
        title: p.title,
        priceAmount: p.price,
        currency: "EUR",
        imageUrl: null,
        url: productPath(p.id),
        status: p.status ?? "active",
        onlineStore: p.onlineStore ?? (p.status ?? "active") === "active",
        createdAt: now - 100 * DAY,
      })),
    ),
  )
  yield* run(() =>
    db.insert(t.variants).values(
      productRows.flatMap((p) =>
        p.variants.map(([id, title, stock]) => ({
          id,
          shopId: DEMO_SHOP,
          productId: p.id,
          title,
          priceAmount: p.price,
          currency: "EUR",
          stock,
        })),
      ),
    ),
  )
  yield* run(() => db.insert(t.discountCodes).values([...discountRows(now)]))
  yield* run(() =>
    db
      .insert(t.storefrontSettings)
      .values({ shopId: DEMO_SHOP, allowedOrigins: [DEMO_STOREFRONT], updatedAt: now }),
  )
  yield* run(() =>
    db.insert(t.customers).values(
      customerRows.map((c) => ({
        id: c.id,
        shopId: DEMO_SHOP,
        name: c.name,
        email: c.email,
        phone: c.phone,
        city: c.city,
        province: c.province ?? null,
        country: c.country,
        timeZone: c.timeZone,
        emailMarketing: c.emailMarketing ?? false,
        smsMarketing: c.smsMarketing ?? false,
        note: c.note ?? "",
        adminUrl: `https://admin.example/demo/customers/${c.id}`,
        createdAt: now - c.sinceDays * DAY - HOUR,
      })),
    ),
  )
  yield* run(() => db.insert(t.orders).values([...orderRows(now)]))

  const staffById = new Map<string, Staff.StaffMember>(
    staffRows.map((s) => [
      s.id,
      {
        id: Ids.StaffId.make(s.id),
        shopId: Ids.ShopId.make(DEMO_SHOP),
        name: s.name,
        isOwner: s.isOwner,
        chatPermission: s.chatPermission,
      },
    ]),
  )
  const variants = new Map(
    productRows.flatMap((p) => p.variants.map(([id, title]) => [id, { p, title }] as const)),
  )
  const discounts = new Map(discountRows(now).map((d) => [d.code, d]))
  let messageNo = 0

  for (const conv of conversationsScript) {
    const start = now - conv.hoursAgo * HOUR
    const shopId = Ids.ShopId.make(DEMO_SHOP)
    const conversationId = Ids.ConversationId.make(conv.id)
    const exec = (at: number, command: Command.ConversationCommand) =>
      store
        .execute({ shopId, conversationId, command: () => Effect.succeed(command) })
        .pipe(Effect.provideService(Clock.Clock, fixedClock(Math.min(at, now))))
    yield* exec(start, {
      _tag: "StartConversation",
      conversationId,
      shopId,
      customerId: Ids.CustomerId.make(conv.customerId),
      platform: conv.platform,
      customerEmail: conv.email,
      currency: "EUR",
    })
    for (const step of conv.steps) {
      const at = start + step.at * MIN
      if ("customer" in step) {
        messageNo++
        yield* exec(at, {
          _tag: "ReceiveCustomerMessage",
          messageId: Ids.MessageId.make(`msg_seed_${messageNo}`),
          text: step.customer,
          hasImage: false,
          classification: yield* classification(step.customer, step.topic),
        })
      } else if ("reply" in step) {
        messageNo++
        const products = productRows
          .filter((p) => step.products?.includes(p.id))
          .map((p) => ({
            id: Ids.ProductId.make(p.id),
            title: p.title,
            price: { amount: p.price, currency: "EUR" },
            imageUrl: null,
            url: productPath(p.id),
            status: p.status ?? ("active" as const),
            onlineStore: p.onlineStore ?? true,
          }))
        const d = step.discount === undefined ? undefined : discounts.get(step.discount)
        const discount: Discount.Discount | null =
          d === undefined
            ? null
            : {
                code: Ids.DiscountCode.make(d.code),
                value: d.value as Discount.DiscountValue,
                startsAt: d.startsAt as Discount.Discount["startsAt"],
                endsAt: (d.endsAt ?? null) as Discount.Discount["endsAt"],
                enabled: d.enabled,
                usageCount: d.usageCount ?? 0,
                usageLimit: d.usageLimit ?? null,
              }
        yield* exec(at, {
          _tag: "SendReply",
          messageId: Ids.MessageId.make(`msg_seed_${messageNo}`),
          staff: staffById.get(step.staff)!,
          text: step.reply,
          products,
          discount,
          image: null,
        })
      } else if ("add" in step) {
        const v = variants.get(step.add)!
        yield* exec(at, {
          _tag: "AddCartItem",
          line: {
            productId: Ids.ProductId.make(v.p.id),
            variantId: Ids.VariantId.make(step.add),
            title: v.p.title,
            variantTitle: v.title,
            quantity: step.quantity ?? 1,
            unitPrice: { amount: v.p.price, currency: "EUR" },
          },
        })
      } else if ("remove" in step) {
        yield* exec(at, {
          _tag: "RemoveCartItem",
          variantId: Ids.VariantId.make(step.remove),
          quantity: step.quantity ?? 99,
        })
      } else if ("status" in step) {
        yield* exec(at, { _tag: "SetStatus", staff: staffById.get(step.staff)!, status: step.status })
      } else if ("assign" in step) {
        yield* exec(at, {
          _tag: "AssignConversation",
          staff: staffById.get(step.staff)!,
          assignee: staffById.get(step.assign)!,
        })
      } else if ("read" in step) {
        yield* exec(at, { _tag: "MarkRead", staff: staffById.get(step.read)! })
      } else if ("online" in step) {
        yield* exec(at, { _tag: "ChangePresence", online: step.online })
      } else if ("apply" in step) {
        yield* exec(at, { _tag: "ApplySharedDiscount", code: Ids.DiscountCode.make(step.apply) })
      }
    }
    // Nobody is really in the store after a seed: live sockets bring shoppers back online. @see R8
    yield* exec(start + (conv.steps.at(-1)?.at ?? 0) * MIN + MIN, { _tag: "ChangePresence", online: false })
  }
  // The demo's history was delivered long ago; only live replies go through the dispatcher.
  yield* run(() =>
    db.update(t.outbox).set({ status: "sent", attempts: 1 }).where(sql`${t.outbox.status} = 'queued'`),
  )
})

/** The demo on a fresh database, nothing otherwise; true when it seeded. */
export const seedDemoIfEmpty = Effect.fn("seed.demoIfEmpty")(function* () {
  const { db } = yield* Database
  if (!(yield* Effect.promise(() => isEmpty(db)))) return false
  // The script is fixed data run through the real rules: a refusal is a bug in the demo, not a runtime error.
  yield* seedDemo().pipe(Effect.orDie)
  return true
})
