/**
 * Abuse limits: message length, JSON body size, image size and type by magic bytes (never the declared
 * MIME type), and the per-session / per-address token buckets of the storefront with 429 + Retry-After.
 */
import { MAX_MESSAGE_LENGTH } from "@inbox/core"
import { MAX_IMAGE_BYTES } from "@inbox/core/wire"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { MAX_JSON_BODY_BYTES } from "../../src/app.ts"
import { DEFAULT_RATE_LIMITS, rateLimitsFromEnv, tokenBuckets } from "../../src/http/middleware/rateLimit.ts"
import { call, dumpTables, isErrorBody, jsonOf, login, PNG_1x1, startChat } from "../reliability/kit.ts"
import { seededServer } from "./harness.ts"

type Server = Awaited<ReturnType<typeof seededServer>>
let server: Server
let owner: string

beforeAll(async () => {
  server = await seededServer({
    rateLimits: {
      chat: { capacity: 4, refillPerSecond: 0.001 },
      storefront: { capacity: 6, refillPerSecond: 0.001 },
      login: { capacity: 50, refillPerSecond: 1 },
      account: { capacity: 50, refillPerSecond: 1 },
    },
  })
  owner = (await login(server.app, "owner@demo.shop")).token
})
afterAll(() => server.stop())

const expectError = async (r: Response, status: number, code: string) => {
  const body = await jsonOf(r)
  assert.strictEqual(r.status, status, JSON.stringify(body))
  assert.isTrue(isErrorBody(body), JSON.stringify(body))
  assert.strictEqual((body as { error: { code: string } }).error.code, code)
}

describe("token buckets", () => {
  it("allows a burst of `capacity`, then asks to wait, and refills with time", () => {
    const buckets = tokenBuckets({ capacity: 3, refillPerSecond: 0.5 })
    const t0 = 1_000_000
    assert.deepStrictEqual(
      [0, 1, 2].map(() => buckets.take("a", t0)),
      [null, null, null],
    )
    assert.strictEqual(buckets.take("a", t0), 2)
    // Another key has its own bucket.
    assert.isNull(buckets.take("b", t0))
    assert.isNull(buckets.take("a", t0 + 2_000))
    assert.isNotNull(buckets.take("a", t0 + 2_000))
  })

  it("INBOX_RATE_LIMITS=off lifts every limit; anything else keeps the defaults", () => {
    const off = tokenBuckets(rateLimitsFromEnv("off").chat)
    for (let i = 0; i < 10_000; i++) assert.isNull(off.take("k", 0))
    assert.deepStrictEqual(rateLimitsFromEnv(undefined), DEFAULT_RATE_LIMITS)
    assert.deepStrictEqual(rateLimitsFromEnv("0"), DEFAULT_RATE_LIMITS)
  })
})

