/**
 * The chat on the merchant's own storefront, against the real Node app over a seeded libSQL file: the loader
 * and the frame with their embedding headers, allowed origins (CORS, chat start, origin-bound sessions,
 * revocation), the owner's settings, and the signed identity (HMAC over the shop secret, sealed at rest).
 */
import { createHmac } from "node:crypto"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { DEMO_STOREFRONT } from "../../demo/shop.ts"
import { call, dumpTables, jsonOf } from "../reliability/kit.ts"
import { seededServer, staffToken, webBuildStandIn } from "./harness.ts"

let server: Awaited<ReturnType<typeof seededServer>>
let owner: string
let camille: string
const web = webBuildStandIn()
const EVIL = "https://evil.example"
const OTHER = "https://other-shop.example"

const hmac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex")

const start = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(server.app, "/api/store/demo/chat", {
    method: "POST",
    headers,
    body: { email: null, clientId: `sf-${Math.random().toString(36).slice(2, 12)}`, ...body },
  })

const setOrigins = (origins: ReadonlyArray<string>, token = owner) =>
  call(server.app, "/api/settings/storefront/allowed-origins", { method: "PUT", token, body: { origins } })

beforeAll(async () => {
  // The built web app is not needed to check headers: stand-in files for widget.js and chat.html.
  server = await seededServer({ webDist: web.path })
  owner = await staffToken(server.app)
  camille = await staffToken(server.app, "camille@demo.shop")
})

afterAll(async () => {
  await server?.stop()
  web.remove()
})

describe("the loader and the frame", () => {
  it("widget.js is a script any page may load (cross-origin resource policy, no sniffing, short cache)", async () => {
    const r = await call(server.app, "/widget.js")
    assert.strictEqual(r.status, 200)
    assert.strictEqual(await r.text(), "/* loader */")
    assert.match(r.headers.get("content-type") ?? "", /^text\/javascript/)
    assert.strictEqual(r.headers.get("cross-origin-resource-policy"), "cross-origin")
    assert.strictEqual(r.headers.get("x-content-type-options"), "nosniff")
    assert.match(r.headers.get("cache-control") ?? "", /max-age=300/)
  })

  it("the chat frame may be embedded only by the shop's listed origins (frame-ancestors), never by others", async () => {
    const r = await call(server.app, "/widget/demo")
    assert.strictEqual(r.status, 200)
    const csp = r.headers.get("content-security-policy") ?? ""
    assert.match(csp, new RegExp(`frame-ancestors ${DEMO_STOREFRONT.replaceAll(".", "\\.")}(;|$)`))
    assert.include(csp, "script-src 'self'")
    assert.notInclude(csp, EVIL)
    // The app's own pages stay unframeable.
    assert.include(
      (await call(server.app, "/")).headers.get("content-security-policy") ?? "",
      "frame-ancestors 'none'",
    )
    assert.strictEqual((await call(server.app, "/widget/nope")).status, 404)
  })
})

describe("allowed origins", () => {
  it("the widget's config answers, with CORS, a listed origin only; others get no CORS header", async () => {
    const listed = await call(server.app, "/api/store/demo/widget", { headers: { origin: DEMO_STOREFRONT } })
    assert.strictEqual(listed.status, 200)
    assert.strictEqual(listed.headers.get("access-control-allow-origin"), DEMO_STOREFRONT)
    assert.deepEqual(await listed.json(), { shop: { id: "demo", name: "Maison Lumière" } })
    const evil = await call(server.app, "/api/store/demo/widget", { headers: { origin: EVIL } })
    assert.strictEqual(evil.status, 403)
    assert.isNull(evil.headers.get("access-control-allow-origin"))
    assert.strictEqual(((await evil.json()) as { error: { code: string } }).error.code, "OriginNotAllowed")
    const preflight = (origin: string) =>
      call(server.app, "/api/store/demo/widget", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET" },
      })
    assert.strictEqual(
      (await preflight(DEMO_STOREFRONT)).headers.get("access-control-allow-origin"),
      DEMO_STOREFRONT,
    )
    assert.isNull((await preflight(EVIL)).headers.get("access-control-allow-origin"))
    // The chat session routes are used from the inbox's own frame: no CORS for anyone.
    const chat = await call(server.app, "/api/store/chat", { headers: { origin: DEMO_STOREFRONT } })
    assert.isNull(chat.headers.get("access-control-allow-origin"))
  })

  it("a chat from an unlisted origin is refused and writes nothing; a page cannot name another site", async () => {
    const before = await dumpTables(server.client)
    for (const attempt of [
      start({}, { origin: EVIL }),
      start({ origin: DEMO_STOREFRONT }, { origin: EVIL }),
      start({ origin: EVIL }),
      start({}),
    ]) {
      const r = await attempt
      assert.strictEqual(r.status, 403)
      assert.strictEqual(((await r.json()) as { error: { code: string } }).error.code, "OriginNotAllowed")
    }
    assert.strictEqual(await dumpTables(server.client), before)
    // The browser's own Origin, or the frame's claim, on a listed origin.
    assert.strictEqual((await start({}, { origin: DEMO_STOREFRONT })).status, 201)
    assert.strictEqual((await start({ origin: DEMO_STOREFRONT })).status, 201)
  })

  it("a session works only from its own origin, and stops when the owner removes that origin", async () => {
    assert.strictEqual((await setOrigins([DEMO_STOREFRONT, OTHER])).status, 200)
    const { token } = (await jsonOf(await start({ origin: OTHER }))) as { token: string }
    const view = (origin?: string) =>
      call(server.app, "/api/store/chat", { token, ...(origin ? { headers: { origin } } : {}) })
    assert.strictEqual((await view()).status, 200)
    assert.strictEqual((await view(OTHER)).status, 200)
    // Another listed site (or any other) cannot use it, even with the token in hand.
    assert.strictEqual((await view(DEMO_STOREFRONT)).status, 403)
    assert.strictEqual((await view(EVIL)).status, 403)
    assert.strictEqual((await setOrigins([DEMO_STOREFRONT])).status, 200)
    const revoked = await view()
    assert.strictEqual(revoked.status, 403)
    assert.strictEqual(((await revoked.json()) as { error: { code: string } }).error.code, "OriginNotAllowed")
  })

  it("the owner's list is normalised and checked; chat staff may read it but not change it", async () => {
    const r = await setOrigins(["Shop.Example.com/products/x", "http://127.0.0.1:8788/", DEMO_STOREFRONT])
    assert.strictEqual(r.status, 200)
    assert.deepEqual(((await r.json()) as { allowedOrigins: string[] }).allowedOrigins, [
      "https://shop.example.com",
      "http://127.0.0.1:8788",
      DEMO_STOREFRONT,
    ])
    const bad = await setOrigins(["javascript:alert(1)"])
    assert.strictEqual(bad.status, 422)
    const refused = ((await bad.json()) as { error: { code: string; details: { origin: string } } }).error
    assert.strictEqual(refused.code, "OriginInvalid")
    assert.strictEqual(refused.details.origin, "javascript:alert(1)")
    const tooMany = await setOrigins(Array.from({ length: 21 }, (_, i) => `https://s${i}.example`))
    assert.strictEqual(((await tooMany.json()) as { error: { code: string } }).error.code, "TooManyOrigins")
    assert.strictEqual((await call(server.app, "/api/settings/storefront", { token: camille })).status, 200)
    const notOwner = await setOrigins([EVIL], camille)
    assert.strictEqual(notOwner.status, 403)
    assert.strictEqual(((await notOwner.json()) as { error: { code: string } }).error.code, "StaffNotOwner")
    assert.strictEqual((await setOrigins([DEMO_STOREFRONT])).status, 200)
  })
})

