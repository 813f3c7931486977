/**
 * Route tests of the merchant tools over a seeded libSQL file: saved replies (permission, shortcut rules), availability
 * settings, the storefront's "open now", and the automatic first reply stored and delivered once per conversation.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read ad hoc; the wire Schemas are checked in the app.
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { seededServer } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>
let server: Server

const json = async (r: Response) => (await r.json()) as Record<string, any>

const request = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`)
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json")
  return server.app.request(`http://127.0.0.1${path}`, { ...init, headers })
}

const login = async (email: string) => {
  const r = await request("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email, password: "inbox-demo" }),
  })
  assert.strictEqual(r.status, 200)
  return (await json(r)).token as string
}

let owner: string
let camille: string
let theo: string

beforeAll(async () => {
  server = await seededServer()
  owner = await login("owner@demo.shop")
  camille = await login("camille@demo.shop")
  theo = await login("theo@demo.shop")
})
afterAll(() => server.stop())

describe("saved replies", () => {
  it("staff with the chat permission create, list, edit and delete them; others get 403", async () => {
    const created = await request("/api/saved-replies", {
      method: "POST",
      token: camille,
      body: JSON.stringify({
        shortcut: "/Thanks",
        text: "Thank you {{customer.first_name}}, see you soon at {{shop.name}}!",
        productIds: ["prd_linen_shirt"],
        discountCode: "welcome10",
      }),
    })
    assert.strictEqual(created.status, 201)
    const reply = (await json(created)).savedReply
    assert.strictEqual(reply.shortcut, "thanks")
    assert.strictEqual(reply.discountCode, "WELCOME10")
    assert.deepStrictEqual(reply.productIds, ["prd_linen_shirt"])

    const listed = await json(await request("/api/saved-replies", { token: owner }))
    assert.deepStrictEqual(
      listed.savedReplies.map((r: any) => r.shortcut),
      ["thanks"],
    )

    const edited = await request(`/api/saved-replies/${reply.id}`, {
      method: "PUT",
      token: owner,
      body: JSON.stringify({ shortcut: "thanks", text: "Merci !" }),
    })
    assert.strictEqual(edited.status, 200)
    assert.strictEqual((await json(edited)).savedReply.text, "Merci !")

    assert.strictEqual((await request("/api/saved-replies", { token: theo })).status, 403)
    const denied = await request("/api/saved-replies", {
      method: "POST",
      token: theo,
      body: JSON.stringify({ shortcut: "x", text: "y" }),
    })
    assert.strictEqual(denied.status, 403)

    assert.strictEqual(
      (await request(`/api/saved-replies/${reply.id}`, { method: "DELETE", token: owner })).status,
      204,
    )
    assert.strictEqual(
      (await request(`/api/saved-replies/${reply.id}`, { method: "DELETE", token: owner })).status,
      404,
    )
  })

  it("a shortcut is unique in the shop (409), well-formed (422), and a reply is never empty (422)", async () => {
    const post = (body: object) =>
      request("/api/saved-replies", { method: "POST", token: owner, body: JSON.stringify(body) })
    assert.strictEqual((await post({ shortcut: "hours", text: "We open at 9." })).status, 201)
    const taken = await post({ shortcut: "HOURS", text: "again" })
    assert.strictEqual(taken.status, 409)
    assert.strictEqual((await json(taken)).error.code, "SavedReplyShortcutTaken")
    const bad = await post({ shortcut: "two words", text: "x" })
    assert.strictEqual(bad.status, 422)
    assert.strictEqual((await json(bad)).error.code, "SavedReplyShortcutInvalid")
    const empty = await post({ shortcut: "empty", text: "   " })
    assert.strictEqual((await json(empty)).error.code, "SavedReplyEmpty")
    // Two editors racing for the same new shortcut: exactly one wins.
    const race = await Promise.all([
      post({ shortcut: "race", text: "a" }),
      post({ shortcut: "race", text: "b" }),
    ])
    assert.deepStrictEqual(race.map((r) => r.status).sort(), [201, 409])
  })
})

describe("availability and automatic first replies", () => {
  const startChat = async (clientId: string) => {
    const r = await request("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({ email: "lea@example.fr", origin: DEMO_STOREFRONT, clientId }),
    })
    assert.strictEqual(r.status, 201)
    return (await json(r)).token as string
  }
  const say = (token: string, id: string, text: string) =>
    request("/api/store/chat/messages", {
      method: "POST",
      token,
      body: JSON.stringify({ clientMessageId: id, text }),
    })

  it("by default the shop is always available and sends no automatic reply", async () => {
    const { typicalReplyMs, ...a } = await json(await request("/api/store-availability/demo"))
    assert.deepStrictEqual(a, { available: true, nextAvailableAt: null, timeZone: null })
    // The seeded team answered within the last 30 days: the expected reply time is their median.
    assert.isAbove(typicalReplyMs, 0)
    const settings = await json(await request("/api/settings/availability", { token: owner }))
    assert.strictEqual(settings.availability._tag, "AlwaysAvailable")
    const token = await startChat("browser-auto-none")
    await say(token, "m1", "Hello")
    const chat = await json(await request("/api/store/chat", { token }))
    assert.isFalse(chat.thread.some((i: any) => i.event._tag === "AutomaticReplySent"))
  })

  it("a shop closed all week shows when it is back (never), and answers the first message once with the outside-hours text", async () => {
    const closed = Array.from({ length: 7 }, () => [])
    const bad = await request("/api/settings/availability", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({
        availability: { _tag: "WeeklyHours", timeZone: "Mars/Olympus", days: closed },
        insideHours: null,
        outsideHours: "x",
      }),
    })
    assert.strictEqual(bad.status, 422)
    assert.strictEqual((await json(bad)).error.code, "TimeZoneUnknown")
    const saved = await request("/api/settings/availability", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({
        availability: { _tag: "WeeklyHours", timeZone: "Europe/Paris", days: closed },
        insideHours: "Thanks, we answer within minutes.",
        outsideHours: "  We are closed; we will answer when we are back.  ",
      }),
    })
    assert.strictEqual(saved.status, 200)
    assert.strictEqual((await json(saved)).outsideHours, "We are closed; we will answer when we are back.")
    const { typicalReplyMs: _, ...a } = await json(await request("/api/store-availability/demo"))
    assert.deepStrictEqual(a, { available: false, nextAvailableAt: null, timeZone: "Europe/Paris" })

    const token = await startChat("browser-auto-closed")
    // The first message twice (a retried send) and two more, one of them concurrent with the first.
    const [first] = await Promise.all([say(token, "m1", "Hello?"), say(token, "m2", "Anyone there?")])
    assert.strictEqual(first.status, 201)
    await say(token, "m1", "Hello?")
    await say(token, "m3", "Still here")
    const chat = await json(await request("/api/store/chat", { token }))
    const autos = chat.thread.filter((i: any) => i.event._tag === "AutomaticReplySent")
    assert.strictEqual(autos.length, 1)
    assert.strictEqual(autos[0].event.kind, "outside_hours")
    assert.strictEqual(autos[0].event.text, "We are closed; we will answer when we are back.")

    // The merchant sees it in the thread with its delivery, like a reply.
    const detail = await json(await request(`/api/conversations/${chat.conversation.id}`, { token: owner }))
    const item = detail.thread.find((i: any) => i.event._tag === "AutomaticReplySent")
    assert.isDefined(item)
    assert.isNotNull(item.delivery)
  })

  it("open hours every day all day: available now, and the inside-hours text answers", async () => {
    const always = Array.from({ length: 7 }, () => [{ from: 0, to: 1440 }])
    await request("/api/settings/availability", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({
        availability: { _tag: "WeeklyHours", timeZone: "America/New_York", days: always },
        insideHours: "Hi! We usually answer within a few minutes.",
        outsideHours: null,
      }),
    })
    const a = await json(await request("/api/store-availability/demo"))
    assert.isTrue(a.available)
    const token = await startChat("browser-auto-open")
    await say(token, "m1", "Hi")
    const chat = await json(await request("/api/store/chat", { token }))
    const autos = chat.thread.filter((i: any) => i.event._tag === "AutomaticReplySent")
    assert.deepStrictEqual(
      autos.map((i: any) => i.event.kind),
      ["inside_hours"],
    )
    // Restore the default for the other tests of this file.
    await request("/api/settings/availability", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({
        availability: { _tag: "AlwaysAvailable" },
        insideHours: null,
        outsideHours: null,
      }),
    })
  })
})

describe("block sender", () => {
  it("a blocked sender's new messages are kept, closed, in the Blocked list and unread for nobody; unblock restores", async () => {
    const started = await request("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({
        email: null,
        name: "Spam Bot",
        origin: DEMO_STOREFRONT,
        clientId: "browser-blocked",
      }),
    })
    const chat = await json(started)
    const say = (id: string, text: string) =>
      request("/api/store/chat/messages", {
        method: "POST",
        token: chat.token,
        body: JSON.stringify({ clientMessageId: id, text }),
      })
    await say("b1", "Buy cheap followers")
    const id = chat.conversationId as string
    const blocked = await request(`/api/conversations/${id}/block`, { method: "PUT", token: camille })
    assert.strictEqual(blocked.status, 200)
    assert.strictEqual((await json(blocked)).conversation.status, "closed")
    assert.strictEqual(
      (await request(`/api/conversations/${id}/block`, { method: "PUT", token: theo })).status,
      403,
    )

    // Camille read nothing since; the new message must not make it unread for anyone.
    await request(`/api/conversations/${id}/read`, { method: "POST", token: owner })
    assert.strictEqual((await say("b2", "Still selling followers")).status, 201)
    const list = async (status: string) =>
      json(await request(`/api/conversations?status=${status}&limit=100`, { token: owner }))
    const inBlocked = (await list("blocked")).rows.find((r: any) => r.conversationId === id)
    assert.isDefined(inBlocked)
    assert.isTrue(inBlocked.blocked)
    assert.isFalse(inBlocked.unread)
    assert.strictEqual(inBlocked.lastMessage.text, "Still selling followers")
    for (const status of ["open", "closed"])
      assert.isUndefined((await list(status)).rows.find((r: any) => r.conversationId === id))
    const unreadForMe = await json(
      await request(`/api/conversations?filter=unread&status=blocked`, { token: owner }),
    )
    assert.isUndefined(unreadForMe.rows.find((r: any) => r.conversationId === id))

    const restored = await request(`/api/conversations/${id}/block`, { method: "DELETE", token: owner })
    assert.strictEqual((await json(restored)).conversation.status, "open")
    const back = (await list("open")).rows.find((r: any) => r.conversationId === id)
    assert.isDefined(back)
    // What arrived while blocked is unread again for the owner, so nobody misses it.
    assert.isTrue(back.unread)
    assert.isUndefined((await list("blocked")).rows.find((r: any) => r.conversationId === id))
  })
})

describe("conversation search", () => {
  it("finds message text through FTS5 within the shop, with highlighted matches, and names and emails too", async () => {
    const chat = await json(
      await request("/api/store/demo/chat", {
        method: "POST",
        body: JSON.stringify({
          email: "noemie@example.fr",
          name: "Noémie Faure",
          origin: DEMO_STOREFRONT,
          clientId: "browser-search",
        }),
      }),
    )
    await request("/api/store/chat/messages", {
      method: "POST",
      token: chat.token,
      body: JSON.stringify({ clientMessageId: "s1", text: "Is the Terracotta planter frost-proof?" }),
    })
    const search = async (q: string, token = owner) =>
      json(await request(`/api/search?q=${encodeURIComponent(q)}`, { token }))
    const found = (await search("terracotta PLANTER")).results.find(
      (r: any) => r.conversationId === chat.conversationId,
    )
    assert.isDefined(found)
    const hits = found.messages[0].text.parts.filter((p: any) => p.hit).map((p: any) => p.text)
    assert.deepStrictEqual(hits, ["Terracotta planter"])
    assert.strictEqual(found.messages[0].author, "customer")
    // By name, accents folded in the highlight; by email.
    const byName = (await search("noemie")).results.find((r: any) => r.conversationId === chat.conversationId)
    assert.isTrue(byName.customerName.parts.some((p: any) => p.hit && p.text === "Noémie"))
    const byEmail = (await search("noemie@ex")).results.find(
      (r: any) => r.conversationId === chat.conversationId,
    )
    assert.isTrue(byEmail.email.parts.some((p: any) => p.hit))
    // Query syntax in the term is text, not FTS5 operators; short terms still work.
    assert.strictEqual((await search('planter" OR "x')).results.length, 0)
    assert.isAbove((await search("fr")).results.length, 0)
    assert.strictEqual((await request("/api/search?q=planter", { token: theo })).status, 403)
  })
})

describe("metrics", () => {
  it("counts the seeded shop's conversations over 30 days, and a new one today; custom ranges are checked", async () => {
    const get = async (q: string) => {
      const r = await request(`/api/metrics?${q}`, { token: owner })
      return { status: r.status, body: await json(r) }
    }
    const month = await get("range=30d")
    assert.strictEqual(month.status, 200)
    const m = month.body.metrics
    assert.isAbove(m.newConversations, 0)
    assert.isAtMost(m.conversationsWithReply, m.newConversations)
    assert.isAtMost(m.conversationsWithOrder, m.newConversations)
    assert.strictEqual(m.perDay.length, 30)
    assert.strictEqual(
      m.perDay.reduce((a: number, d: any) => a + d.newConversations, 0),
      m.newConversations,
    )
    assert.isNotNull(m.medianFirstResponseMs)
    assert.isAbove(m.topics.length, 0)

    const before = (await get("range=today")).body.metrics.newConversations
    await request("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({ email: null, origin: DEMO_STOREFRONT, clientId: "browser-metrics" }),
    })
    assert.strictEqual((await get("range=today")).body.metrics.newConversations, before + 1)
    // A well-formed query the server cannot answer is a rule, not a shape: 422 with a reason.
    const backwards = await get("range=custom&from=2026-02-10&to=2026-01-01")
    assert.strictEqual(backwards.status, 422)
    assert.strictEqual(backwards.body.error.code, "MetricsRangeInvalid")
    assert.strictEqual((await get("range=custom")).status, 422)
    assert.strictEqual((await get("range=weekly")).status, 400)
    assert.strictEqual((await request("/api/metrics?range=7d", { token: theo })).status, 403)
  })
})

describe("notification settings", () => {
  it("are each staff member's own: all on by default, saved per person", async () => {
    const get = async (token: string) => json(await request("/api/notification-settings", { token }))
    assert.deepStrictEqual(await get(camille), {
      newConversation: true,
      newMessageOnMine: true,
      assignedToMe: true,
    })
    const saved = await request("/api/notification-settings", {
      method: "PUT",
      token: camille,
      body: JSON.stringify({ newConversation: false, newMessageOnMine: true, assignedToMe: false }),
    })
    assert.strictEqual(saved.status, 200)
    assert.deepStrictEqual(await get(camille), {
      newConversation: false,
      newMessageOnMine: true,
      assignedToMe: false,
    })
    assert.deepStrictEqual(await get(owner), {
      newConversation: true,
      newMessageOnMine: true,
      assignedToMe: true,
    })
    const bad = await request("/api/notification-settings", {
      method: "PUT",
      token: camille,
      body: JSON.stringify({ newConversation: "yes" }),
    })
    assert.strictEqual(bad.status, 400)
  })
})
