/**
 * Realtime over real sockets (the `ws` client against the Node host): two merchant tabs and one shopper —
 * presence on/off (R8/R9), typing, viewing, fan-out of commits, and reconnect replaying exactly what was missed.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: frames are read ad hoc; their Schemas are tested in core/wire.
import { afterAll, assert, beforeAll, it } from "vitest"
import WebSocket from "ws"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { seededServer } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>
let server: Server

interface Client {
  readonly frames: Array<any>
  readonly ws: WebSocket
  readonly next: (pred: (f: any) => boolean, label: string) => Promise<any>
  readonly send: (frame: object) => void
  readonly close: () => Promise<void>
}

const connect = (path: string, headers: Record<string, string> = {}): Promise<Client> =>
  new Promise((ok, fail) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers })
    const frames: Array<any> = []
    const waiters: Array<{ pred: (f: any) => boolean; resolve: (f: any) => void; from: number }> = []
    let cursor = 0
    ws.on("message", (data) => {
      frames.push(JSON.parse(data.toString()))
      for (const w of [...waiters]) {
        const found = frames.slice(w.from).find(w.pred)
        if (found !== undefined) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(found)
        }
      }
    })
    ws.once("error", fail)
    ws.once("open", () =>
      ok({
        frames,
        ws,
        // Waits for the next matching frame after the previous match, so repeated waits never reuse a frame.
        next: (pred, label) =>
          new Promise((resolve, reject) => {
            const from = cursor
            const index = frames.slice(from).findIndex(pred)
            if (index >= 0) {
              cursor = from + index + 1
              return resolve(frames[from + index])
            }
            const timer = setTimeout(
              () => reject(new Error(`no frame: ${label}; got ${JSON.stringify(frames.slice(from))}`)),
              10_000,
            )
            waiters.push({
              pred,
              from,
              resolve: (f) => {
                clearTimeout(timer)
                cursor = frames.indexOf(f) + 1
                resolve(f)
              },
            })
          }),
        send: (frame) => ws.send(JSON.stringify(frame)),
        close: () =>
          new Promise<void>((r) => {
            if (ws.readyState === WebSocket.CLOSED) return r()
            ws.once("close", () => r())
            ws.close()
          }),
      }),
    )
  })

const http = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined) headers.set("content-type", "application/json")
  const r = await server.app.request(`http://127.0.0.1${path}`, { ...init, headers })
  return (await r.json()) as any
}

let owner: string
let camille: string

beforeAll(async () => {
  server = await seededServer({ graceMs: 150 })
  const login = (email: string) =>
    http("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password: "inbox-demo" }) })
  owner = (await login("owner@demo.shop")).token
  camille = (await login("camille@demo.shop")).token
})
afterAll(() => server.stop())

it("refuses sockets without a valid credential", async () => {
  await new Promise<void>((ok) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/realtime`)
    ws.once("unexpected-response", (_req, res) => {
      assert.strictEqual(res.statusCode, 401)
      ok()
    })
  })
  await new Promise<void>((ok) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/store/chat/realtime?token=forged.token`)
    ws.once("unexpected-response", (_req, res) => {
      assert.strictEqual(res.statusCode, 401)
      ok()
    })
  })
})

it("a cookie session opens the merchant socket only from the app's own origin", async () => {
  const cookie = `inbox_session=${owner}`
  const status = (headers: Record<string, string>) =>
    new Promise<number>((ok) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/realtime`, { headers })
      ws.once("open", () => {
        ws.close()
        ok(101)
      })
      ws.once("unexpected-response", (_req, res) => ok(res.statusCode ?? 0))
    })
  assert.strictEqual(await status({ cookie, origin: "https://evil.example" }), 403)
  assert.strictEqual(await status({ cookie }), 403)
  assert.strictEqual(await status({ cookie, origin: `http://127.0.0.1:${server.port}` }), 101)
})

it("a staff token in the address opens no merchant socket: it would land in logs and histories", async () => {
  const status = await new Promise<number>((ok) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/realtime?token=${owner}`)
    ws.once("open", () => {
      ws.close()
      ok(101)
    })
    ws.once("unexpected-response", (_req, res) => ok(res.statusCode ?? 0))
  })
  assert.strictEqual(status, 401)
})

it("two merchant tabs and a shopper: presence, typing, viewing, fan-out, reconnect replay", async () => {
  const tabA = await connect("/api/realtime", { authorization: `Bearer ${owner}` })
  const tabB = await connect("/api/realtime", { authorization: `Bearer ${camille}` })
  const readyB = await tabB.next((f) => f._tag === "Ready", "B ready")
  await tabA.next((f) => f._tag === "Ready", "A ready")

  const chat = await http("/api/store/demo/chat", {
    method: "POST",
    body: JSON.stringify({ email: "live@example.com", origin: DEMO_STOREFRONT, clientId: "live-shopper-1" }),
  })
  const conversationId = chat.conversationId as string
  const shopper = await connect(`/api/store/chat/realtime?token=${chat.token}`)
  await shopper.next((f) => f._tag === "Ready", "shopper ready")

  // R8: the shopper's socket is their presence.
  for (const tab of [tabA, tabB])
    await tab.next((f) => f._tag === "Presence" && f.conversationId === conversationId && f.online, "online")

  // Typing: the shopper's reaches both tabs; a staff member's reaches the other tab and the shopper.
  shopper.send({ _tag: "Typing" })
  for (const tab of [tabA, tabB])
    await tab.next(
      (f) => f._tag === "Typing" && f.who === "customer" && f.conversationId === conversationId,
      "customer typing",
    )
  tabA.send({ _tag: "Typing", conversationId })
  await tabB.next((f) => f._tag === "Typing" && f.who?.staffId === "stf_owner", "owner typing")
  await shopper.next((f) => f._tag === "Typing", "shopper sees typing")
  assert.isUndefined(tabA.frames.find((f) => f._tag === "Typing" && f.who?.staffId === "stf_owner"))

  tabA.send({ _tag: "Viewing", conversationId })
  const viewing = await tabB.next(
    (f) => f._tag === "Viewing" && f.conversationId === conversationId,
    "viewing",
  )
  assert.deepStrictEqual(viewing.staffIds, ["stf_owner"])

  // Fan-out of a commit: both tabs with the row as each sees it, the shopper with what they may see.
  await http("/api/store/chat/messages", {
    method: "POST",
    token: chat.token,
    body: JSON.stringify({ clientMessageId: "live-m1", text: "Hello there" }),
  })
  for (const tab of [tabA, tabB]) {
    const f = await tab.next(
      (f) => f._tag === "Committed" && f.event._tag === "CustomerMessageReceived",
      "message",
    )
    assert.strictEqual(f.conversationId, conversationId)
    assert.isTrue(f.row.unread)
    assert.deepStrictEqual(f.row.presence, { _tag: "online" })
  }
  await shopper.next(
    (f) => f._tag === "Committed" && f.event._tag === "CustomerMessageReceived",
    "own message",
  )
  await http(`/api/conversations/${conversationId}/replies`, {
    method: "POST",
    token: owner,
    body: JSON.stringify({ clientMessageId: "live-r1", text: "Hi!" }),
  })
  const reply = await shopper.next((f) => f._tag === "Committed" && f.event._tag === "ReplySent", "reply")
  assert.deepStrictEqual(reply.event.route, { _tag: "chat" })
  const seenByB = await tabB.next((f) => f._tag === "Committed" && f.event._tag === "ReplySent", "reply in B")

  // Tab B drops; it misses two commits; reconnecting with its last shop seq replays exactly those.
  const lastSeen = seenByB.shopSeq as number
  assert.isAbove(lastSeen, readyB.shopSeq)
  await tabB.close()
  await http("/api/store/chat/messages", {
    method: "POST",
    token: chat.token,
    body: JSON.stringify({ clientMessageId: "live-m2", text: "Do you ship to Québec?" }),
  })
  await http(`/api/conversations/${conversationId}/replies`, {
    method: "POST",
    token: owner,
    body: JSON.stringify({ clientMessageId: "live-r2", text: "Yes we do." }),
  })
  const missed = tabA.frames.filter((f) => f._tag === "Committed" && f.shopSeq > lastSeen)
  await tabA.next((f) => f._tag === "Committed" && f.event.messageId === "live-r2", "A saw r2")
  const expected = tabA.frames
    .filter((f) => f._tag === "Committed" && f.shopSeq > lastSeen)
    .map((f) => f.shopSeq)
  assert.isAtLeast(expected.length, missed.length)
  const again = await connect(`/api/realtime?since=${lastSeen}`, { authorization: `Bearer ${camille}` })
  const ready = await again.next((f) => f._tag === "Ready", "B ready again")
  const replayed = again.frames.filter((f) => f._tag === "Committed").map((f) => f.shopSeq)
  assert.deepStrictEqual(replayed, expected)
  assert.deepStrictEqual(
    replayed,
    Array.from({ length: replayed.length }, (_, i) => lastSeen + 1 + i),
  )
  assert.strictEqual(ready.shopSeq, replayed.at(-1))

  // R9: the shopper leaves; after the grace period the tabs see them offline, with the event committed.
  await shopper.close()
  await tabA.next((f) => f._tag === "Presence" && f.conversationId === conversationId && !f.online, "offline")
  const offline = await tabA.next(
    (f) =>
      f._tag === "Committed" && f.event._tag === "CustomerWentOffline" && f.conversationId === conversationId,
    "went offline",
  )
  assert.deepStrictEqual(offline.row.presence, { _tag: "offline_email", email: "live@example.com" })

  // The shopper comes back with their last seq: they get the replies they missed, nothing twice.
  await http(`/api/conversations/${conversationId}/replies`, {
    method: "POST",
    token: owner,
    body: JSON.stringify({ clientMessageId: "live-r3", text: "We emailed you too." }),
  })
  const back = await connect(`/api/store/chat/realtime?token=${chat.token}&since=${reply.seq}`)
  await back.next((f) => f._tag === "Ready", "shopper back")
  const texts = back.frames.filter((f) => f._tag === "Committed").map((f) => f.event.text)
  assert.deepStrictEqual(texts, ["Do you ship to Québec?", "Yes we do.", "We emailed you too."])
  await tabA.next((f) => f._tag === "Presence" && f.online, "online again")

  await Promise.all([tabA.close(), again.close(), back.close()])
})

it("R9 a chat started without a socket counts as gone after the grace period", async () => {
  const tab = await connect("/api/realtime", { authorization: `Bearer ${owner}` })
  await tab.next((f) => f._tag === "Ready", "ready")
  const chat = await http("/api/store/demo/chat", {
    method: "POST",
    body: JSON.stringify({ email: null, origin: DEMO_STOREFRONT, clientId: "no-socket-shopper" }),
  })
  const started = await tab.next(
    (f) =>
      f._tag === "Committed" &&
      f.event._tag === "ConversationStarted" &&
      f.conversationId === chat.conversationId,
    "started",
  )
  assert.deepStrictEqual(started.row.presence, { _tag: "online" })
  const gone = await tab.next(
    (f) =>
      f._tag === "Committed" &&
      f.event._tag === "CustomerWentOffline" &&
      f.conversationId === chat.conversationId,
    "offline after grace",
  )
  assert.deepStrictEqual(gone.row.presence, { _tag: "offline_no_email" })
  await tab.close()
})
