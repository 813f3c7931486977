/** Route tests with app.request() over a seeded libSQL file: merchant API, auth, CSRF, errors, storefront. */
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

/** A second shop beside the demo, with its owner, a customer and one conversation. */
const seedOtherShop = async () => {
  const { hashPassword } = await import("../../src/auth/Password.ts")
  const t = await import("../../src/db/schema.ts")
  await server.db.insert(t.shops).values({ id: "other", name: "Other", currency: "EUR", createdAt: 0 })
  await server.db.insert(t.staff).values({
    id: "stf_boss",
    shopId: "other",
    email: "boss@other.shop",
    name: "Boss",
    passwordHash: await hashPassword("inbox-demo", 1000),
    isOwner: true,
    chatPermission: true,
  })
  await server.db
    .insert(t.storefrontSettings)
    .values({ shopId: "other", allowedOrigins: [DEMO_STOREFRONT], updatedAt: 0 })
  const started = await json(
    await request("/api/store/other/chat", {
      method: "POST",
      body: JSON.stringify({ email: null, origin: DEMO_STOREFRONT, clientId: "other-shop-shopper" }),
    }),
  )
  return { conversationId: started.conversationId as string, customerId: started.customerId as string }
}

const login = async (email: string) => {
  const r = await request("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ email, password: "inbox-demo" }),
  })
  assert.strictEqual(r.status, 200)
  return json(r)
}

let owner: string
let camille: string
let theo: string

beforeAll(async () => {
  server = await seededServer()
  owner = (await login("owner@demo.shop")).token
  camille = (await login("camille@demo.shop")).token
  theo = (await login("theo@demo.shop")).token
})
afterAll(() => server.stop())

describe("auth", () => {
  it("refuses a wrong password with 401 InvalidCredentials, localized", async () => {
    const r = await request("/api/auth/login", {
      method: "POST",
      headers: { "accept-language": "fr-FR,fr;q=0.9" },
      body: JSON.stringify({ email: "owner@demo.shop", password: "nope" }),
    })
    assert.strictEqual(r.status, 401)
    const body = await json(r)
    assert.strictEqual(body.error.code, "InvalidCredentials")
    assert.strictEqual(body.error.message, "E-mail ou mot de passe incorrect.")
  })

  it("sets an HttpOnly SameSite=Lax session cookie, not Secure on loopback", async () => {
    const r = await request("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
    })
    const cookies = r.headers.getSetCookie()
    const session = cookies.find((c) => c.startsWith("inbox_session="))!
    assert.include(session, "HttpOnly")
    assert.include(session, "SameSite=Lax")
    assert.notInclude(session, "Secure")
    assert.isDefined(cookies.find((c) => c.startsWith("inbox_csrf=") && !c.includes("HttpOnly")))
  })

  it("R0.2 staff without the chat permission can sign in but not read the inbox", async () => {
    const me = await json(await request("/api/me", { token: theo }))
    assert.strictEqual(me.staff.chatPermission, false)
    const r = await request("/api/conversations", { token: theo })
    assert.strictEqual(r.status, 403)
    assert.strictEqual((await json(r)).error.code, "StaffLacksChatPermission")
  })

  it("401 without credentials, and with a tampered token", async () => {
    assert.strictEqual((await request("/api/conversations")).status, 401)
    assert.strictEqual((await request("/api/conversations", { token: `${owner}x` })).status, 401)
  })

  it("cookie mutations need the CSRF header matching the cookie; bearer ones do not", async () => {
    const r = await request("/api/auth/login", {
      method: "POST",
      body: JSON.stringify({ email: "owner@demo.shop", password: "inbox-demo" }),
    })
    const body = await json(r)
    const cookie = `inbox_session=${body.token}; inbox_csrf=${body.csrfToken}`
    const without = await request("/api/conversations/conv_hugo/read", {
      method: "POST",
      headers: { cookie },
    })
    assert.strictEqual(without.status, 403)
    assert.strictEqual((await json(without)).error.code, "CsrfTokenMismatch")
    const wrong = await request("/api/conversations/conv_hugo/read", {
      method: "POST",
      headers: { cookie, "x-inbox-csrf": "forged" },
    })
    assert.strictEqual(wrong.status, 403)
    const ok = await request("/api/conversations/conv_hugo/read", {
      method: "POST",
      headers: { cookie, "x-inbox-csrf": body.csrfToken },
    })
    assert.strictEqual(ok.status, 200)
    assert.strictEqual((await request("/api/conversations", { headers: { cookie } })).status, 200)
  })
})

