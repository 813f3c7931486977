/**
 * Staff sessions end when the server says so: sign-out revokes the token at once (HTTP and open sockets),
 * needs the CSRF token when it comes from a cookie, a revoked chat permission closes open sockets before they
 * see more text (M1), and failed sign-ins are limited per account without locking the owner's browser (L1).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: frames and bodies are read ad hoc.
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import WebSocket from "ws"
import { rateLimitsFromEnv } from "../../src/http/middleware/rateLimit.ts"
import { call, login, startChat } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>

interface Tab {
  readonly texts: () => ReadonlyArray<string>
  /** The close code, or null if still open after `ms`. */
  readonly closedWithin: (ms: number) => Promise<number | null>
  readonly next: (pred: (f: any) => boolean, ms?: number) => Promise<any>
  readonly close: () => void
}

const openTab = (server: Server, token: string): Promise<Tab> =>
  new Promise((ok, ko) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/realtime`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const frames: Array<any> = []
    const raw: Array<string> = []
    let code: number | null = null
    const closed = new Promise<number>((done) =>
      ws.on("close", (c) => {
        code = c
        done(c)
      }),
    )
    ws.on("message", (d) => {
      raw.push(d.toString())
      frames.push(JSON.parse(d.toString()))
    })
    ws.once("error", ko)
    ws.once("open", () =>
      ok({
        texts: () => raw,
        closedWithin: (ms) =>
          Promise.race([closed, new Promise<number | null>((done) => setTimeout(() => done(code), ms))]),
        next: async (pred, ms = 5_000) => {
          const until = Date.now() + ms
          for (;;) {
            const found = frames.find(pred)
            if (found !== undefined) return found
            if (Date.now() > until) throw new Error(`no such frame; got ${JSON.stringify(frames)}`)
            await new Promise((r) => setTimeout(r, 10))
          }
        },
        close: () => ws.close(),
      }),
    )
  })

/** The session cookies a sign-in answer sets, as one Cookie header, and its CSRF value. */
const cookiesOf = (r: Response) => {
  const jar = r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c !== "")
  const csrf = jar.find((c) => c.startsWith("inbox_csrf="))?.slice("inbox_csrf=".length) ?? ""
  return { cookie: jar.join("; "), csrf }
}

const signIn = (server: Server, email: string, password = "inbox-demo", cookie?: string) =>
  call(server.app, "/api/auth/login", {
    method: "POST",
    ...(cookie === undefined ? {} : { headers: { cookie } }),
    body: { email, password },
  })

describe("sign-out revokes the session", () => {
  let server: Server
  beforeAll(async () => {
    server = await seededServer()
  })
  afterAll(() => server.stop())

  it("a bearer token stops working at sign-out: 401 on the next request", async () => {
    const { token } = await login(server.app, "owner@demo.shop")
    assert.strictEqual((await call(server.app, "/api/me", { token })).status, 200)
    assert.strictEqual((await call(server.app, "/api/auth/logout", { method: "POST", token })).status, 204)
    const after = await call(server.app, "/api/me", { token })
    assert.strictEqual(after.status, 401)
    assert.strictEqual(((await after.json()) as any).error.code, "Unauthorized")
    assert.strictEqual((await call(server.app, "/api/conversations", { token })).status, 401)
  })

  it("a cookie session signs out only with its CSRF token; without it 403 and the session still works", async () => {
    const { cookie, csrf } = cookiesOf(await signIn(server, "owner@demo.shop"))
    const forged = await call(server.app, "/api/auth/logout", { method: "POST", headers: { cookie } })
    assert.strictEqual(forged.status, 403)
    assert.strictEqual(((await forged.json()) as any).error.code, "CsrfTokenMismatch")
    assert.isEmpty(forged.headers.getSetCookie(), "no cookie is cleared by a cross-site sign-out")
    assert.strictEqual((await call(server.app, "/api/me", { headers: { cookie } })).status, 200)
    const out = await call(server.app, "/api/auth/logout", {
      method: "POST",
      headers: { cookie, "x-inbox-csrf": csrf },
    })
    assert.strictEqual(out.status, 204)
    assert.strictEqual((await call(server.app, "/api/me", { headers: { cookie } })).status, 401)
  })

  it("a sign-out without a session is a 401: there is nothing to end", async () => {
    const r = await call(server.app, "/api/auth/logout", { method: "POST" })
    assert.strictEqual(r.status, 401)
    assert.strictEqual(((await r.json()) as any).error.code, "Unauthorized")
  })

  it("closes the sockets that session opened at once; another session of the same member keeps its own", async () => {
    const a = await login(server.app, "camille@demo.shop")
    const b = await login(server.app, "camille@demo.shop")
    const tabA = await openTab(server, a.token)
    const tabB = await openTab(server, b.token)
    await tabA.next((f) => f._tag === "Ready")
    await tabB.next((f) => f._tag === "Ready")
    assert.strictEqual(
      (await call(server.app, "/api/auth/logout", { method: "POST", token: a.token })).status,
      204,
    )
    assert.strictEqual(await tabA.closedWithin(3_000), 1008)
    // B is still served: a shopper's message reaches it.
    const chat = await startChat(server.app, "demo", "sessions-shopper-1")
    const sent = await call(server.app, "/api/store/chat/messages", {
      method: "POST",
      token: chat.token,
      body: { clientMessageId: "sessions-m1", text: "still served" },
    })
    assert.strictEqual(sent.status, 201)
    await tabB.next((f) => f._tag === "Committed" && f.event?.text === "still served")
    assert.isFalse(tabA.texts().some((t) => t.includes("still served")))
    assert.isNull(await tabB.closedWithin(10))
    tabB.close()
  })
})

describe("M1 a revoked chat permission reaches open sockets", () => {
  let server: Server
  beforeAll(async () => {
    server = await seededServer()
  })
  afterAll(() => server.stop())

  it("a tab opened before the revocation is closed before the next message text reaches it", async () => {
    const camille = await login(server.app, "camille@demo.shop")
    const owner = await login(server.app, "owner@demo.shop")
    const revoked = await openTab(server, camille.token)
    const kept = await openTab(server, owner.token)
    await revoked.next((f) => f._tag === "Ready")
    await kept.next((f) => f._tag === "Ready")
    // Revoked where the shop's staff are managed: straight in the store, nobody tells the app.
    await server.client.execute("UPDATE staff SET chat_permission = 0 WHERE email = 'camille@demo.shop'")
    const chat = await startChat(server.app, "demo", "revocation-shopper-1")
    const sent = await call(server.app, "/api/store/chat/messages", {
      method: "POST",
      token: chat.token,
      body: { clientMessageId: "revocation-m1", text: "my card number is 4242" },
    })
    assert.strictEqual(sent.status, 201)
    await kept.next((f) => f._tag === "Committed" && f.event?.text === "my card number is 4242")
    assert.strictEqual(await revoked.closedWithin(3_000), 1008)
    assert.isFalse(
      revoked.texts().some((t) => t.includes("4242")),
      "the revoked tab never received the message text",
    )
    // And it cannot come back.
    await new Promise<void>((done) => {
      const again = new WebSocket(`ws://127.0.0.1:${server.port}/api/realtime`, {
        headers: { authorization: `Bearer ${camille.token}` },
      })
      again.on("unexpected-response", (_req, res) => {
        assert.strictEqual(res.statusCode, 403)
        done()
      })
      again.on("open", () => assert.fail("a revoked member opened a socket"))
    })
    kept.close()
  })
})