describe("signed identity", () => {
  const identity = (secret: string, id: string, email: string | null, name?: string) => ({
    id,
    email,
    ...(name === undefined ? {} : { name }),
    signature: hmac(secret, `${id}:${email ?? ""}`),
  })

  it("without a shop secret a signed customer is refused with a clear reason, not trusted", async () => {
    const r = await start({ origin: DEMO_STOREFRONT, identity: identity("x", "207119551", "a@b.example") })
    assert.strictEqual(r.status, 422)
    assert.strictEqual(
      ((await r.json()) as { error: { code: string } }).error.code,
      "IdentityVerificationOff",
    )
  })

  it("a valid signature links the chat to the store's customer on any device; a tampered one is refused", async () => {
    const created = await call(server.app, "/api/settings/storefront/identity-secret", {
      method: "POST",
      token: owner,
    })
    assert.strictEqual(created.status, 201)
    const { secret } = (await created.json()) as { secret: string }
    assert.isAtLeast(secret.length, 32)
    // Sealed at rest: no table holds the secret in clear.
    assert.notInclude(await dumpTables(server.client), secret)
    const camilleCreates = await call(server.app, "/api/settings/storefront/identity-secret", {
      method: "POST",
      token: camille,
    })
    assert.strictEqual(camilleCreates.status, 403)

    const who = identity(secret, "207119551", "margot@example.fr", "Margot Lefèvre")
    const first = (await jsonOf(await start({ origin: DEMO_STOREFRONT, identity: who }))) as Record<
      string,
      string
    >
    // Another browser, the same signed-in customer: the same customer and conversation.
    const again = (await jsonOf(await start({ origin: DEMO_STOREFRONT, identity: who }))) as Record<
      string,
      string
    >
    assert.strictEqual(again.customerId, first.customerId)
    assert.strictEqual(again.conversationId, first.conversationId)
    const view = (await jsonOf(await call(server.app, "/api/store/chat", { token: first.token! }))) as {
      conversation: { customerEmail: string | null }
    }
    assert.strictEqual(view.conversation.customerEmail, "margot@example.fr")

    const before = await dumpTables(server.client)
    for (const tampered of [
      { ...who, email: "someone.else@example.fr" },
      { ...who, id: "207119552" },
      { ...who, signature: who.signature.replace(/^./, (c) => (c === "0" ? "1" : "0")) },
      identity("not-the-secret", who.id, who.email),
    ]) {
      const r = await start({ origin: DEMO_STOREFRONT, identity: tampered })
      assert.strictEqual(r.status, 401)
      const body = (await r.json()) as { error: { code: string; message: string } }
      assert.strictEqual(body.error.code, "IdentitySignatureInvalid")
      assert.isNotEmpty(body.error.message)
    }
    assert.strictEqual(await dumpTables(server.client), before)

    // A new secret makes the old signatures worthless at once.
    await call(server.app, "/api/settings/storefront/identity-secret", { method: "POST", token: owner })
    assert.strictEqual((await start({ origin: DEMO_STOREFRONT, identity: who })).status, 401)
    const off = await call(server.app, "/api/settings/storefront/identity-secret", {
      method: "DELETE",
      token: owner,
    })
    assert.deepEqual(((await off.json()) as { identity: unknown }).identity, {
      enabled: false,
      createdAt: null,
    })
  })

  it("no identity is a guest, as before", async () => {
    assert.strictEqual((await start({ origin: DEMO_STOREFRONT, email: "guest@example.fr" })).status, 201)
  })
})
