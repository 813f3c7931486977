/**
 * The shop's writer on a real libSQL file: commands arriving while a transaction is in flight commit together
 * in the next one, nobody hears back before their transaction is durable, a warm conversation is decided with
 * no read, a second writer (another runtime on the same file) is caught and never overwritten, an abandoned
 * unit leaves nothing behind, and a replay the process forgot is answered from the store.
 */
import { join } from "node:path"
import { type Command, Ids } from "@inbox/core"
import type { Client } from "@libsql/client"
import { Effect } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { openClient } from "../../src/db/client.node.ts"
import { Conversations } from "../../src/repo/Conversations.ts"
import { answerOnce } from "../../src/repo/IdempotencyKeys.ts"
import { HotSet } from "../../src/writer/HotSet.ts"
import { ShopWriters } from "../../src/writer/ShopWriters.ts"
import { type Store, storeOver, tempDir } from "./harness.ts"
import { addCustomer, makeShop } from "./storeContract.ts"

/** The real client, counting its reads and commits; `hold` keeps commits waiting until `release`. */
const counted = (client: Client) => {
  const counts = { reads: 0, commits: 0 }
  let gate: { promise: Promise<void>; open: () => void } | null = null
  const wrapped: Client = {
    ...client,
    execute: ((...args: Parameters<Client["execute"]>) => {
      counts.reads++
      return client.execute(...args)
    }) as Client["execute"],
    batch: async (stmts, mode) => {
      counts.commits++
      if (gate !== null) await gate.promise
      return client.batch(stmts, mode)
    },
  }
  return {
    client: wrapped,
    counts,
    hold: () => {
      let open = () => {}
      const promise = new Promise<void>((ok) => {
        open = ok
      })
      gate = { promise, open }
    },
    release: () => {
      gate?.open()
      gate = null
    },
  }
}

/** Waits for a condition the writer reaches on its own (never a timing assertion). */
const until = async (condition: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 2000; i++) {
    if (await condition()) return
    await new Promise((ok) => setTimeout(ok, 5))
  }
  throw new Error("condition never reached")
}

const start = (shopId: Ids.ShopId, conversationId: Ids.ConversationId, customerId: Ids.CustomerId) =>
  ({
    _tag: "StartConversation",
    conversationId,
    shopId,
    customerId,
    platform: "online_store_chat",
    customerEmail: "c@example.com",
    currency: "EUR",
  }) as const satisfies Command.ConversationCommand

const message = (id: string): Command.ConversationCommand => ({
  _tag: "ReceiveCustomerMessage",
  messageId: Ids.MessageId.make(id),
  text: `message ${id}`,
  hasImage: false,
  classification: null,
})

const exec = (
  store: Store,
  shopId: Ids.ShopId,
  conversationId: Ids.ConversationId,
  command: Command.ConversationCommand,
) =>
  store.run(
    Conversations.use((s) => s.execute({ shopId, conversationId, command: () => Effect.succeed(command) })),
  )

const seqs = async (store: Store, conversationId: string) =>
  (
    await store.client.execute({
      sql: "select seq from conversation_events where conversation_id = ? order by seq",
      args: [conversationId],
    })
  ).rows.map((r) => Number(r.seq))

