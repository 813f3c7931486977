/**
 * Input the independent attack found answered wrongly: undecodable paths, control characters in search terms,
 * names and emails, and control bytes in a header. Each is a clear 4xx in the app's error shape, nothing stored.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { connect } from "node:net"
import { join } from "node:path"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { sign, signForShop } from "../../src/auth/Signature.ts"
import { DEFAULT_RETRY } from "../../src/channels/Dispatcher.ts"
import { call, dumpTables, isErrorBody, jsonOf, login, startChat } from "../reliability/kit.ts"
import { seededServer, tempDir } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>
let server: Server
let owner: string
const web = tempDir()

beforeAll(async () => {
  // A web build to serve, so the static-asset handler is in the path of every page request.
  mkdirSync(join(web.path, "assets"), { recursive: true })
  writeFileSync(join(web.path, "index.html"), "<!doctype html><title>Inbox</title>")
  writeFileSync(join(web.path, "store.html"), "<!doctype html><title>Store</title>")
  server = await seededServer({
    webDist: web.path,
    // No delivery in the background: only the request under test may change the tables.
    channels: {
      webhook: { url: null, secret: "test-webhook-secret", timeoutMs: 2_000 },
      sendEmail: null,
      retry: DEFAULT_RETRY,
      pollMs: 3_600_000,
    },
  })
  owner = (await login(server.app, "owner@demo.shop")).token
})
afterAll(async () => {
  await server.stop()
  web.remove()
})

/** The answer is `status` with the app's error body, and the database did not move. */
const refused = async (status: number, send: () => Promise<Response>, code?: string) => {
  const before = await dumpTables(server.client)
  const r = await send()
  const body = await r.json().catch(() => null)
  assert.strictEqual(r.status, status, JSON.stringify(body))
  assert.isTrue(isErrorBody(body), JSON.stringify(body))
  if (code !== undefined) assert.strictEqual((body as { error: { code: string } }).error.code, code)
  assert.strictEqual(await dumpTables(server.client), before, "nothing is written")
  return body as { error: { code: string; message: string; details: Record<string, unknown> } }
}

describe("L2 a path that does not decode", () => {
  it("GET /%ff (and friends) outside /api is a 400 InvalidRequest, not a 500", async () => {
    for (const path of ["/%ff", "/%E0%A4%A", "/store/%c0%af", "/assets/%ff.js", "/api/%ff"])
      await refused(400, () => call(server.app, path), "InvalidRequest")
    // A normal page still comes from the build.
    assert.strictEqual((await call(server.app, "/")).status, 200)
  })
})

describe("L3 control characters in a search term", () => {
  it("a NUL in a search of 3+ characters is a 400, on every search route", async () => {
    for (const path of [
      "/api/search?q=abc%00def",
      "/api/search?q=%00%00%00",
      "/api/conversations?q=abc%00def",
      "/api/products?q=abc%00def",
      "/api/discounts?q=abc%00",
    ])
      await refused(400, () => call(server.app, path, { token: owner }), "InvalidRequest")
    assert.strictEqual((await call(server.app, "/api/search?q=abc", { token: owner })).status, 200)
  })
})

describe("L4 control characters in names and emails", () => {
  it("a chat start whose name or email holds a NUL, CR/LF or escape is refused", async () => {
    const bodies = [
      { email: null, clientId: "l4-client-1", name: "Eve\u0000 Admin" },
      { email: null, clientId: "l4-client-2", name: "Eve\r\nX-Header: 1" },
      { email: "eve@example.com\u0000.attacker.example", clientId: "l4-client-3" },
      { email: null, clientId: "l4-client-4", name: "\u001b[31mred" },
    ]
    for (const body of bodies)
      await refused(
        400,
        () => call(server.app, "/api/store/demo/chat", { method: "POST", body }),
        "InvalidRequest",
      )
  })

  it("a signed platform message whose sender name holds a control character is refused", async () => {
    const body = JSON.stringify({
      messageId: "l4-webhook-1",
      externalCustomerId: "ext-l4",
      name: "Mallory\u0000 (verified)",
      email: null,
      text: "hello",
    })
    await refused(
      400,
      async () =>
        call(server.app, "/api/webhooks/messenger/demo", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-inbox-signature": await signForShop("test-webhook-secret", "demo", body),
          },
          body,
        }),
      "InvalidRequest",
    )
  })
})