describe("storefront rate limits", () => {
  it("a chat session past its burst gets 429 RateLimited with Retry-After, and nothing is written", async () => {
    const chat = await startChat(server.app, "demo", "limit-session-1")
    const statuses: Array<number> = []
    for (let i = 0; i < 4; i++) {
      const r = await call(server.app, "/api/store/chat/messages", {
        method: "POST",
        token: chat.token,
        body: { clientMessageId: `lim-${i}`, text: `hello ${i}` },
      })
      statuses.push(r.status)
    }
    assert.deepStrictEqual(statuses, [201, 201, 201, 201])
    const before = await dumpTables(server.client)
    const refused = await call(server.app, "/api/store/chat/messages", {
      method: "POST",
      token: chat.token,
      body: { clientMessageId: "lim-5", text: "one too many" },
    })
    const retryAfter = Number(refused.headers.get("retry-after"))
    assert.isTrue(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After ${retryAfter}`)
    await expectError(refused, 429, "RateLimited")
    assert.strictEqual(await dumpTables(server.client), before)
    // Another shopper's session is not affected.
    const other = await startChat(server.app, "demo", "limit-session-2")
    const ok = await call(server.app, "/api/store/chat/messages", {
      method: "POST",
      token: other.token,
      body: { clientMessageId: "lim-other", text: "hi" },
    })
    assert.strictEqual(ok.status, 201)
  })

  it("one address starting chats and reading the store is limited too", async () => {
    let last: Response | null = null
    // In process there is no socket: the app reads the address as on Workers, from cf-connecting-ip.
    const from = (ip: string) => ({ headers: { "cf-connecting-ip": ip } })
    for (let i = 0; i < 8 && (last === null || last.status !== 429); i++)
      last = await call(server.app, "/api/store/demo", from("203.0.113.7"))
    await expectError(last!, 429, "RateLimited")
    assert.strictEqual((await call(server.app, "/api/store/demo", from("203.0.113.8"))).status, 200)
  })
})

describe("message and body limits", () => {
  it(`a message over ${MAX_MESSAGE_LENGTH} characters is refused (422 MessageTooLong), a reply too`, async () => {
    const text = "x".repeat(MAX_MESSAGE_LENGTH + 1)
    await expectError(
      await call(server.app, "/api/conversations/conv_hugo/replies", {
        method: "POST",
        token: owner,
        body: { clientMessageId: "too-long-reply", text },
      }),
      422,
      "MessageTooLong",
    )
  })

  it("a JSON body over the limit is refused with 413 RequestTooLarge before it is parsed", async () => {
    const body = JSON.stringify({ clientMessageId: "huge", text: "y".repeat(MAX_JSON_BODY_BYTES) })
    const before = await dumpTables(server.client)
    await expectError(
      await call(server.app, "/api/conversations/conv_hugo/replies", {
        method: "POST",
        token: owner,
        headers: { "content-type": "application/json" },
        body,
      }),
      413,
      "RequestTooLarge",
    )
    // Streamed without a Content-Length: still refused.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body))
        controller.close()
      },
    })
    const streamed = await server.app.request("http://127.0.0.1/api/conversations/conv_hugo/replies", {
      method: "POST",
      headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit)
    await expectError(streamed, 413, "RequestTooLarge")
    assert.strictEqual(await dumpTables(server.client), before)
  })
})

describe("images (R18)", () => {
  const upload = (bytes: Uint8Array, contentType: string) =>
    call(server.app, "/api/images", {
      method: "POST",
      token: owner,
      headers: { "content-type": contentType },
      body: bytes,
    })

  it("types come from the magic bytes: HTML or SVG sent as image/png is refused (415)", async () => {
    const before = await dumpTables(server.client)
    const lies = [
      new TextEncoder().encode("<html><script>alert(1)</script></html>"),
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]),
      new Uint8Array(),
      PNG_1x1.slice(0, 7),
    ]
    for (const bytes of lies) await expectError(await upload(bytes, "image/png"), 415, "ImageTypeNotAllowed")
    assert.strictEqual(await dumpTables(server.client), before)
  })

  it("a real PNG declared as image/gif is stored and served as image/png with nosniff", async () => {
    const r = await upload(PNG_1x1, "image/gif")
    assert.strictEqual(r.status, 201)
    const { image, url } = (await r.json()) as { image: { contentType: string }; url: string }
    assert.strictEqual(image.contentType, "image/png")
    const served = await call(server.app, url)
    assert.strictEqual(served.headers.get("content-type"), "image/png")
    assert.strictEqual(served.headers.get("x-content-type-options"), "nosniff")
  })

  it(`an image over ${MAX_IMAGE_BYTES} bytes is refused (413 ImageTooLarge)`, async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1)
    big.set(PNG_1x1)
    await expectError(await upload(big, "image/png"), 413, "ImageTooLarge")
  })

  it("a shopper cannot send an image (403 CustomerCannotSendImages)", async () => {
    const chat = await startChat(server.app, "demo", "limit-images-1", null, "198.51.100.1")
    await expectError(
      await call(server.app, "/api/store/chat/messages", {
        method: "POST",
        token: chat.token,
        body: { clientMessageId: "img", text: "", hasImage: true },
      }),
      403,
      "CustomerCannotSendImages",
    )
  })
})