describe("shop writer", () => {
  const dir = tempDir()
  let raw: Client
  let io: ReturnType<typeof counted>
  let store: Store
  beforeAll(async () => {
    raw = await openClient({ url: `file:${join(dir.path, "inbox.db")}` })
    io = counted(raw)
    store = await storeOver(io.client)
  })
  afterAll(async () => {
    await store.dispose()
    raw.close()
    dir.remove()
  })

  it("commits what arrives during a transaction in the next one, and answers each only once durable", async () => {
    const { shopId } = await makeShop(store)
    const customerId = await addCustomer(store, shopId, "Group")
    const ids = Array.from({ length: 16 }, (_, i) => Ids.ConversationId.make(`${shopId}_g${i}`))
    for (const id of ids) await exec(store, shopId, id, start(shopId, id, customerId))
    const writer = await store.run(ShopWriters.use((w) => Effect.succeed(w.of(shopId))))
    const before = io.counts.commits
    io.hold()
    const answered: Array<boolean> = ids.map(() => false)
    const send = (i: number) =>
      exec(store, shopId, ids[i]!, message(`m${i}`)).then((c) => {
        answered[i] = true
        return c
      })
    let committed: ReadonlyArray<Awaited<ReturnType<typeof send>>>
    try {
      const first = send(0)
      await until(() => io.counts.commits === before + 1)
      // The first command's transaction is in flight; the fifteen others are decided meanwhile and wait.
      const rest = ids.slice(1).map((_, i) => send(i + 1))
      await until(() => writer.backlog.staged === 15)
      assert.strictEqual(io.counts.commits, before + 1)
      assert.deepStrictEqual(answered, Array(16).fill(false))
      io.release()
      committed = await Promise.all([first, ...rest])
    } finally {
      io.release()
    }
    assert.strictEqual(io.counts.commits, before + 2, "one transaction in flight, then one for the rest")
    for (const [i, id] of ids.entries()) {
      assert.deepStrictEqual(await seqs(store, id), [1, 2])
      assert.strictEqual(committed[i]!.events[0]!.seq, 2)
    }
    // Shop-wide sequence numbers: distinct and gapless across the group, in the order it was decided.
    const shopSeqs = committed.map((c) => c.events[0]!.shopSeq).sort((a, b) => a - b)
    assert.deepStrictEqual(
      shopSeqs,
      shopSeqs.map((_, i) => shopSeqs[0]! + i),
    )
  })

  it("decides a warm conversation without reading the store", async () => {
    const { shopId } = await makeShop(store)
    const customerId = await addCustomer(store, shopId, "Warm")
    const id = Ids.ConversationId.make(`${shopId}_warm`)
    await exec(store, shopId, id, start(shopId, id, customerId))
    const reads = io.counts.reads
    for (let i = 0; i < 20; i++) await exec(store, shopId, id, message(`w${i}`))
    assert.strictEqual(io.counts.reads, reads)
    assert.strictEqual((await seqs(store, id)).length, 21)
  })

  it("a second writer on the same file is caught: nothing is overwritten, and no answer rests on stale memory", async () => {
    const other = await storeOver(raw)
    try {
      const { shopId, staff } = await makeShop(store)
      const customerId = await addCustomer(store, shopId, "Twice")
      const id = Ids.ConversationId.make(`${shopId}_two`)
      await exec(store, shopId, id, start(shopId, id, customerId))
      await exec(store, shopId, id, message("a1"))
      // The other runtime writes behind this one's memory…
      await exec(other, shopId, id, { _tag: "BlockSender", staff: staff[0]! })
      // …so unblocking, a no-op on this one's memory, is checked against the stored version and really unblocks.
      await exec(store, shopId, id, { _tag: "UnblockSender", staff: staff[0]! })
      const load = () => store.run(Conversations.use((s) => s.load(shopId, id)))
      assert.notStrictEqual((await load())?.blocked, true)
      // And a write decided on the other's stale memory is refused by its guard, read again, decided again.
      await exec(other, shopId, id, message("b1"))
      assert.deepStrictEqual(await seqs(store, id), [1, 2, 3, 4, 5])
      const state = await load()
      assert.strictEqual(state?.version, 5)
      assert.strictEqual(state?.messageCount, 2)
      const row = await raw.execute({
        sql: "select version, last_customer_seq from inbox_rows where conversation_id = ?",
        args: [id],
      })
      assert.deepStrictEqual([Number(row.rows[0]!.version), Number(row.rows[0]!.last_customer_seq)], [5, 5])
    } finally {
      await other.dispose()
    }
  })

  it("a unit that fails after deciding leaves nothing: the conversation is free and its state as it was", async () => {
    const { shopId } = await makeShop(store)
    const customerId = await addCustomer(store, shopId, "Abandon")
    const id = Ids.ConversationId.make(`${shopId}_ab`)
    await exec(store, shopId, id, start(shopId, id, customerId))
    const failing = answerOnce(
      shopId,
      "k-abandon",
      Conversations.use((s) =>
        s.execute({ shopId, conversationId: id, command: () => Effect.succeed(message("lost")) }),
      ).pipe(Effect.andThen(Effect.fail("rendering failed" as const))),
      () => ({ status: 201, body: {} }),
    )
    assert.strictEqual(await store.run(Effect.flip(failing)), "rendering failed")
    const after = await exec(store, shopId, id, message("kept"))
    assert.strictEqual(after.events[0]!.seq, 2)
    assert.deepStrictEqual(await seqs(store, id), [1, 2])
  })

  it("a replay this process never saw is answered from the store, while its group's other writes commit", async () => {
    const { shopId } = await makeShop(store)
    const customerId = await addCustomer(store, shopId, "Replay")
    const ids = [0, 1, 2].map((i) => Ids.ConversationId.make(`${shopId}_r${i}`))
    for (const id of ids) await exec(store, shopId, id, start(shopId, id, customerId))
    const keyed = (s: Store, id: Ids.ConversationId, key: string) =>
      s.run(
        answerOnce(
          shopId,
          key,
          Conversations.use((c) =>
            c.execute({ shopId, conversationId: id, command: () => Effect.succeed(message(key)) }),
          ),
          (c) => ({ status: 201, body: { seq: c.events[0]!.seq } }),
        ),
      )
    const first = await keyed(store, ids[0]!, "once")
    const fresh = await storeOver(raw)
    try {
      const [replayed, a, b] = await Promise.all([
        keyed(fresh, ids[0]!, "once"),
        keyed(fresh, ids[1]!, "other-1"),
        keyed(fresh, ids[2]!, "other-2"),
      ])
      // The replay answers what was stored; only the first run holds the text it stored (sent as is).
      assert.deepStrictEqual(
        { status: replayed.status, body: replayed.body },
        { status: first.status, body: first.body },
      )
      assert.strictEqual(first.json, JSON.stringify(first.body))
      assert.strictEqual(replayed.json, undefined)
      assert.deepStrictEqual([a.body, b.body], [{ seq: 2 }, { seq: 2 }])
      for (const id of ids) assert.deepStrictEqual(await seqs(store, id), [1, 2])
    } finally {
      await fresh.dispose()
    }
  })
})

describe("hot set", () => {
  it("keeps entries within its byte budget, least recently used out first", () => {
    const hot = new HotSet(100)
    hot.set("a", 1, 40)
    hot.set("b", 2, 40)
    assert.strictEqual(hot.get("a"), 1)
    hot.set("c", 3, 40)
    assert.strictEqual(hot.get("b"), undefined, "b was the least recently used")
    assert.strictEqual(hot.get("a"), 1)
    assert.strictEqual(hot.get("c"), 3)
    assert.isAtMost(hot.bytes, 100)
    hot.set("huge", 4, 101)
    assert.strictEqual(hot.get("huge"), undefined, "larger than the whole budget: not kept")
    hot.set("a", 5, 10)
    assert.strictEqual(hot.bytes, 50)
    hot.deletePrefix("")
    assert.strictEqual(hot.size, 0)
  })
})
