/** Every inbox filter is served by an index in newest-first order: no table scan, no sort. */
import { Ids } from "@inbox/core"
import { afterAll, assert, beforeAll, it } from "vitest"
import { Inbox, type InboxListQuery } from "../../src/repo/Inbox.ts"
import { fileStore } from "./harness.ts"

let store: Awaited<ReturnType<typeof fileStore>>
beforeAll(async () => {
  store = await fileStore()
})
afterAll(() => store.close())

const QUERIES: ReadonlyArray<[string, Omit<InboxListQuery, "viewer">]> = [
  ["open", { status: "open", filter: "all", topic: null, search: null, cursor: null, limit: 50 }],
  [
    "closed, next page",
    {
      status: "closed",
      filter: "all",
      topic: null,
      search: null,
      cursor: "WzE3MDAwMDAwMDAwMDAsImMxIl0",
      limit: 50,
    },
  ],
  ["unread for me", { status: "open", filter: "unread", topic: null, search: null, cursor: null, limit: 50 }],
  ["mine", { status: "open", filter: "mine", topic: null, search: null, cursor: null, limit: 50 }],
  [
    "unassigned",
    { status: "open", filter: "unassigned", topic: null, search: null, cursor: null, limit: 50 },
  ],
  ["topic", { status: "open", filter: "all", topic: "shipping", search: null, cursor: null, limit: 50 }],
  ["search", { status: "open", filter: "all", topic: null, search: "zoé", cursor: null, limit: 50 }],
  // The combinations the inbox offers: any status with one filter, a topic, a channel and the search box.
  [
    "mine, topic, channel",
    {
      status: "open",
      filter: "mine",
      topic: "shipping",
      platform: "email",
      search: null,
      cursor: null,
      limit: 50,
    },
  ],
  [
    "unassigned, search, next page",
    {
      status: "closed",
      filter: "unassigned",
      topic: null,
      search: "zoé",
      cursor: "WzE3MDAwMDAwMDAwMDAsImMxIl0",
      limit: 50,
    },
  ],
  [
    "unread, topic, search",
    { status: "open", filter: "unread", topic: "returns", search: "ada", cursor: null, limit: 50 },
  ],
  ["blocked", { status: "blocked", filter: "all", topic: null, search: null, cursor: null, limit: 50 }],
]

it("EXPLAIN QUERY PLAN uses an inbox index for every filter, with no temp B-tree for the order", async () => {
  for (const [label, q] of QUERIES) {
    const statements = await store.run(
      Inbox.useSync((s) =>
        s.explain(Ids.ShopId.make("demo"), { ...q, viewer: Ids.StaffId.make("stf_owner") }),
      ),
    )
    for (const { sql, params } of statements) {
      const plan = await store.client.execute({
        sql: `EXPLAIN QUERY PLAN ${sql}`,
        args: params as Array<never>,
      })
      const text = plan.rows.map((r) => String(r.detail)).join("\n")
      if (process.env.SHOW_PLANS) console.log(`${label}:\n${text}`)
      assert.match(text, /USING (COVERING )?INDEX inbox_/, `${label}:\n${text}`)
      assert.notMatch(text, /TEMP B-TREE/, `${label}:\n${text}`)
      // Tables are read through indexes only; the one SCAN allowed is of a search's window `w`, itself the
      // first SEARCH_WINDOW rows of an index range.
      for (const line of text.split("\n"))
        if (/^SCAN /.test(line)) assert.match(line, /^SCAN w$/, `${label}:\n${text}`)
      if (q.filter === "unread")
        assert.match(text, /SEARCH u USING (COVERING )?INDEX inbox_unread_activity_idx/, `${label}:\n${text}`)
      if (q.filter === "mine" && q.topic === null)
        assert.match(text, /inbox_assignee_activity_idx/, `${label}:\n${text}`)
      // A search over a status list reads its window and tests the term from the index, no row read.
      if (q.search !== null && q.filter === "all" && q.topic === null)
        assert.match(text, /SEARCH r USING COVERING INDEX inbox_status_activity_idx/, `${label}:\n${text}`)
      if (q.topic !== null && q.filter !== "unread")
        assert.match(text, /inbox_topic[12]_activity_idx/, `${label}:\n${text}`)
    }
  }
})

it("the startup repair of the search index reads only events holding a surrogate escape (partial index)", async () => {
  const plan = await store.client.execute(
    "EXPLAIN QUERY PLAN select e.seq from conversation_events e where instr(e.payload, '\\ud') > 0",
  )
  const text = plan.rows.map((r) => String(r.detail)).join("\n")
  assert.match(text, /USING (COVERING )?INDEX conversation_events_surrogate_escape_idx/, text)
})