describe("inbox list", () => {
  const list = async (query: string, token = owner) => {
    const r = await request(`/api/conversations?${query}`, { token })
    assert.strictEqual(r.status, 200)
    return json(r)
  }

  it("pages with an opaque cursor, newest activity first, no row twice", async () => {
    const seen: Array<{ id: string; at: number }> = []
    let cursor: string | null = null
    do {
      const page: Record<string, any> = await list(`limit=5${cursor === null ? "" : `&cursor=${cursor}`}`)
      for (const r of page.rows) seen.push({ id: r.conversationId, at: r.lastActivityAt })
      cursor = page.nextCursor
    } while (cursor !== null)
    assert.strictEqual(seen.length, 11)
    assert.strictEqual(new Set(seen.map((s) => s.id)).size, 11)
    for (let i = 1; i < seen.length; i++) assert.isAtLeast(seen[i - 1]!.at, seen[i]!.at)
  })

  it("R3 status lists; R19 mine and unassigned; topics; search by name and email", async () => {
    const closed = await list("status=closed")
    assert.deepStrictEqual(
      closed.rows.map((r: any) => r.conversationId),
      ["conv_james", "conv_lucas_earlier"],
    )
    const mine = await list("filter=mine")
    assert.sameMembers(
      mine.rows.map((r: any) => r.conversationId),
      ["conv_emily", "conv_noah"],
    )
    assert.isTrue(mine.rows.every((r: any) => r.assignedToMe))
    const unassigned = await list("filter=unassigned")
    assert.isTrue(unassigned.rows.every((r: any) => r.assignee === null))
    assert.notInclude(
      unassigned.rows.map((r: any) => r.conversationId),
      "conv_sophie",
    )
    const topic = await list("topic=pricing_discounts")
    assert.sameMembers(
      topic.rows.map((r: any) => r.conversationId),
      ["conv_sophie", "conv_maria", "conv_ana"],
    )
    assert.deepStrictEqual(
      (await list("q=SOPHIE")).rows.map((r: any) => r.conversationId),
      ["conv_sophie"],
    )
    assert.deepStrictEqual(
      (await list("q=chen-studio")).rows.map((r: any) => r.conversationId),
      ["conv_emily"],
    )
    assert.deepStrictEqual((await list("q=%25")).rows, [])
  })

  it("R4 unread is per staff member: one reading does not hide it from another", async () => {
    const before = await list("filter=unread", camille)
    assert.include(
      before.rows.map((r: any) => r.conversationId),
      "conv_liam",
    )
    await request("/api/conversations/conv_liam/read", { method: "POST", token: owner })
    const ownerUnread = await list("filter=unread")
    assert.notInclude(
      ownerUnread.rows.map((r: any) => r.conversationId),
      "conv_liam",
    )
    const camilleUnread = await list("filter=unread", camille)
    assert.include(
      camilleUnread.rows.map((r: any) => r.conversationId),
      "conv_liam",
    )
    const unread = await json(
      await request("/api/conversations/conv_liam/unread", { method: "POST", token: owner }),
    )
    assert.isTrue(unread.conversation.unread)
  })

  it("never a 500 for bad input: bad limit, bad topic, bad cursor", async () => {
    for (const q of ["limit=0", "limit=abc", "topic=weather", "status=archived", "filter=everything"]) {
      const r = await request(`/api/conversations?${q}`, { token: owner })
      assert.strictEqual(r.status, 400, q)
      assert.strictEqual((await json(r)).error.code, "InvalidRequest")
    }
    assert.strictEqual((await request("/api/conversations?cursor=garbage", { token: owner })).status, 200)
  })
})

