/**
 * Idempotency as a property: replays of mutating requests, any number of copies in any interleaving
 * (sequential or concurrent), write once. Keyed writes (replies, shopper messages, chat starts, platform
 * webhooks) land exactly once and answer the same; state-setting actions change nothing when replayed.
 */
import fc from "fast-check"
import { afterAll, assert, beforeAll, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { signForShop } from "../../src/auth/Signature.ts"
import { DEFAULT_RETRY } from "../../src/channels/Dispatcher.ts"
import { call, dumpTables, login, startChat } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>
let server: Server
let owner: string
let camilleId: string
let chat: { token: string; conversationId: string; customerId: string }

beforeAll(async () => {
  server = await seededServer({
    // No delivery in the background: the dump must move only with the requests under test.
    channels: {
      webhook: { url: null, secret: "test-webhook-secret", timeoutMs: 2_000 },
      sendEmail: null,
      retry: DEFAULT_RETRY,
      pollMs: 3_600_000,
    },
    rateLimits: {
      chat: { capacity: 1e9, refillPerSecond: 1e9 },
      storefront: { capacity: 1e9, refillPerSecond: 1e9 },
      login: { capacity: 1e9, refillPerSecond: 1e9 },
      account: { capacity: 1e9, refillPerSecond: 1e9 },
    },
  })
  owner = (await login(server.app, "owner@demo.shop")).token
  camilleId = (await login(server.app, "camille@demo.shop")).staff.id
  chat = await startChat(server.app, "demo", "idem-shopper-1")
})
afterAll(() => server.stop())

interface Req {
  readonly method: string
  readonly path: string
  readonly token?: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

const send = async (r: Req) => {
  const res = await call(server.app, r.path, {
    method: r.method,
    ...(r.token === undefined ? {} : { token: r.token }),
    ...(r.headers === undefined ? {} : { headers: r.headers }),
    ...(r.body === undefined ? {} : { body: typeof r.body === "string" ? r.body : r.body }),
  })
  return { status: res.status, text: await res.text() }
}

const CONVERSATIONS = ["conv_hugo", "conv_sophie", "conv_james"]

let unique = 0
/** A keyed write and how to find what it wrote. */
const keyedWrite = fc.constantFrom("reply", "message", "start", "webhook").map((kind) => {
  const key = `idem${unique++}`
  const conversation = CONVERSATIONS[unique % CONVERSATIONS.length]!
  return { kind, key, conversation }
})

const requestOf = async (w: { kind: string; key: string; conversation: string }): Promise<Req> => {
  if (w.kind === "reply")
    return {
      method: "POST",
      path: `/api/conversations/${w.conversation}/replies`,
      token: owner,
      body: { clientMessageId: w.key, text: `reply ${w.key}` },
    }
  if (w.kind === "message")
    return {
      method: "POST",
      path: "/api/store/chat/messages",
      token: chat.token,
      body: { clientMessageId: w.key, text: `message ${w.key}` },
    }
  if (w.kind === "start")
    return {
      method: "POST",
      path: "/api/store/demo/chat",
      body: { email: null, origin: DEMO_STOREFRONT, clientId: `client-${w.key}` },
    }
  const body = JSON.stringify({
    messageId: w.key,
    externalCustomerId: `ext-${w.key}`,
    name: "Platform customer",
    email: null,
    text: `webhook ${w.key}`,
  })
  return {
    method: "POST",
    path: "/api/webhooks/messenger/demo",
    headers: {
      "content-type": "application/json",
      "x-inbox-signature": await signForShop("test-webhook-secret", "demo", body),
    },
    body,
  }
}

/** How many times the write is in the database (events carrying its id, or customers with its client id). */
const occurrences = async (w: { kind: string; key: string }): Promise<number> => {
  if (w.kind === "start") {
    const r = await server.client.execute({
      sql: "SELECT count(*) AS n FROM conversations c JOIN customers u ON u.id = c.customer_id WHERE u.client_id = ?",
      args: [`client-${w.key}`],
    })
    return Number(r.rows[0]!.n)
  }
  const r = await server.client.execute({
    sql: "SELECT count(*) AS n FROM conversation_events WHERE json_extract(payload, '$.messageId') = ? AND tag IN ('CustomerMessageReceived', 'ReplySent')",
    args: [w.key],
  })
  return Number(r.rows[0]!.n)
}

/** The names of the tables whose rows differ between two dumps. */
const changedTables = (a: string, b: string): Array<string> => {
  const rows = (d: string) => new Map(d.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l]))
  const [x, y] = [rows(a), rows(b)]
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => x.get(k) !== y.get(k))
}

