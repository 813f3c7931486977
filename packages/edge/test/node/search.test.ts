/**
 * Inbox search by customer name or email through each of its paths — a common term found in the newest
 * rows, a rare term named by the trigram index, a term only old rows hold, a short term — against a
 * brute-force filter of the same rows, page after page.
 */
import { Ids } from "@inbox/core"
import { afterAll, assert, beforeAll, it } from "vitest"
import { Inbox } from "../../src/repo/Inbox.ts"
import { fileStore } from "./harness.ts"

let store: Awaited<ReturnType<typeof fileStore>>
const shopId = Ids.ShopId.make("searchshop")
const viewer = Ids.StaffId.make("searcher")
const ROWS = 1600

const nameOf = (k: number): string =>
  k % 97 === 0
    ? `Rare Zébulon ${k}`
    : k < 300 && k % 5 === 0
      ? `Ancien Oldname ${k}`
      : k % 3 === 0
        ? `Camille Martin ${k}`
        : `Alex Durand ${k}`

beforeAll(async () => {
  store = await fileStore()
  await store.client.execute("PRAGMA foreign_keys = OFF")
  await store.client.execute({
    sql: "insert into shops (id, name, currency, event_seq, created_at) values (?, 'S', 'EUR', 0, 0)",
    args: [shopId],
  })
  const insert = Array.from({ length: ROWS }, (_, k) => ({
    sql: `insert into inbox_rows (conversation_id, shop_id, customer_id, customer_name, search_text, platform, status, topics,
      customer_online, started_at, last_activity_at, last_customer_seq, version)
      values (?, ?, ?, ?, ?, 'email', 'open', '[]', 0, 0, ?, 0, 1)`,
    args: [
      `c${k}`,
      shopId,
      `cu${k}`,
      nameOf(k),
      `${nameOf(k)} user${k}@example.com`.toLowerCase(),
      1_000_000 + k,
    ],
  }))
  await store.client.batch(insert, "write")
})
afterAll(() => store.close())

const everyPage = async (search: string): Promise<Array<string>> => {
  const ids: Array<string> = []
  let cursor: string | null = null
  do {
    const page: { rows: ReadonlyArray<{ conversationId: string }>; nextCursor: string | null } =
      await store.run(
        Inbox.use((s) =>
          s.list(shopId, { viewer, status: "open", filter: "all", topic: null, search, cursor, limit: 50 }),
        ),
      )
    ids.push(...page.rows.map((r) => r.conversationId))
    cursor = page.nextCursor
  } while (cursor !== null)
  return ids
}

const expected = (term: string): Array<string> =>
  Array.from({ length: ROWS }, (_, k) => k)
    .filter((k) => `${nameOf(k)} user${k}@example.com`.toLowerCase().includes(term.toLowerCase()))
    .sort((a, b) => b - a)
    .map((k) => `c${k}`)

it("finds exactly the matching conversations, newest first, whichever path the term takes", async () => {
  for (const term of [
    "camille",
    "zébulon",
    "ZÉBULON",
    "oldname",
    "user1599@",
    "du",
    "nobody here",
    "1%",
    "_",
    "example.com",
  ]) {
    assert.deepStrictEqual(await everyPage(term), expected(term), term)
  }
})