describe("conversation", () => {
  it("shows the thread with notices and delivery status", async () => {
    const r = await request("/api/conversations/conv_lucas", { token: owner })
    const body = await json(r)
    assert.strictEqual(body.conversation.latestTopic, "product_interest")
    const reply = body.thread.find((i: any) => i.event._tag === "ReplySent")
    assert.strictEqual(reply.delivery.status, "held")
    assert.strictEqual(reply.notice, "Waiting in the chat for the customer's return")
  })

  it("a reply is idempotent by clientMessageId: same answer, nothing new written", async () => {
    const send = () =>
      request("/api/conversations/conv_liam/replies", {
        method: "POST",
        token: camille,
        body: JSON.stringify({ clientMessageId: "reply-once-1", text: "On it!", productIds: ["prd_carafe"] }),
      })
    const first = await send()
    assert.strictEqual(first.status, 201)
    const a = await json(first)
    const b = await json(await send())
    assert.deepStrictEqual(b, a)
    const thread = (await json(await request("/api/conversations/conv_liam", { token: owner }))).thread
    assert.strictEqual(thread.filter((i: any) => i.event.messageId === "reply-once-1").length, 1)
    assert.strictEqual(a.items[0].delivery.channel, "messenger")
    assert.strictEqual(a.items[0].delivery.status, "queued")
  })

  it("R15 R16 R19 refusals are 422 with the rule's code", async () => {
    const reply = (body: object) =>
      request("/api/conversations/conv_hugo/replies", {
        method: "POST",
        token: owner,
        headers: { "accept-language": "fr" },
        body: JSON.stringify({
          clientMessageId: `r-${Math.random().toString(36).slice(2)}`,
          text: "x",
          ...body,
        }),
      })
    const cases: Array<[object, string]> = [
      [{ productIds: ["prd_carafe", "prd_apron", "prd_keyring", "prd_oak_board"] }, "TooManyProducts"],
      [{ productIds: ["prd_velvet_cushion"] }, "ProductNotShareable"],
      [{ productIds: ["prd_brass_lamp"] }, "ProductNotShareable"],
      [{ discountCode: "SPRING5" }, "DiscountInactive"],
      [{ discountCode: "NOEL2026" }, "DiscountInactive"],
      [{ discountCode: "OLDPROMO" }, "DiscountInactive"],
      [{ discountCode: "VIP20" }, "DiscountInactive"],
    ]
    for (const [body, code] of cases) {
      const r = await reply(body)
      assert.strictEqual(r.status, 422, code)
      const e = await json(r)
      assert.strictEqual(e.error.code, code)
      assert.isString(e.error.message)
    }
    const expired = await json(await reply({ discountCode: "spring5" }))
    assert.strictEqual(expired.error.details.reason, "expired")
    const assign = await request("/api/conversations/conv_hugo/assignee", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({ staffId: "stf_theo" }),
    })
    assert.strictEqual(assign.status, 422)
    assert.strictEqual((await json(assign)).error.code, "AssigneeLacksChatPermission")
  })

  it("status, assignment and unassignment return the row as the caller sees it", async () => {
    const closed = await json(
      await request("/api/conversations/conv_hugo/status", {
        method: "POST",
        token: owner,
        body: JSON.stringify({ status: "closed" }),
      }),
    )
    assert.strictEqual(closed.conversation.status, "closed")
    const assigned = await json(
      await request("/api/conversations/conv_hugo/assignee", {
        method: "PUT",
        token: camille,
        body: JSON.stringify({ staffId: "stf_camille" }),
      }),
    )
    assert.isTrue(assigned.conversation.assignedToMe)
    const unassigned = await json(
      await request("/api/conversations/conv_hugo/assignee", { method: "DELETE", token: owner }),
    )
    assert.strictEqual(unassigned.conversation.assignee, null)
  })

  it("invalid JSON and wrong shapes are 400 InvalidRequest with the issue path", async () => {
    const bad = await request("/api/conversations/conv_hugo/replies", {
      method: "POST",
      token: owner,
      body: "{not json",
    })
    assert.strictEqual(bad.status, 400)
    const shape = await request("/api/conversations/conv_hugo/replies", {
      method: "POST",
      token: owner,
      body: JSON.stringify({ clientMessageId: "ok-id", text: 42 }),
    })
    assert.strictEqual(shape.status, 400)
    const e = await json(shape)
    assert.deepStrictEqual(e.error.details.issues[0].path, ["text"])
  })
})

