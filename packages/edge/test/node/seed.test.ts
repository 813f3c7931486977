/**
 * The demo seed: what issue 4 asks of it, written through the store so every projection equals the log's replay;
 * and a re-seed over a shop in use empties every table, whatever features wrote to it.
 */
import { Ids, InboxRow, Platform, replay } from "@inbox/core"
import type { Client } from "@libsql/client"
import { sql } from "drizzle-orm"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { isEmpty, seedDemo, seedDemoIfEmpty, wipe } from "../../demo/seed.ts"
import * as t from "../../src/db/schema.ts"
import { Conversations } from "../../src/repo/Conversations.ts"
import { Inbox } from "../../src/repo/Inbox.ts"
import { fileStore, seededServer, staffToken } from "./harness.ts"

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
  await wipe(store.client)
  assert.isTrue(await isEmpty(store.db))
  await store.run(seedDemo())
  assert.deepStrictEqual((await store.db.select().from(t.conversations)).map((c) => c.id).sort(), before)
})

describe("npm run seed over a shop in use", () => {
  let server: Awaited<ReturnType<typeof seededServer>>
  beforeAll(async () => {
    server = await seededServer()
  })
  afterAll(() => server.stop())

  /** Row counts of every table in the database's own catalogue, the search index included. */
  const counts = async (client: Client) => {
    const tables = await client.execute(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
    )
    const out: Record<string, number> = {}
    for (const { name } of tables.rows)
      out[String(name)] = Number(
        (await client.execute(`SELECT count(*) AS n FROM "${String(name)}"`)).rows[0]!.n,
      )
    return out
  }

  it("wipes every table (saved replies, settings, preferences, unread marks, search index) and seeds twice", async () => {
    const seeded = await counts(server.client)
    const token = await staffToken(server.app)
    const call = async (path: string, method: string, body?: unknown) => {
      const r = await server.app.request(`http://127.0.0.1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      assert.isBelow(r.status, 300, `${method} ${path}: ${await r.clone().text()}`)
    }
    await call("/api/saved-replies", "POST", { shortcut: "thanks", text: "Thank you!" })
    await call("/api/settings/availability", "PUT", {
      availability: { _tag: "AlwaysAvailable" },
      insideHours: "Hello!",
      outsideHours: null,
    })
    await call("/api/notification-settings", "PUT", {
      newConversation: false,
      newMessageOnMine: true,
      assignedToMe: false,
    })
    const used = await counts(server.client)
    for (const table of ["saved_replies", "shop_settings", "staff_preferences"])
      assert.isAbove(used[table]!, seeded[table] ?? 0, table)

    for (let round = 0; round < 2; round++) {
      await wipe(server.client)
      for (const [table, n] of Object.entries(await counts(server.client))) assert.strictEqual(n, 0, table)
      assert.isTrue(await server.runtime.runPromise(seedDemoIfEmpty()))
      assert.deepStrictEqual(await counts(server.client), seeded)
    }
  })
})