describe("L1 failed sign-ins are limited per account, never locking the owner's own browser", () => {
  let server: Server
  beforeAll(async () => {
    server = await seededServer({
      // Only the per-account limit: the others are lifted, so the stranger is stopped by it alone.
      rateLimits: { ...rateLimitsFromEnv("off"), account: { capacity: 3, refillPerSecond: 0.001 } },
    })
  })
  afterAll(() => server.stop())

  it("after 3 failures strangers get 429 with Retry-After, even with the right password; the owner's browser signs in", async () => {
    // The owner signed in from this browser before: it holds the device cookie.
    const earlier = await signIn(server, "theo@demo.shop")
    assert.strictEqual(earlier.status, 200)
    const device = earlier.headers
      .getSetCookie()
      .find((c) => c.startsWith("inbox_device="))
      ?.split(";")[0]
    assert.isDefined(device, "a successful sign-in remembers the browser")
    // A stranger guesses, from many addresses (the per-address limit alone would not stop them).
    for (let i = 0; i < 3; i++)
      assert.strictEqual((await signIn(server, "theo@demo.shop", `guess-${i}`)).status, 401)
    const locked = await signIn(server, "theo@demo.shop")
    assert.strictEqual(locked.status, 429)
    assert.strictEqual(((await locked.json()) as any).error.code, "RateLimited")
    assert.isAtLeast(Number(locked.headers.get("retry-after")), 1)
    // Case and spaces do not make another account.
    assert.strictEqual((await signIn(server, "  THEO@demo.shop ", "x")).status, 429)
    // The owner's browser has its own budget: the stranger's failures did not spend it.
    assert.strictEqual((await signIn(server, "theo@demo.shop", "inbox-demo", device)).status, 200)
    // Other accounts are untouched.
    assert.strictEqual((await signIn(server, "camille@demo.shop")).status, 200)
  })
})