describe("look-ups and profile", () => {
  it("R19 the assignee picker lists only staff with the chat permission", async () => {
    const all = await json(await request("/api/staff", { token: owner }))
    const assignable = await json(await request("/api/staff?assignable=true", { token: owner }))
    assert.include(
      all.staff.map((s: any) => s.id),
      "stf_theo",
    )
    assert.notInclude(
      assignable.staff.map((s: any) => s.id),
      "stf_theo",
    )
  })

  it("R15 products say whether they can be shared; R16 codes say why they are inactive", async () => {
    const products = await json(await request("/api/products?q=", { token: owner }))
    const byId = new Map(products.products.map((p: any) => [p.id, p.shareable]))
    assert.isTrue(byId.get("prd_carafe"))
    assert.isFalse(byId.get("prd_velvet_cushion"))
    assert.isFalse(byId.get("prd_brass_lamp"))
    const found = await json(await request("/api/products?q=LIN", { token: owner }))
    assert.isTrue(found.products.every((p: any) => p.title.toLowerCase().includes("lin")))
    const discounts = await json(await request("/api/discounts", { token: owner }))
    const reasons = Object.fromEntries(discounts.discounts.map((d: any) => [d.code, d.inactiveReason]))
    assert.deepInclude(reasons, {
      WELCOME10: null,
      SPRING5: "expired",
      NOEL2026: "not_started",
      OLDPROMO: "disabled",
      VIP20: "usage_limit",
    })
  })

  it("R20–R23 profile: returning customer with a recent order; another with none in 60 days", async () => {
    const sophie = await json(await request("/api/customers/cus_sophie/profile", { token: owner }))
    assert.strictEqual(sophie.status, "returning")
    assert.strictEqual(sophie.lastOrder.reference, "#1042")
    assert.isTrue(sophie.showAllOrders)
    assert.strictEqual(sophie.localTime.timeZone, "Europe/Paris")
    assert.isNotNull(sophie.cart)
    const james = await json(await request("/api/customers/cus_james/profile", { token: owner }))
    assert.strictEqual(james.status, "returning")
    assert.isNull(james.lastOrder)
    const aiko = await json(await request("/api/customers/cus_aiko/profile", { token: owner }))
    assert.strictEqual(aiko.status, "new")
  })

  it("R21 the note is saved on the customer", async () => {
    const put = await request("/api/customers/cus_aiko/note", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({ note: "Wants the throw in grey" }),
    })
    assert.strictEqual(put.status, 200)
    const p = await json(await request("/api/customers/cus_aiko/profile", { token: camille }))
    assert.strictEqual(p.note, "Wants the throw in grey")
    assert.strictEqual((await request("/api/customers/nobody/profile", { token: owner })).status, 404)
  })
})