/** Runs requests in the generated order, `width` at a time (1 = one after another). */
const interleave = async <A>(items: ReadonlyArray<A>, width: number, f: (a: A) => Promise<void>) => {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(f))
}

it("keyed writes replayed any number of times, in any interleaving, land exactly once and answer the same", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(keyedWrite, fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.infiniteStream(fc.nat()),
      async (writes, width, order) => {
        const copies = writes.flatMap(([_w, n], i) => Array.from({ length: n }, () => i))
        const it = order[Symbol.iterator]()
        const shuffled = copies
          .map((i) => ({ i, k: it.next().value as number }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.i)
        const answers = new Map<number, Array<{ status: number; text: string }>>()
        const requests = await Promise.all(writes.map(([w]) => requestOf(w)))
        await interleave(shuffled, width, async (i) => {
          const a = await send(requests[i]!)
          answers.set(i, [...(answers.get(i) ?? []), a])
        })
        for (const [i, [w]] of writes.entries()) {
          const got = answers.get(i)!
          for (const a of got) assert.oneOf(a.status, [200, 201, 202], `${w.kind} ${a.text}`)
          // Every copy gets the first answer (chat starts sign a fresh token, so only their ids are compared).
          const comparable = got.map((a) =>
            w.kind === "start" ? (JSON.parse(a.text) as { conversationId: string }).conversationId : a.text,
          )
          assert.strictEqual(new Set(comparable).size, 1, `${w.kind} ${w.key} answered differently`)
          assert.strictEqual(await occurrences(w), 1, `${w.kind} ${w.key}`)
        }
      },
    ),
  )
})

/** Every state-setting action: after its first run, replays leave every table as it was. */
const stateAction = () =>
  fc.oneof(
    fc.record({ conv: fc.constantFrom(...CONVERSATIONS), status: fc.constantFrom("open", "closed") }).map(
      (x): Req => ({
        method: "POST",
        path: `/api/conversations/${x.conv}/status`,
        token: owner,
        body: { status: x.status },
      }),
    ),
    fc.constantFrom(...CONVERSATIONS).chain((conv) =>
      fc.constantFrom<Req>(
        { method: "POST", path: `/api/conversations/${conv}/read`, token: owner },
        { method: "POST", path: `/api/conversations/${conv}/unread`, token: owner },
        {
          method: "PUT",
          path: `/api/conversations/${conv}/assignee`,
          token: owner,
          body: { staffId: camilleId },
        },
        { method: "DELETE", path: `/api/conversations/${conv}/assignee`, token: owner },
      ),
    ),
    fc.string({ maxLength: 40 }).map(
      (note): Req => ({
        method: "PUT",
        path: `/api/customers/cus_hugo/note`,
        token: owner,
        body: { note },
      }),
    ),
    fc.constantFrom<Req>(
      { method: "POST", path: "/api/store/chat/discount", token: "", body: { code: "NOT-SHARED" } },
      { method: "PUT", path: "/api/conversations/conv_hugo/block", token: owner },
      { method: "DELETE", path: "/api/conversations/conv_hugo/block", token: owner },
    ),
  )

it("state-setting actions (status, read, unread, assign, unassign, note, block) replayed change nothing", async () => {
  await fc.assert(
    fc.asyncProperty(
      stateAction(),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      async (raw, n, together) => {
        const action = raw.token === "" ? { ...raw, token: chat.token } : raw
        const first = await send(action)
        // Each action goes through (only the never-shared code is refused by its rule).
        assert.oneOf(first.status, action.path.endsWith("/discount") ? [422] : [200, 204], first.text)
        const after = await dumpTables(server.client)
        const replays = Array.from({ length: n }, () => action)
        await interleave(replays, together ? n : 1, async (r) => {
          const again = await send(r)
          assert.strictEqual(again.status, first.status, `${r.method} ${r.path}: ${again.text}`)
        })
        const changed = changedTables(after, await dumpTables(server.client))
        assert.deepStrictEqual(changed, [], `${action.method} ${action.path} wrote again`)
      },
    ),
  )
})
