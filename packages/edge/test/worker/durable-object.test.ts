/**
 * The shop Durable Object in workerd: hibernatable sockets with tags and attachments, presence confirmed by
 * the alarm after the grace period (R8/R9), eviction, and reconnects that replay exactly the missed events.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: frames and bodies are read ad hoc; the wire Schemas are checked in the app.

import {
  abortAllDurableObjects,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test"
import { env, exports } from "cloudflare:workers"
import { assert, beforeAll, describe, it, vi } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { SHOP_HEADER } from "../../src/do/ShopDurableObject.ts"
import { textReply } from "./setup/requests.ts"

const call = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  return exports.default.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers }))
}
const body = async (r: Response) => (await r.json()) as Record<string, any>

/**
 * A client socket straight to the shop's object (as the Worker forwards it: see routes.test.ts for the way
 * through the Worker), so eviction is not held up by a proxying request. It records every frame and lets a
 * test wait for the next one it cares about.
 */
const connect = async (path: string, staffToken?: string) => {
  const headers: Record<string, string> = { upgrade: "websocket", [SHOP_HEADER]: "demo" }
  // A merchant socket proves itself by a header (or the cookie), never by a token in the address.
  if (staffToken !== undefined) headers.authorization = `Bearer ${staffToken}`
  const response = await shop().fetch(new Request(`http://127.0.0.1${path}`, { headers }))
  assert.strictEqual(response.status, 101)
  const ws = response.webSocket
  if (ws === null) throw new Error("no socket")
  const frames: Array<any> = []
  const waiters: Array<() => void> = []
  ws.addEventListener("message", (e) => {
    frames.push(JSON.parse(String(e.data)))
    for (const w of waiters.splice(0)) w()
  })
  ws.accept()
  let read = 0
  /** The next frame (after those already taken) matching `p`; frames before it are skipped. */
  const next = async (p: (f: any) => boolean): Promise<any> => {
    for (;;) {
      while (read < frames.length) {
        const f = frames[read++]
        if (p(f)) return f
      }
      await new Promise<void>((r) => waiters.push(r))
    }
  }
  /** Every frame up to and including the first matching `p`. */
  const upTo = async (p: (f: any) => boolean): Promise<Array<any>> => {
    const from = read
    await next(p)
    return frames.slice(from, read)
  }
  return { ws, frames, next, upTo }
}

const shop = () => env.SHOP.getByName("demo")

/** Drops the shop's object from memory once its sockets are gone: the next request starts a new instance. */
const evictClosed = async () => {
  await vi.waitUntil(() => runInDurableObject(shop(), (_i, state) => state.getWebSockets().length === 0), {
    timeout: 10_000,
  })
  await abortAllDurableObjects()
}
let owner: string
let camille: string

const login = async (email: string) =>
  (
    await body(
      await call("/api/auth/login", {
        method: "POST",
        body: JSON.stringify({ email, password: "inbox-demo" }),
      }),
    )
  ).token as string

const startChat = async () => {
  const r = await call("/api/store/demo/chat", {
    method: "POST",
    body: JSON.stringify({ email: null, origin: DEMO_STOREFRONT, clientId: `client-${crypto.randomUUID()}` }),
  })
  assert.strictEqual(r.status, 201)
  return (await body(r)) as { token: string; conversationId: string }
}

const reply = async (conversationId: string, text: string) => {
  const r = await call(`/api/conversations/${conversationId}/replies`, {
    method: "POST",
    token: owner,
    body: textReply(text),
  })
  assert.strictEqual(r.status, 201)
}

beforeAll(async () => {
  owner = await login("owner@demo.shop")
  camille = await login("camille@demo.shop")
})