describe("storefront", () => {
  const startChat = async (clientId: string, email: string | null = null) => {
    const r = await request("/api/store/demo/chat", {
      method: "POST",
      body: JSON.stringify({ email, origin: DEMO_STOREFRONT, clientId }),
    })
    assert.strictEqual(r.status, 201)
    return json(r)
  }

  it("lists only products on the online store", async () => {
    const store = await json(await request("/api/store/demo"))
    const ids = store.products.map((p: any) => p.id)
    assert.include(ids, "prd_linen_shirt")
    assert.notInclude(ids, "prd_velvet_cushion")
    assert.notInclude(ids, "prd_brass_lamp")
    assert.strictEqual((await request("/api/store/nope")).status, 404)
  })

  it("a chat: start, resume by clientId, message, cart, shared discount (R6 R7 R17)", async () => {
    const chat = await startChat("browser-aaaaaaaa", "zoe@example.fr")
    const resumed = await startChat("browser-aaaaaaaa", "zoe@example.fr")
    assert.strictEqual(resumed.conversationId, chat.conversationId)
    assert.strictEqual(resumed.customerId, chat.customerId)
    const token = chat.token as string
    const sent = await request("/api/store/chat/messages", {
      method: "POST",
      token,
      body: JSON.stringify({ clientMessageId: "shopper-m1", text: "Bonjour, avez-vous la carafe ?" }),
    })
    assert.strictEqual(sent.status, 201)
    const image = await request("/api/store/chat/messages", {
      method: "POST",
      token,
      body: JSON.stringify({ clientMessageId: "shopper-m2", text: "look", hasImage: true }),
    })
    assert.strictEqual((await json(image)).error.code, "CustomerCannotSendImages")
    const added = await json(
      await request("/api/store/chat/cart", {
        method: "POST",
        token,
        body: JSON.stringify({ variantId: "var_carafe", quantity: 2 }),
      }),
    )
    assert.deepStrictEqual(added.cart.subtotal, { amount: 7800, currency: "EUR" })
    const hidden = await request("/api/store/chat/cart", {
      method: "POST",
      token,
      body: JSON.stringify({ variantId: "var_cushion", quantity: 1 }),
    })
    assert.strictEqual(hidden.status, 404)
    const notShared = await request("/api/store/chat/discount", {
      method: "POST",
      token,
      body: JSON.stringify({ code: "WELCOME10" }),
    })
    assert.strictEqual((await json(notShared)).error.code, "DiscountNotShared")
    const reply = await request(`/api/conversations/${chat.conversationId}/replies`, {
      method: "POST",
      token: owner,
      body: JSON.stringify({ clientMessageId: "share-code-1", text: "", discountCode: "welcome10" }),
    })
    assert.strictEqual(reply.status, 201)
    const applied = await json(
      await request("/api/store/chat/discount", {
        method: "POST",
        token,
        body: JSON.stringify({ code: "welcome10" }),
      }),
    )
    assert.strictEqual(applied.cart.appliedDiscount.code, "WELCOME10")
    const removed = await json(
      await request("/api/store/chat/cart/remove", {
        method: "POST",
        token,
        body: JSON.stringify({ variantId: "var_carafe", quantity: 1 }),
      }),
    )
    assert.strictEqual(removed.cart.lines[0].quantity, 1)
    const view = await json(await request("/api/store/chat", { token }))
    const tags = view.thread.map((i: any) => i.event._tag)
    assert.deepStrictEqual(tags, ["CustomerMessageReceived", "ReplySent", "DiscountAppliedToCart"])
    assert.strictEqual(view.sharedDiscounts[0].code, "WELCOME10")
    const merchant = await json(await request(`/api/conversations/${chat.conversationId}`, { token: owner }))
    const notices = merchant.thread.map((i: any) => i.notice).filter((n: any) => n !== null)
    assert.include(notices, "The customer added Carafe en verre soufflé to the cart")
  })

  it("R0.3 a shopper's token reads only their conversation; staff tokens are not chat tokens", async () => {
    const a = await startChat("browser-bbbbbbbb")
    const b = await startChat("browser-cccccccc")
    assert.notStrictEqual(a.conversationId, b.conversationId)
    const view = await json(await request("/api/store/chat", { token: a.token }))
    assert.strictEqual(view.conversation.id, a.conversationId)
    assert.strictEqual((await request("/api/store/chat", { token: owner })).status, 401)
    assert.strictEqual((await request("/api/conversations", { token: a.token })).status, 401)
  })
})

