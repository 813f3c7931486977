/** The demo seed: what issue 4 asks of it, written through the store so every projection equals the log's replay. */
import { Ids, InboxRow, Platform, replay } from "@inbox/core"
import { sql } from "drizzle-orm"
import { afterAll, assert, beforeAll, it } from "vitest"
import * as t from "../../src/db/schema.ts"
import { isEmpty, seedDemo, wipe } from "../../src/db/seed.ts"
import { Conversations } from "../../src/repo/Conversations.ts"
import { Inbox } from "../../src/repo/Inbox.ts"
import { fileStore } from "./harness.ts"

let store: Awaited<ReturnType<typeof fileStore>>
beforeAll(async () => {
  store = await fileStore()
  assert.isTrue(await isEmpty(store.db))
  await store.run(seedDemo())
})
afterAll(() => store.close())

const shopId = Ids.ShopId.make("demo")

it("covers every platform, a dozen conversations, both kinds of staff, long and unpublished products", async () => {
  const conversations = await store.db.select().from(t.conversations)
  assert.isAtLeast(conversations.length, 12)
  assert.sameMembers([...new Set(conversations.map((c) => c.platform))], [...Platform.PLATFORMS])
  const staff = await store.db.select().from(t.staff)
  assert.isTrue(staff.some((s) => s.chatPermission) && staff.some((s) => !s.chatPermission && !s.isOwner))
  const products = await store.db.select().from(t.products)
  assert.isTrue(products.some((p) => [...new Intl.Segmenter().segment(p.title)].length > 40))
  assert.isTrue(products.some((p) => p.status === "draft") && products.some((p) => !p.onlineStore))
  const zones = new Set((await store.db.select().from(t.customers)).map((c) => c.timeZone))
  assert.isAtLeast(zones.size, 5)
  const events = await store.db
    .select({ tag: t.conversationEvents.tag, n: sql<number>`count(*)` })
    .from(t.conversationEvents)
    .groupBy(t.conversationEvents.tag)
  const tags = new Set(events.map((e) => e.tag))
  for (const tag of [
    "CustomerMessageReceived",
    "ReplySent",
    "CartItemAdded",
    "CartItemRemoved",
    "TopicDetected",
  ])
    assert.isTrue(tags.has(tag), tag)
})

it("every inbox row is the core's row of the replayed log, for every staff member", async () => {
  const conversations = await store.db.select().from(t.conversations)
  const staff = await store.db.select().from(t.staff)
  for (const c of conversations) {
    const id = Ids.ConversationId.make(c.id)
    const events = await store.run(Conversations.use((s) => s.events(shopId, id)))
    const state = replay(events.map((e) => e.event))
    assert.deepStrictEqual(await store.run(Conversations.use((s) => s.load(shopId, id))), state)
    const customer = (await store.db.select().from(t.customers)).find((x) => x.id === c.customerId)!
    for (const s of staff) {
      const row = await store.run(Inbox.use((i) => i.row(shopId, id, Ids.StaffId.make(s.id))))
      assert.deepStrictEqual(row?.row, InboxRow.inboxRow(state!, Ids.StaffId.make(s.id), customer.name))
    }
  }
})

it("a re-seed wipes and recreates the same demo", async () => {
  const before = (await store.db.select().from(t.conversations)).map((c) => c.id).sort()
  await wipe(store.db)
  assert.isTrue(await isEmpty(store.db))
  await store.run(seedDemo())
  assert.deepStrictEqual((await store.db.select().from(t.conversations)).map((c) => c.id).sort(), before)
})