describe("ShopDurableObject", () => {
  it("accepts sockets through the hibernation API with role, id and conversation tags and the identity attached", async () => {
    const chat = await startChat()
    const tab = await connect("/api/realtime", owner)
    await tab.next((f) => f._tag === "Ready")
    const shopper = await connect(`/api/store/chat/realtime?token=${chat.token}`)
    await shopper.next((f) => f._tag === "Ready")
    await runInDurableObject(shop(), (_instance, state) => {
      const staff = state.getWebSockets("staff:stf_owner")
      assert.isAtLeast(staff.length, 1)
      assert.include(staff[0]?.deserializeAttachment(), { role: "staff", staffId: "stf_owner" })
      const shoppers = state.getWebSockets(`conversation:${chat.conversationId}`)
      assert.lengthOf(shoppers, 1)
      assert.include(shoppers[0]?.deserializeAttachment(), {
        role: "shopper",
        conversationId: chat.conversationId,
      })
    })
    shopper.ws.close(1000)
    tab.ws.close(1000)
  })

  it("refuses a socket without a valid session, and one for staff without the chat permission", async () => {
    const upgrade = { headers: { upgrade: "websocket" } }
    const none = await call("/api/realtime", upgrade)
    assert.strictEqual(none.status, 401)
    assert.strictEqual((await body(none)).error.code, "Unauthorized")
    // A staff token is not a chat token: the shopper socket refuses it.
    const forged = await call(`/api/store/chat/realtime?token=${owner}`, upgrade)
    assert.strictEqual(forged.status, 401)
    assert.strictEqual((await body(forged)).error.code, "Unauthorized")
    // A staff token in the address is not a credential: it would land in logs and histories.
    const inUrl = await call(`/api/realtime?token=${owner}`, upgrade)
    assert.strictEqual(inUrl.status, 401)
    assert.strictEqual((await body(inUrl)).error.code, "Unauthorized")
    const theo = await login("theo@demo.shop")
    const noChat = await call("/api/realtime", {
      headers: { upgrade: "websocket", authorization: `Bearer ${theo}` },
    })
    assert.strictEqual(noChat.status, 403)
    assert.strictEqual((await body(noChat)).error.code, "StaffLacksChatPermission")
  })

  it("keeps a hibernated tab live: after eviction a commit still reaches it, with the next shop seq", async () => {
    const chat = await startChat()
    const tab = await connect("/api/realtime", owner)
    const ready = await tab.next((f) => f._tag === "Ready")
    await evictDurableObject(shop())
    await reply(chat.conversationId, "Après l'hibernation")
    const committed = await tab.next((f) => f._tag === "Committed" && f.event._tag === "ReplySent")
    assert.strictEqual(committed.event.text, "Après l'hibernation")
    assert.isAbove(committed.shopSeq, ready.shopSeq)
    assert.strictEqual(committed.conversationId, chat.conversationId)
    tab.ws.close(1000)
  })

  it("R8/R9 a shopper is online while a socket is open and confirmed offline by the alarm only after the grace period", async () => {
    const chat = await startChat()
    const tab = await connect("/api/realtime", owner)
    await tab.next((f) => f._tag === "Ready")
    const other = await connect("/api/realtime", camille)
    await other.next((f) => f._tag === "Ready")
    const shopper = await connect(`/api/store/chat/realtime?token=${chat.token}`)
    await shopper.next((f) => f._tag === "Ready")
    const online = await tab.next((f) => f._tag === "Presence" && f.conversationId === chat.conversationId)
    assert.isTrue(online.online)

    shopper.ws.close(1000)
    const key = `offline:${chat.conversationId}`
    await vi.waitUntil(() =>
      runInDurableObject(shop(), (_i, state) => state.storage.kv.get(key) !== undefined),
    )
    const deadline = await runInDurableObject(shop(), async (_i, state) => {
      assert.isNotNull(await state.storage.getAlarm())
      return state.storage.kv.get<number>(key)
    })
    assert.isNumber(deadline)

    // Within the grace period the alarm confirms nothing: the marker frame arrives with no Presence before it.
    assert.isTrue(await runDurableObjectAlarm(shop()))
    other.ws.send(JSON.stringify({ _tag: "Viewing", conversationId: chat.conversationId }))
    const early = await tab.upTo((f) => f._tag === "Viewing" && f.conversationId === chat.conversationId)
    assert.isFalse(early.some((f) => f._tag === "Presence" && f.conversationId === chat.conversationId))

    // The grace period is over (the deadline is moved, since time does not pass in the test): offline now.
    await runInDurableObject(shop(), (_i, state) => state.storage.kv.put(key, 0))
    assert.isTrue(await runDurableObjectAlarm(shop()))
    const offline = await tab.next((f) => f._tag === "Presence" && f.conversationId === chat.conversationId)
    assert.isFalse(offline.online)
    const wentOffline = await tab.next(
      (f) =>
        f._tag === "Committed" &&
        f.conversationId === chat.conversationId &&
        f.event._tag === "CustomerWentOffline",
    )
    assert.isAbove(wentOffline.shopSeq, 0)
    tab.ws.close(1000)
    other.ws.close(1000)
  })

  it("R9 a chat started without a socket counts as online only for the grace period, then the alarm takes it offline", async () => {
    const tab = await connect("/api/realtime", owner)
    await tab.next((f) => f._tag === "Ready")
    const chat = await startChat()
    const key = `offline:${chat.conversationId}`
    const pending = await runInDurableObject(shop(), (_i, state) => state.storage.kv.get<number>(key))
    assert.isNumber(pending)
    await runInDurableObject(shop(), (_i, state) => state.storage.kv.put(key, 0))
    assert.isTrue(await runDurableObjectAlarm(shop()))
    const offline = await tab.next((f) => f._tag === "Presence" && f.conversationId === chat.conversationId)
    assert.isFalse(offline.online)
    tab.ws.close(1000)
  })

  it("a shopper back within the grace period is not confirmed offline", async () => {
    const chat = await startChat()
    const tab = await connect("/api/realtime", owner)
    await tab.next((f) => f._tag === "Ready")
    const other = await connect("/api/realtime", camille)
    await other.next((f) => f._tag === "Ready")
    const first = await connect(`/api/store/chat/realtime?token=${chat.token}`)
    await first.next((f) => f._tag === "Ready")
    first.ws.close(1000)
    const key = `offline:${chat.conversationId}`
    await vi.waitUntil(() =>
      runInDurableObject(shop(), (_i, state) => state.storage.kv.get(key) !== undefined),
    )
    const back = await connect(`/api/store/chat/realtime?token=${chat.token}`)
    await back.next((f) => f._tag === "Ready")
    await runInDurableObject(shop(), (_i, state) => {
      // A stale deadline may remain; the alarm must still see the shopper's socket and leave them online.
      state.storage.kv.put(key, 0)
    })
    await runDurableObjectAlarm(shop())
    other.ws.send(JSON.stringify({ _tag: "Viewing", conversationId: chat.conversationId }))
    const seen = await tab.upTo((f) => f._tag === "Viewing" && f.conversationId === chat.conversationId)
    assert.isFalse(seen.some((f) => f._tag === "Presence" && f.online === false))
    back.ws.close(1000)
    tab.ws.close(1000)
    other.ws.close(1000)
  })

  it("relays typing both ways, ignores frames that do not decode, and tells the tabs who is viewing", async () => {
    const chat = await startChat()
    const a = await connect("/api/realtime", owner)
    await a.next((f) => f._tag === "Ready")
    const b = await connect("/api/realtime", camille)
    await b.next((f) => f._tag === "Ready")
    const shopper = await connect(`/api/store/chat/realtime?token=${chat.token}`)
    await shopper.next((f) => f._tag === "Ready")

    a.ws.send(JSON.stringify({ _tag: "Typing", conversationId: chat.conversationId }))
    const typing = await b.next((f) => f._tag === "Typing" && f.conversationId === chat.conversationId)
    assert.deepStrictEqual(typing.who, { staffId: "stf_owner" })
    await shopper.next((f) => f._tag === "Typing")
    shopper.ws.send(JSON.stringify({ _tag: "Typing" }))
    const customer = await a.next((f) => f._tag === "Typing" && f.who === "customer")
    assert.strictEqual(customer.conversationId, chat.conversationId)
    a.ws.send(JSON.stringify({ _tag: "Nonsense" }))

    a.ws.send(JSON.stringify({ _tag: "Viewing", conversationId: chat.conversationId }))
    const viewing = await b.upTo((f) => f._tag === "Viewing" && f.staffIds.includes("stf_owner"))
    assert.isFalse(viewing.some((f) => f._tag === "Nonsense"))
    // What a tab views is kept in its attachment, so a room rebuilt after hibernation still knows it.
    const attached = await runInDurableObject(shop(), (_i, state) =>
      state.getWebSockets("staff:stf_owner").map((ws) => ws.deserializeAttachment().viewing),
    )
    assert.include(attached, chat.conversationId)
    for (const s of [a, b, shopper]) s.ws.close(1000)
  })

  it("H1 a frame over 64 KB closes only that socket with 1009; the other sockets and the object carry on", async () => {
    const chat = await startChat()
    const tab = await connect("/api/realtime", owner)
    await tab.next((f) => f._tag === "Ready")
    const shopper = await connect(`/api/store/chat/realtime?token=${chat.token}`)
    await shopper.next((f) => f._tag === "Ready")
    const closed = new Promise<number>((ok) => shopper.ws.addEventListener("close", (e) => ok(e.code)))
    shopper.ws.send("x".repeat(70 * 1024))
    assert.strictEqual(await closed, 1009)
    // The tab is still served: a reply reaches it.
    await reply(chat.conversationId, "still here")
    await tab.next((f) => f._tag === "Committed" && f.event?.text === "still here")
    const big = new Promise<number>((ok) => tab.ws.addEventListener("close", (e) => ok(e.code)))
    tab.ws.send(new Uint8Array(70 * 1024))
    assert.strictEqual(await big, 1009)
  })

  it("M1 sign-out closes that session's tab at once, and a revoked permission closes a tab before the next text", async () => {
    const chat = await startChat()
    const session = await login("camille@demo.shop")
    const signedOut = await connect("/api/realtime", session)
    await signedOut.next((f) => f._tag === "Ready")
    const outClosed = new Promise<number>((ok) => signedOut.ws.addEventListener("close", (e) => ok(e.code)))
    assert.strictEqual((await call("/api/auth/logout", { method: "POST", token: session })).status, 204)
    assert.strictEqual(await outClosed, 1008)
    assert.strictEqual((await call("/api/me", { token: session })).status, 401)

    const revoked = await connect("/api/realtime", camille)
    await revoked.next((f) => f._tag === "Ready")
    const kept = await connect("/api/realtime", owner)
    await kept.next((f) => f._tag === "Ready")
    const revokedClosed = new Promise<number>((ok) => revoked.ws.addEventListener("close", (e) => ok(e.code)))
    await runInDurableObject(shop(), (_i, state) => {
      state.storage.sql.exec("UPDATE staff SET chat_permission = 0 WHERE id = 'stf_camille'")
    })
    try {
      await reply(chat.conversationId, "for chat holders only")
      await kept.next((f) => f._tag === "Committed" && f.event?.text === "for chat holders only")
      assert.strictEqual(await revokedClosed, 1008)
      assert.isFalse(revoked.frames.some((f) => f.event?.text === "for chat holders only"))
    } finally {
      await runInDurableObject(shop(), (_i, state) => {
        state.storage.sql.exec("UPDATE staff SET chat_permission = 1 WHERE id = 'stf_camille'")
      })
      kept.ws.close(1000)
    }
  })

  it("a tab reconnecting with its last shop seq after eviction receives exactly the missed events, in order", async () => {
    const chat = await startChat()
    const tab = await connect("/api/realtime", owner)
    const ready = await tab.next((f) => f._tag === "Ready")
    tab.ws.close(1000)
    await evictClosed()

    await reply(chat.conversationId, "Première réponse manquée")
    await reply(chat.conversationId, "Seconde réponse manquée")

    const again = await connect(`/api/realtime?since=${ready.shopSeq}`, owner)
    const replay = await again.upTo((f) => f._tag === "Ready")
    const committed = replay.filter((f) => f._tag === "Committed")
    const end = replay.at(-1).shopSeq
    assert.deepStrictEqual(
      committed.map((f) => f.shopSeq),
      Array.from({ length: end - ready.shopSeq }, (_, i) => ready.shopSeq + 1 + i),
    )
    assert.deepStrictEqual(
      committed.filter((f) => f.event._tag === "ReplySent").map((f) => f.event.text),
      ["Première réponse manquée", "Seconde réponse manquée"],
    )
    again.ws.close(1000)
  })

  it("the first socket of a fresh instance joins the room once: each commit reaches it once", async () => {
    const chat = await startChat()
    await evictClosed()
    const tab = await connect("/api/realtime", owner)
    await tab.next((f) => f._tag === "Ready")
    await reply(chat.conversationId, "Une seule fois")
    const live = await tab.next((f) => f._tag === "Committed" && f.event.text === "Une seule fois")
    await reply(chat.conversationId, "Puis une autre")
    await tab.next((f) => f._tag === "Committed" && f.event.text === "Puis une autre")
    assert.lengthOf(
      tab.frames.filter((f) => f._tag === "Committed" && f.shopSeq === live.shopSeq),
      1,
    )
    tab.ws.close(1000)
  })

  it("a shopper reconnecting with their last conversation seq receives exactly the replies they missed", async () => {
    const chat = await startChat()
    const shopper = await connect(`/api/store/chat/realtime?token=${chat.token}`)
    const ready = await shopper.next((f) => f._tag === "Ready")
    shopper.ws.close(1000)
    await evictClosed()
    await reply(chat.conversationId, "Votre colis part demain")
    const again = await connect(`/api/store/chat/realtime?token=${chat.token}&since=${ready.seq}`)
    const replay = await again.upTo((f) => f._tag === "Ready")
    const texts = replay.filter((f) => f._tag === "Committed").map((f) => f.event.text)
    assert.deepStrictEqual(texts, ["Votre colis part demain"])
    assert.isTrue(replay.filter((f) => f._tag === "Committed").every((f) => f.seq > ready.seq))
    again.ws.close(1000)
  })
})