describe("images", () => {
  const png = new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  ])

  it("R18 accepts an image by its magic bytes and serves it with its type", async () => {
    const r = await request("/api/images", {
      method: "POST",
      token: owner,
      headers: { "content-type": "image/jpeg" },
      body: png,
    })
    assert.strictEqual(r.status, 201)
    const { image, url } = await json(r)
    assert.strictEqual(image.contentType, "image/png")
    const got = await request(url)
    assert.strictEqual(got.headers.get("content-type"), "image/png")
    assert.deepStrictEqual(new Uint8Array(await got.arrayBuffer()), png)
    const reply = await request("/api/conversations/conv_olivia/replies", {
      method: "POST",
      token: owner,
      body: JSON.stringify({ clientMessageId: "img-reply", text: "", imageId: image.id }),
    })
    assert.strictEqual(reply.status, 201)
  })

  it("refuses what is not an image (415) and what is too large (413)", async () => {
    const text = await request("/api/images", {
      method: "POST",
      token: owner,
      headers: { "content-type": "image/png" },
      body: new TextEncoder().encode("<svg onload=alert(1)>"),
    })
    assert.strictEqual(text.status, 415)
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(png)
    const large = await request("/api/images", {
      method: "POST",
      token: owner,
      headers: { "content-type": "image/png" },
      body: big,
    })
    assert.strictEqual(large.status, 413)
  })
})

describe("tenancy over HTTP (R0.1)", () => {
  it("staff of one shop can neither read nor act on another shop's conversations, customers or staff", async () => {
    const other = await seedOtherShop()
    const ownerB = (await login("boss@other.shop")).token
    for (const [path, init] of [
      [`/api/conversations/${other.conversationId}`, {}],
      [`/api/conversations/${other.conversationId}/read`, { method: "POST" }],
      [
        `/api/conversations/${other.conversationId}/replies`,
        { method: "POST", body: JSON.stringify({ clientMessageId: "x-shop", text: "hi" }) },
      ],
      [`/api/customers/${other.customerId}/profile`, {}],
    ] as const) {
      const r = await request(path, { ...init, token: owner })
      assert.strictEqual(r.status, 404, path)
    }
    const assign = await request("/api/conversations/conv_hugo/assignee", {
      method: "PUT",
      token: owner,
      body: JSON.stringify({ staffId: "stf_boss" }),
    })
    assert.strictEqual(assign.status, 404)
    const list = await json(await request("/api/conversations?limit=100", { token: ownerB }))
    assert.deepStrictEqual(
      list.rows.map((r: any) => r.conversationId),
      [other.conversationId],
    )
    const staff = await json(await request("/api/staff", { token: ownerB }))
    assert.deepStrictEqual(
      staff.staff.map((s: any) => s.id),
      ["stf_boss"],
    )
  })
})

describe("app", () => {
  it("every API route is in the OpenAPI document", async () => {
    const doc = await json(await request("/api/openapi.json"))
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    )
    const own = new Set(["/api/openapi.json", "/api/docs", "/api/docs/app.js"])
    const missing = server.app.routes
      .filter(
        (r) => r.path.startsWith("/api/") && r.method !== "ALL" && !r.path.includes("*") && !own.has(r.path),
      )
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
      .filter((key) => !documented.has(key))
    assert.deepStrictEqual([...new Set(missing)], [])
  })

  it("serves security headers, health, OpenAPI generated from the Schemas, and the docs page", async () => {
    const health = await request("/healthz")
    assert.strictEqual(health.status, 200)
    assert.include(health.headers.get("content-security-policy") ?? "", "default-src 'self'")
    assert.strictEqual(health.headers.get("x-content-type-options"), "nosniff")
    const doc = await json(await request("/api/openapi.json"))
    assert.strictEqual(doc.openapi, "3.1.0")
    const reply = doc.paths["/api/conversations/{id}/replies"].post
    assert.deepInclude(reply.requestBody.content["application/json"].schema.required, "clientMessageId")
    const docs = await request("/api/docs")
    assert.strictEqual(docs.status, 302)
    assert.strictEqual(docs.headers.get("location"), "/docs.html")
    const missing = await request("/api/nothing-here")
    assert.strictEqual(missing.status, 404)
    assert.strictEqual((await json(missing)).error.code, "RouteNotFound")
  })
})