describe("per-shop webhook secrets", () => {
  it("a message signed for one shop cannot enter another, and the deployment secret alone signs nothing", async () => {
    await server.client.execute(
      "INSERT INTO shops (id, name, currency, event_seq, created_at) VALUES ('othershop', 'Other', 'EUR', 0, 0)",
    )
    const message = (id: string) =>
      JSON.stringify({
        messageId: id,
        externalCustomerId: "ext-shops",
        name: "Nina",
        email: null,
        text: "hello",
      })
    const post = (shop: string, body: string, signature: string) =>
      call(server.app, `/api/webhooks/messenger/${shop}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inbox-signature": signature },
        body,
      })
    const demoBody = message("shops-1")
    await refused(
      401,
      async () => post("othershop", demoBody, await signForShop("test-webhook-secret", "demo", demoBody)),
      "WebhookSignatureInvalid",
    )
    await refused(
      401,
      async () => post("demo", demoBody, await sign("test-webhook-secret", demoBody)),
      "WebhookSignatureInvalid",
    )
    const otherBody = message("shops-2")
    const own = await post(
      "othershop",
      otherBody,
      await signForShop("test-webhook-secret", "othershop", otherBody),
    )
    assert.strictEqual(own.status, 202, await own.clone().text())
  })
})

describe("L5 a client write id sent again with another body is refused, not answered with the first", () => {
  const post = (path: string, body: unknown, token?: string) =>
    call(server.app, path, { method: "POST", ...(token === undefined ? {} : { token }), body })

  it("a reply, a shopper message, a cart change and a platform message: 422 IdempotencyKeyReused, nothing written", async () => {
    const reply = (text: string, token = owner) =>
      post("/api/conversations/conv_hugo/replies", { clientMessageId: "l5-reply", text }, token)
    assert.strictEqual((await reply("first")).status, 201)
    const firstAgain = await reply("first")
    assert.strictEqual(firstAgain.status, 201, "the same request again is still its replay")
    await refused(422, () => reply("second"), "IdempotencyKeyReused")
    // Another staff member with the same id is another request, even with the same text.
    const camille = (await login(server.app, "camille@demo.shop")).token
    await refused(422, () => reply("first", camille), "IdempotencyKeyReused")

    const chat = await startChat(server.app, "demo", "l5-shopper-client")
    const message = (text: string) =>
      post("/api/store/chat/messages", { clientMessageId: "l5-message", text }, chat.token)
    assert.strictEqual((await message("one")).status, 201)
    await refused(422, () => message("two"), "IdempotencyKeyReused")

    const store = (await jsonOf(await call(server.app, "/api/store/demo"))) as {
      products: Array<{ variants: Array<{ id: string; stock: number | null }> }>
    }
    const variant = store.products.flatMap((p) => p.variants).find((v) => v.stock === null || v.stock > 2)
    const cart = (quantity: number) =>
      post(
        "/api/store/chat/cart",
        { variantId: variant?.id, quantity, clientActionId: "l5-cart" },
        chat.token,
      )
    assert.strictEqual((await cart(1)).status, 200)
    await refused(422, () => cart(2), "IdempotencyKeyReused")

    const webhook = async (text: string) => {
      const body = JSON.stringify({
        messageId: "l5-webhook",
        externalCustomerId: "l5-ext",
        name: "N",
        email: null,
        text,
      })
      return call(server.app, "/api/webhooks/messenger/demo", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-inbox-signature": await signForShop("test-webhook-secret", "demo", body),
        },
        body,
      })
    }
    assert.strictEqual((await webhook("hello")).status, 202)
    await refused(422, () => webhook("changed"), "IdempotencyKeyReused")
  })
})

describe("L6 the cart holds only what the store has, within caps", () => {
  it("a sold-out variant or more than is left is refused (422, EN/FR), nothing written; up to the stock is fine", async () => {
    const chat = await startChat(server.app, "demo", "l6-shopper-client")
    const add = (variantId: string, quantity: number, locale = "en") =>
      call(server.app, "/api/store/chat/cart", {
        method: "POST",
        token: chat.token,
        headers: { "accept-language": locale },
        body: { variantId, quantity },
      })
    // The linen shirt in L is sold out (stock 0 in the demo shop); the carafe has 8 left.
    const soldOut = await refused(422, () => add("var_shirt_l", 1), "CartItemOutOfStock")
    assert.strictEqual(soldOut.error.message, "This item is sold out.")
    const fr = await refused(422, () => add("var_shirt_l", 1, "fr"), "CartItemOutOfStock")
    assert.strictEqual(fr.error.message, "Cet article est épuisé.")
    assert.strictEqual((await add("var_carafe", 8)).status, 200)
    const more = await refused(422, () => add("var_carafe", 1), "CartItemOutOfStock")
    assert.deepInclude(more.error.details, { variantId: "var_carafe", available: 8 })
  })
})

describe("L7 a saved reply's discount code is one of the shop's", () => {
  it("an unknown code or another shop's code is refused (404 DiscountNotFound), nothing stored; the shop's own is kept", async () => {
    await server.client.execute(
      "INSERT OR IGNORE INTO shops (id, name, currency, event_seq, created_at) VALUES ('othershop', 'Other', 'EUR', 0, 0)",
    )
    await server.client.execute(
      `INSERT INTO discount_codes (shop_id, code, value, starts_at, ends_at, enabled, usage_count, usage_limit)
       VALUES ('othershop', 'OTHER10', '{"_tag":"Percentage","percent":10}', 0, NULL, 1, 0, NULL)`,
    )
    const save = (shortcut: string, discountCode: string) =>
      call(server.app, "/api/saved-replies", {
        method: "POST",
        token: owner,
        body: { shortcut, text: "Here is a code", discountCode },
      })
    await refused(404, () => save("l7-unknown", "NOPE-NOPE"), "DiscountNotFound")
    await refused(404, () => save("l7-other", "OTHER10"), "DiscountNotFound")
    const own = await save("l7-own", "welcome10")
    assert.strictEqual(own.status, 201, await own.clone().text())
    assert.strictEqual(
      ((await own.json()) as { savedReply: { discountCode: string } }).savedReply.discountCode,
      "WELCOME10",
    )
  })
})

describe("control bytes in a header", () => {
  /** One raw HTTP/1.1 request to the real listener; the whole answer as text. */
  const raw = (request: string) =>
    new Promise<string>((ok, ko) => {
      const socket = connect(server.port, "127.0.0.1", () => socket.write(request))
      let answer = ""
      socket.on("data", (d: Buffer) => {
        answer += d.toString("latin1")
      })
      socket.on("end", () => ok(answer))
      socket.on("close", () => ok(answer))
      socket.on("error", ko)
    })

  it("answers 400 with the JSON error body (not Node's bare answer), and the server carries on", async () => {
    for (const header of ["X-Test: a\u0001b", "X-Test: a\u0000b", "Accept-Language: fr\u007f"]) {
      const answer = await raw(`GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}\r\n\r\n`)
      const [head, ...rest] = answer.split("\r\n\r\n")
      assert.match(head ?? "", /^HTTP\/1\.1 400 /, answer)
      assert.match(head ?? "", /content-type: application\/json/i, answer)
      const body: unknown = JSON.parse(rest.join("\r\n\r\n"))
      assert.isTrue(isErrorBody(body), answer)
      assert.strictEqual((body as { error: { code: string } }).error.code, "InvalidRequest")
    }
    // The server is still there.
    assert.deepStrictEqual(await jsonOf(await fetch(`http://127.0.0.1:${server.port}/healthz`)), { ok: true })
  })
})
